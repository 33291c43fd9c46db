/**
 * Checks shared by the CSV and JSON readers of quiz files: texts, answer
 * lists, the answer key, time limits, the number of questions. Each checks
 * with the zod schemas of ./quiz_schema.ts (the limits of ./question.ts)
 * and turns the first zod issue into a problem with its code and place.
 *
 * @module
 */
import {
  MAX_ANSWER_CHARS,
  MAX_ANSWERS,
  MAX_QUESTIONS,
  MAX_TIME_SEC,
  MIN_ANSWERS,
  MIN_TIME_SEC,
} from "./question.ts";
import type { Problems, Where } from "./quiz_problems.ts";
import {
  answerCountSchema,
  answerNumberSchema,
  firstIssue,
  quizLengthSchema,
  textSchema,
  timeSecSchema,
} from "./quiz_schema.ts";

/**
 * Trims and checks a text (not empty, at most `max` characters); returns
 * it made safe to print (control characters made visible, see
 * {@linkcode textSchema}), or null after recording the problem (`empty`
 * when it is empty, `text_too_long` when too long).
 *
 * @example
 * ```ts
 * import { checkText } from "./quiz_checks.ts";
 * import { Problems } from "./quiz_problems.ts";
 * const problems = new Problems("csv");
 * checkText(problems, "  Paris ", 10, { line: 2, field: "answer1" }, ["answer_empty", { n: 1 }]); // "Paris"
 * checkText(problems, "Lyon, France", 10, { line: 2, field: "answer2" }, ["answer_empty", { n: 2 }]); // null
 * problems.list[0].params; // { length: 12, max: 10 }
 * ```
 */
export function checkText(
  problems: Problems,
  raw: string,
  max: number,
  where: Where,
  empty: [code: string, params: Record<string, number>],
): string | null {
  const parsed = textSchema(max).safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue.code === "custom") {
    const length = [...raw.trim()].length;
    problems.add("text_too_long", { length, max }, where);
  } else problems.add(empty[0], empty[1], where);
  return null;
}

/** One answer of a question and where it is. */
export interface AnswerCell {
  /** The answer as written. */
  text: string;
  /** Where it is. */
  where: Where;
}

/**
 * Checks a complete list of answers: how many, each text, no duplicates.
 *
 * @example
 * ```ts
 * import { checkAnswers } from "./quiz_checks.ts";
 * import { Problems } from "./quiz_problems.ts";
 * const problems = new Problems("json");
 * const at = { line: 3, field: "answers" };
 * checkAnswers(problems, [{ text: "Oui", where: at }, { text: "oui", where: at }], at); // null
 * problems.list[0].code; // "answer_duplicate"
 * ```
 */
export function checkAnswers(
  problems: Problems,
  answers: AnswerCell[],
  where: Where,
): string[] | null {
  let ok = true;
  const counted = firstIssue(answerCountSchema, answers);
  if (counted?.code === "too_small") {
    problems.add("answers_too_few", { n: answers.length }, where);
    ok = false;
  } else if (counted !== null) {
    problems.add("answers_too_many", { count: answers.length }, where);
    ok = false;
  }
  const out: string[] = [];
  answers.forEach((a, i) => {
    const text = checkText(problems, a.text, MAX_ANSWER_CHARS, a.where, [
      "answer_empty",
      { n: i + 1 },
    ]);
    if (text === null) {
      ok = false;
      return;
    }
    const same = out.findIndex((o) => o.toLowerCase() === text.toLowerCase());
    if (same !== -1) {
      problems.add(
        "answer_duplicate",
        { a: same + 1, b: i + 1, text },
        a.where,
      );
      ok = false;
    }
    out.push(text);
  });
  return ok ? out : null;
}

/** One answer number of a key (`2`, `"2"`, `"B"`) and where it is. */
export interface CorrectToken {
  /** As written. */
  value: string | number;
  /** Where it is. */
  where: Where;
}

/**
 * Turns answer numbers (1-based, or letters A–D) into 0-based indices,
 * sorted and unique. `count` is the question's number of answers (null
 * when the answers are broken: then only the form is checked).
 *
 * @example
 * ```ts
 * import { checkCorrect } from "./quiz_checks.ts";
 * import { Problems } from "./quiz_problems.ts";
 * const problems = new Problems("csv");
 * const at = { line: 2, field: "correct" };
 * checkCorrect(problems, [{ value: "C", where: at }, { value: 1, where: at }], 3, at); // [0, 2]
 * checkCorrect(problems, [{ value: "4", where: at }], 3, at); // null
 * problems.list[0].code; // "correct_not_answer"
 * ```
 */
export function checkCorrect(
  problems: Problems,
  tokens: CorrectToken[],
  count: number | null,
  where: Where,
): number[] | null {
  if (tokens.length === 0) {
    problems.add("correct_missing", { count: count ?? MAX_ANSWERS }, where);
    return null;
  }
  const usable = count !== null && count >= MIN_ANSWERS &&
    count <= MAX_ANSWERS;
  const schema = answerNumberSchema(usable ? count : null);
  const out = new Set<number>();
  let ok = true;
  for (const tok of tokens) {
    const parsed = schema.safeParse(tok.value);
    if (!parsed.success) {
      problems.add(
        "correct_not_answer",
        {
          value: String(tok.value).trim(),
          count: usable ? count : MAX_ANSWERS,
        },
        tok.where,
      );
      ok = false;
      continue;
    }
    out.add(parsed.data - 1);
  }
  return ok ? [...out].sort((a, b) => a - b) : null;
}

/**
 * Checks a time limit: a number, or a text like `20`, `20 s`, `20
 * secondes` (whole seconds, 5–240).
 *
 * @example
 * ```ts
 * import { checkTime } from "./quiz_checks.ts";
 * import { Problems } from "./quiz_problems.ts";
 * const problems = new Problems("csv");
 * checkTime(problems, "15 s", { line: 2, field: "time" }); // 15
 * checkTime(problems, "300", { line: 3, field: "time" }); // null
 * problems.list[0].code; // "time_out_of_range"
 * ```
 */
export function checkTime(
  problems: Problems,
  value: string | number,
  where: Where,
): number | null {
  let n: number;
  if (typeof value === "number") n = value;
  else {
    const m = /^\s*(\d+)\s*(?:s|sec|secs|seconds?|secondes?)?\s*$/i.exec(value);
    n = m ? Number(m[1]) : NaN;
  }
  const issue = firstIssue(timeSecSchema, n);
  if (issue === null) return n;
  const range = { min: MIN_TIME_SEC, max: MAX_TIME_SEC };
  if (issue.code === "too_small" || issue.code === "too_big") {
    problems.add("time_out_of_range", { value: n, ...range }, where);
  } else {
    problems.add("time_not_number", { value: String(value), ...range }, where);
  }
  return null;
}

/**
 * Checks the number of questions of a file (1 to 500).
 *
 * @example
 * ```ts
 * import { checkCount } from "./quiz_checks.ts";
 * import { Problems } from "./quiz_problems.ts";
 * const problems = new Problems("json");
 * checkCount(problems, 0);
 * problems.list[0].code; // "quiz_empty"
 * ```
 */
export function checkCount(problems: Problems, count: number): void {
  const issue = firstIssue(quizLengthSchema, count);
  const file = { line: 0, field: "" };
  if (issue?.code === "too_small") problems.add("quiz_empty", {}, file);
  else if (issue !== null) {
    problems.add("quiz_too_long", { count, max: MAX_QUESTIONS }, file);
  }
}
