/**
 * Test fixtures of the client wing: a found room as discovery lists it and
 * a string holding every kind of terminal control a hostile host could send.
 *
 * @module
 */
import type { FoundHost } from "../discovery/mod.ts";

/**
 * Every hostile character class the sanitiser must catch: CSI (clear the
 * screen), OSC (rename the window) with BEL, NUL, the one-byte C1 CSI
 * U+009B, bidi overrides and isolates, and a carriage return that would
 * start a fake line.
 */
export const HOSTILE: string = [
  "\x1b[2J\x1b[H",
  "\x1b]0;pwned\x07",
  "\x07\x00",
  "\u009b31m",
  "\u202e\u2066\u2069",
  "\r[admin] ",
].join("");

/**
 * A room as discovery lists it (`Salle 12` at 198.18.0.1), with `over`
 * applied.
 *
 * @example
 * ```ts
 * import { sampleHost } from "./testing.ts";
 * sampleHost({ name: "Salle 7" }).name; // "Salle 7"
 * sampleHost().fingerprint; // "CDEF-7F3A"
 * ```
 *
 * @param over fields to change
 */
export function sampleHost(
  over: Partial<FoundHost & { fingerprint: string }> = {},
): FoundHost & { fingerprint: string } {
  return {
    hostId: "0123456789abcdef0123cdef7f3a",
    fingerprint: "CDEF-7F3A",
    name: "Salle 12",
    address: "198.18.0.1",
    addresses: ["198.18.0.1"],
    port: 50026,
    game: "qcm",
    players: 2,
    capacity: 32,
    state: "lobby",
    locked: false,
    protocol: 1,
    epoch: 0,
    via: ["broadcast", "mdns"],
    firstSeenMs: 12,
    viaMs: { broadcast: 12, mdns: 40 },
    lastSeen: 0,
    ...over,
  };
}
