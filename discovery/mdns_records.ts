/**
 * The DNS-SD records of a room and the mDNS answering rules, pure (no
 * socket, no clock): which records answer which question, legacy unicast
 * replies (RFC 6762 §6.7), known-answer suppression, announcements and
 * goodbyes. The records are plain objects in the shape `dns-packet` encodes.
 *
 * @module
 */
import type { RoomAd } from "./room_ad.ts";
import type { Signed } from "./ad_signature.ts";
import { adToTxt } from "./mdns_txt.ts";
import { instanceLabel } from "./room_ad.ts";
import { SERVICE_TYPE } from "../protocol/constants.ts";

/** `_lanplay._tcp.local` */
export const SERVICE_NAME = `_${SERVICE_TYPE}._tcp.local`;

/** mDNS IPv4 group. */
export const MDNS_GROUP = "224.0.0.251";

/** Standard mDNS port. */
export const MDNS_PORT = 5353;

/** Largest mDNS packet read (RFC 6762 §17: 9000 bytes). */
export const MDNS_MAX_PACKET = 9000;

/** DNS-SD service enumeration name. */
export const SERVICES_ENUM = "_services._dns-sd._udp.local";

/**
 * TTL (seconds) of every lanplay record. Short on purpose: a room that
 * crashed leaves browsers within seconds (see docs/discovery.md).
 */
export const MDNS_TTL = 4;

/**
 * Longest lifetime (seconds) a browser grants any lanplay record it hears,
 * whatever TTL it states: a forged TTL of 2^31 s is read as 10 s.
 */
export const TTL_CAP_S = 10;

/** Largest TTL in a legacy unicast reply (RFC 6762 §6.7). */
export const LEGACY_TTL_MAX = 10;

/** A resource record (the subset of `dns-packet` lanplay uses). */
export type MdnsRecord =
  | { name: string; type: "PTR"; ttl: number; flush?: boolean; data: string }
  | {
    name: string;
    type: "SRV";
    ttl: number;
    flush?: boolean;
    data: { port: number; target: string; priority?: number; weight?: number };
  }
  | {
    name: string;
    type: "TXT";
    ttl: number;
    flush?: boolean;
    data: Array<string | Uint8Array>;
  }
  | { name: string; type: "A"; ttl: number; flush?: boolean; data: string };

/** A question as `dns-packet` decodes it. */
export interface MdnsQuestion {
  /** The name asked about. */
  name: string;
  /** The record type asked for (`PTR`, `ANY`...). */
  type: string;
  /** The class (`IN`; QU questions arrive as `UNKNOWN_32769`). */
  class?: string;
}

/** A query as `dns-packet` decodes it (answers = known answers). */
export interface MdnsQuery {
  /** Query id (echoed in legacy unicast replies). */
  id?: number;
  /** `query` or `response`. */
  type?: string;
  /** DNS header flags. */
  flags?: number;
  /** The questions. */
  questions?: MdnsQuestion[];
  /** Known answers: records the querier already has. */
  answers?: Array<
    { name?: string; type?: string; ttl?: number; data?: unknown }
  >;
}

/** A response ready for `dns-packet.encode`. */
export interface MdnsResponse {
  /** Always `response`. */
  type: "response";
  /** 0, or the query id for a legacy unicast reply. */
  id: number;
  /** DNS header flags (authoritative answer). */
  flags: number;
  /** Empty, or the question repeated for a legacy unicast reply. */
  questions: MdnsQuestion[];
  /** The answer section. */
  answers: MdnsRecord[];
  /** The additional section. */
  additionals: MdnsRecord[];
}

/** The records of one room as seen on one interface. */
export interface RoomRecords {
  /** `_lanplay._tcp.local` → the instance. */
  ptr: MdnsRecord;
  /** The instance → port and target host name. */
  srv: MdnsRecord;
  /** The instance → the TXT record of the ad. */
  txt: MdnsRecord;
  /** The target host name → this interface's address. */
  a: MdnsRecord;
  /** Service enumeration → `_lanplay._tcp.local`. */
  services: MdnsRecord;
}

/** Authoritative answer flag of the DNS header. */
const AA = 1 << 10;

/**
 * A DNS host label from a machine host name: first label, lower case,
 * letters digits and `-` only, never empty.
 *
 * @example
 * ```ts
 * import { hostLabel } from "./mdns_records.ts";
 * hostLabel("Salle_12.lycee.lan"); // "salle-12"
 * ```
 */
export function hostLabel(hostname: string): string {
  const first = hostname.split(".")[0].toLowerCase()
    .replace(/[^a-z0-9-]/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  return first || "lanplay";
}

/**
 * The records announcing `ad` on an interface whose address is `address`.
 * The SRV target is `<hostLabel>-lanplay.local` (a `.local` name that Avahi
 * resolves over mDNS, distinct from the machine's own name).
 *
 * @example
 * ```ts
 * import { roomRecords } from "./mdns_records.ts";
 * const r = roomRecords({ hostId: "h1", name: "Salle 12", port: 50026,
 *   game: "qcm", players: 0, capacity: 32, state: "lobby", locked: false,
 *   protocol: 1, epoch: 0 }, "pc1", "198.18.0.1", { key: "K", sig: "S" });
 * r.srv.name; // "Salle 12._lanplay._tcp.local"
 * ```
 */
export function roomRecords(
  ad: RoomAd,
  hostname: string,
  address: string,
  signed: Signed,
  ttl = MDNS_TTL,
): RoomRecords {
  const instance = `${instanceLabel(ad.name)}.${SERVICE_NAME}`;
  const target = `${hostLabel(hostname)}-lanplay.local`;
  const txt = Object.entries(adToTxt(ad, signed)).map(([k, v]) => `${k}=${v}`);
  return {
    ptr: { name: SERVICE_NAME, type: "PTR", ttl, data: instance },
    srv: {
      name: instance,
      type: "SRV",
      ttl,
      flush: true,
      data: { port: ad.port, target, priority: 0, weight: 0 },
    },
    txt: { name: instance, type: "TXT", ttl, flush: true, data: txt },
    a: { name: target, type: "A", ttl, flush: true, data: address },
    services: { name: SERVICES_ENUM, type: "PTR", ttl, data: SERVICE_NAME },
  };
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function inClass(q: MdnsQuestion): boolean {
  // dns-packet 5.6 leaves the unicast-response (QU) bit in the class and
  // names it "UNKNOWN_32769"; "ANY" is 255.
  return q.class === undefined || q.class === "IN" || q.class === "ANY" ||
    q.class === "UNKNOWN_32769" || q.class === "UNKNOWN_33023";
}

/**
 * Answers a query with the room's records, or `null` when nothing in it is
 * for us. `legacy` (source port ≠ 5353): the reply echoes the id and the
 * questions, caps TTLs at 10 s and clears the cache-flush bit. Otherwise
 * known answers (with at least half our TTL left) are suppressed.
 *
 * @example
 * ```ts
 * import { answerQuery, roomRecords } from "./mdns_records.ts";
 * const r = roomRecords({ hostId: "h1", name: "Salle 12", port: 50026,
 *   game: "qcm", players: 0, capacity: 32, state: "lobby", locked: false,
 *   protocol: 1, epoch: 0 }, "pc1", "198.18.0.1", { key: "K", sig: "S" });
 * const res = answerQuery({ id: 7, questions: [{ name: "_lanplay._tcp.local",
 *   type: "PTR" }] }, r, true);
 * res?.id; // 7
 * ```
 */
export function answerQuery(
  query: MdnsQuery,
  records: RoomRecords,
  legacy: boolean,
): MdnsResponse | null {
  if (query.type !== undefined && query.type !== "query") return null;
  const questions = (query.questions ?? []).filter(inClass);
  const answers: MdnsRecord[] = [];
  const additionals: MdnsRecord[] = [];
  const add = (list: MdnsRecord[], r: MdnsRecord) => {
    if (!answers.includes(r) && !list.includes(r)) list.push(r);
  };
  const asked: MdnsQuestion[] = [];
  for (const q of questions) {
    if (typeof q.name !== "string") continue;
    const any = q.type === "ANY";
    const before = answers.length;
    if (same(q.name, SERVICE_NAME) && (any || q.type === "PTR")) {
      add(answers, records.ptr);
      add(additionals, records.srv);
      add(additionals, records.txt);
      add(additionals, records.a);
    } else if (same(q.name, SERVICES_ENUM) && (any || q.type === "PTR")) {
      add(answers, records.services);
    } else if (same(q.name, records.srv.name)) {
      if (any || q.type === "SRV") {
        add(answers, records.srv);
        add(additionals, records.a);
      }
      if (any || q.type === "TXT") add(answers, records.txt);
    } else if (same(q.name, records.a.name) && (any || q.type === "A")) {
      add(answers, records.a);
    }
    if (answers.length > before) asked.push(q);
  }
  if (answers.length === 0) return null;
  for (let i = additionals.length - 1; i >= 0; i--) {
    if (answers.includes(additionals[i])) additionals.splice(i, 1);
  }
  let finalAnswers = answers;
  if (!legacy) {
    finalAnswers = answers.filter((r) => !knownAnswer(query, r));
    if (finalAnswers.length === 0) return null;
  }
  const shape = (r: MdnsRecord): MdnsRecord =>
    legacy
      ? { ...r, ttl: Math.min(r.ttl, LEGACY_TTL_MAX), flush: false }
      : { ...r };
  return {
    type: "response",
    id: legacy ? (query.id ?? 0) : 0,
    flags: AA,
    questions: legacy ? asked.map((q) => ({ ...q, class: "IN" })) : [],
    answers: finalAnswers.map(shape),
    additionals: additionals.map(shape),
  };
}

function knownAnswer(query: MdnsQuery, r: MdnsRecord): boolean {
  return (query.answers ?? []).some((k) =>
    typeof k.name === "string" && same(k.name, r.name) && k.type === r.type &&
    typeof k.ttl === "number" && k.ttl >= r.ttl / 2 &&
    (r.type === "PTR" || r.type === "A"
      ? typeof k.data === "string" && same(k.data, r.data)
      : false)
  );
}

/**
 * An unsolicited announcement of all the room's records (RFC 6762 §8.3).
 *
 * @example
 * ```ts
 * import { announcement, roomRecords } from "./mdns_records.ts";
 * const records = roomRecords({ hostId: "h1", name: "Salle 12", port: 50026,
 *   game: "qcm", players: 0, capacity: 32, state: "lobby", locked: false,
 *   protocol: 1, epoch: 0 }, "pc1", "198.18.0.1", { key: "K", sig: "S" });
 * announcement(records).answers.map((r) => r.type); // ["PTR", "SRV", "TXT", "A"]
 * ```
 */
export function announcement(records: RoomRecords): MdnsResponse {
  return {
    type: "response",
    id: 0,
    flags: AA,
    questions: [],
    answers: [records.ptr, records.srv, records.txt, records.a],
    additionals: [records.services],
  };
}

/**
 * The goodbye: every record with TTL 0 (RFC 6762 §10.1); the TXT record also
 * carries `bye=` the room's signature of the goodbye (ad_signature.ts), so
 * browsers believe only the room itself.
 *
 * @example
 * ```ts
 * import { goodbye, roomRecords } from "./mdns_records.ts";
 * const records = roomRecords({ hostId: "h1", name: "Salle 12", port: 50026,
 *   game: "qcm", players: 0, capacity: 32, state: "lobby", locked: false,
 *   protocol: 1, epoch: 0 }, "pc1", "198.18.0.1", { key: "K", sig: "S" });
 * goodbye(records, "S2").answers.every((r) => r.ttl === 0); // true
 * ```
 */
export function goodbye(records: RoomRecords, byeSig: string): MdnsResponse {
  const zero = (r: MdnsRecord): MdnsRecord => ({ ...r, ttl: 0 });
  const txt = records.txt.type === "TXT"
    ? { ...records.txt, data: [...records.txt.data, `bye=${byeSig}`] }
    : records.txt;
  return {
    type: "response",
    id: 0,
    flags: AA,
    questions: [],
    answers: [records.ptr, records.srv, txt].map(zero),
    additionals: [],
  };
}
