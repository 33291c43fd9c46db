/**
 * Fair timing: a player's response time counts from when the question
 * reached them, not from when the host sent it. The host measures each
 * player's round trip itself (its heartbeat pings, `env.latencyMs`: half
 * the recent minimum round trip); the QCM credits that trip, question out
 * and answer back, within a bound that makes cheating worthless.
 *
 * A client cannot claim anything: the only thing it can do is answer the
 * host's pings late, which makes it look farther away. The credit is
 * therefore capped at {@linkcode MAX_CREDIT_MS}; at the shortest time limit
 * (5 s) that is worth at most 2.5 % of the speed points, and never more
 * than the time the player really lost when the trip is real.
 *
 * @module
 */
import type { Env } from "../types.ts";

/** Most time credited for the trip of a question and its answer (ms). */
export const MAX_CREDIT_MS = 250;

/**
 * The time credited to a seat's answer now: its round trip as the host
 * measured it (twice `env.latencyMs`), at most {@linkcode MAX_CREDIT_MS};
 * 0 when the host has no estimate or gives nonsense.
 *
 * @example
 * ```ts
 * import { creditMs } from "./timing.ts";
 * const env = (ms: number) => ({ now: 0, random: Math.random, latencyMs: () => ms });
 * creditMs(env(20), "a"); // 40: 20 ms each way
 * creditMs(env(900), "a"); // 250: capped
 * creditMs({ now: 0, random: Math.random }, "a"); // 0: unknown
 * ```
 */
export function creditMs(env: Env, seat: string): number {
  const oneWay = env.latencyMs?.(seat);
  if (typeof oneWay !== "number" || !Number.isFinite(oneWay) || oneWay <= 0) {
    return 0;
  }
  return Math.min(MAX_CREDIT_MS, 2 * oneWay);
}

/**
 * How long a player took to answer: from the question's start to the
 * answer's arrival, less the credited trip, never below 0.
 *
 * @example
 * ```ts
 * import { responseMs } from "./timing.ts";
 * responseMs({ at: 5_000, creditMs: 40 }, 1_000); // 3960
 * responseMs({ at: 1_010, creditMs: 40 }, 1_000); // 0
 * ```
 */
export function responseMs(
  answer: { at: number; creditMs: number },
  questionStart: number,
): number {
  return Math.max(0, answer.at - questionStart - answer.creditMs);
}
