/**
 * Custom quiz files (`lanplay host --questions FILE`): JSON or CSV text in,
 * {@linkcode QcmQuestion}s out, or every problem found, each with its line,
 * its column or field, and what to fix. Pure: the caller reads the file and
 * passes its text and name. The formats are documented in docs/games/qcm.md
 * (templates: docs/quiz-template.json, docs/quiz-template.csv). Readers:
 * ./quiz_csv.ts and ./quiz_json.ts; shared checks: ./quiz_checks.ts;
 * problems and their sentences: ./quiz_problems.ts.
 *
 * @module
 */
import type { QcmQuestion } from "./question.ts";
import { checkCsv } from "./quiz_csv.ts";
import { checkJson } from "./quiz_json.ts";
import { type QuizCheck, QuizFileError } from "./quiz_problems.ts";

export {
  formatProblem,
  type QuizCheck,
  QuizFileError,
  type QuizProblem,
} from "./quiz_problems.ts";

/**
 * The format of a quiz file: by extension (`.json`, `.csv`, `.tsv`,
 * `.txt`), else by its first character (`{` or `[` means JSON).
 *
 * @example
 * ```ts
 * import { quizFormat } from "./quiz_file.ts";
 * quizFormat("quiz.CSV", "[1]"); // "csv"
 * quizFormat("quiz", ' [ {"question": "?"} ]'); // "json"
 * ```
 */
export function quizFormat(name: string, text: string): "json" | "csv" {
  const lower = name.toLowerCase();
  if (lower.endsWith(".json")) return "json";
  if (/\.(csv|tsv|txt)$/.test(lower)) return "csv";
  return /^\uFEFF?\s*[[{]/.test(text) ? "json" : "csv";
}

/**
 * Validates a quiz file completely and returns its questions, or every
 * problem found (never only the first).
 *
 * @example
 * ```ts
 * import { checkQuizFile } from "./quiz_file.ts";
 * const r = checkQuizFile(
 *   "question,answer1,answer2,answer3,answer4,time,correct\n" +
 *     "2 + 2?,3,4,,,10,2\n",
 *   "quiz.csv",
 * );
 * if (r.ok) console.log(r.questions[0].correct); // [1] (0-based)
 * ```
 */
export function checkQuizFile(text: string, name: string): QuizCheck {
  return quizFormat(name, text) === "json" ? checkJson(text) : checkCsv(text);
}

/**
 * Parses a quiz file; throws {@linkcode QuizFileError} listing every
 * problem when it is not valid.
 *
 * @example
 * ```ts
 * import { parseQuizFile } from "./quiz_file.ts";
 * const questions = parseQuizFile(
 *   '[{"question": "2 + 2?", "answers": ["3", "4"], "correct": 2}]',
 *   "quiz.json",
 * );
 * console.log(questions[0].answers.en); // ["3", "4"]
 * ```
 */
export function parseQuizFile(text: string, name: string): QcmQuestion[] {
  const r = checkQuizFile(text, name);
  if (!r.ok) throw new QuizFileError(name, r.problems);
  return r.questions;
}
