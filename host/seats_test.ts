import assert from "node:assert/strict";
import { z } from "zod";
import { MAX_HELD_PER_ADDRESS, MAX_WATCHERS } from "../protocol/constants.ts";
import type { Game } from "../games/types.ts";
import { duo, JP_OPTIONS, type Msg, settle, setup } from "./room_testing.ts";
import { justeprix } from "../games/justeprix/mod.ts";

const GRACE = 30_000;

/** Plays one duel: the first seat gets 5 points. */
async function duel(
  room: ReturnType<typeof setup>["room"],
  leader: { id: string },
) {
  room.receive(leader.id, { type: "start", game: "duo" });
  room.receive(leader.id, { type: "poke" });
  await settle();
}

/** A game that records presence changes in its view. */
const roll: Game<{ log: string[] }, Record<string, unknown>> = {
  ...duo,
  rules: {
    ...duo.rules,
    id: "roll",
    minPlayers: 1,
    optionsSchema: z.object({}),
    start: () => ({ state: { log: [] }, out: [] }),
    move: (s) => ({ state: s, out: [] }),
    tick: (s) => ({ state: s, out: [] }),
    deadline: () => null,
    over: () => false,
    leave: (s, seat) => ({
      state: { log: [...s.log, `leave ${seat}`] },
      out: [],
    }),
    presence: (s, seat, present) => ({
      state: { log: [...s.log, `${present ? "back" : "away"} ${seat}`] },
      out: [],
    }),
    standings: () => [],
    view: (s) => ({ log: s.log }),
    save: undefined,
    load: undefined,
  },
};

Deno.test("seats: a lost player's seat is held, then taken back", async (t) => {
  await t.step(
    "away for the others; score, nickname and seat kept",
    async () => {
      const { joinOk, room } = setup({ graceMs: GRACE });
      const ana = joinOk("ana");
      const bob = joinOk("bob");
      await duel(room, ana);
      ana.port.clear();
      room.lost(bob.id, bob.port, "disconnected");
      assert.deepEqual(ana.port.last("away"), {
        type: "away",
        id: bob.id,
        nickname: "bob",
        graceMs: GRACE,
      });
      const players = ana.port.last("lobby")!.players;
      assert.deepEqual(
        players.map((p: Msg) => [p.nickname, p.connected, p.score]),
        [["ana", true, 5], ["bob", false, 0]],
      );
      // Ads and logs count the players here: a held seat is not.
      assert.equal(room.summary().players, 1, "a held seat is not here");
      assert.equal(ana.port.of("left").length, 0);
    },
  );

  await t.step(
    "the token gives the same seat back: same id, score, token",
    async () => {
      const { joinOk, join, room } = setup({ graceMs: GRACE });
      const ana = joinOk("ana");
      const bob = joinOk("bob");
      await duel(room, ana); // ana is the first seat: 5 points
      const token = ana.port.sent[0].token;
      room.lost(ana.id, ana.port, "timeout");
      bob.port.clear();
      const again = join("whatever", { token });
      assert.equal(again.r.ok, true);
      assert.equal(again.id, ana.id);
      const w = again.port.sent[0];
      assert.equal(w.type, "welcome");
      assert.equal(w.rejoined, true);
      assert.equal(w.token, token);
      assert.deepEqual(w.you, { id: ana.id, nickname: "ana", leader: true });
      assert.deepEqual(bob.port.last("back"), {
        type: "back",
        id: ana.id,
        nickname: "ana",
      });
      const me = again.port.last("lobby")!.players.find((p: Msg) =>
        p.id === ana.id
      );
      assert.deepEqual([me.connected, me.score], [true, 5]);
      // The old connection's late end does not free the new one's seat.
      room.lost(ana.id, ana.port, "disconnected");
      assert.equal(bob.port.of("away").length, 0);
    },
  );

  await t.step(
    "a token while still connected replaces the old connection",
    () => {
      const { joinOk, join, room } = setup({ graceMs: GRACE });
      const ana = joinOk("ana");
      const bob = joinOk("bob");
      const again = join("ana", { token: ana.port.sent[0].token });
      assert.equal(again.id, ana.id);
      assert.deepEqual(ana.port.closed.map((c) => c.reason), ["replaced"]);
      room.lost(ana.id, ana.port, "disconnected"); // the replaced socket ends
      assert.equal(bob.port.of("away").length, 0);
      room.receive(again.id, { type: "chat", text: "me again" });
      assert.equal(bob.port.last("chat")!.from, "ana");
    },
  );

  await t.step("an unknown token is a plain join", () => {
    const { joinOk } = setup({ graceMs: GRACE });
    joinOk("ana");
    const bob = joinOk("bob", { token: "not-a-token" });
    assert.equal(bob.port.sent[0].rejoined, false);
    assert.equal(bob.id, "p2");
  });

  await t.step("grace over: the seat and the nickname are freed", () => {
    const { joinOk, join, room, clock } = setup({ graceMs: GRACE });
    const ana = joinOk("ana");
    const bob = joinOk("bob");
    room.lost(bob.id, bob.port, "disconnected");
    clock.advance(GRACE - 1);
    assert.equal(ana.port.of("left").length, 0, "still held before the end");
    assert.equal(join("bob").r.ok, false);
    clock.advance(1);
    assert.deepEqual(ana.port.last("left"), {
      type: "left",
      id: bob.id,
      nickname: "bob",
      reason: "did not come back in time",
    });
    assert.equal(join("bob", { token: bob.port.sent[0].token }).id, "p3");
  });

  await t.step("no grace: a lost player leaves at once", () => {
    const { joinOk, room } = setup({ graceMs: 0 });
    const ana = joinOk("ana");
    const bob = joinOk("bob");
    room.lost(bob.id, bob.port, "disconnected");
    assert.equal(ana.port.last("left")!.nickname, "bob");
    assert.equal(ana.port.of("away").length, 0);
  });

  await t.step("quit and too many errors free the seat (no grace)", () => {
    const { joinOk, room } = setup({ graceMs: GRACE });
    const ana = joinOk("ana");
    const bob = joinOk("bob");
    const cy = joinOk("cy");
    room.receive(bob.id, { type: "quit" });
    room.lost(cy.id, cy.port, "kicked");
    assert.deepEqual(ana.port.of("left").map((m) => m.nickname), ["bob", "cy"]);
    assert.equal(ana.port.of("away").length, 0);
  });
});

Deno.test("seats: who may take a held seat", async (t) => {
  await t.step(
    "its nickname is refused, saying the player is reconnecting",
    () => {
      const { joinOk, join, room } = setup({ graceMs: GRACE });
      joinOk("ana");
      const bob = joinOk("bob");
      room.lost(bob.id, bob.port, "disconnected");
      const json = join("BOB");
      assert.equal(json.r.ok ? "" : json.r.code, "nickname_held");
      assert.match(json.r.ok ? "" : json.r.message, /reconnecting/);
      const text = join("bob", { mode: "text" });
      assert.match(text.r.ok ? "" : text.r.message, /type “bob CODE”/);
    },
  );

  await t.step("text mode: nickname and rejoin code take it back", () => {
    const { joinOk, join, room } = setup({ graceMs: GRACE });
    joinOk("ana");
    const bob = joinOk("bob", { mode: "text" });
    const code: string = bob.port.sent[0].rejoin;
    assert.match(code, /^[2-9A-HJ-NP-Z]{5}$/);
    room.lost(bob.id, bob.port, "disconnected");
    const wrong = join("bob", { mode: "text", rejoinCode: "ZZZZZ" });
    assert.equal(wrong.r.ok ? "" : wrong.r.code, "bad_rejoin_code");
    const other = join("ana", { mode: "text", rejoinCode: code });
    assert.equal(other.r.ok ? "" : other.r.code, "bad_rejoin_code");
    const back = join("Bob", { mode: "text", rejoinCode: code.toLowerCase() });
    assert.equal(back.id, bob.id);
    assert.equal(back.port.sent[0].rejoined, true);
  });

  await t.step("the leader kicks a held seat: freed and its token dead", () => {
    const { joinOk, join, room } = setup({ graceMs: GRACE });
    const ana = joinOk("ana");
    const bob = joinOk("bob");
    room.lost(bob.id, bob.port, "disconnected");
    room.receive(ana.id, { type: "kick", id: "bob" });
    assert.equal(ana.port.last("left")!.nickname, "bob");
    const again = join("robert", { token: bob.port.sent[0].token });
    assert.notEqual(again.id, bob.id);
  });
});

Deno.test("seats: the lead passes on and comes back", () => {
  const { joinOk, join, room } = setup({ graceMs: GRACE, hostKey: "k" });
  const host = joinOk("teacher", { hostKey: "k" });
  const ana = joinOk("ana");
  const bob = joinOk("bob");
  room.lost(host.id, host.port, "timeout");
  assert.deepEqual(bob.port.last("leader"), {
    type: "leader",
    id: ana.id,
    nickname: "ana",
  });
  room.receive(ana.id, { type: "start", game: "duo" });
  assert.equal(bob.port.of("game_start").length, 1, "the new leader leads");
  join("teacher", { token: host.port.sent[0].token });
  assert.deepEqual(bob.port.last("leader"), {
    type: "leader",
    id: host.id,
    nickname: "teacher",
  });
  assert.equal(bob.port.of("leader").length, 2);
});

Deno.test("seats: a held seat stays in the game; the rules hear of it", async () => {
  const { joinOk, join, room } = setup({
    graceMs: GRACE,
    games: { roll, justeprix },
    game: "roll",
    gameOptions: { justeprix: JP_OPTIONS },
  });
  const ana = joinOk("ana");
  const bob = joinOk("bob");
  room.receive(ana.id, { type: "start" });
  room.lost(bob.id, bob.port, "disconnected");
  const back = join("bob", { token: bob.port.sent[0].token });
  assert.deepEqual(back.port.last("view")!.view.log, [
    `away ${bob.id}`,
    `back ${bob.id}`,
  ]);
  room.receive(bob.id, { type: "quit" });
  assert.deepEqual(ana.port.last("view")!.view.log.at(-1), `leave ${bob.id}`);
  await settle();
});

Deno.test("seats: closing sends everyone the session standings", async () => {
  const { joinOk, room } = setup({ graceMs: GRACE });
  const ana = joinOk("ana");
  const bob = joinOk("bob");
  const cy = joinOk("cy");
  await duel(room, ana);
  room.lost(cy.id, cy.port, "disconnected");
  room.close();
  const bye = bob.port.closed[0];
  assert.equal(bye.reason, "host_closed");
  assert.deepEqual(bye.extra?.standings, [
    { id: ana.id, nickname: "ana", score: 5, rank: 1 },
    { id: bob.id, nickname: "bob", score: 0, rank: 2 },
    { id: cy.id, nickname: "cy", score: 0, rank: 2 },
  ]);
});

Deno.test("seats: watchers see the room but are not players", async () => {
  const { joinOk, join, room } = setup();
  const ana = joinOk("ana");
  const screens = [];
  for (let i = 0; i < MAX_WATCHERS; i++) {
    screens.push(joinOk("screen", { watcher: true }));
  }
  const extra = join("screen", { watcher: true });
  assert.equal(extra.r.ok ? "" : extra.r.code, "too_many_watchers");
  const screen = screens[0];
  assert.equal(screen.port.sent[0].rejoin, undefined);
  assert.deepEqual(
    screen.port.last("lobby")!.players.map((p: Msg) => p.nickname),
    ["ana"],
  );
  assert.equal(room.summary().players, 1);
  room.receive(ana.id, { type: "chat", text: "bonjour" });
  assert.equal(screen.port.last("chat")!.text, "bonjour");
  room.receive(screen.id, { type: "chat", text: "I am a screen" });
  assert.equal(screen.port.last("error")!.code, "watcher");
  assert.equal(ana.port.of("chat").length, 1);
  joinOk("bob");
  room.receive(ana.id, { type: "start", game: "duo" });
  assert.deepEqual(
    screen.port.last("game_start")!.players.map((p: Msg) => p.nickname),
    ["ana", "bob"],
  );
  room.leave(screen.id, "quit");
  assert.equal(ana.port.of("left").length, 0, "a watcher leaves quietly");
  await settle();
});

Deno.test("seats: one address holds at most MAX_HELD_PER_ADDRESS seats", () => {
  const { joinOk, room } = setup({ graceMs: GRACE });
  const ana = joinOk("ana", { address: "198.18.0.9" });
  const ghosts = [];
  for (let i = 0; i <= MAX_HELD_PER_ADDRESS; i++) {
    ghosts.push(joinOk(`g${i}`, { address: "198.18.0.66" }));
  }
  for (const g of ghosts) room.lost(g.id, g.port, "disconnected");
  assert.deepEqual(ana.port.of("left").map((m) => m.nickname), ["g0"]);
  assert.equal(room.nicknames().length, 1 + MAX_HELD_PER_ADDRESS);
  assert.equal(room.summary().players, 1, "held seats are not here");
});

Deno.test("seats: a game that starts with a held seat knows it is away", async () => {
  const { joinOk, room } = setup({
    graceMs: GRACE,
    games: { roll, justeprix },
    game: "roll",
    gameOptions: { justeprix: JP_OPTIONS },
  });
  const ana = joinOk("ana");
  const bob = joinOk("bob");
  room.lost(bob.id, bob.port, "disconnected");
  room.receive(ana.id, { type: "start" });
  assert.deepEqual(ana.port.last("view")!.view.log, [`away ${bob.id}`]);
  room.close();
  await settle();
});
