import assert from "node:assert/strict";
import fc from "fast-check";
import {
  assertRefused,
  checkMigration,
  many,
  scripts,
} from "../testing_saved.ts";
import { justeprix } from "./mod.ts";
import { justePrixRules as rules } from "./rules.ts";

const options = fc.record({
  max: fc.integer({ min: 2, max: 40 }),
  rounds: fc.integer({ min: 1, max: 3 }),
  timeLimitSec: fc.constantFrom(0, 5, 20),
  pauseSec: fc.integer({ min: 0, max: 4 }),
});
const randomMove = (random: () => number) => ({
  type: "guess",
  value: Math.floor(random() * 50) - 2,
});

function saved() {
  const env = { now: 0, random: () => 0.41 };
  let { state } = rules.start(
    [{ id: "a", nickname: "Ana" }, { id: "b", nickname: "Bob" }],
    rules.optionsSchema.parse({}),
    env,
  );
  state = rules.move(state, "a", { type: "guess", value: 50 }, env).state;
  return JSON.parse(JSON.stringify(state));
}

Deno.test("justeprix across host migration", async (t) => {
  await t.step("a copy plays on exactly like the original", () => {
    fc.assert(
      fc.property(
        scripts({ minSeats: 1, maxSeats: 4, options, maxWaitMs: 12_000 }),
        (script) => checkMigration(justeprix, script, randomMove),
      ),
      { numRuns: 200 },
    );
  });

  await t.step("the state is JSON-safe: no save; load checks it", () => {
    assert.equal(rules.save, undefined);
    const good = saved();
    assert.deepEqual(rules.load!(good), good);
  });

  await t.step("load refuses what is not a saved game", () => {
    const good = saved();
    const a = good.players[0];
    for (
      const data of [
        null,
        "justeprix",
        {},
        { ...good, secret: 0 },
        { ...good, secret: 101 },
        { ...good, phase: "lobby" },
        { ...good, players: [a, a] },
        { ...good, players: [{ ...a, guesses: "50" }] },
        {
          ...good,
          players: [{ ...a, guesses: many(200_001, a.guesses[0]) }],
        },
        {
          ...good,
          results: many(21, {
            round: 1,
            secret: 2,
            reason: "time_up",
            ranking: [],
          }),
        },
        { ...good, phaseEndsAt: "later" },
      ]
    ) assertRefused(rules, data);
  });
});
