import assert from "node:assert/strict";
import { qcmRules as rules } from "./rules.ts";
import { qcmOptionsSchema } from "./wire.ts";
import { QUIZ } from "./testing.ts";

Deno.test("qcm options", async (t) => {
  await t.step("defaults", () => {
    assert.deepEqual(qcmOptionsSchema.parse({}), {
      timeSec: 20,
      points: 1000,
      shuffle: true,
      pauseSec: 6,
    });
  });
  await t.step("strings from a command line", () => {
    const o = qcmOptionsSchema.parse({
      timeSec: "30",
      points: "2000",
      shuffle: "non",
      count: "5",
    });
    assert.deepEqual([o.timeSec, o.points, o.shuffle, o.count], [
      30,
      2000,
      false,
      5,
    ]);
  });
  await t.step("refuses what is out of range", () => {
    for (
      const bad of [
        { timeSec: 4 },
        { timeSec: 241 },
        { points: 500 },
        { count: 0 },
        { shuffle: "maybe" },
        { questions: [] },
        { questions: [{ ...QUIZ[0], correct: [4] }] },
      ]
    ) {
      assert.equal(
        qcmOptionsSchema.safeParse(bad).success,
        false,
        JSON.stringify(bad),
      );
    }
  });
  await t.step("the move schema", () => {
    const s = rules.moveSchema;
    assert.deepEqual(s.parse({ type: "answer", choices: [1, 3] }), {
      type: "answer",
      choices: [1, 3],
    });
    assert.deepEqual(s.parse({ type: "answer", choice: 2 }), {
      type: "answer",
      choices: [2],
    });
    for (const bad of [[], [0], [5], [1.5], ["1"], [1, 2, 3, 4, 1]]) {
      assert.equal(
        s.safeParse({ type: "answer", choices: bad }).success,
        false,
      );
    }
  });
});
