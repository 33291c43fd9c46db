/**
 * Fixtures for the discovery wing's tests: a room ad, and a key and a
 * signature of the real sizes for tests that do not check signatures.
 *
 * @module
 */
import type { RoomAd } from "./room_ad.ts";

/** A key (43 base64url characters) and a signature (86) of the real sizes. */
export const SIZED_SIGNATURE: { key: string; sig: string } = {
  key: "k".repeat(43),
  sig: "s".repeat(86),
};

/**
 * A valid locked room ad, `Salle 12` on port 50026, with changes.
 *
 * @example
 * ```ts
 * import { sampleAd } from "./testing.ts";
 * sampleAd({ players: 5 }).players; // 5
 * ```
 */
export function sampleAd(over: Partial<RoomAd> = {}): RoomAd {
  return {
    hostId: "host-1",
    name: "Salle 12",
    port: 50026,
    game: "qcm",
    players: 3,
    capacity: 32,
    state: "lobby",
    locked: true,
    protocol: 1,
    epoch: 0,
    ...over,
  };
}
