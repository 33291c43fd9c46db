import assert from "node:assert/strict";
import {
  checkAnswers,
  checkCorrect,
  checkCount,
  checkText,
  checkTime,
} from "./quiz_checks.ts";
import { Problems } from "./quiz_problems.ts";

const at = { line: 4, field: "f" };
const codes = (p: Problems) => p.list.map((x) => [x.code, x.params]);

Deno.test("quiz checks", async (t) => {
  await t.step("texts: trimmed, not empty, counted in characters", () => {
    const p = new Problems("json");
    assert.equal(checkText(p, " 👍🏽✅ ", 3, at, ["question_empty", {}]), "👍🏽✅");
    assert.equal(checkText(p, "   ", 3, at, ["question_empty", {}]), null);
    assert.equal(checkText(p, "abcd", 3, at, ["question_empty", {}]), null);
    assert.deepEqual(codes(p), [
      ["question_empty", {}],
      ["text_too_long", { length: 4, max: 3 }],
    ]);
  });

  await t.step("answers: 2 to 4, none empty, no duplicates", () => {
    const p = new Problems("csv");
    const cells = (...texts: string[]) =>
      texts.map((text) => ({ text, where: at }));
    assert.deepEqual(checkAnswers(p, cells(" a", "b "), at), ["a", "b"]);
    assert.equal(checkAnswers(p, cells("a"), at), null);
    assert.equal(checkAnswers(p, cells("a", "b", "c", "d", "e"), at), null);
    assert.equal(checkAnswers(p, cells("a", ""), at), null);
    assert.equal(checkAnswers(p, cells("Oui", "oui"), at), null);
    assert.deepEqual(p.list.map((x) => x.code), [
      "answers_too_few",
      "answers_too_many",
      "answer_empty",
      "answer_duplicate",
    ]);
    assert.deepEqual(p.list[0].params, { n: 1 });
  });

  await t.step("key: numbers or letters within the answers", () => {
    const p = new Problems("json");
    const tok = (...values: (string | number)[]) =>
      values.map((value) => ({ value, where: at }));
    assert.deepEqual(checkCorrect(p, tok("c", 1, " 1 "), 3, at), [0, 2]);
    assert.equal(checkCorrect(p, tok(4), 3, at), null);
    assert.equal(checkCorrect(p, tok(1.5), 3, at), null);
    assert.equal(checkCorrect(p, tok("e"), 3, at), null);
    assert.equal(checkCorrect(p, [], 2, at), null);
    assert.deepEqual(checkCorrect(p, tok(9), null, at), [8]); // answers broken: form only
    assert.deepEqual(codes(p), [
      ["correct_not_answer", { value: "4", count: 3 }],
      ["correct_not_answer", { value: "1.5", count: 3 }],
      ["correct_not_answer", { value: "e", count: 3 }],
      ["correct_missing", { count: 2 }],
    ]);
  });

  await t.step("time: whole seconds 5 to 240, units allowed in text", () => {
    const p = new Problems("csv");
    assert.equal(checkTime(p, "15 secondes", at), 15);
    assert.equal(checkTime(p, 240, at), 240);
    assert.equal(checkTime(p, "vingt", at), null);
    assert.equal(checkTime(p, 4, at), null);
    assert.equal(checkTime(p, 7.5, at), null);
    assert.deepEqual(codes(p), [
      ["time_not_number", { value: "vingt", min: 5, max: 240 }],
      ["time_out_of_range", { value: 4, min: 5, max: 240 }],
      ["time_not_number", { value: "7.5", min: 5, max: 240 }],
    ]);
  });

  await t.step("count: 1 to 500 questions", () => {
    const p = new Problems("json");
    checkCount(p, 1);
    checkCount(p, 500);
    assert.deepEqual(p.list, []);
    checkCount(p, 0);
    checkCount(p, 501);
    assert.deepEqual(codes(p), [
      ["quiz_empty", {}],
      ["quiz_too_long", { count: 501, max: 500 }],
    ]);
  });
});
