import assert from "node:assert/strict";
import {
  checkQuizFile,
  formatProblem,
  parseQuizFile,
  QuizFileError,
  quizFormat,
  type QuizProblem,
} from "./quiz_file.ts";
import { qcmOptionsSchema } from "./wire.ts";

/** The problems of an invalid file (fails when the file is valid). */
function problemsOf(text: string, name: string): QuizProblem[] {
  const r = checkQuizFile(text, name);
  if (r.ok) throw new Error(`${name} should be invalid`);
  return r.problems;
}

/** [line, field, code] of each problem, to compare in one go. */
function brief(problems: QuizProblem[]): [number, string, string][] {
  return problems.map((p) => [p.line, p.field, p.code]);
}

const HEADER = "question,answer1,answer2,answer3,answer4,time,correct\n";

Deno.test("quiz files: CSV", async (t) => {
  await t.step("reads the documented template", async () => {
    const text = await Deno.readTextFile(
      new URL("../../docs/quiz-template.csv", import.meta.url),
    );
    const qs = parseQuizFile(text, "quiz-template.csv");
    assert.equal(qs.length, 4);
    assert.deepEqual(qs[0].answers.fr, ["80", "443", "22", "8080"]);
    assert.deepEqual(qs[0].correct, [1]);
    assert.equal(qs[0].timeSec, 20);
    assert.deepEqual(qs[1].correct, [0, 1]);
    assert.equal(
      qs[2].text.fr,
      'Vrai ou faux : "127.0.0.1" désigne la machine elle-même.',
    );
    assert.equal(qs[2].timeSec, undefined);
    assert.deepEqual(qs[2].answers.en, ["Vrai", "Faux"]);
    assert.match(qs[3].text.fr, /deux lignes :\ncombien/);
    assert.deepEqual(qs[3].text.fr, qs[3].text.en);
  });

  await t.step(
    "reports every problem with its line, after a multi-line field",
    () => {
      const text = HEADER +
        "Question 1 ?,A,B,C,,20,5\n" + // line 2: 5 > 3 answers
        '"Question 2\nsur\ntrois lignes ?",Oui,Non,,,,\n' + // lines 3-5: no key (line 5)
        "Question 3 ?,A,,C,,20,1\n" + // line 6: gap at answer2
        ",A,B,,,20,1\n" + // line 7: empty question
        "Question 5 ?,A,B,,,3,x\n" + // line 8: time 3, key "x"
        'Question 6 ?,"A\n",B,a,,abc,1;2\n'; // lines 9-10: duplicate a/A, time abc
      const problems = problemsOf(text, "quiz.csv");
      assert.deepEqual(brief(problems), [
        [2, "correct", "correct_not_answer"],
        [5, "correct", "correct_missing"],
        [6, "answer2", "answer_gap"],
        [7, "question", "question_empty"],
        [8, "time", "time_out_of_range"],
        [8, "correct", "correct_not_answer"],
        [10, "answer3", "answer_duplicate"],
        [10, "time", "time_not_number"],
      ]);
      assert.equal(
        formatProblem(problems[0], "quiz.csv", "en"),
        'quiz.csv line 2, column "correct": "5" is not an answer number: use 1 to 3 (this question has 3 answers)',
      );
      assert.equal(
        formatProblem(problems[0], "quiz.csv", "fr"),
        "quiz.csv ligne 2, colonne « correct » : « 5 » n'est pas un numéro de réponse : utilisez 1 à 3 (cette question a 3 réponses)",
      );
    },
  );

  await t.step(
    "nothing starts: parseQuizFile throws QuizFileError with all problems",
    () => {
      const text = HEADER + "Q ?,A,B,,,,3\nR ?,A,,,,,1\n";
      assert.throws(() => parseQuizFile(text, "quiz.csv"), (e: unknown) => {
        assert.ok(e instanceof QuizFileError);
        assert.equal(e.problems.length, 2);
        assert.match(e.message, /quiz\.csv: 2 problems,/);
        assert.match(e.message, /line 2, column "correct"/);
        assert.match(e.message, /line 3, column "answer1": only 1 answer/);
        assert.match(e.report("fr")[0], /2 problèmes,/);
        return true;
      });
    },
  );

  await t.step(
    "French spreadsheet: BOM, ; separator, French header names",
    () => {
      const text =
        "\uFEFFQuestion;Réponse 1;Réponse 2;Réponse 3;Réponse 4;Temps;Bonne(s) réponse(s)\r\n" +
        "Capitale de la France, selon vous ?;Paris;Lyon;;;15 s;1\r\n" +
        "Nombres pairs ?;2;3;4;;;A,C\r\n";
      const qs = parseQuizFile(text, "quiz.csv");
      assert.equal(qs.length, 2);
      assert.equal(qs[0].text.fr, "Capitale de la France, selon vous ?");
      assert.equal(qs[0].timeSec, 15);
      assert.deepEqual(qs[1].correct, [0, 2]);
    },
  );

  await t.step("Kahoot's template headers, an unnamed first column", () => {
    const text =
      ",Question - max 120 characters,Answer 1 - max 75 characters,Answer 2 - max 75 characters," +
      "Answer 3 - max 75 characters,Answer 4 - max 75 characters,Time limit (sec) – 5; 10; 20; 30; 60; 90; 120; or 240 secs," +
      "Correct answer(s) - choose at least one\n" +
      "1,Capital of Italy?,Rome,Milan,,,30,1\n";
    const qs = parseQuizFile(text, "kahoot.csv");
    assert.deepEqual(qs[0].answers.en, ["Rome", "Milan"]);
    assert.equal(qs[0].timeSec, 30);
  });

  await t.step("a file without header uses the fixed column order", () => {
    const qs = parseQuizFile("2 + 2 ?,3,4,5,,10,2\n", "q.csv");
    assert.deepEqual(qs[0].answers.fr, ["3", "4", "5"]);
    assert.deepEqual(qs[0].correct, [1]);
    assert.deepEqual(
      brief(problemsOf("2 + 2 ?,3,4,2\n", "q.csv")),
      [[1, "", "csv_row_short"]],
    );
  });

  await t.step("header problems are reported alone; extra cells", () => {
    const text = "question,answer1,answer2,bonus,correct\n" +
      "Q ?,A,B,,1\n" +
      "R ?,A,B,,2\n";
    assert.deepEqual(brief(problemsOf(text, "q.csv")), [
      [1, "", "csv_header_unknown"],
    ]);
    assert.deepEqual(
      brief(problemsOf(HEADER + "Q ?,A,B,,,,1,oops\n", "q.csv")),
      [[2, "", "csv_extra_cell"]],
    );
    assert.deepEqual(
      brief(problemsOf("question,answer1,answer3,time\nQ,A,B,10\n", "q.csv")),
      [[1, "", "csv_header_missing"], [1, "", "csv_header_missing"]],
    );
  });

  await t.step("quote problems point at the right line", () => {
    const problems = problemsOf(
      HEADER + 'Q ?,A,B,,,,1\nR ?,"A"x,B,,,,1\nS ?,"A,B,,,,1\n',
      "q.csv",
    );
    assert.deepEqual(brief(problems), [
      [3, "answer1", "csv_after_quote"],
      [4, "answer1", "csv_unclosed_quote"],
    ]);
  });

  await t.step("an empty file has no question", () => {
    assert.deepEqual(brief(problemsOf("", "q.csv")), [[0, "", "quiz_empty"]]);
    assert.deepEqual(brief(problemsOf(HEADER, "q.csv")), [[
      0,
      "",
      "quiz_empty",
    ]]);
  });
});

Deno.test("quiz files: JSON", async (t) => {
  await t.step("reads the documented template", async () => {
    const text = await Deno.readTextFile(
      new URL("../../docs/quiz-template.json", import.meta.url),
    );
    const r = checkQuizFile(text, "quiz-template.json");
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    assert.equal(r.title, "Réseaux : révision");
    const qs = r.questions;
    assert.equal(qs.length, 4);
    assert.deepEqual(qs[0].correct, [1]);
    assert.equal(qs[0].timeSec, 20); // the file's default
    assert.equal(qs[1].timeSec, 30);
    assert.equal(qs[2].keepOrder, true);
    assert.equal(qs[3].id, "dns-role");
    assert.equal(qs[3].text.en, "What is DNS for?");
    assert.equal(qs[3].answers.fr[0], "Traduire des noms en adresses IP");
    assert.deepEqual(qs[3].correct, [0]);
  });

  await t.step("accepts a bare list and letters as keys", () => {
    const qs = parseQuizFile(
      '[{"question": "Q?", "answers": ["a", "b", "c"], "correct": ["A", "c"]}]',
      "q.json",
    );
    assert.deepEqual(qs[0].correct, [0, 2]);
    assert.equal(qs[0].id, "q1");
  });

  await t.step("reports every problem with its line and question", () => {
    const text = `{
  "questions": [
    {
      "question": "Q1?",
      "answers": ["a", "b", "c"],
      "correct": [1, 5]
    },
    {
      "question": "",
      "anwsers": ["a", "b"],
      "correct": 1
    },
    {
      "question": { "fr": "Q3 ?" },
      "answers": { "fr": ["a", "b"], "en": ["a", "b", "c"] },
      "correct": 1,
      "timeSec": 500
    },
    "not a question",
    {
      "question": "Q5?",
      "answers": ["same", "Same"],
      "correct": true,
      "keepOrder": "yes"
    }
  ]
}`;
    const problems = problemsOf(text, "quiz.json");
    assert.deepEqual(
      problems.map((p) => [p.line, p.question, p.field, p.code]),
      [
        [6, 1, "correct", "correct_not_answer"],
        [8, 2, "answers", "json_missing_field"],
        [9, 2, "question", "question_empty"],
        [10, 2, "anwsers", "json_unknown_field"],
        [14, 3, "question", "json_lang_missing"],
        [15, 3, "answers", "json_lang_mismatch"],
        [17, 3, "timeSec", "time_out_of_range"],
        [19, 4, "", "json_not_object"],
        [22, 5, "answers", "answer_duplicate"],
        [23, 5, "correct", "json_not_correct"],
        [24, 5, "keepOrder", "json_not_bool"],
      ],
    );
    assert.equal(
      formatProblem(problems[0], "quiz.json", "en"),
      'quiz.json line 6, question 1, field "correct": "5" is not an answer number: use 1 to 3 (this question has 3 answers)',
    );
  });

  await t.step("a syntax error names its line and column", () => {
    const problems = problemsOf(
      '[\n  {"question": "Q?",\n   "answers": ["a" "b"]}\n]',
      "q.json",
    );
    assert.deepEqual(
      problems.map((p) => [p.line, p.column, p.code]),
      [[3, 20, "json_expected_comma_bracket"]],
    );
    assert.equal(
      formatProblem(problems[0], "q.json", "en"),
      'q.json line 3, column 20: unexpected "\\"": expected "," between two items or "]" to close the list',
    );
  });

  await t.step("wrong shapes", () => {
    assert.deepEqual(brief(problemsOf('"hi"', "q.json")), [[
      1,
      "",
      "json_root",
    ]]);
    assert.deepEqual(brief(problemsOf('{"questions": 3}', "q.json")), [
      [1, "questions", "json_not_list"],
    ]);
    assert.deepEqual(brief(problemsOf("[]", "q.json")), [[
      0,
      "",
      "quiz_empty",
    ]]);
    assert.deepEqual(
      brief(problemsOf(
        '[{"id": "x", "question": "A?", "answers": ["1", "2"], "correct": 1},\n' +
          ' {"id": "x", "question": "B?", "answers": ["1", "2"], "correct": 1}]',
        "q.json",
      )),
      [[2, "id", "id_duplicate"]],
    );
  });
  await t.step(
    "limits are the question schema's: ids, emoji counted as characters",
    () => {
      const long = "x".repeat(81);
      const emoji = "👍🏽".repeat(60); // 120 characters, 240 UTF-16 units
      const text = JSON.stringify(
        [
          { id: long, question: "Q?", answers: ["a", "b"], correct: 1 },
          { question: "R?", answers: [emoji, "b"], correct: 1 },
        ],
        null,
        1,
      );
      const problems = problemsOf(text, "q.json");
      assert.deepEqual(brief(problems), [[3, "id", "text_too_long"]]);
      assert.deepEqual(problems[0].params, { length: 81, max: 80 });
      const questions = parseQuizFile(
        JSON.stringify([{ question: "R?", answers: [emoji, "b"], correct: 1 }]),
        "q.json",
      );
      assert.equal(
        qcmOptionsSchema.safeParse({ questions }).success,
        true,
      );
    },
  );
});

Deno.test("quizFormat picks JSON or CSV", () => {
  assert.equal(quizFormat("a.json", ""), "json");
  assert.equal(quizFormat("a.csv", "[]"), "csv");
  assert.equal(quizFormat("quiz", "\uFEFF {"), "json");
  assert.equal(quizFormat("quiz", "question,answer1"), "csv");
});

Deno.test("quiz files: every text is sanitised as it is loaded", async (t) => {
  // ESC CSI (clear screen), OSC (window title) ended by BEL, NUL, a one-byte
  // C1 CSI (U+009B), a bidi override, a lone CR that would overwrite a line.
  const EVIL = "\x1b[2J\x1b]0;pwned\x07\x00\u009b31m\u202eA\rB";
  const SHOWN = "␛[2J␛]0;pwned␇␀�31m�A\nB";
  const texts = (q: {
    id: string;
    text: { fr: string; en: string };
    answers: { fr: string[]; en: string[] };
  }) => [q.id, q.text.fr, q.text.en, ...q.answers.fr, ...q.answers.en];
  // deno-lint-ignore no-control-regex
  const unsafe = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

  await t.step("CSV: questions and answers", () => {
    const csv = `${HEADER}"Q${EVIL}",a${EVIL.replace("\r", "")},b\u2066,,,,1\n`;
    const [q] = parseQuizFile(csv, "evil.csv");
    for (const text of texts(q)) assert.doesNotMatch(text, unsafe, text);
    assert.equal(q.text.fr, `Q${SHOWN}`);
    assert.equal(q.answers.fr[0], `a${SHOWN.replace("\n", "")}`);
    assert.equal(q.answers.fr[1], "b�");
  });

  await t.step("JSON: title, id, questions and answers", () => {
    const json = JSON.stringify({
      title: `Quiz${EVIL}`,
      questions: [{
        id: `id${EVIL}`,
        question: { fr: `Q${EVIL}`, en: `Q\t${EVIL}` },
        answers: { fr: [`a${EVIL}`, "b"], en: ["a", `b${EVIL}`] },
        correct: 1,
      }],
    });
    const r = checkQuizFile(json, "evil.json");
    assert.ok(r.ok);
    const [q] = r.questions;
    for (const text of [r.title!, ...texts(q)]) {
      assert.doesNotMatch(text, unsafe, text);
    }
    assert.equal(r.title, `Quiz${SHOWN}`);
    assert.equal(q.id, `id${SHOWN}`);
    assert.equal(q.text.en, `Q ${SHOWN}`);
    assert.equal(q.answers.en[1], `b${SHOWN}`);
  });

  await t.step("the questions option (it may come from the wire)", () => {
    const options = qcmOptionsSchema.parse({
      questions: [{
        id: `q${EVIL}`,
        text: { fr: `Q${EVIL}`, en: "Q" },
        answers: { fr: [`a${EVIL}`, "b"], en: ["a", "b"] },
        correct: [0],
      }],
    });
    const [q] = options.questions!;
    for (const text of texts(q)) assert.doesNotMatch(text, unsafe, text);
    assert.equal(q.text.fr, `Q${SHOWN}`);
  });

  await t.step("line breaks of a question stay line breaks", () => {
    const [q] = parseQuizFile(
      `${HEADER}"Line 1\r\nLine 2",a,b,,,,1\n`,
      "two_lines.csv",
    );
    assert.equal(q.text.fr, "Line 1\nLine 2");
  });

  await t.step("the shipped bank is unchanged by it", async () => {
    const { BANK } = await import("./bank.ts");
    const raw = (await import("./questions.json", { with: { type: "json" } }))
      .default as { questions: { question: unknown }[] };
    assert.equal(BANK.length, raw.questions.length);
    for (const q of BANK) {
      for (const text of texts(q)) assert.doesNotMatch(text, unsafe, text);
    }
  });
});
