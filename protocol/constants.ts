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

/**
 * Longest line a deputy must accept from its host: a `replica` carries a
 * sealed snapshot of up to 4 MiB (host/snapshot.ts `SNAPSHOT_MAX_BYTES`),
 * base64url (4/3) with its 16-byte tag, plus the message's own fields.
 */
export const REPLICA_LINE_MAX_BYTES: number =
  Math.ceil((4 * 1024 * 1024 + 16) * 4 / 3) +
  1024;

/** Nickname rules: 1 to 16 characters. */
export const NICKNAME_MAX = 16;

/** Longest chat message, in characters. */
export const CHAT_MAX = 300;

/** Most players a room accepts by default. */
export const DEFAULT_CAPACITY = 32;

/**
 * Hard bound of one connection's outbound queue, in bytes: far above any
 * burst (a join storm, a wave of leaves), it caps the memory a reader that
 * never reads can hold.
 */
export const OUTBOUND_LIMIT_BYTES = 8 * 1024 * 1024;

/** An outbound backlog above this many bytes counts as "behind". */
export const OUTBOUND_SLOW_BYTES = 256 * 1024;

/** A reader behind for this long (ms) is cut as too slow. */
export const OUTBOUND_SLOW_MS = 10_000;

/** Time a new connection has to send a hello or a nickname (ms). */
export const HANDSHAKE_TIMEOUT_MS = 10_000;

/** Most open connections from one IP address, by default. */
export const MAX_PER_ADDRESS = 16;

/**
 * Most open connections in all, by default, for a room of `capacity`
 * players: four per seat, at least 64.
 *
 * @example
 * ```ts
 * import { defaultMaxConnections } from "./constants.ts";
 * defaultMaxConnections(32); // 128
 * defaultMaxConnections(4); // 64
 * ```
 */
export function defaultMaxConnections(capacity: number): number {
  return Math.max(64, 4 * capacity);
}

/** Banner prefix the host sends first: `LANPLAY/1 ...`. */
export const BANNER_PREFIX = "LANPLAY/";

/** Languages the interface speaks. */
export const LANGS = ["fr", "en"] as const;

/** One of the languages the interface speaks. */
export type Lang = typeof LANGS[number];

/** Wrong PINs from one address before each answer is slowed down. */
export const PIN_FREE_FAILURES = 3;

/** First wait after too many wrong PINs (ms); it doubles with each failure. */
export const PIN_WAIT_FIRST_MS = 1000;

/** Longest wait after wrong PINs (ms). */
export const PIN_WAIT_MAX_MS = 30_000;

/**
 * A client that says `heartbeat` in its hello sends a line at least this
 * often (ms), and the host pings it as often (its answers give the round
 * trip).
 */
export const HEARTBEAT_INTERVAL_MS = 2000;

/**
 * Silence (ms) after which a heartbeat client is taken as gone (the host
 * holds its seat) and after which a client takes its host as gone.
 */
export const HEARTBEAT_TIMEOUT_MS = 6000;

/** How long the host holds a lost player's seat by default (ms). */
export const DEFAULT_GRACE_MS = 120_000;

/** Characters of a text player's rejoin code (no 0/O, 1/I look-alikes). */
export const REJOIN_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** Length of a text player's rejoin code. */
export const REJOIN_CODE_LENGTH = 5;

/** Most watchers (projector screens) a room serves at once. */
export const MAX_WATCHERS = 8;

/** Highest one-way latency (ms) a game may credit a player for. */
export const LATENCY_CAP_MS = 250;

/**
 * Most held seats (players reconnecting) from one address: holding one
 * more frees the oldest, so that connections opened and dropped from one
 * machine cannot fill a room with ghosts.
 */
export const MAX_HELD_PER_ADDRESS = 4;
