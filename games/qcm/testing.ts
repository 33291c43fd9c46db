/**
 * Helpers shared by the QCM tests: a seeded random source, small fixtures.
 *
 * @module
 */
import type { QcmQuestion } from "./question.ts";

export { seeded } from "../testing_random.ts";

/**
 * A small custom quiz: three questions (the second with two right answers,
 * the third with its own 10 s limit).
 *
 * @example
 * ```ts
 * import { QUIZ } from "./testing.ts";
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
