import assert from "node:assert/strict";
import fc from "fast-check";
import {
  assertRefused,
  checkMigration,
  many,
  scripts,
} from "../testing_saved.ts";
import { morpion } from "./mod.ts";
import { morpionRules as rules } from "./rules.ts";
import { seatsOf } from "./testing.ts";

const options = fc.record({
  matches: fc.integer({ min: 1, max: 3 }),
  ai: fc.constantFrom("easy", "hard"),
  moveTimeSec: fc.constantFrom(0, 5, 10),
});
const randomMove = (random: () => number) => ({
  type: "play",
  cell: Math.floor(random() * 11),
});

function saved() {
  let { state } = rules.start(
    seatsOf("ana", "bob", "cyd"),
    rules.optionsSchema
      .parse({}),
    { now: 0, random: Math.random },
  );
  state = rules.presence!(state, "p2", false, { now: 5, random: Math.random })
    .state;
  return JSON.parse(JSON.stringify(state));
}

Deno.test("morpion across host migration", async (t) => {
  await t.step("a copy plays on exactly like the original", () => {
    fc.assert(
      fc.property(
        scripts({ minSeats: 1, maxSeats: 4, options, maxWaitMs: 12_000 }),
        (script) => checkMigration(morpion, script, randomMove),
      ),
      { numRuns: 200 },
    );
  });

  await t.step("the state is JSON-safe: no save; load checks it", () => {
    assert.equal(rules.save, undefined);
    const good = saved();
    assert.deepEqual(rules.load!(good), good);
  });

  await t.step("a seat id `__proto__` in `away` stays a key", () => {
    const good = saved();
    const loaded = rules.load!({
      ...good,
      away: JSON.parse('{"__proto__": 7, "p2": 5}'),
    }) as unknown as { away: Record<string, unknown> };
    assert.equal(Object.getPrototypeOf(loaded.away), Object.prototype);
    assert.ok(Object.hasOwn(loaded.away, "__proto__"));
    assert.deepEqual(Object.entries(loaded.away), [["__proto__", 7], [
      "p2",
      5,
    ]]);
    assertRefused(rules, {
      ...good,
      away: JSON.parse('{"__proto__": {"polluted": 1}}'),
    });
  });

  await t.step("load refuses what is not a saved series", () => {
    const good = saved();
    for (
      const data of [
        null,
        [],
        {},
        { ...good, board: many(10, "") },
        { ...good, board: many(9, "Z") },
        { ...good, match: 99 },
        { ...good, schedule: [{ x: "p1", o: "nobody" }] },
        { ...good, schedule: many(1_000_001, { x: "p1", o: "p2" }) },
        { ...good, players: [...good.players, good.players[0]] },
        { ...good, away: { p2: "since" } },
        { ...good, away: "p2" },
        {
          ...good,
          away: Object.fromEntries(
            many(100_001, 0).map((_, i) => [`p${i}`, 1]),
          ),
        },
        { ...good, turnSince: "now" },
        { ...good, options: { ...good.options, matches: 99 } },
      ]
    ) assertRefused(rules, data);
  });
});
