/**
 * The UDP beacon packets, pure: `ad` (a beacon, or the answer to a probe),
 * `bye` and `probe`, one JSON object of at most
 * {@linkcode MAX_DISCOVERY_BYTES} bytes each, encoded and decoded with zod
 * schemas (the ad's own is {@linkcode roomAdSchema}). See docs/discovery.md.
 *
 * Nothing here touches a socket or a clock.
 *
 * @module
 */
import { z } from "zod";
import { DiscoveryPacketError } from "./errors.ts";
import type { Signed } from "./ad_signature.ts";
import {
  assertRoomAd,
  epochProblem,
  epochSchema,
  hostIdProblem,
  hostIdSchema,
  type RoomAd,
  roomAdSchema,
} from "./room_ad.ts";

// Kept for the importers of packet.ts; the wing's face is discovery/mod.ts.
export { type AdState, COMPARE_GAME, type RoomAd } from "./room_ad.ts";
export { DiscoveryPacketError } from "./errors.ts";

/** Magic value of every UDP discovery packet. */
export const DISCOVERY_MAGIC = "lanplay";

/** Version of the UDP discovery packet format. */
export const DISCOVERY_VERSION = 1;

/**
 * Largest UDP discovery packet, in bytes: bigger ones are dropped unread.
 * A signed ad of the longest name fits (about 700 bytes), in one datagram
 * well under the 1472 bytes of an Ethernet frame.
 */
export const MAX_DISCOVERY_BYTES = 1024;

/**
 * Exact size of a probe. A host answers a probe with one ad of at most
 * {@linkcode MAX_DISCOVERY_BYTES}; requiring probes of that size means an
 * answer is never bigger than the question (no amplification).
 */
export const PROBE_BYTES: number = MAX_DISCOVERY_BYTES;

/** Default interval between two beacons, in milliseconds. */
export const BEACON_EVERY_MS = 1500;

/** Shortest beacon interval a packet may state (ms); out of range means the default. */
export const EVERY_MIN_MS = 100;

/** Longest beacon interval a packet may state (ms); out of range means the default. */
export const EVERY_MAX_MS = 60000;

/** Longest probe nonce (letters and digits). */
export const NONCE_MAX = 32;

/** A UDP discovery packet, decoded. */
export type DiscoveryPacket =
  | { type: "ad"; ad: RoomAd; every: number; key: string; sig: string }
  | { type: "bye"; hostId: string; epoch: number; key: string; sig: string }
  | { type: "probe"; nonce: string };

/** base64url text of at most 128 characters (a key or a signature). */
const b64 = z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]*$/);

const nonce = z.string().min(1).max(NONCE_MAX).regex(/^[A-Za-z0-9]*$/);

const header = {
  magic: z.literal(DISCOVERY_MAGIC),
  v: z.literal(DISCOVERY_VERSION),
};

// The ad's fields are checked by roomAdSchema (one definition of each limit).
const packetSchema = z.discriminatedUnion("type", [
  z.object({
    ...header,
    type: z.literal("ad"),
    key: b64,
    sig: b64,
    every: z.number().int().min(EVERY_MIN_MS).max(EVERY_MAX_MS)
      .catch(BEACON_EVERY_MS),
  }),
  z.object({
    ...header,
    type: z.literal("bye"),
    hostId: z.custom<string>((v) => hostIdSchema.safeParse(v).success),
    // Absent in the goodbyes of hosts older than epochs: the first host's.
    epoch: z.custom<number>((v) => epochSchema.safeParse(v).success)
      .optional(),
    key: b64,
    sig: b64,
  }),
  z.object({ ...header, type: z.literal("probe"), nonce }),
]);

function toBytes(obj: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(obj));
}

/**
 * Encodes an ad as a beacon packet (also the answer to a probe), with the
 * room's public key and its signature of `adSignedBytes(ad, every)`
 * (ad_signature.ts). The packet always carries `epoch`; a decoder reads an
 * ad without one (an older host's) as epoch 0.
 *
 * @example
 * ```ts
 * import { encodeAd } from "./packet.ts";
 * const bytes = encodeAd({ hostId: "h1", name: "Salle 12", port: 50026,
 *   game: "qcm", players: 3, capacity: 32, state: "lobby", locked: false,
 *   protocol: 1, epoch: 0 }, 1500, { key: "k".repeat(43), sig: "s".repeat(86) });
 * bytes.length < 1024; // true
 * ```
 */
export function encodeAd(
  ad: RoomAd,
  every: number,
  signed: Signed,
): Uint8Array {
  assertRoomAd(ad);
  const bytes = toBytes({
    magic: DISCOVERY_MAGIC,
    v: DISCOVERY_VERSION,
    type: "ad",
    hostId: ad.hostId,
    name: ad.name,
    port: ad.port,
    game: ad.game,
    players: ad.players,
    capacity: ad.capacity,
    state: ad.state,
    locked: ad.locked,
    protocol: ad.protocol,
    epoch: ad.epoch,
    every: Math.round(every),
    key: signed.key,
    sig: signed.sig,
  });
  // Cannot happen with the field limits of room_ad.ts; kept as a guard.
  if (bytes.length > MAX_DISCOVERY_BYTES) {
    throw new DiscoveryPacketError(
      "too_big",
      `The beacon is ${bytes.length} bytes (limit ${MAX_DISCOVERY_BYTES}): shorten the room name.`,
      { bytes: bytes.length, limit: MAX_DISCOVERY_BYTES },
    );
  }
  return bytes;
}

/**
 * Encodes the `bye` a host of `epoch` sends when it closes, signed like an
 * ad (over `byeSignedBytes(hostId, epoch)`, ad_signature.ts): browsers
 * ignore it while they list the room at a higher epoch.
 *
 * @example
 * ```ts
 * import { encodeBye } from "./packet.ts";
 * new TextDecoder().decode(encodeBye("h1", 0, { key: "K", sig: "S" }));
 * // '{"magic":"lanplay","v":1,"type":"bye","hostId":"h1","epoch":0,"key":"K","sig":"S"}'
 * ```
 */
export function encodeBye(
  hostId: string,
  epoch: number,
  signed: Signed,
): Uint8Array {
  const problem = hostIdProblem(hostId) ?? epochProblem(epoch);
  if (problem) {
    throw new DiscoveryPacketError("bad_ad", problem, { problem });
  }
  return toBytes({
    magic: DISCOVERY_MAGIC,
    v: DISCOVERY_VERSION,
    type: "bye",
    hostId,
    epoch,
    key: signed.key,
    sig: signed.sig,
  });
}

/**
 * Encodes a probe, padded with spaces to exactly {@linkcode PROBE_BYTES}.
 *
 * @example
 * ```ts
 * import { encodeProbe, PROBE_BYTES } from "./packet.ts";
 * encodeProbe("abc123").length === PROBE_BYTES; // true
 * ```
 */
export function encodeProbe(nonceValue: string): Uint8Array {
  if (!nonce.safeParse(nonceValue).success) {
    throw new DiscoveryPacketError(
      "bad_nonce",
      `A probe nonce must be 1 to ${NONCE_MAX} letters or digits.`,
    );
  }
  const head = JSON.stringify({
    magic: DISCOVERY_MAGIC,
    v: DISCOVERY_VERSION,
    type: "probe",
    nonce: nonceValue,
  });
  // JSON allows whitespace after the value: pad with spaces.
  return new TextEncoder().encode(head.padEnd(PROBE_BYTES, " "));
}

const strictDecoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes a UDP discovery packet. Anything malformed, foreign, of another
 * version, too big, or (for probes) too small gives `null`; never throws.
 *
 * @example
 * ```ts
 * import { decodeDiscoveryPacket, encodeBye } from "./packet.ts";
 * decodeDiscoveryPacket(encodeBye("h1", 2, { key: "K", sig: "S" }));
 * // { type: "bye", hostId: "h1", epoch: 2, key: "K", sig: "S" }
 * decodeDiscoveryPacket(new TextEncoder().encode("hello")); // null
 * ```
 */
export function decodeDiscoveryPacket(
  bytes: Uint8Array,
): DiscoveryPacket | null {
  if (bytes.length < 2 || bytes.length > MAX_DISCOVERY_BYTES) return null;
  if (bytes[0] !== 0x7b) return null; // "{"
  let value: unknown;
  try {
    value = JSON.parse(strictDecoder.decode(bytes));
  } catch {
    return null;
  }
  const packet = packetSchema.safeParse(value);
  if (!packet.success) return null;
  const p = packet.data;
  switch (p.type) {
    case "ad": {
      // An ad without `epoch` (an older host's) is the first host's.
      const ad = roomAdSchema.safeParse({ epoch: 0, ...value as object });
      return ad.success
        ? { type: "ad", ad: ad.data, every: p.every, key: p.key, sig: p.sig }
        : null;
    }
    case "bye":
      return {
        type: "bye",
        hostId: p.hostId,
        epoch: p.epoch ?? 0,
        key: p.key,
        sig: p.sig,
      };
    case "probe":
      return bytes.length < PROBE_BYTES
        ? null
        : { type: "probe", nonce: p.nonce };
  }
}
