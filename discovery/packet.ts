/**
 * Discovery wire formats, pure: the room advertisement ({@linkcode RoomAd}),
 * the UDP beacon / probe / bye packet (JSON, < 512 bytes), the DNS-SD TXT
 * record of the mDNS announcement, and the interface arithmetic both sides
 * need (which interfaces, which broadcast address). See docs/discovery.md.
 *
 * Nothing here touches a socket or a clock.
 *
 * @module
 */

/** Magic value of every UDP discovery packet. */
export const DISCOVERY_MAGIC = "lanplay";

/** Version of the UDP discovery packet format. */
export const DISCOVERY_VERSION = 1;

/** Largest UDP discovery packet, in bytes: bigger ones are dropped unread. */
export const MAX_DISCOVERY_BYTES = 512;

/**
 * Exact size of a probe. A host answers a probe with one ad of at most
 * {@linkcode MAX_DISCOVERY_BYTES}; requiring probes of that size means an
 * answer is never bigger than the question (no amplification).
 */
export const PROBE_BYTES: number = MAX_DISCOVERY_BYTES;

/** Default interval between two beacons, in milliseconds. */
export const BEACON_EVERY_MS = 1500;

/** The `game` of a `compare --serve` ad: a reflector, not a room; `join` never lists it. */
export const COMPARE_GAME = "compare";

/** Longest room name, in UTF-16 code units. */
export const NAME_MAX = 64;

/** Longest host id. */
export const HOST_ID_MAX = 64;

/** Longest game id. */
export const GAME_MAX = 32;

/** Largest TXT record of the mDNS announcement, in bytes. */
export const TXT_MAX_BYTES = 200;

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
}

/** A UDP discovery packet, decoded. */
export type DiscoveryPacket =
  | { type: "ad"; ad: RoomAd; every: number }
  | { type: "bye"; hostId: string }
  | { type: "probe"; nonce: string };

/** Thrown by the encoders when an ad cannot be announced as given. */
export class DiscoveryPacketError extends Error {
  /** Stable code, e.g. `bad_ad`. */
  readonly code: string;
  /**
   * Makes the error.
   *
   * @param code stable machine-readable code
   * @param message what was wrong and what to do
   * @example
   * ```ts
   * import { DiscoveryPacketError } from "./packet.ts";
   * new DiscoveryPacketError("bad_ad", "port must be 1..65535").code; // "bad_ad"
   * ```
   */
  constructor(code: string, message: string) {
    super(message);
    this.name = "DiscoveryPacketError";
    this.code = code;
  }
}

const HOST_ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;
const GAME_RE = /^[a-z0-9_-]{0,32}$/;
// deno-lint-ignore no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
const NONCE_RE = /^[A-Za-z0-9]{1,32}$/;

function isInt(x: unknown, min: number, max: number): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= min && x <= max;
}

/**
 * Why an ad is not valid, or `null` when it is.
 *
 * @example
 * ```ts
 * import { roomAdProblem } from "./packet.ts";
 * roomAdProblem({ hostId: "h1", name: "", port: 50026, game: "qcm",
 *   players: 0, capacity: 32, state: "lobby", locked: false, protocol: 1 });
 * // "name must be 1 to 64 characters without control characters"
 * ```
 */
export function roomAdProblem(ad: unknown): string | null {
  if (typeof ad !== "object" || ad === null) return "ad must be an object";
  const a = ad as Record<string, unknown>;
  if (typeof a.hostId !== "string" || !HOST_ID_RE.test(a.hostId)) {
    return "hostId must be 1 to 64 characters among A-Z a-z 0-9 _ . : -";
  }
  if (
    typeof a.name !== "string" || a.name.length < 1 ||
    a.name.length > NAME_MAX || CONTROL_RE.test(a.name) ||
    a.name.trim() === "" || !a.name.isWellFormed()
  ) {
    return "name must be 1 to 64 characters without control characters";
  }
  if (!isInt(a.port, 1, 65535)) return "port must be an integer 1..65535";
  if (typeof a.game !== "string" || !GAME_RE.test(a.game)) {
    return "game must be 0 to 32 characters among a-z 0-9 _ -";
  }
  if (!isInt(a.capacity, 1, 10000)) return "capacity must be 1..10000";
  if (!isInt(a.players, 0, 10000)) return "players must be 0..10000";
  if (a.state !== "lobby" && a.state !== "playing") {
    return 'state must be "lobby" or "playing"';
  }
  if (typeof a.locked !== "boolean") return "locked must be true or false";
  if (!isInt(a.protocol, 1, 1000)) return "protocol must be 1..1000";
  return null;
}

function checkAd(ad: RoomAd): void {
  const problem = roomAdProblem(ad);
  if (problem) {
    throw new DiscoveryPacketError(
      "bad_ad",
      `Cannot announce this room: ${problem}. Fix the room settings.`,
    );
  }
}

function toBytes(obj: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(obj));
}

/**
 * Encodes an ad as a beacon packet (also the answer to a probe).
 *
 * @example
 * ```ts
 * import { encodeAd } from "./packet.ts";
 * const bytes = encodeAd({ hostId: "h1", name: "Salle 12", port: 50026,
 *   game: "qcm", players: 3, capacity: 32, state: "lobby", locked: false,
 *   protocol: 1 });
 * bytes.length < 512; // true
 * ```
 */
export function encodeAd(ad: RoomAd, every = BEACON_EVERY_MS): Uint8Array {
  checkAd(ad);
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
    every: Math.round(every),
  });
  // Cannot happen with the field limits above; kept as a guard.
  if (bytes.length > MAX_DISCOVERY_BYTES) {
    throw new DiscoveryPacketError(
      "too_big",
      `The beacon is ${bytes.length} bytes (limit ${MAX_DISCOVERY_BYTES}): shorten the room name.`,
    );
  }
  return bytes;
}

/**
 * Encodes the `bye` a host sends when it closes.
 *
 * @example
 * ```ts
 * import { encodeBye } from "./packet.ts";
 * new TextDecoder().decode(encodeBye("h1"));
 * // '{"magic":"lanplay","v":1,"type":"bye","hostId":"h1"}'
 * ```
 */
export function encodeBye(hostId: string): Uint8Array {
  if (!HOST_ID_RE.test(hostId)) {
    throw new DiscoveryPacketError(
      "bad_ad",
      "hostId must be 1 to 64 characters among A-Z a-z 0-9 _ . : -",
    );
  }
  return toBytes({
    magic: DISCOVERY_MAGIC,
    v: DISCOVERY_VERSION,
    type: "bye",
    hostId,
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
export function encodeProbe(nonce: string): Uint8Array {
  if (!NONCE_RE.test(nonce)) {
    throw new DiscoveryPacketError(
      "bad_nonce",
      "A probe nonce must be 1 to 32 letters or digits.",
    );
  }
  const head = JSON.stringify({
    magic: DISCOVERY_MAGIC,
    v: DISCOVERY_VERSION,
    type: "probe",
    nonce,
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
 * decodeDiscoveryPacket(encodeBye("h1")); // { type: "bye", hostId: "h1" }
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
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return null;
  }
  const p = value as Record<string, unknown>;
  if (p.magic !== DISCOVERY_MAGIC || p.v !== DISCOVERY_VERSION) return null;
  switch (p.type) {
    case "ad": {
      const ad: RoomAd = {
        hostId: p.hostId as string,
        name: p.name as string,
        port: p.port as number,
        game: p.game as string,
        players: p.players as number,
        capacity: p.capacity as number,
        state: p.state as AdState,
        locked: p.locked as boolean,
        protocol: p.protocol as number,
      };
      if (roomAdProblem(ad) !== null) return null;
      const every = isInt(p.every, 100, 60000) ? p.every : BEACON_EVERY_MS;
      return { type: "ad", ad, every };
    }
    case "bye":
      if (typeof p.hostId !== "string" || !HOST_ID_RE.test(p.hostId)) {
        return null;
      }
      return { type: "bye", hostId: p.hostId };
    case "probe":
      if (bytes.length < PROBE_BYTES) return null;
      if (typeof p.nonce !== "string" || !NONCE_RE.test(p.nonce)) return null;
      return { type: "probe", nonce: p.nonce };
    default:
      return null;
  }
}

/** TXT record of the mDNS announcement: key → value, keys ≤ 9 characters. */
export type TxtRecord = Record<string, string>;

/**
 * The TXT record announcing an ad over mDNS (never the PIN, only whether
 * one is needed). Always ≤ {@linkcode TXT_MAX_BYTES} on the wire.
 *
 * @example
 * ```ts
 * import { adToTxt } from "./packet.ts";
 * adToTxt({ hostId: "h1", name: "Salle 12", port: 50026, game: "qcm",
 *   players: 3, capacity: 32, state: "lobby", locked: true, protocol: 1 });
 * // { txtvers: "1", proto: "1", id: "h1", game: "qcm", players: "3",
 * //   cap: "32", state: "lobby", pin: "yes" }
 * ```
 */
export function adToTxt(ad: RoomAd): TxtRecord {
  checkAd(ad);
  return {
    txtvers: "1",
    proto: String(ad.protocol),
    id: ad.hostId,
    game: ad.game,
    players: String(ad.players),
    cap: String(ad.capacity),
    state: ad.state,
    pin: ad.locked ? "yes" : "no",
  };
}

/**
 * Size of a TXT record on the wire (one length byte + `key=value` each).
 *
 * @example
 * ```ts
 * import { txtWireBytes } from "./packet.ts";
 * txtWireBytes({ a: "b" }); // 4
 * ```
 */
export function txtWireBytes(txt: TxtRecord): number {
  const enc = new TextEncoder();
  let n = 0;
  for (const [k, v] of Object.entries(txt)) {
    n += 1 + enc.encode(`${k}=${v}`).length;
  }
  return n;
}

/**
 * Rebuilds an ad from an mDNS instance name, SRV port and TXT record;
 * `null` when the TXT is not a valid lanplay TXT.
 *
 * @example
 * ```ts
 * import { adToTxt, txtToAd } from "./packet.ts";
 * const ad = { hostId: "h1", name: "Salle 12", port: 50026, game: "qcm",
 *   players: 3, capacity: 32, state: "lobby" as const, locked: false,
 *   protocol: 1 };
 * txtToAd("Salle 12", 50026, adToTxt(ad)); // equal to ad
 * ```
 */
export function txtToAd(
  name: string,
  port: number,
  txt: TxtRecord,
): RoomAd | null {
  const int = (s: string | undefined) =>
    s !== undefined && /^\d{1,6}$/.test(s) ? Number(s) : NaN;
  const ad = {
    hostId: txt.id,
    name,
    port,
    game: txt.game ?? "",
    players: int(txt.players),
    capacity: int(txt.cap),
    state: txt.state,
    locked: txt.pin === "yes",
    protocol: int(txt.proto),
  };
  if (txt.pin !== "yes" && txt.pin !== "no") return null;
  return roomAdProblem(ad) === null ? ad as RoomAd : null;
}

/**
 * Makes a DNS-SD instance label from a room name: dots become `-` (a dot
 * would split the label), cut to 63 UTF-8 bytes.
 *
 * @example
 * ```ts
 * import { instanceLabel } from "./packet.ts";
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

/** An interface as `Deno.networkInterfaces()` describes it (subset). */
export interface InterfaceInfo {
  /** Interface name, e.g. `eth0`. */
  name: string;
  /** Address family. */
  family: "IPv4" | "IPv6";
  /** The address. */
  address: string;
  /** Its netmask. */
  netmask: string;
}

/** A usable IPv4 interface with its subnet broadcast address. */
export interface Ipv4Interface {
  /** Interface name, e.g. `eth0`. */
  name: string;
  /** IPv4 address. */
  address: string;
  /** Netmask. */
  netmask: string;
  /** Subnet broadcast address (beacons go there). */
  broadcast: string;
}

function ipToInt(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((x) => x > 255)) return null;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>>
    0;
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/**
 * The subnet broadcast address of an IPv4 address and netmask.
 *
 * @example
 * ```ts
 * import { broadcastAddress } from "./packet.ts";
 * broadcastAddress("198.18.0.7", "255.255.255.0"); // "198.18.0.255"
 * ```
 */
export function broadcastAddress(address: string, netmask: string): string {
  const a = ipToInt(address);
  const m = ipToInt(netmask);
  if (a === null || m === null) {
    throw new DiscoveryPacketError(
      "bad_address",
      `"${address}/${netmask}" is not an IPv4 address and netmask.`,
    );
  }
  if (m === 0xffffffff) return "255.255.255.255"; // point-to-point /32
  return intToIp((a | ~m) >>> 0);
}

/**
 * True when `ip` lies in the subnet of `address`/`netmask`.
 *
 * @example
 * ```ts
 * import { sameSubnet } from "./packet.ts";
 * sameSubnet("198.18.0.9", "198.18.0.1", "255.255.255.0"); // true
 * ```
 */
export function sameSubnet(
  ip: string,
  address: string,
  netmask: string,
): boolean {
  const a = ipToInt(address), m = ipToInt(netmask), x = ipToInt(ip);
  if (a === null || m === null || x === null) return false;
  return ((a & m) >>> 0) === ((x & m) >>> 0);
}

/**
 * Picks the IPv4 interfaces to announce or listen on: by default every
 * non-loopback one; with `wanted`, those whose name or address is listed.
 * One entry per address.
 *
 * @example
 * ```ts
 * import { selectInterfaces } from "./packet.ts";
 * selectInterfaces([
 *   { name: "lo", family: "IPv4", address: "127.0.0.1", netmask: "255.0.0.0" },
 *   { name: "eth0", family: "IPv4", address: "198.18.0.2", netmask: "255.255.255.0" },
 * ]);
 * // [{ name: "eth0", address: "198.18.0.2", netmask: "255.255.255.0",
 * //    broadcast: "198.18.0.255" }]
 * ```
 */
export function selectInterfaces(
  all: InterfaceInfo[],
  wanted?: string[],
): Ipv4Interface[] {
  const out: Ipv4Interface[] = [];
  for (const i of all) {
    if (i.family !== "IPv4" || ipToInt(i.address) === null) continue;
    if (ipToInt(i.netmask) === null) continue;
    const loopback = i.address.startsWith("127.");
    if (wanted && wanted.length > 0) {
      if (!wanted.includes(i.name) && !wanted.includes(i.address)) continue;
    } else if (loopback) {
      continue;
    }
    if (out.some((o) => o.address === i.address)) continue;
    out.push({
      name: i.name,
      address: i.address,
      netmask: i.netmask,
      broadcast: broadcastAddress(i.address, i.netmask),
    });
  }
  return out;
}
