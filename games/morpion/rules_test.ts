import assert from "node:assert/strict";
import fc from "fast-check";
import { GameRuleError } from "../errors.ts";
import type { GameMessage, Outgoing } from "../types.ts";
import {
  AI_DELAY_MS,
  AI_ID,
  AI_NICKNAME,
  AWAY_MOVE_MS,
  morpionRules as R,
  type MorpionState,
  PAUSE_MS,
} from "./rules.ts";
import { playSeries, seatsOf, seeded } from "./testing.ts";
import { type MorpionOptions, viewSchema } from "./wire.ts";

const opts = (o: Record<string, unknown> = {}): MorpionOptions =>
  R.optionsSchema.parse(o);
const env = (now: number, random: () => number = seeded(7)) => ({
  now,
  random,
});
const types = (out: Outgoing[]) => out.map((o) => o.message.type);
const msg = (out: Outgoing[], type: string): GameMessage => {
  const m = out.find((o) => o.message.type === type);
  assert.ok(m, `no ${type} in ${types(out).join(",")}`);
  return m.message;
};

/** Plays `cells` alternately by whoever's turn it is (ids from the state). */
function play(
  state: MorpionState,
  cells: number[],
  now = 0,
): { state: MorpionState; out: Outgoing[] } {
  const out: Outgoing[] = [];
  for (const cell of cells) {
    const pair = state.schedule[state.match];
    const x = state.board.filter((c) => c === "X").length;
    const o = state.board.filter((c) => c === "O").length;
    const seat = x === o ? pair.x : pair.o;
    const step = R.move(state, seat, { type: "play", cell }, env(now));
    state = step.state;
    out.push(...step.out);
  }
  return { state, out };
}

function refuses(fn: () => unknown, code: string): GameRuleError {
  let caught: unknown;
  assert.throws(fn, (e) => {
    caught = e;
    return e instanceof GameRuleError && e.code === code;
  });
  return caught as GameRuleError;
}

const TOP_ROW = [1, 4, 2, 5, 3]; // X wins with 1-2-3
const DRAW = [1, 2, 3, 5, 4, 6, 8, 7, 9];

Deno.test("rules: options have defaults and bounds", () => {
  assert.deepEqual(opts(), { matches: 3, ai: "hard", moveTimeSec: 0 });
  assert.equal(opts({ matches: "5" }).matches, 5);
  assert.equal(opts({ moveTimeSec: 5 }).moveTimeSec, 5);
  assert.equal(opts({ moveTimeSec: 120 }).moveTimeSec, 120);
  for (
    const bad of [{ matches: 0 }, { matches: 16 }, { moveTimeSec: 3 }, {
      moveTimeSec: 121,
    }, { ai: "medium" }]
  ) {
    assert.equal(
      R.optionsSchema.safeParse(bad).success,
      false,
      JSON.stringify(bad),
    );
  }
});

Deno.test("rules: a match starts for all, X moves first, no deadline without a limit", () => {
  const { state, out } = R.start(seatsOf("ana", "bob"), opts(), env(0));
  assert.deepEqual(out, [{
    to: "all",
    message: {
      type: "match_start",
      match: 1,
      matches: 3,
      x: "ana",
      o: "bob",
      xId: "p1",
      oId: "p2",
      moveTimeSec: 0,
    },
  }]);
  assert.equal(state.phase, "playing");
  assert.equal(R.deadline(state), null);
  assert.equal(R.over(state), false);
});

Deno.test("rules: a line wins; board and match_end go to all with the line", () => {
  let { state } = R.start(seatsOf("ana", "bob"), opts(), env(0));
  const step = play(state, TOP_ROW, 1000);
  state = step.state;
  assert.ok(step.out.every((o) => o.to === "all"));
  assert.deepEqual(types(step.out), [
    "board",
    "board",
    "board",
    "board",
    "board",
    "match_end",
  ]);
  const last = step.out[4].message;
  assert.deepEqual(last.cells, ["X", "X", "X", "O", "O", "", "", "", ""]);
  assert.equal(last.last, 3);
  assert.equal(last.by, "ana");
  assert.equal(last.next, null);
  assert.deepEqual(last.line, [1, 2, 3]);
  assert.deepEqual(step.out[0].message.next, "O");
  assert.equal(step.out[0].message.nextNickname, "bob");
  const end = msg(step.out, "match_end");
  assert.equal(end.winner, "ana");
  assert.equal(end.winnerId, "p1");
  assert.equal(end.loser, "bob");
  assert.equal(end.draw, false);
  assert.equal(end.reason, "line");
  assert.deepEqual(end.line, [1, 2, 3]);
  assert.equal(state.phase, "pause");
  assert.equal(R.deadline(state), 1000 + PAUSE_MS);
  const v = R.view(state, "p2", 1000);
  assert.deepEqual(v.line, [1, 2, 3]);
  assert.equal(v.result?.winner, "ana");
  assert.equal(v.nextInMs, PAUSE_MS);
});

Deno.test("rules: a full board without a line is a draw", () => {
  const { state } = R.start(seatsOf("ana", "bob"), opts(), env(0));
  const step = play(state, DRAW);
  const end = msg(step.out, "match_end");
  assert.equal(end.draw, true);
  assert.equal(end.winner, null);
  assert.equal(end.loser, null);
  assert.equal(end.line, null);
  assert.equal(end.reason, "draw");
  assert.deepEqual(step.state.players.map((p) => p.draws), [1, 1]);
});

Deno.test("rules: the series alternates the first player and ends with the table", () => {
  let { state } = R.start(seatsOf("ana", "bob"), opts(), env(0));
  const starts: unknown[] = [];
  let now = 0;
  const all: Outgoing[] = [];
  for (let m = 0; m < 3; m++) {
    starts.push(state.schedule[state.match].x);
    const step = play(state, TOP_ROW, now);
    state = step.state;
    all.push(...step.out);
    // Before the pause ends, tick changes nothing.
    const early = R.tick(state, env(now + PAUSE_MS - 1));
    assert.equal(early.state, state);
    assert.deepEqual(early.out, []);
    now += PAUSE_MS;
    const tick = R.tick(state, env(now));
    state = tick.state;
    all.push(...tick.out);
  }
  assert.deepEqual(starts, ["p1", "p2", "p1"]);
  assert.deepEqual(
    all.filter((o) => o.message.type === "match_start").map((
      o,
    ) => [o.message.match, o.message.x]),
    [[2, "bob"], [3, "ana"]],
  );
  assert.equal(R.over(state), true);
  assert.equal(R.deadline(state), null);
  const end = msg(all, "series_end");
  assert.deepEqual(
    (end.standings as { nickname: string; points: number; wins: number }[]).map(
      (r) => [r.nickname, r.points, r.wins],
    ),
    [["ana", 6, 2], ["bob", 3, 1]],
  );
  assert.deepEqual(R.standings(state), [
    { id: "p1", nickname: "ana", rank: 1, points: 600 },
    { id: "p2", nickname: "bob", rank: 2, points: 300 },
  ]);
  refuses(
    () => R.move(state, "p1", { type: "play", cell: 5 }, env(now)),
    "game_over",
  );
});

Deno.test("rules: illegal moves are refused with stable codes and change nothing", () => {
  const { state } = R.start(seatsOf("ana", "bob", "cy"), opts(), env(0));
  const pair = state.schedule[0];
  const watcher = ["p1", "p2", "p3"].find((id) =>
    id !== pair.x && id !== pair.o
  )!;
  refuses(
    () => R.move(state, pair.o, { type: "play", cell: 5 }, env(0)),
    "not_your_turn",
  );
  refuses(
    () => R.move(state, watcher, { type: "play", cell: 5 }, env(0)),
    "spectator",
  );
  refuses(
    () => R.move(state, "stranger", { type: "play", cell: 5 }, env(0)),
    "spectator",
  );
  for (const cell of [0, 10, 2.5, -1, NaN, "5", undefined]) {
    const e = refuses(
      () => R.move(state, pair.x, { type: "play", cell }, env(0)),
      "bad_cell",
    );
    assert.deepEqual(e.params, { min: 1, max: 9 });
  }
  const after = R.move(state, pair.x, { type: "play", cell: 5 }, env(0)).state;
  const e = refuses(
    () => R.move(after, pair.o, { type: "play", cell: 5 }, env(0)),
    "occupied",
  );
  assert.deepEqual(e.params, { cell: 5 });
  refuses(
    () => R.move(after, pair.x, { type: "play", cell: 1 }, env(0)),
    "not_your_turn",
  );
  assert.deepEqual(
    state.board,
    Array(9).fill(""),
    "the refused moves left no mark",
  );
  const paused = play(state, TOP_ROW).state;
  refuses(
    () => R.move(paused, pair.o, { type: "play", cell: 9 }, env(0)),
    "game_over",
  );
});

Deno.test("rules: spectators get every board message and a read-only view", () => {
  let { state } = R.start(seatsOf("ana", "bob", "cy", "dee"), opts(), env(0));
  const pair = state.schedule[0];
  const watcher = ["p1", "p2", "p3", "p4"].find((id) =>
    id !== pair.x && id !== pair.o
  )!;
  const step = play(state, [5, 1]);
  state = step.state;
  assert.ok(step.out.length === 2 && step.out.every((o) => o.to === "all"));
  const v = R.view(state, watcher, 0);
  assert.equal(v.you, null);
  assert.equal(v.seated, true);
  assert.equal(v.yourTurn, false);
  assert.equal(v.turn, "X");
  assert.deepEqual(v.cells, R.view(state, pair.x, 0).cells);
  assert.deepEqual(v.cells, ["O", "", "", "", "X", "", "", "", ""]);
  const outsider = R.view(state, "not-seated", 0);
  assert.equal(outsider.seated, false);
  assert.equal(outsider.you, null);
  refuses(
    () => R.move(state, watcher, { type: "play", cell: 9 }, env(0)),
    "spectator",
  );
  assert.equal(R.view(state, pair.x, 0).yourTurn, true);
  assert.equal(R.view(state, pair.x, 0).you, "X");
});

Deno.test("rules: round-robin with 3 and 4 players meets every pair once", async (t) => {
  for (const names of [["a", "b", "c"], ["a", "b", "c", "d"]]) {
    await t.step(`${names.length} players`, () => {
      const seats = seatsOf(...names);
      const log = playSeries(seats, opts({ matches: 9 }), seeded(names.length));
      const starts = log.out.filter((o) => o.message.type === "match_start")
        .map((o) => o.message);
      const n = names.length;
      assert.equal(starts.length, (n * (n - 1)) / 2);
      assert.ok(starts.every((s) => s.matches === starts.length));
      const pairs = new Set(starts.map((s) => [s.xId, s.oId].sort().join("-")));
      assert.equal(pairs.size, starts.length);
      assert.equal(R.over(log.state), true);
      assert.equal(R.standings(log.state).length, n);
      const ends = log.out.filter((o) => o.message.type === "match_end");
      assert.equal(ends.length, starts.length);
      const table = log.state.players;
      const played = table.reduce((s, p) => s + p.wins + p.draws + p.losses, 0);
      assert.equal(played, 2 * starts.length);
    });
  }
});

Deno.test("rules: alone, the player meets the built-in opponent, which plays after a delay", () => {
  const random = seeded(3);
  let { state, out } = R.start(
    seatsOf("ana"),
    opts({ ai: "easy" }),
    env(0, random),
  );
  assert.equal(msg(out, "match_start").o, AI_NICKNAME);
  assert.equal(msg(out, "match_start").oId, AI_ID);
  assert.equal(R.deadline(state), null, "ana (X) moves first");
  ({ state } = R.move(
    state,
    "p1",
    { type: "play", cell: 5 },
    env(100, random),
  ));
  assert.equal(R.deadline(state), 100 + AI_DELAY_MS);
  const early = R.tick(state, env(100 + AI_DELAY_MS - 1, random));
  assert.equal(early.state, state);
  assert.deepEqual(early.out, []);
  ({ state, out } = R.tick(state, env(100 + AI_DELAY_MS, random)));
  const board = msg(out, "board");
  assert.equal(board.byId, AI_ID);
  assert.equal(board.mark, "O");
  assert.equal(state.board.filter((c) => c === "O").length, 1);
  assert.equal(R.view(state, "p1", 700).yourTurn, true);
  assert.deepEqual(
    R.standings(state).map((s) => s.id),
    ["p1"],
    "the bot gets no session points",
  );
  assert.ok(
    R.view(state, "p1", 0).standings.some((r) => r.ai),
    "but it is in the table",
  );
});

Deno.test("rules: in match 2 the built-in opponent plays X and opens", () => {
  let { state } = R.start(seatsOf("ana"), opts(), env(0));
  // ana plays the first empty cell until the hard bot wins or draws match 1.
  for (let guard = 0; state.match === 0 && guard < 20; guard++) {
    if (state.phase === "playing" && R.view(state, "p1", 0).yourTurn) {
      const empty = state.board.findIndex((c) => c === "");
      ({ state } = R.move(
        state,
        "p1",
        { type: "play", cell: empty + 1 },
        env(0),
      ));
    } else {
      ({ state } = R.tick(state, env(R.deadline(state)!)));
    }
  }
  assert.equal(state.match, 1);
  assert.equal(state.schedule[1].x, AI_ID);
  assert.equal(R.view(state, "p1", 0).you, "O");
  assert.equal(R.deadline(state), state.turnSince + AI_DELAY_MS);
});

Deno.test("rules: the hard opponent never loses a series against random play", () => {
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const log = playSeries(
        seatsOf("ana"),
        opts({ matches: 4 }),
        seeded(seed),
      );
      const ends = log.out.filter((o) => o.message.type === "match_end");
      assert.equal(ends.length, 4);
      assert.ok(ends.every((e) => e.message.winnerId !== "p1"));
      assert.equal(R.over(log.state), true);
    }),
    { numRuns: 40 },
  );
});

Deno.test("rules: a move time limit makes the player to move lose", () => {
  let { state } = R.start(
    seatsOf("ana", "bob"),
    opts({ moveTimeSec: 5 }),
    env(0),
  );
  assert.equal(R.deadline(state), 5000);
  assert.equal(R.view(state, "p1", 3000).remainingMs, 2000);
  assert.equal(R.view(state, "p1", 3000).moveTimeMs, 5000);
  ({ state } = R.move(state, "p1", { type: "play", cell: 5 }, env(1000)));
  assert.equal(R.deadline(state), 6000);
  assert.deepEqual(R.tick(state, env(5999)).out, []);
  const { state: after, out } = R.tick(state, env(6000));
  const end = msg(out, "match_end");
  assert.equal(end.reason, "timeout");
  assert.equal(end.loser, "bob");
  assert.equal(end.winner, "ana");
  assert.equal(after.phase, "pause");
  assert.deepEqual(after.players.map((p) => [p.wins, p.losses]), [[1, 0], [
    0,
    1,
  ]]);
  assert.equal(
    R.view(R.start(seatsOf("a", "b"), opts(), env(0)).state, "p1", 0)
      .remainingMs,
    null,
  );
});

Deno.test("rules: a player who leaves forfeits the match; two players: the series ends", () => {
  let { state } = R.start(seatsOf("ana", "bob"), opts(), env(0));
  ({ state } = R.move(state, "p1", { type: "play", cell: 5 }, env(0)));
  const { state: after, out } = R.leave(state, "p1", env(10));
  assert.deepEqual(types(out), ["match_end", "series_end"]);
  const end = msg(out, "match_end");
  assert.equal(end.reason, "forfeit");
  assert.equal(end.winner, "bob");
  assert.equal(end.loser, "ana");
  assert.equal(R.over(after), true);
  assert.deepEqual(R.standings(after).map((s) => [s.nickname, s.points]), [[
    "bob",
    300,
  ], ["ana", 0]]);
  assert.deepEqual(
    R.leave(after, "p1", env(20)).out,
    [],
    "leaving twice does nothing",
  );
  assert.deepEqual(R.leave(state, "stranger", env(20)).out, []);
});

Deno.test("rules: alone against the bot, leaving ends the game", () => {
  const { state } = R.start(seatsOf("ana"), opts(), env(0));
  const { state: after, out } = R.leave(state, "p1", env(1));
  assert.deepEqual(types(out), ["match_end", "series_end"]);
  assert.equal(R.over(after), true);
});

Deno.test("rules: with three players a leaver's other matches are skipped, the rest goes on", () => {
  const seats = seatsOf("ana", "bob", "cy");
  let { state } = R.start(seats, opts(), env(0));
  const first = state.schedule[0];
  const watcher = ["p1", "p2", "p3"].find((id) =>
    id !== first.x && id !== first.o
  )!;
  const left = R.leave(state, watcher, env(0));
  assert.deepEqual(left.out, [], "a watcher leaving interrupts nothing");
  state = left.state;
  assert.equal(R.view(state, watcher, 0).seated, false);
  refuses(
    () => R.move(state, watcher, { type: "play", cell: 1 }, env(0)),
    "spectator",
  );
  const { state: done, out } = play(state, TOP_ROW);
  assert.deepEqual(types(out).slice(-1), ["match_end"]);
  const end = R.tick(done, env(PAUSE_MS));
  assert.deepEqual(
    types(end.out),
    ["series_end"],
    "both other matches involved the leaver",
  );
  assert.equal(R.over(end.state), true);
});

Deno.test("rules: leaving during the pause, with nothing left to play, ends at once", () => {
  let { state } = R.start(seatsOf("ana", "bob"), opts(), env(0));
  state = play(state, TOP_ROW).state;
  assert.equal(state.phase, "pause");
  const { state: after, out } = R.leave(state, "p2", env(5));
  assert.deepEqual(types(out), ["series_end"]);
  assert.equal(R.over(after), true);
});

Deno.test("rules: nobody seated ends at once", () => {
  const { state, out } = R.start([], opts(), env(0));
  assert.deepEqual(types(out), ["series_end"]);
  assert.equal(R.over(state), true);
});

Deno.test("rules: random play, moves, ticks and leaves keep the state sound", () => {
  const action = fc.oneof(
    fc.record({
      kind: fc.constant("move" as const),
      seat: fc.integer({ min: 0, max: 4 }),
      cell: fc.integer({ min: 0, max: 10 }),
    }),
    fc.record({
      kind: fc.constant("tick" as const),
      dt: fc.integer({ min: 0, max: 8000 }),
    }),
    fc.record({
      kind: fc.constant("leave" as const),
      seat: fc.integer({ min: 0, max: 4 }),
    }),
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom(0, 5),
      fc.array(action, { maxLength: 80 }),
      fc.integer(),
      (n, moveTimeSec, actions, seed) => {
        const random = seeded(seed);
        const seats = seatsOf(...["a", "b", "c", "d"].slice(0, n));
        const ids = [...seats.map((s) => s.id), "stranger"];
        let now = 0;
        let { state } = R.start(seats, opts({ moveTimeSec }), env(now, random));
        for (const a of actions) {
          try {
            if (a.kind === "move") {
              ({ state } = R.move(state, ids[a.seat], {
                type: "play",
                cell: a.cell,
              }, env(now, random)));
            } else if (a.kind === "tick") {
              now += a.dt;
              ({ state } = R.tick(state, env(now, random)));
            } else {
              ({ state } = R.leave(state, ids[a.seat], env(now, random)));
            }
          } catch (e) {
            if (!(e instanceof GameRuleError)) throw e;
          }
          const xs = state.board.filter((c) => c === "X").length;
          const os = state.board.filter((c) => c === "O").length;
          assert.ok(xs === os || xs === os + 1);
          if (R.over(state)) assert.equal(R.deadline(state), null);
          const due = R.deadline(state);
          if (state.phase === "playing" && moveTimeSec === 0 && n > 1) {
            assert.equal(due, null);
          }
          for (const id of ids) {
            const v = R.view(state, id, now);
            assert.deepEqual(JSON.parse(JSON.stringify(v)), v);
            assert.ok(viewSchema.safeParse(v).success);
          }
        }
        assert.deepEqual(JSON.parse(JSON.stringify(state)), state);
      },
    ),
    { numRuns: 150 },
  );
});

Deno.test("morpion: an away player has a move timer, even without one", async (t) => {
  const two = seatsOf("ana", "bob");
  const start = () => R.start(two, opts({ moveTimeSec: 0 }), env(0)).state;
  await t.step("no timer while everyone is here", () => {
    assert.equal(R.deadline(start()), null);
  });
  await t.step("the mover away: they lose on time after AWAY_MOVE_MS", () => {
    let s = start();
    const x = s.schedule[0].x;
    s = R.presence!(s, x, false, env(5000)).state;
    assert.equal(R.deadline(s), 5000 + AWAY_MOVE_MS);
    assert.equal(R.view(s, "p2", 5000).remainingMs, AWAY_MOVE_MS);
    assert.deepEqual(types(R.tick(s, env(5000 + AWAY_MOVE_MS - 1)).out), []);
    const { out } = R.tick(s, env(5000 + AWAY_MOVE_MS));
    const end = msg(out, "match_end");
    assert.equal(end.reason, "timeout");
  });
  await t.step("back in time: the timer goes", () => {
    let s = start();
    const x = s.schedule[0].x;
    s = R.presence!(s, x, false, env(1000)).state;
    s = R.presence!(s, x, true, env(2000)).state;
    assert.equal(R.deadline(s), null);
  });
  await t.step("away while waiting: the timer counts from their turn", () => {
    let s = start();
    const o = s.schedule[0].o;
    s = R.presence!(s, o, false, env(1000)).state;
    assert.equal(R.deadline(s), null, "X to move, X is here");
    s = play(s, [5], 9000).state;
    assert.equal(R.deadline(s), 9000 + AWAY_MOVE_MS);
  });
  await t.step("the shorter of the move timer and the away timer", () => {
    let s = R.start(two, opts({ moveTimeSec: 10 }), env(0)).state;
    s = R.presence!(s, s.schedule[0].x, false, env(0)).state;
    assert.equal(R.deadline(s), 10_000);
  });
});
