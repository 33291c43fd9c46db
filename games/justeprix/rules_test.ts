import assert from "node:assert/strict";
import fc from "fast-check";
import { GameRuleError } from "../errors.ts";
import type { Env, Outgoing, Seat, Step } from "../types.ts";
import type { JustePrixOptions, JustePrixView } from "./wire.ts";
import {
  drawSecret,
  hintFor,
  justePrixRules as rules,
  type JustePrixState,
  knownInterval,
} from "./rules.ts";
import { secretRandom, sequence } from "./testing.ts";

const SEATS: Seat[] = [
  { id: "a", nickname: "Ana" },
  { id: "b", nickname: "Bob" },
  { id: "c", nickname: "Cy" },
];

function options(o: Partial<JustePrixOptions> = {}): JustePrixOptions {
  return rules.optionsSchema.parse(o);
}

/** A small driver: a clock we move by hand and the state so far. */
class Table {
  now = 1_000;
  state: JustePrixState;
  out: Outgoing[] = [];
  random: () => number;

  constructor(
    opts: Partial<JustePrixOptions>,
    random: () => number,
    seats: Seat[] = SEATS,
  ) {
    this.random = random;
    const step = rules.start(seats, options(opts), this.env());
    this.state = step.state;
    this.out = step.out;
  }

  env(): Env {
    return { now: this.now, random: this.random };
  }

  #take(step: Step<JustePrixState>): Outgoing[] {
    this.state = step.state;
    this.out = step.out;
    return step.out;
  }

  guess(seat: string, value: number): Outgoing[] {
    return this.#take(
      rules.move(this.state, seat, { type: "guess", value }, this.env()),
    );
  }

  tick(): Outgoing[] {
    return this.#take(rules.tick(this.state, this.env()));
  }

  leave(seat: string): Outgoing[] {
    return this.#take(rules.leave(this.state, seat, this.env()));
  }

  view(seat: string): JustePrixView {
    return rules.view(this.state, seat, this.now) as JustePrixView;
  }
}

function types(out: Outgoing[]): string[] {
  return out.map((o) => `${o.to}:${o.message.type}`);
}

function refusal(fn: () => unknown, code: string): GameRuleError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof GameRuleError, `expected ${code}`);
  assert.equal(caught.code, code);
  return caught;
}

/** Every key of a JSON value, at any depth. */
function keys(value: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, inner] of Object.entries(v)) {
        found.add(k);
        walk(inner);
      }
    }
  };
  walk(value);
  return found;
}

Deno.test("options: defaults, strings from the command line, bounds", () => {
  assert.deepEqual(options(), {
    max: 100,
    rounds: 3,
    timeLimitSec: 90,
    pauseSec: 4,
  });
  assert.equal(options({ max: "50" as unknown as number }).max, 50);
  for (
    const bad of [
      { max: 1 },
      { max: 1_000_001 },
      { max: 10.5 },
      { rounds: 0 },
      { rounds: 21 },
      { timeLimitSec: -1 },
      { max: "lots" },
    ]
  ) {
    assert.equal(rules.optionsSchema.safeParse(bad).success, false);
  }
});

Deno.test("moveSchema accepts integer guesses only", () => {
  const ok = (m: unknown) => rules.moveSchema.safeParse(m).success;
  assert.equal(ok({ type: "guess", value: 42 }), true);
  assert.equal(ok({ type: "guess", value: -3 }), true);
  assert.equal(ok({ type: "guess", value: 4.2 }), false);
  assert.equal(ok({ type: "guess", value: "42" }), false);
  assert.equal(ok({ type: "guess", value: 1e20 }), false);
  assert.equal(ok({ type: "guess" }), false);
  assert.equal(ok({ type: "play", value: 1 }), false);
  assert.deepEqual(rules.moveTypes, ["guess"]);
});

Deno.test("drawSecret covers [1, max] and clamps odd random sources", () => {
  assert.equal(drawSecret(100, () => 0), 1);
  assert.equal(drawSecret(100, () => 0.999999), 100);
  assert.equal(drawSecret(100, () => 0.5), 51);
  assert.equal(drawSecret(100, () => 1), 100);
  assert.equal(drawSecret(100, () => -0.2), 1);
  assert.equal(drawSecret(7, secretRandom(5, 7)), 5);
});

Deno.test("start: round 1, round_start to all, deadline from the limit", async (t) => {
  await t.step("with a time limit", () => {
    const g = new Table({ max: 50 }, secretRandom(17, 50));
    assert.equal(g.state.secret, 17);
    assert.deepEqual(g.out, [{
      to: "all",
      message: {
        type: "round_start",
        round: 1,
        rounds: 3,
        min: 1,
        max: 50,
        endsIn: 90_000,
      },
    }]);
    assert.equal(rules.deadline(g.state), 1_000 + 90_000);
    assert.equal(g.view("a").remainingMs, 90_000);
    g.now += 30_000;
    assert.equal(g.view("a").remainingMs, 60_000);
    assert.equal(rules.over(g.state), false);
  });
  await t.step("without a time limit", () => {
    const g = new Table({ timeLimitSec: 0 }, secretRandom(3, 100));
    assert.equal(g.out[0].message.endsIn, null);
    assert.equal(rules.deadline(g.state), null);
    assert.equal(g.view("a").remainingMs, null);
  });
});

Deno.test("hints: private to the guesser, with the known interval", () => {
  const g = new Table({ max: 100 }, secretRandom(42, 100));
  const out = g.guess("a", 50);
  assert.deepEqual(out[0], {
    to: "a",
    message: {
      type: "hint",
      round: 1,
      guess: 50,
      hint: "moins",
      attempts: 1,
      low: 1,
      high: 49,
    },
  });
  assert.deepEqual(types(out), ["a:hint", "all:progress"]);
  assert.equal(g.guess("a", 25)[0].message.hint, "plus");
  const found = g.guess("a", 42);
  assert.deepEqual(types(found), ["a:hint", "all:found", "all:progress"]);
  assert.equal(found[0].message.hint, "found");
  assert.deepEqual(found[1].message, {
    type: "found",
    round: 1,
    id: "a",
    nickname: "Ana",
    attempts: 3,
    rank: 1,
  });
  const me = g.view("a").me!;
  assert.deepEqual([me.low, me.high, me.found, me.rank], [42, 42, true, 1]);
  assert.deepEqual(me.guesses.map((x) => x.value), [50, 25, 42]);
});

Deno.test("a guess outside the known interval is allowed (the player's loss)", () => {
  const g = new Table({ max: 100 }, secretRandom(42, 100));
  g.guess("a", 50);
  const out = g.guess("a", 90);
  assert.equal(out[0].message.hint, "moins");
  assert.equal(out[0].message.attempts, 2);
  assert.deepEqual([out[0].message.low, out[0].message.high], [1, 49]);
});

/** Every number in a JSON value, at any depth. */
function numbers(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(numbers);
  if (value && typeof value === "object") {
    return Object.values(value).flatMap(numbers);
  }
  return [];
}

Deno.test("privacy: nothing to all and no other seat's view leaks guesses or the secret", () => {
  const secret = 737;
  const g = new Table(
    { max: 1000, rounds: 2 },
    secretRandom(secret, 1000),
    [...SEATS, { id: "d", nickname: "Dee" }],
  );
  const toAll: unknown[] = g.out.map((o) => o.message); // round_start
  const plays: [string, number][] = [
    ["a", 500],
    ["b", 123],
    ["a", 750],
    ["c", 999],
    ["a", 737], // Ana finds
    ["b", 800],
    ["b", 700],
    ["c", 737], // Cy finds
  ];
  const forbidden = ["secret", "guess", "guesses", "value", "hint", "low"];
  for (const [seat, value] of plays) {
    g.now += 500;
    for (const o of g.guess(seat, value)) {
      if (o.to === "all") toAll.push(o.message);
      else assert.equal(o.to, seat, "a hint goes to its guesser only");
    }
    // Bob and Dee never found: their views and a spectator's must not hold
    // the secret.
    for (const watcher of ["b", "d", "spectator"]) {
      assert.ok(!numbers(g.view(watcher)).includes(secret), watcher);
    }
    // Nobody's view shows another player's guesses: outside `me` there are
    // no guess fields, and `me` holds only the watcher's own guesses.
    for (const watcher of ["a", "b", "c", "d", "spectator"]) {
      const v = g.view(watcher);
      const mine = plays.filter(([s]) => s === watcher).map(([, x]) => x);
      for (const x of (v.me?.guesses ?? []).map((x) => x.value)) {
        assert.ok(mine.includes(x), `${watcher} sees ${x}, not theirs`);
      }
      const publicPart = { ...v, me: null };
      for (const f of forbidden) assert.ok(!keys(publicPart).has(f), f);
      for (const [s, x] of plays) {
        if (s === watcher) continue;
        assert.ok(!numbers(publicPart).includes(x), `${watcher} sees ${x}`);
      }
    }
  }
  assert.equal(g.view("spectator").me, null);
  assert.equal(g.state.phase, "playing", "Bob and Dee have not found yet");
  assert.ok(toAll.length >= plays.length, "progress went to all");
  for (const m of toAll) {
    for (const f of forbidden) assert.ok(!keys(m).has(f), `${f} sent to all`);
    assert.ok(!numbers(m).includes(secret), "secret sent to all");
    for (const [, x] of plays) assert.ok(!numbers(m).includes(x), `${x}`);
  }
  // Once the round is over, everybody may see the secret.
  g.now = rules.deadline(g.state)!;
  const end = g.tick();
  assert.equal(end[0].to, "all");
  assert.equal(end[0].message.secret, secret);
  assert.equal(g.view("spectator").result?.secret, secret);
});

Deno.test("ranking: finding order, attempts break same-time ties, ties share rank", async (t) => {
  await t.step("order of finding then not found", () => {
    const g = new Table({ max: 100, rounds: 1 }, secretRandom(10, 100));
    g.guess("b", 50); // Bob: 2 attempts, finds at 1100
    g.now += 100;
    g.guess("b", 10);
    g.now += 100;
    g.guess("a", 10); // Ana: 1 attempt, finds later
    assert.deepEqual(
      g.view("c").players.map((p) => [p.nickname, p.rank]),
      [["Ana", 2], ["Bob", 1], ["Cy", null]],
    );
    g.now = rules.deadline(g.state)!;
    const [end] = g.tick();
    assert.deepEqual(
      (end.message.ranking as { nickname: string; rank: number }[])
        .map((r) => [r.nickname, r.rank]),
      [["Bob", 1], ["Ana", 2], ["Cy", 3]],
    );
  });
  await t.step("same time: fewer attempts first; same attempts share", () => {
    const g = new Table({ max: 100, rounds: 1 }, secretRandom(10, 100));
    g.guess("a", 20);
    g.guess("a", 10); // 2 attempts at t
    g.guess("b", 10); // 1 attempt at t
    g.guess("c", 30);
    const out = g.guess("c", 10); // 2 attempts at t: ties with Ana
    const end = out.find((o) => o.message.type === "round_end")!;
    assert.equal(end.message.reason, "all_found");
    assert.deepEqual(
      (end.message.ranking as { nickname: string; rank: number }[])
        .map((r) => [r.nickname, r.rank]),
      [["Bob", 1], ["Ana", 2], ["Cy", 2]],
    );
    const pts = rules.standings(g.state).map((s) => [s.nickname, s.points]);
    // budget(100) = 8: Bob 1000 + 70; Ana and Cy 900 + 60.
    assert.deepEqual(pts, [["Bob", 1070], ["Ana", 960], ["Cy", 960]]);
    assert.deepEqual(rules.standings(g.state).map((s) => s.rank), [1, 2, 2]);
  });
});

Deno.test("time-out: tick at the deadline ends the round, then the pause, then round 2", () => {
  const g = new Table(
    { max: 100, rounds: 2, timeLimitSec: 60, pauseSec: 4 },
    sequence(0.095, 0.695), // secrets 10 then 70
  );
  assert.equal(g.state.secret, 10);
  g.guess("a", 10);
  g.now += 59_999;
  assert.deepEqual(g.tick(), [], "too early: nothing happens");
  assert.equal(g.state.phase, "playing");
  g.now += 1;
  const [end] = g.tick();
  assert.equal(end.message.type, "round_end");
  assert.equal(end.message.reason, "time_up");
  assert.equal(end.message.nextIn, 4_000);
  assert.equal(g.state.phase, "pause");
  assert.equal(rules.deadline(g.state), g.now + 4_000);
  assert.deepEqual(
    (end.message.ranking as { points: number }[]).map((r) => r.points),
    [1070, 0, 0],
  );
  const pause = g.view("b");
  assert.equal(pause.result?.secret, 10);
  assert.equal(pause.remainingMs, 4_000);
  refusal(() => g.guess("b", 10), "round_over");
  g.now += 4_000;
  const [start] = g.tick();
  assert.equal(start.message.type, "round_start");
  assert.equal(start.message.round, 2);
  assert.equal(g.state.secret, 70);
  const v = g.view("a");
  assert.deepEqual([v.round, v.phase, v.me!.attempts, v.result], [
    2,
    "playing",
    0,
    null,
  ]);
  assert.deepEqual(g.view("a").players.map((p) => p.attempts), [0, 0, 0]);
});

Deno.test("rounds: the game is over after the last round, standings sum rounds", () => {
  const g = new Table(
    { max: 10, rounds: 2, timeLimitSec: 0, pauseSec: 3 },
    sequence(0.05, 0.85), // secrets 1 then 9
    SEATS.slice(0, 2),
  );
  g.guess("a", 1);
  g.now += 10;
  const out = g.guess("b", 1);
  assert.deepEqual(types(out), [
    "b:hint",
    "all:found",
    "all:progress",
    "all:round_end",
  ]);
  assert.equal(g.state.phase, "pause");
  g.now += 3_000;
  g.tick();
  g.guess("b", 9);
  g.now += 10;
  const last = g.guess("a", 9);
  const end = last.at(-1)!.message;
  assert.equal(end.type, "round_end");
  assert.equal(end.nextIn, null);
  assert.equal(rules.over(g.state), true);
  assert.equal(rules.deadline(g.state), null);
  // budget(10) = 5; each found in 1 attempt: bonus 40.
  assert.deepEqual(rules.standings(g.state), [
    { id: "a", nickname: "Ana", rank: 1, points: 1040 + 940 },
    { id: "b", nickname: "Bob", rank: 1, points: 940 + 1040 },
  ]);
  assert.deepEqual(end.totals, [
    { id: "a", nickname: "Ana", points: 1980, rank: 1 },
    { id: "b", nickname: "Bob", points: 1980, rank: 1 },
  ]);
  assert.equal(g.view("a").phase, "over");
  assert.equal(g.view("a").remainingMs, null);
  refusal(() => g.guess("a", 3), "round_over");
  assert.deepEqual(g.tick(), []);
});

Deno.test("errors: stable codes and params", () => {
  const g = new Table({ max: 100 }, secretRandom(42, 100));
  const e = refusal(() => g.guess("a", 101), "out_of_range");
  assert.deepEqual(e.params, { min: 1, max: 100 });
  assert.match(e.message, /between 1 and 100/);
  refusal(() => g.guess("a", 0), "out_of_range");
  refusal(() => g.guess("zed", 5), "not_playing");
  refusal(
    () => rules.move(g.state, "a", { type: "guess", value: 2.5 }, g.env()),
    "invalid_move",
  );
  refusal(
    () => rules.move(g.state, "a", { type: "guess" }, g.env()),
    "invalid_move",
  );
  g.guess("a", 42);
  refusal(() => g.guess("a", 42), "already_found");
  assert.equal(g.view("a").me!.attempts, 1, "refused guesses do not count");
  g.now = rules.deadline(g.state)!;
  refusal(() => g.guess("b", 42), "round_over"); // time is up, tick pending
});

Deno.test("rules never mutate the state they are given", () => {
  const g = new Table({ max: 100, rounds: 2 }, secretRandom(42, 100));
  const before = structuredClone(g.state);
  const s0 = g.state;
  g.guess("a", 42);
  g.guess("b", 1);
  g.leave("c");
  assert.deepEqual(s0, before);
});

Deno.test("leave", async (t) => {
  await t.step(
    "the round ends at once when everyone remaining has found",
    () => {
      const g = new Table({ max: 100 }, secretRandom(42, 100));
      g.guess("a", 42);
      g.guess("b", 42);
      const out = g.leave("c");
      assert.deepEqual(types(out), ["all:progress", "all:round_end"]);
      assert.deepEqual(
        (out[0].message.players as { left: boolean }[]).map((p) => p.left),
        [false, false, true],
      );
      assert.equal(out[1].message.reason, "all_found");
      assert.equal(g.state.phase, "pause");
    },
  );
  await t.step("others go on; nobody left ends the game", () => {
    const g = new Table({ max: 100 }, secretRandom(42, 100));
    assert.deepEqual(types(g.leave("a")), ["all:progress"]);
    assert.equal(g.state.phase, "playing");
    assert.deepEqual(g.leave("a"), [], "leaving twice changes nothing");
    assert.deepEqual(g.leave("zed"), [], "unknown seat");
    g.leave("b");
    const out = g.leave("c");
    assert.equal(out.at(-1)!.message.reason, "no_players");
    assert.equal(rules.over(g.state), true);
  });
  await t.step("during the pause", () => {
    const g = new Table({ max: 100 }, secretRandom(42, 100), SEATS.slice(0, 2));
    g.guess("a", 42);
    g.guess("b", 42);
    assert.equal(g.state.phase, "pause");
    assert.deepEqual(g.leave("a"), []);
    assert.equal(g.state.phase, "pause");
    g.leave("b");
    assert.equal(rules.over(g.state), true);
  });
  await t.step("a seat that left and guesses again is back", () => {
    const g = new Table({ max: 100 }, secretRandom(42, 100), SEATS.slice(0, 2));
    g.leave("b");
    g.guess("b", 10);
    assert.equal(g.view("a").players[1].left, false);
    g.guess("a", 42);
    assert.equal(g.state.phase, "playing", "Bob counts again");
  });
  await t.step("points of a player who left stay in the standings", () => {
    const g = new Table({ max: 100, rounds: 1 }, secretRandom(42, 100));
    g.guess("c", 42);
    g.leave("c");
    g.now = rules.deadline(g.state)!;
    g.tick();
    assert.deepEqual(rules.standings(g.state)[0].nickname, "Cy");
    assert.ok(rules.standings(g.state)[0].points > 0);
  });
});

Deno.test("property: hints agree with the secret and the interval keeps it", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 1_000_000 }).chain((max) =>
        fc.tuple(
          fc.constant(max),
          fc.integer({ min: 1, max }),
          fc.array(fc.integer({ min: 1, max }), { maxLength: 30 }),
        )
      ),
      ([max, secret, guesses]) => {
        const g = new Table({ max, rounds: 1 }, secretRandom(secret, max), [
          SEATS[0],
          SEATS[1],
        ]);
        assert.equal(g.state.secret, secret);
        let found = false;
        for (const value of guesses) {
          if (found) {
            refusal(() => g.guess("a", value), "already_found");
            continue;
          }
          const hint = g.guess("a", value)[0].message;
          const expected = value < secret
            ? "plus"
            : value > secret
            ? "moins"
            : "found";
          assert.equal(hint.hint, expected);
          assert.equal(hint.hint, hintFor(secret, value));
          const low = hint.low as number;
          const high = hint.high as number;
          assert.ok(low <= secret && secret <= high);
          found = expected === "found";
        }
        const me = g.view("a").me!;
        assert.deepEqual(
          { low: me.low, high: me.high },
          knownInterval(me.guesses, 1, max),
        );
        assert.equal(me.found, found);
      },
    ),
    { numRuns: 200 },
  );
});
