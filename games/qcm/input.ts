/**
 * What a QCM player types: a line of answer numbers or letters (`2`, `b`,
 * `1 3`, `13`, `a, c`) as an `answer` move, and one digit key (1–4) that
 * answers a single-answer question at once. Letters answer only as a whole
 * line (`b` then Enter), so that chat words (`bravo`, `d'accord`) stay chat.
 *
 * @module
 */
import type { GameMove } from "../types.ts";
import { isQcmView } from "./screen.ts";

const DIGITS = /^[1-4](?:[\s,;+]*[1-4])*$/;
const LETTER_LIST = /^[a-d](?:[\s,;+]+[a-d])*$/i;

/**
 * Reads a typed line as answer numbers: `2`, `b`, `1 3`, `13`, `a, c`.
 * Letters must be separated (so that words like "bad" stay chat).
 *
 * @example
 * ```ts
 * import { parseChoices } from "./input.ts";
 * parseChoices("13"); // [1, 3]
 * parseChoices("A c"); // [1, 3]
 * parseChoices("bad"); // null
 * ```
 */
export function parseChoices(line: string): number[] | null {
  const s = line.trim();
  let numbers: number[];
  if (DIGITS.test(s)) {
    numbers = [...s.replace(/[^1-4]/g, "")].map(Number);
  } else if (LETTER_LIST.test(s)) {
    numbers = [...s.toLowerCase().replace(/[^a-d]/g, "")].map((c) =>
      c.charCodeAt(0) - 96
    );
  } else return null;
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/**
 * A typed line as an answer move, or null (then it is chat); nothing is a
 * move once the quiz is over.
 *
 * @example
 * ```ts
 * import { parseInput } from "./input.ts";
 * parseInput("1 3", null); // { type: "answer", choices: [1, 3] }
 * parseInput("hello", null); // null
 * ```
 */
export function parseInput(line: string, view: unknown): GameMove | null {
  if (isQcmView(view) && view.phase === "over") return null;
  const choices = parseChoices(line);
  return choices ? { type: "answer", choices } : null;
}

/**
 * One key pressed on an empty line: a digit 1–4 answers a single-answer
 * question at once. A letter gives null (it is typed: `b` + Enter answers,
 * `bravo` is chat); several answers are typed as a line ("1 3") and sent
 * with Enter, so the key gives null then, as after answering.
 *
 * @example
 * ```ts
 * import { key } from "./input.ts";
 * const view = {
 *   game: "qcm", phase: "question", me: null,
 *   question: { multiple: false, answers: { fr: ["a", "b"], en: ["a", "b"] } },
 * };
 * key("2", view); // { type: "answer", choices: [2] }
 * key("b", view); // null (typed: `b` + Enter answers, `bravo` is chat)
 * key("3", view); // null (only two answers)
 * ```
 */
export function key(key: string, view: unknown): GameMove | null {
  if (!isQcmView(view) || view.phase !== "question" || !view.question) {
    return null;
  }
  if (view.question.multiple || (view.me && view.me.choices)) return null;
  const n = /^[1-4]$/.test(key) ? Number(key) : 0;
  if (n < 1 || n > view.question.answers.en.length) return null;
  return { type: "answer", choices: [n] };
}
