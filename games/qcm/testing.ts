/**
 * Helpers shared by the QCM tests: a seeded random source, a small quiz,
 * five seats, and games stepped to an open round and to its reveal.
 *
 * @module
 */
import type { GameMessage, Seat, Step } from "../types.ts";
import { seeded } from "../testing_random.ts";
import { type QcmState, READY_MS } from "./phases.ts";
import type { QcmQuestion } from "./question.ts";
import { qcmRules as rules } from "./rules.ts";
import { type QcmOptions, qcmOptionsSchema } from "./wire.ts";

export { seeded };

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

/** Options playing {@linkcode QUIZ} in order. */
export const QUIZ_OPTIONS = qcmOptionsSchema.parse({
  questions: QUIZ,
  shuffle: false,
});

/** Five seats: Ana, Bob, Cyd, Dédé, Eve. */
export const SEATS: Seat[] = [
  { id: "a", nickname: "Ana" },
  { id: "b", nickname: "Bob" },
  { id: "c", nickname: "Cyd" },
  { id: "d", nickname: "Dédé" },
  { id: "e", nickname: "Eve" },
];

/** An env at `now` with a random source seeded by `now`. */
export const env = (now: number): { now: number; random: () => number } => ({
  now,
  random: seeded(now),
});

/**
 * A game started {@linkcode READY_MS} before `now` and ticked at `now`: its
 * « Préparez-vous » is over and question 1 opened at `now` (so a test's
 * times count from question 1, as before the ready phase). The step's
 * `out` holds question 1's message; its views are the tick's (patchable).
 *
 * @example
 * ```ts
 * import { asked, QUIZ_OPTIONS, SEATS } from "./testing.ts";
 * const { state, out } = asked(SEATS, QUIZ_OPTIONS, 0);
 * state.phase; // "question"
 * out[0].message.type; // "question"
 * ```
 */
export function asked(
  seats: Seat[],
  options: QcmOptions,
  now = 0,
  random: () => number = seeded(now),
): Step<QcmState> {
  const started = rules.start(seats, options, {
    now: now - READY_MS,
    random,
  });
  if (started.state.phase !== "ready") return started;
  const step = rules.tick(started.state, { now, random });
  return { ...step, out: [...started.out, ...step.out] };
}

/**
 * A game of {@linkcode QUIZ} (not shuffled) for {@linkcode SEATS} at
 * question 1: Ana answered 2 (right) at 3 s, Bob 1 at 5 s.
 *
 * @example
 * ```ts
 * import { openRound } from "./testing.ts";
 * openRound().state.phase; // "question"
 * ```
 */
export function openRound(): { state: QcmState; messages: GameMessage[] } {
  let { state, out } = asked(SEATS, QUIZ_OPTIONS, 0);
  const messages = out.map((o) => o.message);
  for (
    const [seat, choice, now] of [["a", 2, 3_000], ["b", 1, 5_000]] as const
  ) {
    const step = rules.move(
      state,
      seat,
      { type: "answer", choices: [choice] },
      env(now),
    );
    state = step.state;
    messages.push(...step.out.map((o) => o.message));
  }
  return { state, messages };
}

/**
 * {@linkcode openRound} after its time is up (20 s): the reveal.
 *
 * @example
 * ```ts
 * import { revealed } from "./testing.ts";
 * revealed().state.phase; // "reveal"
 * ```
 */
export function revealed(): { state: QcmState; messages: GameMessage[] } {
  const { state, messages } = openRound();
  const step = rules.tick(state, env(20_000));
  return {
    state: step.state,
    messages: [...messages, ...step.out.map((o) => o.message)],
  };
}
