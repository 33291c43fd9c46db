/**
 * The questions of a game as played: picked from the custom quiz or the
 * bank, shuffled with the game's random source, each answer list in the
 * order shown and the key following it.
 *
 * @module
 */
import { BANK } from "./bank.ts";
import type { Bilingual, QcmQuestion } from "./question.ts";
import {
  type BilingualList,
  DEFAULT_COUNT,
  type QcmOptions,
  type ShownQuestion,
} from "./wire.ts";

/** A question as played: answers in shown order, the key in that order. */
export interface Round {
  /** Id of the question it comes from. */
  id: string;
  /** The question, in both languages. */
  text: Bilingual;
  /** The answers in the order shown. */
  answers: BilingualList;
  /** 0-based indices of the correct answers, in shown order. Secret until the reveal. */
  correct: number[];
  /** Time to answer, in milliseconds. */
  limitMs: number;
}

/**
 * Shuffles a copy with the given random source (Fisher–Yates).
 *
 * @example
 * ```ts
 * import { shuffled } from "./round.ts";
 * shuffled([1, 2, 3], () => 0); // [2, 3, 1]
 * ```
 */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Makes the round of a question: answers shuffled unless `keepOrder`, the
 * key following its answers.
 *
 * @example
 * ```ts
 * import { makeRound } from "./round.ts";
 * const round = makeRound({
 *   id: "q1",
 *   text: { fr: "2 + 2 ?", en: "2 + 2?" },
 *   answers: { fr: ["4", "5"], en: ["4", "5"] },
 *   correct: [0],
 * }, { timeSec: 20, shuffle: true }, () => 0);
 * console.log(round.answers.en, round.correct); // ["5", "4"] [1]
 * ```
 */
export function makeRound(
  q: QcmQuestion,
  options: { timeSec: number; shuffle: boolean },
  random: () => number,
): Round {
  const n = q.answers.fr.length;
  const identity = [...Array(n).keys()];
  const order = options.shuffle && !q.keepOrder
    ? shuffled(identity, random)
    : identity;
  return {
    id: q.id,
    text: { ...q.text },
    answers: {
      fr: order.map((i) => q.answers.fr[i]),
      en: order.map((i) => q.answers.en[i]),
    },
    correct: order.flatMap((orig, shown) =>
      q.correct.includes(orig) ? [shown] : []
    ),
    limitMs: (q.timeSec ?? options.timeSec) * 1000,
  };
}

/**
 * A round as the players see it: no key.
 *
 * @example
 * ```ts
 * import { makeRound, shown } from "./round.ts";
 * const round = makeRound({
 *   id: "q1",
 *   text: { fr: "Pair ?", en: "Even?" },
 *   answers: { fr: ["2", "4", "5"], en: ["2", "4", "5"] },
 *   correct: [0, 1],
 * }, { timeSec: 20, shuffle: false }, Math.random);
 * shown(round).multiple; // true
 * ```
 */
export function shown(round: Round): ShownQuestion {
  return {
    text: { ...round.text },
    answers: { fr: [...round.answers.fr], en: [...round.answers.en] },
    multiple: round.correct.length > 1,
    timeLimitMs: round.limitMs,
  };
}

/**
 * Picks and prepares the rounds of a game: the custom questions or the
 * bank, shuffled when asked, `count` of them.
 *
 * @example
 * ```ts
 * import { pickRounds } from "./round.ts";
 * pickRounds({ count: 3, timeSec: 20, points: 1000, shuffle: true, pauseSec: 6 }, Math.random).length; // 3
 * ```
 */
export function pickRounds(options: QcmOptions, random: () => number): Round[] {
  const source = options.questions ?? BANK;
  const count = Math.min(
    source.length,
    options.count ?? (options.questions ? source.length : DEFAULT_COUNT),
  );
  const ordered = options.shuffle ? shuffled(source, random) : [...source];
  return ordered.slice(0, count).map((q) => makeRound(q, options, random));
}
