/**
 * `host --questions FILE`: reads a quiz file and turns its problems into one
 * usage error listing every problem with its line.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import {
  parseQuizFile,
  type QcmQuestion,
  QuizFileError,
} from "../games/qcm/mod.ts";
import { UsageError } from "./errors.ts";

/**
 * Reads and validates a quiz file; every problem is reported with its line,
 * in `lang`, by a {@linkcode UsageError}.
 *
 * @example
 * ```ts
 * import { loadQuiz } from "./quiz_loading.ts";
 * import { UsageError } from "./errors.ts";
 * const questions = loadQuiz(
 *   new URL("../docs/quiz-template.csv", import.meta.url).pathname,
 *   "en",
 * );
 * questions.length > 0; // true
 * try {
 *   loadQuiz("no/such/quiz.csv", "en");
 * } catch (e) {
 *   (e as UsageError).code; // "quiz_missing"
 * }
 * ```
 */
export function loadQuiz(path: string, lang: Lang): QcmQuestion[] {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new UsageError("quiz_missing", { path });
    }
    throw new UsageError("quiz_unreadable", {
      path,
      reason: (e as Error).message,
    });
  }
  try {
    return parseQuizFile(text, path);
  } catch (e) {
    if (e instanceof QuizFileError) {
      throw new UsageError("quiz_invalid", {
        report: e.report(lang).join("\n"),
      });
    }
    throw e;
  }
}
