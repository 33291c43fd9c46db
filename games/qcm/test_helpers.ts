/**
 * Helpers shared by the QCM tests: a seeded random source, small fixtures.
 *
 * @module
 */
import type { QcmQuestion } from "./question.ts";

/**
 * A seeded random source (mulberry32), like `Math.random` but repeatable.
 *
 * @example
 * ```ts
 * import { seeded } from "./test_helpers.ts";
 * const r = seeded(1);
 * console.log(r() === seeded(1)()); // true
 * ```
 */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A small custom quiz: three questions (the second with two right answers,
 * the third with its own 10 s limit).
 *
 * @example
 * ```ts
 * import { QUIZ } from "./test_helpers.ts";
 * console.log(QUIZ.length); // 3
 * ```
 */
export const QUIZ: QcmQuestion[] = [
  {
    id: "q1",
    text: { fr: "Port de HTTPS ?", en: "HTTPS port?" },
    answers: { fr: ["80", "443", "22", "21"], en: ["80", "443", "22", "21"] },
    correct: [1],
  },
  {
    id: "q2",
    text: { fr: "Transports ?", en: "Transports?" },
    answers: {
      fr: ["TCP", "UDP", "HTTP"],
      en: ["TCP", "UDP", "HTTP"],
    },
    correct: [0, 1],
  },
  {
    id: "q3",
    text: { fr: "Boucle locale ?", en: "Loopback?" },
    answers: { fr: ["127.0.0.1", "8.8.8.8"], en: ["127.0.0.1", "8.8.8.8"] },
    correct: [0],
    timeSec: 10,
  },
];
