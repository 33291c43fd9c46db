import assert from "node:assert/strict";
import {
  PROTOCOL_VERSION,
  REPLICA_LINE_MAX_BYTES,
} from "../protocol/constants.ts";
import { qcm } from "../games/qcm/mod.ts";
import { READY_MS } from "../games/qcm/phases.ts";
import type { QcmQuestion } from "../games/qcm/question.ts";
import { type JoinRequest, RESUME_WAIT_MS, Room } from "./room.ts";
import { RESTORE_HOLD_MIN_MS } from "./room.ts";
import {
  duo,
  FakeClock,
  FakePort,
  type Msg,
  seeded,
  setup,
} from "./room_testing.ts";
import { hashSecret } from "./members.ts";
import {
  parseSnapshot,
  type RoomSnapshot,
  roomSnapshotSchema,
  SNAPSHOT_CHAT_MAX,
  SNAPSHOT_MAX_BYTES,
} from "./snapshot.ts";
import { justeprix } from "../games/justeprix/mod.ts";
import type { RoomOptions } from "./room_options.ts";

const KEY = { privateKey: "cHJpdg", publicKey: "cHVi" };
const EXTRA = { seq: 7, room: { port: 50026, lang: "fr" as const }, key: KEY };

/** Through JSON and the schema, as a deputy gets it. */
function wire(snap: RoomSnapshot): RoomSnapshot {
  return roomSnapshotSchema.parse(JSON.parse(JSON.stringify(snap)));
}

/** Joins a room with a recording port. */
function joinTo(room: Room, nickname: string, req: Partial<JoinRequest> = {}) {
  const port = new FakePort();
  const r = room.join({
    nickname,
    protocol: PROTOCOL_VERSION,
    lang: "en",
    mode: "json",
    ...req,
  }, port);
  assert.equal(r.ok, true, JSON.stringify(r));
  return { id: r.ok ? r.id : "", port };
}

function options(clock: FakeClock, over: Partial<RoomOptions> = {}) {
  return {
    name: "Salle 12",
    hostId: "h-1",
    games: { justeprix, duo },
    game: "justeprix",
    clock,
    random: seeded(1),
    lobbyIntervalMs: 0,
    graceMs: 60_000,
    ...over,
  };
}

Deno.test("restore: a room comes back with held seats", async (t) => {
  await t.step(
    "seats, scores, chat, bans, ready marks; epoch + 1; tokens only hashed",
    () => {
      const { room, joinOk, clock } = setup({ graceMs: 60_000 });
      const ana = joinOk("ana", { address: "198.18.0.2" });
      const bob = joinOk("bob", { mode: "text", address: "198.18.0.3" });
      joinOk("eve", { address: "198.18.0.6" });
      room.receive(ana.id, { type: "start", game: "duo" });
      room.receive(ana.id, { type: "poke" }); // ana: 5 points
      room.receive(bob.id, { type: "ready" });
      room.receive(ana.id, { type: "chat", text: "salut" });
      room.receive(ana.id, { type: "kick", id: "eve" });
      const token: string = ana.port.sent[0].token;
      const code: string = bob.port.sent[0].rejoin;
      const snap = room.snapshot(EXTRA);
      const text = JSON.stringify(snap);
      assert.ok(!text.includes(token), "no session token in a snapshot");
      assert.ok(!text.includes(`"${code}"`), "no rejoin code in a snapshot");
      assert.equal(snap.state.members[0].tokenHash, hashSecret(token));
      const back = Room.restore(options(clock), wire(snap));
      assert.equal(back.epoch, 1);
      assert.deepEqual(back.nicknames(), ["ana", "bob"]);
      const again = joinTo(back, "whoever", { token });
      assert.equal(again.id, ana.id);
      const w = again.port.sent[0];
      assert.equal(w.rejoined, true);
      assert.equal(w.token, token);
      assert.equal(w.room.epoch, 1);
      assert.deepEqual(again.port.of("chat").map((c: Msg) => c.text), [
        "salut",
      ]);
      const players = again.port.last("lobby")!.players;
      assert.deepEqual(
        players.map((p: Msg) => [p.nickname, p.score, p.connected, p.ready]),
        [["ana", 5, true, false], ["bob", 0, false, true]],
      );
      // bob takes his seat back with his text code; eve is still banned.
      const txt = joinTo(back, "bob", { mode: "text", rejoinCode: code });
      assert.equal(txt.id, bob.id);
      assert.equal(txt.port.sent[0].rejoin, code);
      const banned = back.join({
        nickname: "eve",
        protocol: PROTOCOL_VERSION,
        lang: "en",
        mode: "json",
      }, new FakePort());
      assert.equal(banned.ok ? "" : banned.code, "banned");
      // A new seat gets the next number.
      assert.equal(joinTo(back, "zoe").id, "p4");
      back.close();
    },
  );

  await t.step("held seats are freed after the grace, at least 10 s", () => {
    const { room, joinOk, clock } = setup({ graceMs: 0 });
    joinOk("ana");
    const back = Room.restore(
      options(clock, { graceMs: 0 }),
      wire(room.snapshot(EXTRA)),
    );
    clock.advance(RESTORE_HOLD_MIN_MS - 1);
    assert.deepEqual(back.nicknames(), ["ana"]);
    clock.advance(1);
    assert.deepEqual(back.nicknames(), []);
  });

  await t.step("the old host's seat does not lead; the new host's does", () => {
    const { room, joinOk, clock } = setup({ hostKey: "old" });
    joinOk("host", { hostKey: "old" });
    const bob = joinOk("bob");
    const back = Room.restore(
      options(clock, { hostKey: "new" }),
      wire(room.snapshot(EXTRA)),
    );
    const b = joinTo(back, "bob", { token: bob.port.sent[0].token });
    assert.equal(b.port.sent[0].you.leader, false);
    const me = joinTo(back, "bob", {
      token: bob.port.sent[0].token,
      hostKey: "new",
    });
    assert.equal(me.port.sent[0].you.leader, true);
    back.close();
  });
});

Deno.test("snapshot: the schema bounds what a deputy parses", () => {
  const { room, joinOk } = setup();
  const ana = joinOk("ana");
  for (let i = 0; i < 40; i++) {
    room.receive(ana.id, { type: "chat", text: `l${i}` });
  }
  const snap = room.snapshot(EXTRA);
  assert.equal(snap.state.chat.length, SNAPSHOT_CHAT_MAX);
  const ok = JSON.parse(JSON.stringify(snap));
  assert.ok(roomSnapshotSchema.safeParse(ok).success);
  const longChat = structuredClone(ok);
  longChat.state.chat = Array(SNAPSHOT_CHAT_MAX + 1).fill(ok.state.chat[0]);
  assert.equal(roomSnapshotSchema.safeParse(longChat).success, false);
  const rawToken = structuredClone(ok);
  rawToken.state.members[0].tokenHash = "a-token-not-a-hash";
  assert.equal(roomSnapshotSchema.safeParse(rawToken).success, false);
  assert.ok(parseSnapshot(JSON.stringify(ok)));
  const padded = JSON.stringify(ok) + " ".repeat(SNAPSHOT_MAX_BYTES);
  assert.equal(parseSnapshot(padded), null);
  assert.equal(parseSnapshot("{"), null);
  // A deputy's reader takes the biggest sealed snapshot in one line.
  const biggest = JSON.stringify({
    type: "replica",
    epoch: Number.MAX_SAFE_INTEGER,
    seq: Number.MAX_SAFE_INTEGER,
    iv: "x".repeat(16),
    data: "",
  }).length + Math.ceil((SNAPSHOT_MAX_BYTES + 16) * 4 / 3);
  assert.ok(REPLICA_LINE_MAX_BYTES >= biggest);
});

// --- A QCM restored mid-question ---------------------------------------

const Q: QcmQuestion = {
  id: "q1",
  text: { fr: "Port de HTTPS ?", en: "HTTPS port?" },
  answers: { fr: ["80", "443"], en: ["80", "443"] },
  correct: [1],
  timeSec: 20,
};

function qcmOptions(clock: FakeClock): RoomOptions {
  return {
    name: "Quiz",
    hostId: "h-q",
    games: { qcm },
    game: "qcm",
    gameOptions: { qcm: { questions: [Q], shuffle: false } },
    clock,
    random: seeded(3),
    lobbyIntervalMs: 0,
    graceMs: 60_000,
  };
}

/** What a deputy gets: the snapshot through JSON and its schema. */
function deputyCopy(snap: RoomSnapshot): RoomSnapshot {
  return wire(snap);
}

function finalScores(port: FakePort): Record<string, number> {
  const end = port.last("game_end")!;
  return Object.fromEntries(
    end.scores.map((s: Msg) => [s.nickname, s.score]),
  );
}

/**
 * Two players; question 1 opens at game time 0 (after « Préparez-vous »,
 * READY_MS); ana answers at game time 3 s.
 */
function started() {
  const clock = new FakeClock();
  const room = new Room(qcmOptions(clock));
  const ana = joinTo(room, "ana");
  const bob = joinTo(room, "bob");
  room.receive(ana.id, { type: "start" });
  clock.advance(READY_MS);
  clock.advance(3000);
  room.receive(ana.id, { type: "answer", choices: [2] });
  return { clock, room, ana, bob };
}

Deno.test("restore: a QCM keeps its question's time and its scores", () => {
  // Uninterrupted: bob answers at game time 6 s.
  const straight = started();
  straight.clock.advance(3000);
  straight.room.receive(straight.bob.id, { type: "answer", choices: [2] });
  straight.clock.advance(60_000);
  const expected = finalScores(straight.ana.port);
  assert.ok(expected.ana > expected.bob && expected.bob > 0);
  straight.room.close();

  // Interrupted at game time 4 s for a 5 s outage.
  const { clock, room, ana, bob } = started();
  clock.advance(1000);
  const snap = deputyCopy(room.snapshot(EXTRA));
  const remaining = Q.timeSec! * 1000 - 4000; // asked at 0, saved at 4 s
  room.close();
  clock.advance(5000);
  const back = Room.restore(qcmOptions(clock), snap);
  const a = joinTo(back, "ana", { token: ana.port.sent[0].token });
  assert.equal(a.port.last("view")!.view.remainingMs, remaining);
  // Paused: time does not run, moves wait.
  clock.advance(1000);
  const b = joinTo(back, "bob", { token: bob.port.sent[0].token });
  // Everyone is back: the game resumes, with the same time left.
  assert.equal(b.port.last("view")!.view.remainingMs, remaining);
  clock.advance(2000); // game time 6 s
  back.receive(b.id, { type: "answer", choices: [2] });
  clock.advance(60_000);
  assert.deepEqual(finalScores(a.port), expected);
  back.close();
});

Deno.test("restore: a QCM copied while getting ready resumes its countdown", () => {
  const clock = new FakeClock();
  const room = new Room(qcmOptions(clock));
  const ana = joinTo(room, "ana");
  const bob = joinTo(room, "bob");
  room.receive(ana.id, { type: "start" });
  clock.advance(1000);
  assert.equal(ana.port.last("view")!.view.phase, "ready");
  const snap = deputyCopy(room.snapshot(EXTRA));
  room.close();
  clock.advance(5000);
  const back = Room.restore(qcmOptions(clock), snap);
  const a = joinTo(back, "ana", { token: ana.port.sent[0].token });
  const b = joinTo(back, "bob", { token: bob.port.sent[0].token });
  // Resumed with the ready time left, not spent during the outage.
  const view = b.port.last("view")!.view;
  assert.equal(view.phase, "ready");
  assert.equal(view.remainingMs, READY_MS - 1000);
  back.receive(b.id, { type: "answer", choices: [1] });
  assert.equal(b.port.last("error")!.code, "no_question");
  clock.advance(READY_MS - 1001);
  assert.equal(a.port.last("question"), undefined, "not before its time");
  clock.advance(1);
  assert.equal(a.port.last("question")!.index, 1);
  back.close();
});

Deno.test("restore: a paused game refuses moves and resumes after the wait", () => {
  const { clock, room, ana, bob } = started();
  const snap = deputyCopy(room.snapshot(EXTRA));
  room.close();
  const back = Room.restore(qcmOptions(clock), snap);
  const b = joinTo(back, "bob", { token: bob.port.sent[0].token });
  const left = b.port.last("view")!.view.remainingMs;
  back.receive(b.id, { type: "answer", choices: [1] });
  assert.equal(b.port.last("error")!.code, "game_paused");
  clock.advance(RESUME_WAIT_MS - 1);
  b.port.clear();
  back.receive(b.id, { type: "answer", choices: [1] });
  assert.equal(b.port.last("error")!.code, "game_paused");
  clock.advance(1);
  // Resumed without ana: the game hears she is away, fresh views go out.
  assert.equal(b.port.last("view")!.view.remainingMs, left);
  back.receive(b.id, { type: "answer", choices: [1] });
  // Every present player answered: the answer is shown at once.
  assert.equal(b.port.last("view")!.view.phase, "reveal");
  // ana comes back into the running game.
  const a = joinTo(back, "ana", { token: ana.port.sent[0].token });
  assert.equal(a.port.sent[0].rejoined, true);
  back.close();
});
