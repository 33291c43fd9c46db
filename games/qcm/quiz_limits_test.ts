import assert from "node:assert/strict";
import { checkQuizFile } from "./quiz_file.ts";
import { MAX_JSON_DEPTH } from "./json_locate.ts";
import { MAX_PROBLEMS, MAX_QUOTED } from "./quiz_problems.ts";
import { MAX_QUESTIONS } from "./question.ts";

const HEAD = "question,answer1,answer2,answer3,answer4,time,correct\n";

function problems(text: string, name: string) {
  const r = checkQuizFile(text, name);
  assert.equal(r.ok, false);
  return (r as Extract<typeof r, { ok: false }>).problems;
}

Deno.test("quiz files: what a hostile file costs is bounded", async (t) => {
  await t.step(
    `JSON nested deeper than ${MAX_JSON_DEPTH} is refused, not a stack overflow`,
    () => {
      for (const text of ["[".repeat(1 << 20), '{"a":'.repeat(100_000)]) {
        assert.equal(problems(text, "deep.json")[0].code, "json_too_deep");
      }
      assert.equal(
        problems("[".repeat(100), "deep.json")[0].column,
        MAX_JSON_DEPTH + 2,
      );
      // At the limit it parses (and is judged on its content).
      const edge = "[".repeat(MAX_JSON_DEPTH + 1) +
        "]".repeat(MAX_JSON_DEPTH + 1);
      assert.notEqual(problems(edge, "edge.json")[0].code, "json_too_deep");
    },
  );
  await t.step(
    `at most ${MAX_PROBLEMS} problems are kept; the report says how many more`,
    () => {
      const text = HEAD + "a,b,c,,,,1" + ",x".repeat(MAX_PROBLEMS + 20) +
        "\n";
      const list = problems(text, "wide.csv");
      assert.equal(list.length, MAX_PROBLEMS + 1);
      assert.deepEqual(
        [list[0].code, list[0].line, list[0].params],
        ["problems_more", 0, { n: 20 }],
      );
      assert.equal(
        list[0].message,
        "20 more problems are not listed: fix these first, then check again",
      );
      assert.ok(list.slice(1).every((p) => p.code === "csv_extra_cell"));
    },
  );
  await t.step(
    `rows past ${MAX_QUESTIONS} are counted, not checked`,
    () => {
      const good = "2 + 2 ?,3,4,,,,2\n";
      const bad = "x,,,,,,\n";
      const csv = HEAD + good.repeat(MAX_QUESTIONS) + bad.repeat(1000);
      assert.deepEqual(
        problems(csv, "long.csv").map((p) => [p.code, p.params]),
        [["quiz_too_long", {
          count: MAX_QUESTIONS + 1000,
          max: MAX_QUESTIONS,
        }]],
      );
      const item = { question: "?", answers: ["a", "b"], correct: 1 };
      const json = JSON.stringify([
        ...Array(MAX_QUESTIONS).fill(item),
        ...Array(1000).fill({ nonsense: true }),
      ]);
      assert.deepEqual(
        problems(json, "long.json").map((p) => p.code),
        ["quiz_too_long"],
      );
      // Within the limit every row is checked.
      const within = HEAD + good.repeat(MAX_QUESTIONS - 1) + bad;
      assert.notDeepEqual(
        problems(within, "within.csv").map((p) => p.code),
        ["quiz_too_long"],
      );
    },
  );
  await t.step(
    `a text of the file is quoted up to ${MAX_QUOTED} characters`,
    () => {
      const huge = "é".repeat(100_000);
      const [p] = problems(HEAD + `a,b,c,,,,${huge}\n`, "huge.csv");
      assert.equal(p.code, "correct_not_answer");
      assert.equal(p.params.value, "é".repeat(MAX_QUOTED) + "…");
      assert.ok(p.message.length < 300, p.message);
    },
  );
});
