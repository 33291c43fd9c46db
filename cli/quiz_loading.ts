/**
 * `host --questions FILE`: reads a quiz file (host/quiz_shelf.ts, size
 * limited) and turns its problems into one usage error listing every
 * problem with its line. `host --quiz-dir DIR`: the folder of the quiz
 * files the leader loads from the room, checked at start.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import {
  invalidLines,
  type LoadedQuiz,
  QuizLoadError,
  QuizShelf,
  readQuiz,
} from "../host/quiz_shelf.ts";
import { UsageError } from "./errors.ts";
import { SharedUsageError } from "./shared_usage_error.ts";

/**
 * Reads and validates a quiz file; every problem is reported with its line,
 * in `lang`, by a {@linkcode UsageError}.
 *
 * @example
 * ```ts
 * import { loadQuiz } from "./quiz_loading.ts";
 * import { UsageError } from "./errors.ts";
 * const quiz = loadQuiz(
 *   new URL("../docs/quiz-template.csv", import.meta.url).pathname,
 *   "en",
 * );
 * quiz.questions.length > 0; // true
 * quiz.title; // "quiz-template"
 * try {
 *   loadQuiz("no/such/quiz.csv", "en");
 * } catch (e) {
 *   (e as UsageError).code; // "quiz_missing"
 * }
 * ```
 */
export function loadQuiz(path: string, lang: Lang): LoadedQuiz {
  try {
    return readQuiz(path);
  } catch (e) {
    if (!(e instanceof QuizLoadError)) throw e;
    switch (e.code) {
      case "quiz_missing":
        throw new UsageError("quiz_missing", { path });
      case "quiz_unreadable":
        throw new UsageError("quiz_unreadable", {
          path,
          reason: e.params.reason ?? "",
        });
      case "quiz_invalid":
        throw new UsageError("quiz_invalid", {
          report: invalidLines(e, lang, "start", Infinity).join("\n"),
        });
      default:
        throw new SharedUsageError(e.code, e.params);
    }
  }
}

/**
 * Checks `--quiz-dir`: a folder that can be listed (a usage error saying
 * why not). Absent, the host's working directory.
 *
 * @example
 * ```ts
 * import { quizDirOption } from "./quiz_loading.ts";
 * quizDirOption(undefined); // "."
 * try {
 *   quizDirOption("/no/such/folder");
 * } catch (e) {
 *   (e as Error).message.startsWith("Cannot list the quiz folder"); // true
 * }
 * ```
 */
export function quizDirOption(dir: string | undefined): string {
  if (dir === undefined) return ".";
  try {
    new QuizShelf(dir).list();
  } catch (e) {
    if (e instanceof QuizLoadError) {
      throw new SharedUsageError(e.code, e.params);
    }
    throw e;
  }
  return dir;
}
