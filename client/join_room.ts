/**
 * Joining a room picked from discovery at the first of its addresses that
 * proves the room's key: an address where another machine answers (a
 * replayed ad can add one) is skipped with a warning.
 *
 * @module
 */
import { RoomImpostorError } from "./errors.ts";

/**
 * Calls `join` on each of `addresses` in turn until one does not throw
 * {@linkcode RoomImpostorError}; `onImpostor` hears each impostor and the
 * address tried next. The last impostor error, or any other error, is
 * thrown.
 *
 * @example
 * ```ts
 * import { joinFirstGenuine } from "./join_room.ts";
 * import { RoomImpostorError } from "./errors.ts";
 * const joined = await joinFirstGenuine(
 *   ["198.18.0.9", "198.18.0.1"],
 *   (address) =>
 *     address === "198.18.0.9"
 *       ? Promise.reject(new RoomImpostorError(address, "Salle 12", "CDEF-7F3A"))
 *       : Promise.resolve(address),
 * );
 * joined; // "198.18.0.1"
 * ```
 *
 * @param addresses the room's addresses, best first
 * @param join joins at one address
 * @param onImpostor told of each impostor before the next address is tried
 */
export async function joinFirstGenuine<T>(
  addresses: readonly string[],
  join: (address: string) => Promise<T>,
  onImpostor: (error: RoomImpostorError, next: string) => void = () => {},
): Promise<T> {
  const list = [...new Set(addresses)];
  for (let i = 0;; i++) {
    try {
      return await join(list[i]);
    } catch (e) {
      if (!(e instanceof RoomImpostorError) || i + 1 >= list.length) throw e;
      onImpostor(e, list[i + 1]);
    }
  }
}
