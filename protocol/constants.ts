/**
 * Numbers and names every lanplay program agrees on.
 *
 * @module
 */

/** Version of the wire protocol spoken over TCP (see docs/PROTOCOL.md). */
export const PROTOCOL_VERSION = 1;

/** Default TCP port of a game room (the classroom seed used 50026). */
export const DEFAULT_PORT = 50026;

/** UDP port of discovery beacons and probes. */
export const BEACON_PORT = 50027;

/** DNS-SD service type announced over mDNS (`_lanplay._tcp`). */
export const SERVICE_TYPE = "lanplay";

/** Longest line (in bytes, newline excluded) a peer may send: 64 KiB. */
export const MAX_LINE_BYTES = 64 * 1024;

/** Nickname rules: 1 to 16 characters. */
export const NICKNAME_MAX = 16;

/** Longest chat message, in characters. */
export const CHAT_MAX = 300;

/** Most players a room accepts by default. */
export const DEFAULT_CAPACITY = 32;

/** Bytes an outbound queue may hold before the reader is judged too slow. */
export const OUTBOUND_LIMIT_BYTES = 512 * 1024;

/** Banner prefix the host sends first: `LANPLAY/1 ...`. */
export const BANNER_PREFIX = "LANPLAY/";

/** Languages the interface speaks. */
export const LANGS = ["fr", "en"] as const;

/** One of the languages the interface speaks. */
export type Lang = typeof LANGS[number];
