/**
 * The question bank shipped with lanplay: networking (IP addressing, ports,
 * TCP/UDP, DNS, client/server, sockets, HTTP, mDNS and broadcast) and
 * general culture, each question in French and English. The bank is
 * questions.json, in the documented quiz JSON format, imported into the
 * module graph so a compiled binary carries it.
 *
 * @module
 */
import data from "./questions.json" with { type: "json" };
import { checkQuizFile, QuizFileError } from "./quiz_file.ts";
import type { QcmQuestion } from "./question.ts";

function load(): QcmQuestion[] {
  const r = checkQuizFile(JSON.stringify(data), "questions.json");
  if (!r.ok) throw new QuizFileError("games/qcm/questions.json", r.problems);
  return r.questions;
}

/**
 * Every question of the shipped bank (validated like a quiz file).
 *
 * @example
 * ```ts
 * import { BANK } from "./bank.ts";
 * console.log(BANK.length >= 60); // true
 * console.log(BANK[0].text.fr);
 * ```
 */
export const BANK: readonly QcmQuestion[] = Object.freeze(load());
