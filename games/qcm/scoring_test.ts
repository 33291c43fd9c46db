import assert from "node:assert/strict";
import fc from "fast-check";
import {
  scoreAnswer,
  speedPoints,
  STREAK_CAP,
  streakBonus,
} from "./scoring.ts";

Deno.test("scoring", async (t) => {
  await t.step("speed points follow round(points × (1 − (t/T)/2))", () => {
    const table: [number, number, number, number][] = [
      // points, t ms, T ms, expected
      [1000, 0, 20_000, 1000],
      [1000, 5_000, 20_000, 875],
      [1000, 10_000, 20_000, 750],
      [1000, 20_000, 20_000, 500],
      [1000, 25_000, 20_000, 500], // late answers clamp to half
      [1000, -10, 20_000, 1000], // clock skew clamps to full
      [2000, 3_000, 30_000, 1900],
      [1000, 1, 30_000, 1000], // 999.98 rounds to 1000
      [1000, 333, 5_000, 967], // 966.7
      [0, 1_000, 20_000, 0],
    ];
    for (const [points, t, T, expected] of table) {
      assert.equal(speedPoints(points, t, T), expected, `${points} ${t}/${T}`);
    }
  });

  await t.step(
    "streak bonus: +100 per step from the 2nd, capped at 500",
    () => {
      assert.deepEqual(
        [0, 1, 2, 3, 4, 5, 6, 7, 20].map(streakBonus),
        [0, 0, 100, 200, 300, 400, 500, 500, 500],
      );
    },
  );

  await t.step("scoreAnswer: right adds the bonus, wrong resets", () => {
    assert.deepEqual(scoreAnswer(true, 0, 20_000, 1000, 0), {
      points: 1000,
      streak: 1,
    });
    assert.deepEqual(scoreAnswer(true, 10_000, 20_000, 1000, 3), {
      points: 1050,
      streak: 4,
    });
    assert.deepEqual(scoreAnswer(false, 0, 20_000, 1000, 7), {
      points: 0,
      streak: 0,
    });
    assert.deepEqual(scoreAnswer(true, 0, 20_000, 0, 4), {
      points: 0,
      streak: 5,
    });
  });

  await t.step("properties: bounds, monotony, cap", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1000, 2000),
        fc.integer({ min: 5_000, max: 240_000 }),
        fc.integer({ min: -1000, max: 300_000 }),
        fc.integer({ min: 0, max: 300_000 }),
        fc.nat(50),
        (points, T, t1, dt, streak) => {
          const a = speedPoints(points, t1, T);
          const b = speedPoints(points, t1 + dt, T);
          assert.ok(a >= points / 2 && a <= points);
          assert.ok(b <= a, "a later answer never scores more");
          const s = scoreAnswer(true, t1, T, points, streak);
          assert.equal(s.streak, streak + 1);
          const bonus = s.points - a;
          assert.ok(bonus >= 0 && bonus <= STREAK_CAP);
          assert.equal(bonus % 100, 0);
          if (points > 0 && streak >= 5) assert.equal(bonus, STREAK_CAP);
          assert.deepEqual(scoreAnswer(false, t1, T, points, streak), {
            points: 0,
            streak: 0,
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
