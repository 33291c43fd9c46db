import assert from "node:assert/strict";
import fc from "fast-check";
import type { Seat } from "../types.ts";
import {
  BOT_DELAY_MAX_MS,
  BOT_DELAY_MIN_MS,
  justePrixBot as bot,
} from "./bot.ts";
import type { JustePrixView } from "./wire.ts";
import { justePrixRules as rules, type JustePrixState } from "./rules.ts";

const SEATS: Seat[] = [{ id: "a", nickname: "Ana" }, {
  id: "b",
  nickname: "Bob",
}];

function startWith(secret: number, max: number, rounds = 1) {
  const random = () => (secret - 0.5) / max;
  const opts = rules.optionsSchema.parse({ max, rounds, timeLimitSec: 0 });
  return { state: rules.start(SEATS, opts, { now: 0, random }).state, random };
}

function viewOf(state: JustePrixState, seat: string): JustePrixView {
  return rules.view(state, seat, 0) as JustePrixView;
}

Deno.test("bot: guesses the middle of its interval with a stable key", () => {
  let { state } = startWith(30, 100);
  const first = bot(viewOf(state, "a"), () => 0)!;
  assert.deepEqual(first.move, { type: "guess", value: 50 });
  assert.equal(first.key, "round-1-attempt-1");
  assert.equal(first.delayMs, BOT_DELAY_MIN_MS);
  assert.equal(
    bot(viewOf(state, "a"), () => 0.999999)!.delayMs,
    BOT_DELAY_MAX_MS,
  );
  assert.equal(bot(viewOf(state, "a"), () => 0.7)!.key, first.key);
  state = rules.move(state, "a", first.move, { now: 0, random: Math.random })
    .state;
  const second = bot(viewOf(state, "a"), () => 0.5)!;
  assert.deepEqual(second.move, { type: "guess", value: 25 }); // 30 < 50
  assert.equal(second.key, "round-1-attempt-2");
  assert.ok(second.delayMs! >= BOT_DELAY_MIN_MS);
  assert.ok(second.delayMs! <= BOT_DELAY_MAX_MS);
});

Deno.test("bot: nothing to do when found, between rounds, watching or lost", () => {
  const { state } = startWith(50, 100, 2);
  const found = rules.move(state, "a", { type: "guess", value: 50 }, {
    now: 0,
    random: Math.random,
  }).state;
  assert.equal(bot(viewOf(found, "a"), Math.random), null, "found");
  assert.notEqual(bot(viewOf(found, "b"), Math.random), null, "Bob plays on");
  const pause = rules.move(found, "b", { type: "guess", value: 50 }, {
    now: 0,
    random: Math.random,
  }).state;
  assert.equal(viewOf(pause, "b").phase, "pause");
  assert.equal(bot(viewOf(pause, "b"), Math.random), null, "pause");
  assert.equal(bot(viewOf(state, "spectator"), Math.random), null);
  assert.equal(
    bot({ ...viewOf(state, "a"), remainingMs: 0 }, Math.random),
    null,
  );
  assert.equal(bot(null, Math.random), null);
  assert.equal(bot({ phase: "playing" }, Math.random), null);
});

Deno.test("property: the bot finds any secret within ceil(log2(max)) + 1 attempts", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 1_000_000 }).chain((max) =>
        fc.tuple(fc.constant(max), fc.integer({ min: 1, max }))
      ),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      ([max, secret], r) => {
        let { state, random } = startWith(secret, max);
        const limit = Math.ceil(Math.log2(max)) + 1;
        const keys = new Set<string>();
        const values = new Set<number>();
        for (let i = 0; i < limit; i++) {
          const d = bot(viewOf(state, "a"), () => r);
          if (!d) break;
          assert.ok(!keys.has(d.key), "a key is never reused");
          assert.ok(!values.has(d.move.value as number), "same guess twice");
          keys.add(d.key);
          values.add(d.move.value as number);
          state = rules.move(state, "a", d.move, { now: i, random }).state;
        }
        const me = viewOf(state, "a").me!;
        assert.ok(me.found, `not found in ${limit} attempts`);
        assert.ok(me.attempts <= limit);
        assert.equal(bot(viewOf(state, "a"), () => r), null);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("two bots play a whole game of several rounds to the end", () => {
  const opts = rules.optionsSchema.parse({
    max: 1000,
    rounds: 3,
    timeLimitSec: 30,
    pauseSec: 2,
  });
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  let now = 0;
  let state = rules.start(SEATS, opts, { now, random }).state;
  const rounds = new Set<number>();
  for (let steps = 0; !rules.over(state) && steps < 200; steps++) {
    now += 10;
    let moved = false;
    for (const seat of ["a", "b"]) {
      const d = bot(viewOf(state, seat), random);
      if (!d) continue;
      state = rules.move(state, seat, d.move, { now, random }).state;
      moved = true;
      rounds.add(state.round);
    }
    if (!moved) {
      now = rules.deadline(state)!;
      state = rules.tick(state, { now, random }).state;
    }
  }
  assert.equal(rules.over(state), true);
  assert.deepEqual([...rounds], [1, 2, 3]);
  assert.equal(state.results.length, 3);
  assert.ok(state.results.every((r) => r.reason === "all_found"));
  const total = rules.standings(state).reduce((s, x) => s + x.points, 0);
  assert.ok(total >= 3 * (1000 + 900));
});
