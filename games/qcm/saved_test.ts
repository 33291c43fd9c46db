import assert from "node:assert/strict";
import fc from "fast-check";
import { GameRuleError } from "../errors.ts";
import { BAD_SAVE, loadState, saveState } from "../saved.ts";
import { checkMigration, type Script, scripts } from "../testing_saved.ts";
import { qcm } from "./mod.ts";
import { loadQcm, saveQcm } from "./saved.ts";
import { READY_MS } from "./phases.ts";
import { asked, env, QUIZ, SEATS } from "./testing.ts";
import { qcmRules as rules } from "./rules.ts";

const randomMove = (random: () => number) => ({
  type: "answer",
  choices: [1 + Math.floor(random() * 5)],
});

const options = fc.record({
  count: fc.integer({ min: 1, max: 3 }),
  timeSec: fc.integer({ min: 5, max: 12 }),
  pauseSec: fc.integer({ min: 2, max: 4 }),
  points: fc.constantFrom(0, 1000, 2000),
  shuffle: fc.boolean(),
  questions: fc.option(fc.constant(QUIZ), { nil: undefined }),
});

/**
 * Three seats; Ana answers, then Bob; the copy is made between. The game
 * starts {@linkcode READY_MS} before 0, so that question 1 opens at 0.
 */
const twoAnswers: Script = {
  seats: SEATS.slice(0, 3),
  options: { questions: QUIZ, shuffle: false },
  start: -READY_MS,
  seed: 7,
  actions: [
    { kind: "wait", ms: READY_MS + 40 },
    { kind: "move", seat: 0, pick: 1 },
    { kind: "move", seat: 1, pick: 2 },
    { kind: "move", seat: 2, pick: 3 },
  ],
  split: 1,
};

Deno.test("qcm across host migration", async (t) => {
  await t.step("a copy plays on exactly like the original", () => {
    fc.assert(
      fc.property(
        scripts({ minSeats: 1, maxSeats: 4, options, maxWaitMs: 8_000 }),
        (script) => checkMigration(qcm, script, randomMove),
      ),
      { numRuns: 150 },
    );
  });

  await t.step(
    "a copy made while getting ready plays on like the original",
    () => {
      // Copied right after the start (« Préparez-vous »): a player goes away
      // and comes back, question 1 comes at READY_MS, everyone answers.
      const ready: Script = {
        seats: SEATS.slice(0, 3),
        options: { questions: QUIZ, shuffle: false },
        start: 500,
        seed: 3,
        actions: [
          { kind: "presence", seat: 1, present: false },
          { kind: "move", seat: 0, pick: 1 }, // refused: no_question
          { kind: "wait", ms: 1_000 },
          { kind: "presence", seat: 1, present: true },
          { kind: "wait", ms: READY_MS },
          { kind: "move", seat: 0, pick: 1 },
          { kind: "move", seat: 1, pick: 2 },
          { kind: "move", seat: 2, pick: 3 },
          { kind: "wait", ms: 60_000 },
        ],
        split: 0,
      };
      checkMigration(qcm, ready, randomMove);
      const { state } = rules.start(
        SEATS,
        rules.optionsSchema.parse({}),
        env(0),
      );
      assert.equal(state.phase, "ready");
      const copy = loadQcm(JSON.parse(JSON.stringify(saveQcm(state))));
      assert.deepEqual(saveQcm(copy), saveQcm(state));
      assert.throws(
        () =>
          loadQcm({
            ...JSON.parse(JSON.stringify(saveQcm(state))),
            index: 1,
          }),
        GameRuleError,
        "ready is before question 1",
      );
    },
  );

  await t.step("answers and the first `answered` survive the copy", () => {
    checkMigration(qcm, twoAnswers, randomMove);
    let { state } = asked(SEATS, rules.optionsSchema.parse({}), 0);
    state = rules.move(state, "a", { type: "answer", choices: [1] }, env(30))
      .state;
    const copy = loadQcm(JSON.parse(JSON.stringify(saveQcm(state))));
    assert.deepEqual(copy.answers.get("a"), state.answers.get("a"));
    assert.equal(copy.answers.size, 1);
    const fresh = asked(SEATS, rules.optionsSchema.parse({}), 0);
    assert.equal(
      loadQcm(JSON.parse(JSON.stringify(saveQcm(fresh.state)))).toldAt,
      -Infinity,
    );
  });

  await t.step("the hooks are needed: a raw JSON copy is not enough", () => {
    const raw = {
      ...qcm,
      rules: { ...rules, save: undefined, load: undefined },
    };
    assert.throws(() => checkMigration(raw, twoAnswers, randomMove));
    // Answers handled, but `toldAt` left as JSON gives it (null): the first
    // answer before 100 ms of game time is told late.
    const noInfinity = {
      ...qcm,
      rules: {
        ...rules,
        load: (saved: unknown) => ({
          ...loadQcm(saved),
          toldAt: (saved as { toldAt: number }).toldAt,
        }),
      },
    };
    assert.throws(
      () => checkMigration(noInfinity, twoAnswers, randomMove),
      assert.AssertionError,
    );
  });

  await t.step("load refuses what is not a saved game", () => {
    const { state } = asked(SEATS, rules.optionsSchema.parse({}), 0);
    const good = JSON.parse(JSON.stringify(saveState(rules, state)));
    const bad: unknown[] = [
      null,
      42,
      "qcm",
      [],
      {},
      { ...good, v: 2 },
      { ...good, players: "everyone" },
      { ...good, index: 99 },
      { ...good, salts: [] },
      { ...good, phaseEnd: "soon" },
      { ...good, answers: [["nobody", { choices: [0], at: 1, creditMs: 0 }]] },
      {
        ...good,
        answers: [
          ["a", { choices: [0], at: 1, creditMs: 0 }],
          ["a", { choices: [1], at: 2, creditMs: 0 }],
        ],
      },
      { ...good, answers: [["a", { choices: [9], at: 1, creditMs: 0 }]] },
      { ...good, players: [...good.players, good.players[0]] },
      {
        ...good,
        players: Array.from({ length: 100_001 }, (_, i) => ({
          id: `p${i}`,
          nickname: "x",
          score: 0,
          streak: 0,
          present: true,
        })),
      },
      { ...good, salts: good.salts.map(() => "x".repeat(10_000)) },
      JSON.parse('{"__proto__": {"phase": "over"}}'),
    ];
    for (const data of bad) {
      assert.throws(
        () => loadState(rules, data),
        (e) => e instanceof GameRuleError && e.code === BAD_SAVE,
        JSON.stringify(data)?.slice(0, 80),
      );
    }
  });

  await t.step("load keeps no extra field and no prototype trick", () => {
    const { state } = asked(SEATS, rules.optionsSchema.parse({}), 0);
    const good = JSON.parse(JSON.stringify(saveState(rules, state)));
    const tricky = JSON.parse(JSON.stringify({ ...good, extra: 1 }));
    tricky.players[0] = JSON.parse(
      '{"__proto__": {"admin": true}, "id": "a", "nickname": "Ana", "score": 0, "streak": 0, "present": true}',
    );
    const copy = loadQcm(tricky) as unknown as Record<string, unknown>;
    assert.equal("extra" in copy, false);
    const p = (copy.players as Record<string, unknown>[])[0];
    assert.equal(Object.getPrototypeOf(p), Object.prototype);
    assert.equal("admin" in p, false);
  });
});
