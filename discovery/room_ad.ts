/**
 * The room advertisement ({@linkcode RoomAd}): what a host says about its
 * room on both channels, its limits (each defined once, here) and its zod
 * schema. The beacon packets (packet.ts) and the mDNS TXT record
 * (mdns_txt.ts) are both validated with {@linkcode roomAdSchema}.
 *
 * Pure: no socket, no clock.
 *
 * @module
 */
import { z } from "zod";
import type { Schema } from "../protocol/messages.ts";

export type {
  SafeParseResult,
  Schema,
  SchemaError,
  SchemaIssue,
} from "../protocol/messages.ts";
import { DiscoveryPacketError } from "./errors.ts";

/** The `game` of a `compare --serve` ad: a reflector, not a room; `join` never lists it. */
export const COMPARE_GAME = "compare";

/** Longest room name, in UTF-16 code units. */
export const NAME_MAX = 64;

/** Longest host id. */
export const HOST_ID_MAX = 64;

/** Longest game id. */
export const GAME_MAX = 32;

/** Most players (and largest capacity) an ad may state. */
export const PLAYERS_MAX = 10000;

/** Highest TCP protocol version an ad may state. */
export const PROTOCOL_MAX = 1000;

/**
 * Highest epoch an ad may state. The first host of a room announces epoch 0;
 * each host that takes the room over (host migration) announces one more.
 */
export const EPOCH_MAX = 1_000_000;

/** State of a room as announced. */
export type AdState = "lobby" | "playing";

/** What a host announces about its room. */
export interface RoomAd {
  /** Stable id of the host process (same on every interface). */
  hostId: string;
  /** Room name shown to players. */
  name: string;
  /** TCP port of the room. */
  port: number;
  /** Id of the selected game (e.g. `qcm`), may be empty. */
  game: string;
  /** Players in the room. */
  players: number;
  /** Most players the room accepts. */
  capacity: number;
  /** `lobby` (joinable between games) or `playing`. */
  state: AdState;
  /** True when a PIN is needed to join (the PIN itself is never sent). */
  locked: boolean;
  /** TCP protocol version the host speaks. */
  protocol: number;
  /**
   * Which host of the room this is: 0 for the first, one more for each host
   * that took the room over (same room id and key). Browsers keep the
   * highest epoch per room id (room_table.ts).
   */
  epoch: number;
}

// deno-lint-ignore no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

const int = (min: number, max: number) => z.number().int().min(min).max(max);

const hostId = z.string().min(1).max(HOST_ID_MAX).regex(/^[A-Za-z0-9_.:-]*$/);

/**
 * Schema of a host id: 1 to {@linkcode HOST_ID_MAX} characters among
 * `A-Z a-z 0-9 _ . : -`.
 *
 * @example
 * ```ts
 * import { hostIdSchema } from "./room_ad.ts";
 * hostIdSchema.safeParse("host-1").success; // true
 * hostIdSchema.safeParse("a b").success; // false
 * ```
 */
export const hostIdSchema: Schema<string> = hostId;

const epoch = int(0, EPOCH_MAX);

/**
 * Schema of an epoch: an integer 0 to {@linkcode EPOCH_MAX}.
 *
 * @example
 * ```ts
 * import { epochSchema } from "./room_ad.ts";
 * epochSchema.safeParse(1).success; // true
 * epochSchema.safeParse(-1).success; // false
 * ```
 */
export const epochSchema: Schema<number> = epoch;

const roomAdObject = z.object({
  hostId,
  // Not blank (so at least one character), no control character, no lone surrogate.
  name: z.string().max(NAME_MAX)
    .refine((s) => !CONTROL_RE.test(s) && s.trim() !== "" && s.isWellFormed()),
  port: int(1, 65535),
  game: z.string().max(GAME_MAX).regex(/^[a-z0-9_-]*$/),
  players: int(0, PLAYERS_MAX),
  capacity: int(1, PLAYERS_MAX),
  state: z.enum(["lobby", "playing"]),
  locked: z.boolean(),
  protocol: int(1, PROTOCOL_MAX),
  epoch,
});

/**
 * Schema of a {@linkcode RoomAd}; unknown keys are dropped.
 *
 * @example
 * ```ts
 * import { roomAdSchema } from "./room_ad.ts";
 * const ad = { hostId: "h1", name: "Salle 12", port: 50026, game: "qcm",
 *   players: 3, capacity: 32, state: "lobby", locked: false, protocol: 1,
 *   epoch: 0 };
 * roomAdSchema.safeParse(ad).success; // true
 * roomAdSchema.safeParse({ ...ad, players: -1 }).success; // false
 * ```
 */
export const roomAdSchema: Schema<RoomAd> = roomAdObject;

/** One sentence per field, in the order they are reported. */
const PROBLEMS: Record<keyof RoomAd, string> = {
  hostId:
    `hostId must be 1 to ${HOST_ID_MAX} characters among A-Z a-z 0-9 _ . : -`,
  name: `name must be 1 to ${NAME_MAX} characters without control characters`,
  port: "port must be an integer 1..65535",
  game: `game must be 0 to ${GAME_MAX} characters among a-z 0-9 _ -`,
  capacity: `capacity must be 1..${PLAYERS_MAX}`,
  players: `players must be 0..${PLAYERS_MAX}`,
  state: 'state must be "lobby" or "playing"',
  locked: "locked must be true or false",
  protocol: `protocol must be 1..${PROTOCOL_MAX}`,
  epoch: `epoch must be an integer 0..${EPOCH_MAX}`,
};

/**
 * Why an ad is not valid, or `null` when it is.
 *
 * @example
 * ```ts
 * import { roomAdProblem } from "./room_ad.ts";
 * roomAdProblem({ hostId: "h1", name: "", port: 50026, game: "qcm",
 *   players: 0, capacity: 32, state: "lobby", locked: false, protocol: 1,
 *   epoch: 0 });
 * // "name must be 1 to 64 characters without control characters"
 * ```
 */
export function roomAdProblem(ad: unknown): string | null {
  const result = roomAdSchema.safeParse(ad);
  if (result.success) return null;
  const bad = new Set(result.error.issues.map((i) => i.path[0]));
  for (const [field, problem] of Object.entries(PROBLEMS)) {
    if (bad.has(field)) return problem;
  }
  return "ad must be an object";
}

/**
 * The sentence refusing a host id, or `null` when it is valid.
 *
 * @example
 * ```ts
 * import { hostIdProblem } from "./room_ad.ts";
 * hostIdProblem("h1"); // null
 * hostIdProblem(""); // "hostId must be 1 to 64 characters among A-Z a-z 0-9 _ . : -"
 * ```
 */
export function hostIdProblem(hostId: unknown): string | null {
  return hostIdSchema.safeParse(hostId).success ? null : PROBLEMS.hostId;
}

/**
 * The sentence refusing an epoch, or `null` when it is valid.
 *
 * @example
 * ```ts
 * import { epochProblem } from "./room_ad.ts";
 * epochProblem(3); // null
 * epochProblem(0.5); // "epoch must be an integer 0..1000000"
 * ```
 */
export function epochProblem(epoch: unknown): string | null {
  return epochSchema.safeParse(epoch).success ? null : PROBLEMS.epoch;
}

/**
 * Throws a {@linkcode DiscoveryPacketError} (`bad_ad`) when `ad` cannot be
 * announced.
 *
 * @example
 * ```ts
 * import { assertRoomAd } from "./room_ad.ts";
 * try {
 *   assertRoomAd({ hostId: "h1", name: "Salle", port: 0, game: "",
 *     players: 0, capacity: 8, state: "lobby", locked: false, protocol: 1,
 *     epoch: 0 });
 * } catch (e) {
 *   (e as Error).message;
 *   // "Cannot announce this room: port must be an integer 1..65535. Fix the room settings."
 * }
 * ```
 */
export function assertRoomAd(ad: RoomAd): void {
  const problem = roomAdProblem(ad);
  if (problem) {
    throw new DiscoveryPacketError(
      "bad_ad",
      `Cannot announce this room: ${problem}. Fix the room settings.`,
      { problem },
    );
  }
}

/**
 * Makes a DNS-SD instance label from a room name: dots become `-` (a dot
 * would split the label), cut to 63 UTF-8 bytes.
 *
 * @example
 * ```ts
 * import { instanceLabel } from "./room_ad.ts";
 * instanceLabel("Salle 1.2"); // "Salle 1-2"
 * ```
 */
export function instanceLabel(name: string): string {
  let label = name.replaceAll(".", "-");
  const enc = new TextEncoder();
  while (enc.encode(label).length > 63) {
    label = Array.from(label).slice(0, -1).join("");
  }
  return label;
}
