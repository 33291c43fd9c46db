import assert from "node:assert/strict";
import { PROTOCOL_VERSION } from "../protocol/constants.ts";
import { type Msg, setup } from "./room_testing.ts";

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
