import assert from "node:assert/strict";
import fc from "fast-check";
import {
  assertRefused,
  checkMigration,
  many,
  scripts,
} from "../../games/testing_saved.ts";
import { rps } from "./mod.ts";
import { rpsRules as rules } from "./rules.ts";

const options = fc.record({
  wins: fc.integer({ min: 1, max: 3 }),
  roundSec: fc.integer({ min: 1, max: 10 }),
  maxRounds: fc.integer({ min: 1, max: 5 }),
});
const randomMove = (random: () => number) => ({
  type: "throw",
  hand: ["rock", "paper", "scissors", "lizard"][Math.floor(random() * 4)],
});

function saved() {
  const env = { now: 0, random: Math.random };
  let { state } = rules.start(
    [{ id: "a", nickname: "Ana" }, { id: "b", nickname: "Bob" }],
    rules.optionsSchema.parse({}),
    env,
  );
  state = rules.move(state, "a", { type: "throw", hand: "rock" }, env).state;
  return JSON.parse(JSON.stringify(state));
}

Deno.test("rps across host migration", async (t) => {
  await t.step("a copy plays on exactly like the original", () => {
    fc.assert(
      fc.property(
        scripts({ minSeats: 2, maxSeats: 4, options, maxWaitMs: 12_000 }),
        (script) => checkMigration(rps, script, randomMove),
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
        {},
        { ...good, players: [a, a] },
        { ...good, players: [{ ...a, hand: "lizard" }] },
        { ...good, players: many(100_001, a) },
        { ...good, round: -1 },
        { ...good, endsAt: "soon" },
      ]
    ) assertRefused(rules, data);
  });
});
