/**
 * QCM: a timed multiple-choice quiz for the classroom, Kahoot style.
 *
 * - {@linkcode qcm} is the {@linkcode Game} to register (rules, view, bot).
 * - {@linkcode parseQuizFile} turns a custom quiz file's text (JSON or CSV)
 *   into questions for the `questions` option, or throws a
 *   {@linkcode QuizFileError} listing every problem with its line.
 * - The shipped bank ({@linkcode BANK}) holds networking and general culture
 *   questions in French and English.
 *
 * Rules, messages, scoring and file formats: docs/games/qcm.md.
 *
 * @example
 * ```ts
 * import { parseQuizFile, qcm } from "./mod.ts";
 * const questions = parseQuizFile(
 *   "question,answer1,answer2,answer3,answer4,time,correct\n2 + 2 ?,3,4,,,10,2\n",
 *   "quiz.csv",
 * );
 * const options = qcm.rules.optionsSchema.parse({ questions });
 * const env = { now: 0, random: Math.random };
 * const { state } = qcm.rules.start([{ id: "p1", nickname: "Ana" }], options, env);
 * console.log(state.phase); // "ready" (« Préparez-vous », 3 s)
 * const step = qcm.rules.tick(state, { ...env, now: 3000 });
 * console.log(step.out[0].message.type); // "question"
 * ```
 *
 * @module
 */
import type { Game } from "../types.ts";
import { qcmBot } from "./bot.ts";
import type { QcmState } from "./phases.ts";
import { qcmRules } from "./rules.ts";
import { qcmView } from "./view.ts";
import type { QcmOptions } from "./wire.ts";

export { BANK } from "./bank.ts";
export { makeQcmBot, qcmBot, type QcmBotOptions } from "./bot.ts";
export {
  type Bilingual,
  DEFAULT_TIME_SEC,
  MAX_ANSWERS,
  MAX_TIME_SEC,
  MIN_ANSWERS,
  MIN_TIME_SEC,
  type QcmQuestion,
} from "./question.ts";
export {
  checkQuizFile,
  formatProblem,
  parseQuizFile,
  type QuizCheck,
  QuizFileError,
  type QuizProblem,
} from "./quiz_file.ts";
export { type QcmAnswer, type QcmPlayer, type QcmState } from "./phases.ts";
export { currentAnswerKey, qcmRules } from "./rules.ts";
export { type Round } from "./round.ts";
export { answerMoveSchema, qcmOptionsSchema } from "./wire.ts";
export {
  scoreAnswer,
  type Scored,
  speedPoints,
  streakBonus,
} from "./scoring.ts";
export { parseChoices, qcmView } from "./view.ts";
export type * from "./wire.ts";

/**
 * The QCM game, ready for games/registry.ts.
 *
 * @example
 * ```ts
 * import { qcm } from "./mod.ts";
 * console.log(qcm.rules.id, qcm.rules.title.fr); // "qcm" "QCM"
 * ```
 */
export const qcm: Game<QcmState, QcmOptions> = {
  rules: qcmRules,
  view: qcmView,
  bot: qcmBot,
};
