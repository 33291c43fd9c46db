import assert from "node:assert/strict";
import { LANGS } from "../../protocol/constants.ts";
import { GameRuleError } from "../errors.ts";
import { qcmRules as rules } from "./rules.ts";
import { parseChoices, qcmView as view } from "./view.ts";
import { env, openRound } from "./testing.ts";

Deno.test("qcm view: input", async (t) => {
  await t.step("answer keys become moves", () => {
    const table: [string, number[] | null][] = [
      ["1", [1]],
      ["4", [4]],
      [" 2 ", [2]],
      ["b", [2]],
      ["D", [4]],
      ["13", [1, 3]],
      ["1 3", [1, 3]],
      ["3,1", [1, 3]],
      ["1;2;2", [1, 2]],
      ["a c", [1, 3]],
      ["A, C", [1, 3]],
      ["5", null],
      ["0", null],
      ["", null],
      ["bad", null],
      ["ac", null],
      ["salut", null],
      ["1 a", null],
      ["12abc", null],
    ];
    for (const [line, choices] of table) {
      assert.deepEqual(parseChoices(line), choices, line);
      assert.deepEqual(
        view.parseInput(line, null),
        choices ? { type: "answer", choices } : null,
        line,
      );
    }
  });

  await t.step("after the game, typing is chat", () => {
    assert.equal(view.parseInput("1", { game: "qcm", phase: "over" }), null);
  });

  await t.step(
    "every refusal of the rules has a sentence in both languages",
    () => {
      const { state } = openRound();
      const codes = new Set<string>();
      const tries: [string, number[], number][] = [
        ["zed", [1], 6_000],
        ["a", [1], 6_000],
        ["c", [9], 6_000],
        ["c", [1, 2], 6_000],
        ["c", [1], 20_000],
      ];
      for (const [seat, choices, now] of tries) {
        try {
          rules.move(state, seat, { type: "answer", choices }, env(now));
        } catch (e) {
          if (!(e instanceof GameRuleError)) throw e;
          codes.add(e.code);
          for (const lang of LANGS) {
            const sentence = view.error(e.code, e.params, lang);
            assert.ok(!sentence.includes("{"), sentence);
            assert.ok(!sentence.includes(e.code), sentence);
          }
        }
      }
      const closed = rules.tick(state, env(20_000)).state;
      try {
        rules.move(closed, "c", { type: "answer", choices: [1] }, env(20_001));
      } catch (e) {
        if (e instanceof GameRuleError) codes.add(e.code);
      }
      assert.deepEqual([...codes].sort(), [
        "already_answered",
        "bad_choice",
        "no_question",
        "not_playing",
        "single_answer",
        "time_up",
      ]);
      assert.equal(
        view.error("bad_choice", { choice: "9", max: 4 }, "fr"),
        "Il n'y a pas de réponse 9 : choisissez entre 1 et 4.",
      );
      assert.match(view.error("weird", {}, "en"), /weird/);
    },
  );

  await t.step("help in both languages", () => {
    assert.match(view.help("fr"), /1 à 4/);
    assert.match(view.help("en"), /1 to 4/);
  });
});

Deno.test("qcm view: one key answers a single-answer question", () => {
  const qv = {
    game: "qcm",
    phase: "question",
    index: 1,
    total: 3,
    question: {
      text: { fr: "Q", en: "Q" },
      answers: { fr: ["a", "b", "c"], en: ["a", "b", "c"] },
      multiple: false,
      timeLimitMs: 20000,
    },
    remainingMs: 10000,
    answeredCount: 0,
    playerCount: 2,
    me: {
      nickname: "ana",
      score: 0,
      streak: 0,
      rank: 1,
      choices: null,
      result: null,
    },
    reveal: null,
    leaderboard: [],
    ranking: null,
  };
  const key = view.key!;
  assert.deepEqual(key("2", qv), { type: "answer", choices: [2] });
  // Letters are typed: a chat word that starts with one stays chat.
  for (const letter of ["a", "b", "C", "d"]) {
    assert.equal(key(letter, qv), null, `letter ${letter} is typed`);
  }
  // …and a letter alone on a line still answers, with Enter.
  assert.deepEqual(view.parseInput("b", qv), { type: "answer", choices: [2] });
  for (const chat of ["bravo", "bonjour", "d'accord", "ah"]) {
    assert.equal(view.parseInput(chat, qv), null, `${chat} is chat`);
  }
  assert.equal(key("4", qv), null, "only 3 answers");
  assert.equal(key("x", qv), null);
  for (const pasted of ["12", "23", "", "2 "]) {
    assert.equal(key(pasted, qv), null, `${JSON.stringify(pasted)} is typed`);
  }
  const answered = { ...qv, me: { ...qv.me, choices: [1] } };
  assert.equal(key("2", answered), null, "already answered: keys type text");
  const multiple = { ...qv, question: { ...qv.question, multiple: true } };
  assert.equal(
    key("1", multiple),
    null,
    "several answers are typed then Enter",
  );
  assert.equal(key("1", { ...qv, phase: "reveal" }), null);
});
