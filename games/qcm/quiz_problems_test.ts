import assert from "node:assert/strict";
import { CodedError } from "../../protocol/errors.ts";
import { formatProblem, Problems, QuizFileError } from "./quiz_problems.ts";

Deno.test("quiz problems", async (t) => {
  await t.step("sorted by line, then column, then order found", () => {
    const p = new Problems("csv");
    p.add("quiz_empty", {}, { line: 0, field: "" });
    p.add("question_empty", {}, { line: 3, column: 5, field: "question" });
    p.add("answer_empty", { n: 1 }, { line: 3, column: 2, field: "answer1" });
    assert.deepEqual(p.sorted().map((x) => [x.line, x.column]), [
      [0, undefined],
      [3, 2],
      [3, 5],
    ]);
  });

  await t.step("where, then what to fix, in both languages", () => {
    const p = new Problems("json");
    p.add("json_not_bool", { name: "keepOrder" }, {
      line: 7,
      field: "keepOrder",
      question: 2,
    });
    assert.equal(
      formatProblem(p.list[0], "q.json", "en"),
      'q.json line 7, question 2, field "keepOrder": "keepOrder" must be true or false',
    );
    assert.equal(
      formatProblem(p.list[0], "q.json", "fr"),
      "q.json ligne 7, question 2, champ « keepOrder » : « keepOrder » doit valoir true ou false",
    );
  });

  await t.step("the error is coded and counts its problems", () => {
    const p = new Problems("csv");
    p.add("quiz_empty", {}, { line: 0, field: "" });
    const e = new QuizFileError("q.csv", p.list);
    assert.ok(e instanceof CodedError);
    assert.equal(e.name, "QuizFileError");
    assert.equal(e.code, "bad_quiz_file");
    assert.match(e.message, /^q\.csv: 1 problem, nothing was started\./);
    assert.match(e.report("fr")[0], /^q\.csv : 1 problème, rien n'a démarré\./);
    assert.equal(
      e.report("en")[1],
      "  q.csv: the file holds no question: add at least one",
    );
  });
});
