import assert from "node:assert/strict";
import fc from "fast-check";
import { seeded } from "../testing_random.ts";
import {
  assertRefused,
  checkMigration,
  many,
  scripts,
} from "../testing_saved.ts";
import { bombardes } from "./mod.ts";
import { bombardesRules as rules } from "./rules.ts";

const options = fc.record({
  rounds: fc.integer({ min: 1, max: 2 }),
  turnSec: fc.integer({ min: 5, max: 10 }),
  wind: fc.integer({ min: 0, max: 9 }),
  pauseSec: fc.integer({ min: 0, max: 3 }),
});
const randomMove = (random: () => number) => ({
  type: "fire",
  angle: Math.floor(random() * 200) - 10,
  charge: Math.floor(random() * 110),
});

function saved() {
  const env = { now: 0, random: seeded(1) };
  let { state } = rules.start(
    [{ id: "a", nickname: "Ana" }, { id: "b", nickname: "Bob" }],
    rules.optionsSchema.parse({}),
    env,
  );
  state = rules.move(state, "a", { type: "fire", angle: 60, charge: 70 }, env)
    .state;
  return JSON.parse(JSON.stringify(state));
}

Deno.test("bombardes across host migration", async (t) => {
  await t.step("a copy plays on exactly like the original", () => {
    fc.assert(
      fc.property(
        scripts({ minSeats: 2, maxSeats: 4, options, maxWaitMs: 12_000 }),
        (script) => checkMigration(bombardes, script, randomMove),
      ),
      { numRuns: 100 },
    );
  });

  await t.step("the state is JSON-safe: no save; load checks it", () => {
    assert.equal(rules.save, undefined);
    const good = saved();
    assert.equal(good.phase, "flight");
    assert.deepEqual(rules.load!(good), good);
  });

  await t.step("load refuses what is not a saved game", () => {
    const good = saved();
    const c = good.cannons[0];
    for (
      const data of [
        null,
        {},
        { ...good, cannons: [c, c] },
        { ...good, cannons: many(9, c) },
        { ...good, terrain: many(77, 3) },
        { ...good, terrain: [1, 2, 3] },
        { ...good, shooter: "nobody" },
        { ...good, flight: { ...good.flight, id: "nobody" } },
        {
          ...good,
          flight: {
            ...good.flight,
            trajectory: { ...good.flight.trajectory, path: many(1e5, [1, 2]) },
          },
        },
        {
          ...good,
          cannons: [{ ...c, shots: many(5, { angle: 1, charge: 1, x: 1 }) }],
        },
        { ...good, wind: null },
      ]
    ) assertRefused(rules, data);
  });
});
