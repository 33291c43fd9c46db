/**
 * Joining with another nickname after a refusal that another nickname may
 * cure (taken, invalid): the loop shared by `host` (its own player) and
 * `join`.
 *
 * @module
 */
import { JoinRefusedError } from "../client/errors.ts";

/**
 * Calls `join` with `nickname`; on a retryable {@linkcode JoinRefusedError}
 * asks `next` for another nickname (`null`: give up, the refusal is thrown)
 * and tries again, `attempts` times at most. Other errors are thrown as is.
 *
 * @example
 * ```ts
 * import { joinWithRetry } from "./join_retry.ts";
 * import { JoinRefusedError } from "../client/errors.ts";
 * const taken = new Set(["zoe"]);
 * const joined = await joinWithRetry(
 *   (nickname) =>
 *     taken.has(nickname)
 *       ? Promise.reject(new JoinRefusedError("nickname_taken", "Taken.", true))
 *       : Promise.resolve(nickname),
 *   "zoe",
 *   (_refusal, attempt) => `zoe-${attempt + 1}`,
 * );
 * joined; // "zoe-2"
 * ```
 */
export async function joinWithRetry<T>(
  join: (nickname: string) => Promise<T>,
  nickname: string,
  next: (refusal: JoinRefusedError, attempt: number) => string | null,
  attempts = Infinity,
): Promise<T> {
  for (let attempt = 1;; attempt++) {
    try {
      return await join(nickname);
    } catch (e) {
      if (!(e instanceof JoinRefusedError) || !e.retryable) throw e;
      const other = attempt < attempts ? next(e, attempt) : null;
      if (other === null) throw e;
      nickname = other;
    }
  }
}
