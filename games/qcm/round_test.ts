import assert from "node:assert/strict";
import fc from "fast-check";
import type { Seat } from "../types.ts";
import { BANK } from "./bank.ts";
import type { QcmQuestion } from "./question.ts";
import { makeRound } from "./round.ts";
import { qcmRules as rules } from "./rules.ts";
import { qcmOptionsSchema } from "./wire.ts";
import { QUIZ, seeded } from "./testing.ts";

const SEATS: Seat[] = [
  { id: "a", nickname: "Ana" },
  { id: "b", nickname: "Bob" },
  { id: "c", nickname: "Cyd" },
];

/** A game of the fixed quiz in file order, started at 0. */
const start = () =>
  rules.start(
    SEATS,
    qcmOptionsSchema.parse({ questions: QUIZ, shuffle: false }),
    { now: 0, random: seeded(1) },
  );

Deno.test("qcm rules: shuffling", async (t) => {
  const questionArb = fc.integer({ min: 2, max: 4 }).chain((n) =>
    fc.record({
      answers: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), {
        minLength: n,
        maxLength: n,
      }),
      correct: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: n }),
      keepOrder: fc.boolean(),
    })
  );

  await t.step("answers are a permutation; the key follows them", () => {
    fc.assert(
      fc.property(questionArb, fc.nat(), (q, seed) => {
        const question: QcmQuestion = {
          id: "x",
          text: { fr: "?", en: "?" },
          answers: { fr: q.answers, en: q.answers.map((a) => a + "!") },
          correct: [...q.correct].sort(),
          keepOrder: q.keepOrder,
        };
        const round = makeRound(
          question,
          { timeSec: 20, shuffle: true },
          seeded(seed),
        );
        assert.deepEqual([...round.answers.fr].sort(), [...q.answers].sort());
        round.answers.fr.forEach((a, i) => {
          const original = q.answers.indexOf(a);
          assert.equal(round.answers.en[i], a + "!");
          assert.equal(round.correct.includes(i), q.correct.includes(original));
        });
        if (q.keepOrder) assert.deepEqual(round.answers.fr, q.answers);
      }),
      { numRuns: 300 },
    );
  });

  await t.step("the questions are a random subset without repeats", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 30 }), (seed, count) => {
        const s = rules.start(
          SEATS,
          qcmOptionsSchema.parse({ count }),
          { now: 0, random: seeded(seed) },
        ).state;
        const ids = s.rounds.map((r) => r.id);
        assert.equal(ids.length, count);
        assert.equal(new Set(ids).size, count);
        for (const id of ids) assert.ok(BANK.some((q) => q.id === id));
      }),
      { numRuns: 50 },
    );
    const orders = new Set(
      [1, 2, 3, 4, 5].map((seed) =>
        rules.start(SEATS, qcmOptionsSchema.parse({}), {
          now: 0,
          random: seeded(seed),
        })
          .state.rounds.map((r) => r.id).join()
      ),
    );
    assert.ok(orders.size > 1, "different seeds give different games");
  });

  await t.step("shuffle off keeps the file order", () => {
    const s = start().state;
    assert.deepEqual(s.rounds.map((r) => r.id), ["q1", "q2", "q3"]);
    assert.deepEqual(s.rounds[0].answers, QUIZ[0].answers);
  });
});
