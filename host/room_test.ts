import assert from "node:assert/strict";
import { PROTOCOL_VERSION } from "../protocol/constants.ts";
import { type Msg, setup } from "./room_testing.ts";
import { LOBBY_INTERVAL_MS } from "./room.ts";

Deno.test("room: joining", async (t) => {
  await t.step("welcome then lobby to the joiner, joined to the others", () => {
    const { joinOk, changes } = setup();
    const ana = joinOk("ana");
    assert.deepEqual(ana.port.types(), ["welcome", "lobby"]);
    const welcome = ana.port.sent[0];
    assert.equal(welcome.protocol, PROTOCOL_VERSION);
    assert.deepEqual(welcome.you, {
      id: ana.id,
      nickname: "ana",
      leader: true,
    });
    assert.deepEqual(welcome.room, {
      name: "Salle 12",
      hostId: "h-1",
      capacity: 32,
      epoch: 0,
    });
    assert.equal(typeof welcome.token, "string");
    assert.ok(welcome.capabilities.includes("justeprix"));
    ana.port.clear();
    const bob = joinOk("bob");
    assert.deepEqual(bob.port.types(), ["welcome", "lobby"]);
    assert.equal(bob.port.sent[0].you.leader, false);
    assert.notEqual(bob.id, ana.id);
    assert.notEqual(bob.port.sent[0].token, welcome.token);
    assert.deepEqual(ana.port.types(), ["joined", "lobby"]);
    assert.equal(ana.port.sent[0].nickname, "bob");
    const lobby = bob.port.last("lobby")!;
    assert.equal(lobby.state, "lobby");
    assert.equal(lobby.game, "justeprix");
    assert.deepEqual(lobby.games, ["justeprix", "duo"]);
    assert.deepEqual(
      lobby.players.map((
        p: Msg,
      ) => [p.nickname, p.leader, p.score, p.mode, p.connected]),
      [["ana", true, 0, "json", true], ["bob", false, 0, "json", true]],
    );
    assert.deepEqual(changes.at(-1), {
      players: 2,
      capacity: 32,
      state: "lobby",
      game: "justeprix",
    });
  });

  await t.step("nicknames are unique, case-insensitively (non-fatal)", () => {
    const { join, joinOk, room } = setup();
    const ana = joinOk("Zoé");
    for (const nickname of ["Zoé", "zoé", "ZOÉ", " zoÉ "]) {
      const { r, port } = join(nickname);
      assert.equal(r.ok, false);
      assert.deepEqual(
        port.sent,
        [],
        "a refused joiner is sent nothing by the room",
      );
      if (!r.ok) {
        assert.equal(r.code, "nickname_taken");
        assert.equal(r.fatal, false);
        assert.match(r.message, /taken/);
      }
    }
    assert.deepEqual(room.nicknames(), ["Zoé"]);
    room.leave(ana.id, "quit");
    joinOk("ZOÉ");
  });

  await t.step(
    "bad nicknames are refused (non-fatal), good ones trimmed",
    () => {
      const { join, joinOk } = setup();
      for (const nickname of ["a b", "", "x".repeat(17), "<script>"]) {
        const { r } = join(nickname, { lang: "fr" });
        assert.equal(r.ok, false, nickname);
        if (!r.ok) {
          assert.equal(r.code, "bad_nickname");
          assert.equal(r.fatal, false);
          assert.match(r.message, /Pseudo/);
          assert.match(r.message, /16/);
        }
      }
      const bob = joinOk("  bob ");
      assert.equal(bob.port.sent[0].you.nickname, "bob");
    },
  );

  await t.step(
    "a protocol version mismatch is fatal and names both versions",
    () => {
      const { join } = setup();
      const { r } = join("ana", { protocol: 7 });
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.code, "version");
        assert.equal(r.fatal, true);
        assert.match(r.message, /7/);
        assert.match(r.message, new RegExp(String(PROTOCOL_VERSION)));
      }
    },
  );

  await t.step("a full room refuses (fatal), a leave makes room", () => {
    const { join, joinOk, room } = setup({ capacity: 2 });
    joinOk("ana");
    const bob = joinOk("bob");
    const { r } = join("cy");
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.code, "room_full");
      assert.equal(r.fatal, true);
      assert.match(r.message, /2/);
    }
    room.leave(bob.id, "disconnected");
    joinOk("cy");
  });

  await t.step("a newcomer sees recent chat after the welcome", () => {
    const { joinOk, room } = setup({ chatHistory: 2 });
    const ana = joinOk("ana");
    for (const text of ["one", "two", "three"]) {
      room.receive(ana.id, { type: "chat", text });
    }
    const bob = joinOk("bob");
    assert.deepEqual(bob.port.types(), ["welcome", "chat", "chat", "lobby"]);
    assert.deepEqual(bob.port.of("chat").map((c) => c.text), ["two", "three"]);
  });
});

Deno.test("room: lobby messages", async (t) => {
  await t.step("chat goes to everyone with the sender's nickname", () => {
    const { joinOk, room, clock } = setup();
    const ana = joinOk("ana");
    const bob = joinOk("bob");
    ana.port.clear();
    bob.port.clear();
    clock.time = 5_000_000;
    room.receive(bob.id, { type: "chat", text: "  salut à tous " });
    const expected = {
      type: "chat",
      id: bob.id,
      from: "bob",
      text: "salut à tous",
      at: 5_000_000,
    };
    assert.deepEqual(ana.port.sent, [expected]);
    assert.deepEqual(bob.port.sent, [expected]);
  });

  await t.step(
    "a bad message earns its sender alone an error in their language",
    () => {
      const { joinOk, room } = setup();
      const ana = joinOk("ana", { lang: "fr" });
      const bob = joinOk("bob");
      ana.port.clear();
      bob.port.clear();
      room.receive(ana.id, { type: "chat", text: "x".repeat(301) });
      room.receive(ana.id, { type: "dance" });
      room.receive(ana.id, [1, 2]);
      assert.deepEqual(ana.port.sent.map((m) => [m.type, m.code]), [
        ["error", "invalid_message"],
        ["error", "unknown_type"],
        ["error", "no_type"],
      ]);
      assert.match(
        ana.port.sent[0].message,
        /^Message « chat » invalide : field "text"/,
      );
      assert.match(ana.port.sent[1].message, /inconnu « dance »/);
      assert.deepEqual(bob.port.sent, []);
    },
  );

  await t.step("ping → pong with the id and the host time", () => {
    const { joinOk, room, clock } = setup();
    const ana = joinOk("ana");
    ana.port.clear();
    room.receive(ana.id, { type: "ping", id: "p-9" });
    room.receive(ana.id, { type: "ping" });
    assert.deepEqual(ana.port.sent, [
      { type: "pong", id: "p-9", at: clock.now() },
      { type: "pong", at: clock.now() },
    ]);
  });

  await t.step("lang switches the language of later errors", () => {
    const { joinOk, room } = setup();
    const ana = joinOk("ana", { lang: "en" });
    room.receive(ana.id, { type: "stop" });
    room.receive(ana.id, { type: "lang", lang: "fr" });
    room.receive(ana.id, { type: "stop" });
    assert.equal(room.langOf(ana.id), "fr");
    assert.deepEqual(ana.port.of("error").map((e) => e.message), [
      "No game is running.",
      "Aucune partie en cours.",
    ]);
  });

  await t.step("quit closes the member and tells the others", () => {
    const { joinOk, room } = setup();
    const ana = joinOk("ana", { lang: "fr" });
    const bob = joinOk("bob", { lang: "fr" });
    bob.port.clear();
    room.receive(ana.id, { type: "quit" });
    assert.deepEqual(ana.port.closed, [{
      reason: "quit",
      message: "à bientôt !",
    }]);
    assert.deepEqual(bob.port.of("left"), [{
      type: "left",
      id: ana.id,
      nickname: "ana",
      reason: "au revoir",
    }]);
    assert.deepEqual(room.nicknames(), ["bob"]);
  });

  await t.step("a move while no game runs → no_game", () => {
    const { joinOk, room } = setup();
    const ana = joinOk("ana");
    room.receive(ana.id, { type: "guess", value: 5 });
    assert.equal(ana.port.last("error")!.code, "no_game");
  });

  await t.step("unknown members are ignored", () => {
    const { room } = setup();
    room.receive("p99", { type: "chat", text: "x" });
    room.leave("p99", "quit");
    room.error("p99", "no_game");
    assert.equal(room.langOf("p99"), undefined);
  });
});

Deno.test("room: players say they are ready; it shows in the lobby and resets at start", () => {
  const { room, joinOk } = setup();
  const ana = joinOk("ana");
  const bob = joinOk("bob");
  room.receive(bob.id, { type: "ready" });
  const lobby = bob.port.last("lobby")!;
  const ready = Object.fromEntries(
    lobby.players.map((
      p: { nickname: string; ready: boolean },
    ) => [p.nickname, p.ready]),
  );
  assert.deepEqual(ready, { ana: false, bob: true });
  room.receive(bob.id, { type: "ready", ready: false });
  assert.equal(bob.port.last("lobby")!.players[1].ready, false);
  room.receive(bob.id, { type: "ready" });
  room.receive(ana.id, { type: "start" });
  const afterStart = ana.port.last("lobby")!;
  assert.equal(afterStart.state, "playing");
  assert.ok(afterStart.players.every((p: { ready: boolean }) => !p.ready));
});

Deno.test("room: without a host key a bot leads only while no person is in", () => {
  const { room, joinOk } = setup();
  const bot = joinOk("robot", { bot: true });
  assert.equal(bot.port.last("lobby")!.players[0].leader, true);
  const ana = joinOk("ana");
  const lobby = ana.port.last("lobby")!;
  const leader = lobby.players.find((p: { leader: boolean }) => p.leader);
  assert.equal(leader.nickname, "ana");
  room.receive(bot.id, { type: "start" });
  assert.equal(bot.port.last("error")!.code, "not_leader");
});

Deno.test("room: a join while the room closes is refused as closing", () => {
  const { room, join } = setup();
  room.close();
  const j = join("late");
  assert.equal(j.r.ok, false);
  assert.equal(!j.r.ok && j.r.code, "host_closed");
});

Deno.test("room: lobby updates are coalesced", async (t) => {
  await t.step(
    "first at once, then at most one per interval with the latest state",
    () => {
      const { joinOk, room, clock } = setup({
        lobbyIntervalMs: LOBBY_INTERVAL_MS,
      });
      const ana = joinOk("ana");
      const bob = joinOk("bob"); // bob gets his lobby at once; ana's waits
      assert.equal(bob.port.of("lobby").length, 1);
      assert.equal(ana.port.of("lobby").length, 1);
      for (let i = 0; i < 50; i++) room.receive(bob.id, { type: "ready" });
      room.receive(bob.id, { type: "ready", ready: true });
      assert.equal(
        ana.port.of("lobby").length,
        1,
        "nothing before the interval",
      );
      clock.advance(LOBBY_INTERVAL_MS);
      assert.equal(ana.port.of("lobby").length, 2);
      const last = ana.port.last("lobby")!;
      assert.deepEqual(last.players.map((p: Msg) => [p.nickname, p.ready]), [
        ["ana", false],
        ["bob", true],
      ]);
      clock.advance(10 * LOBBY_INTERVAL_MS);
      assert.equal(ana.port.of("lobby").length, 2, "no timer left running");
      room.receive(bob.id, { type: "ready", ready: false });
      assert.equal(
        ana.port.of("lobby").length,
        3,
        "after a quiet spell: at once",
      );
    },
  );
  await t.step("no lobby when the state came back to the one last sent", () => {
    const { joinOk, room, clock } = setup({
      lobbyIntervalMs: LOBBY_INTERVAL_MS,
    });
    const ana = joinOk("ana");
    const bob = joinOk("bob");
    clock.advance(2 * LOBBY_INTERVAL_MS); // the pending one goes, then quiet
    const before = ana.port.of("lobby").length;
    room.receive(bob.id, { type: "ready" }); // quiet before: sent at once
    assert.equal(ana.port.of("lobby").length, before + 1);
    room.receive(bob.id, { type: "ready" });
    room.receive(bob.id, { type: "ready" }); // back to what was sent
    clock.advance(LOBBY_INTERVAL_MS);
    assert.equal(ana.port.of("lobby").length, before + 1);
    room.receive(bob.id, { type: "ready", ready: true });
    assert.equal(
      ana.port.of("lobby").length,
      before + 1,
      "same state: not sent again",
    );
  });
  await t.step("a room that closes stops its lobby timer", () => {
    const { joinOk, room, clock } = setup({
      lobbyIntervalMs: LOBBY_INTERVAL_MS,
    });
    const ana = joinOk("ana");
    joinOk("bob");
    room.close();
    assert.equal(clock.timers.length, 0);
    assert.equal(ana.port.of("lobby").length, 1);
  });
});

Deno.test("room: kick", async (t) => {
  await t.step(
    "the leader kicks by id or nickname: bye kicked, seat and name freed, banned",
    () => {
      const { joinOk, join, room } = setup();
      const ana = joinOk("ana", { address: "198.18.0.1" });
      const bob = joinOk("bob", { address: "198.18.0.2" });
      const cy = joinOk("cy", { address: "198.18.0.3" });
      room.receive(ana.id, { type: "kick", id: bob.id });
      assert.deepEqual(bob.port.closed.map((c) => c.reason), ["kicked"]);
      assert.deepEqual(room.nicknames(), ["ana", "cy"]);
      assert.equal(ana.port.last("left")!.nickname, "bob");
      assert.equal(cy.port.last("left")!.reason, "kicked");
      // Same address, or a look-alike of the nickname: banned (fatal).
      for (
        const [nickname, address] of [
          ["zed", "198.18.0.2"],
          ["bob", "198.18.0.9"],
          ["B0B", "198.18.0.9"],
        ]
      ) {
        const r = join(nickname, { address }).r;
        assert.equal(r.ok ? "" : r.code, "banned", nickname);
        assert.equal(!r.ok && r.fatal, true);
      }
      // A kicked machine cannot come back as a projector either.
      const screen = join("screen", { address: "198.18.0.2", watcher: true }).r;
      assert.equal(screen.ok ? "" : screen.code, "banned");
      assert.equal(
        join("screen", { address: "198.18.0.7", watcher: true }).r.ok,
        true,
      );
      joinOk("dan", { address: "198.18.0.9" });
      room.receive(ana.id, { type: "kick", id: "CY" });
      assert.deepEqual(cy.port.closed.map((c) => c.reason), ["kicked"]);
    },
  );
  await t.step(
    "loopback addresses are not banned (the host's own machine)",
    () => {
      const { joinOk, join, room } = setup();
      const ana = joinOk("ana", { address: "127.0.0.1" });
      const bob = joinOk("bob", { address: "127.0.0.1" });
      room.receive(ana.id, { type: "kick", id: bob.id });
      assert.equal(join("cy", { address: "127.0.0.1" }).r.ok, true);
      assert.equal(join("bob", { address: "127.0.0.1" }).r.ok, false);
    },
  );
  await t.step("non-leaders, unknown players and oneself are refused", () => {
    const { joinOk, room } = setup();
    const ana = joinOk("ana");
    const bob = joinOk("bob");
    room.receive(bob.id, { type: "kick", id: ana.id });
    assert.equal(bob.port.last("error")!.code, "not_leader");
    room.receive(ana.id, { type: "kick", id: "nobody" });
    assert.equal(ana.port.last("error")!.code, "unknown_player");
    room.receive(ana.id, { type: "kick", id: ana.id });
    assert.equal(ana.port.last("error")!.code, "kick_self");
    assert.deepEqual(room.nicknames(), ["ana", "bob"]);
    assert.deepEqual(ana.port.closed, []);
    assert.deepEqual(bob.port.closed, []);
  });
});

Deno.test("room: PIN and look-alike nicknames", async (t) => {
  await t.step("a locked room wants the PIN", () => {
    const { join } = setup({ pin: "4711" });
    assert.equal(codeOf(join("ana").r), "pin_required");
    assert.equal(codeOf(join("ana", { pin: "0000" }).r), "bad_pin");
    assert.equal(codeOf(join("ana", { pin: "4711" }).r), "ok");
  });
  await t.step(
    "look-alikes of a present player are refused, case stays taken",
    () => {
      const { join, joinOk, room } = setup();
      const alice = joinOk("Alice");
      for (
        const n of ["AIice", "A1ice", "Ａｌｉｃｅ", "𝐀𝐥𝐢𝐜𝐞", "ᴀʟɪᴄᴇ", "Alicé"]
      ) {
        assert.equal(codeOf(join(n).r), "nickname_confusable", n);
      }
      assert.equal(codeOf(join("\u0410lice").r), "nickname_mixed_script");
      assert.equal(codeOf(join("alice").r), "nickname_taken");
      joinOk("Alicia");
      room.leave(alice.id, "quit");
      joinOk("AIice"); // Alice is gone: the name is free
    },
  );
});

Deno.test("room: choose during a game is refused", () => {
  const { joinOk, room } = setup();
  const ana = joinOk("ana");
  joinOk("bob");
  room.receive(ana.id, { type: "start" });
  assert.equal(room.summary().state, "playing");
  room.receive(ana.id, { type: "choose", game: "duo" });
  const err = ana.port.last("error")!;
  assert.equal(err.code, "game_running");
  assert.match(err.message, /when it ends/);
  assert.equal(room.summary().game, "justeprix");
  assert.equal(ana.port.last("lobby")!.game, "justeprix");
});

function codeOf(r: { ok: boolean; code?: string }): string {
  return r.ok ? "ok" : r.code!;
}

Deno.test("room: every Object.prototype name, in every field that names something, is an error", () => {
  const names = [...Object.getOwnPropertyNames(Object.prototype), "__proto__"];
  const { joinOk, room } = setup();
  const ana = joinOk("ana");
  const bob = joinOk("bob");
  const tries = (name: string): [string, string][] => [
    [`{"type":"choose","game":${JSON.stringify(name)}}`, "unknown_game"],
    [`{"type":"start","game":${JSON.stringify(name)}}`, "unknown_game"],
    [`{"type":${JSON.stringify(name)}}`, "unknown_type"],
    [`{"type":"kick","id":${JSON.stringify(name)}}`, "unknown_player"],
    [
      `{"type":"choose","game":"duo","options":{${JSON.stringify(name)}:1}}`,
      "*",
    ],
    [
      `{"type":"start","game":"duo","options":{${JSON.stringify(name)}:1}}`,
      "*",
    ],
  ];
  for (const name of names) {
    for (const [line, code] of tries(name)) {
      ana.port.clear();
      room.receive(ana.id, JSON.parse(line));
      const err = ana.port.last("error");
      assert.ok(err, line);
      if (code !== "*") assert.equal(err.code, code, line);
      else {
        assert.ok(
          ["bad_options", "invalid_message", "unknown_type"].includes(err.code),
          `${line}: ${err.code}`,
        );
      }
    }
  }
  assert.equal(room.summary().state, "lobby");
  assert.equal(room.summary().game, "justeprix");
  room.receive(ana.id, { type: "start", game: "duo" });
  assert.equal(room.summary().state, "playing");
  for (const name of names) {
    ana.port.clear();
    room.receive(ana.id, JSON.parse(`{"type":${JSON.stringify(name)}}`));
    assert.ok(ana.port.last("error"), name);
    room.receive(ana.id, { type: "choose", game: name });
    assert.equal(ana.port.last("error")!.code, "game_running");
  }
  room.receive(bob.id, { type: "poke" });
  assert.equal(bob.port.of("poked").length, 1, "the game goes on");
});

Deno.test("room: options the game does not know are refused", () => {
  const { joinOk, room } = setup();
  const ana = joinOk("ana");
  joinOk("bob");
  room.receive(ana.id, { type: "choose", game: "duo", options: { sped: 2 } });
  const err = ana.port.last("error")!;
  assert.equal(err.code, "bad_options");
  assert.match(err.message, /unknown option "sped"/);
  room.receive(ana.id, { type: "start", game: "duo", options: { sped: 2 } });
  assert.equal(ana.port.last("error")!.code, "bad_options");
  assert.equal(room.summary().state, "lobby");
  room.receive(ana.id, { type: "start", game: "duo", options: { speed: 2 } });
  assert.equal(room.summary().state, "playing");
});
