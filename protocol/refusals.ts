/**
 * Which join refusals are fatal: after them the host closes the connection,
 * because another nickname would not help. The host decides with this list
 * and the client reads it to tell "try another nickname" from "give up".
 *
 * @module
 */

/** Refusal codes after which the host says goodbye. */
export const FATAL_REFUSALS: readonly string[] = [
  "version",
  "room_full",
  "host_closed",
  "banned",
  "too_many_connections",
];

/**
 * True when a join refused with `code` cannot be retried on this
 * connection (another nickname would not help).
 *
 * @example
 * ```ts
 * import { isFatalRefusal } from "./refusals.ts";
 * isFatalRefusal("room_full"); // true
 * isFatalRefusal("nickname_taken"); // false
 * ```
 *
 * @param code the refusal's error code
 */
export function isFatalRefusal(code: string): boolean {
  return FATAL_REFUSALS.includes(code);
}
