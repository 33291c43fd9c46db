/**
 * Turns decoded mDNS responses into lanplay sightings and goodbyes, pure:
 * a small record cache (PTR → SRV + TXT → A) joined per service instance.
 *
 * @module
 */
import type { RoomAd } from "./room_ad.ts";
import { txtEpoch, txtToAd } from "./mdns_txt.ts";
import { SERVICE_NAME, TTL_CAP_S } from "./mdns_records.ts";
import type { Signed } from "./ad_signature.ts";

/** `_lanplay._tcp.local`, the name browsed (the same as the one announced). */
export const BROWSE_NAME: string = SERVICE_NAME;

/** A record as `dns-packet` decodes it (the fields used here). */
export interface DecodedRecord {
  /** Owner name, e.g. `_lanplay._tcp.local`. */
  name?: unknown;
  /** Record type, e.g. `PTR`. */
  type?: unknown;
  /** Time to live in seconds; 0 is a goodbye. */
  ttl?: unknown;
  /** Type-dependent data (a name, `{ port, target }`, TXT strings, an address). */
  data?: unknown;
}

/** A response as `dns-packet` decodes it. */
export interface DecodedResponse {
  /** `response` (queries are ignored). */
  type?: unknown;
  /** The answer section. */
  answers?: DecodedRecord[];
  /** The additional section. */
  additionals?: DecodedRecord[];
}

/** What the browser reports. */
export type MdnsEvent =
  | {
    type: "found";
    ad: RoomAd;
    /** The key and signature the TXT record carried (not checked yet). */
    signed: Signed;
    /** Address the response came from. */
    source: string;
    /** A records of the SRV target. */
    addresses: string[];
    /** How long the sighting stays valid without news. */
    ttlMs: number;
  }
  | {
    type: "bye";
    hostId: string;
    /** Epoch of the host saying goodbye (the TXT's `ep`, absent → 0). */
    epoch: number;
    /** Address the goodbye came from. */
    source: string;
    /** The key and the `bye=` signature of the TTL-0 TXT (not checked yet). */
    signed: Signed;
  };

interface Cached<T> {
  value: T;
  expiresAt: number;
}

interface Instance {
  ptr?: Cached<true>;
  srv?: Cached<{ port: number; target: string }>;
  txt?: Cached<Record<string, string>>;
}

const lower = (s: string) => s.toLowerCase();

/** Most service instances remembered at once. */
const MAX_INSTANCES = 256;

/** Most host names (A records) remembered at once. */
export const MAX_HOST_NAMES = 256;

/** Most addresses remembered for one host name. */
export const MAX_HOST_ADDRESSES = 8;

function txtToRecord(data: unknown): Record<string, string> | null {
  if (!Array.isArray(data)) return null;
  const out: Record<string, string> = {};
  const dec = new TextDecoder();
  for (const item of data) {
    const s = typeof item === "string"
      ? item
      : item instanceof Uint8Array
      ? dec.decode(item)
      : null;
    if (s === null) return null;
    const eq = s.indexOf("=");
    if (eq <= 0) continue;
    const key = s.slice(0, eq).toLowerCase();
    if (!(key in out)) out[key] = s.slice(eq + 1);
  }
  return out;
}

/** The label of an instance name (`Salle 12._lanplay._tcp.local`). */
function instanceName(fqdn: string): string | null {
  const suffix = `.${BROWSE_NAME}`;
  if (!lower(fqdn).endsWith(suffix)) return null;
  const label = fqdn.slice(0, -suffix.length);
  return label ? label.replaceAll("\\.", ".") : null;
}

/**
 * The browsing state: feed it every decoded response, it answers events.
 *
 * @example
 * ```ts
 * import { MdnsBrowseState } from "./mdns_parse.ts";
 * const state = new MdnsBrowseState();
 * const events = state.ingest({ type: "response", answers: [
 *   { name: "_lanplay._tcp.local", type: "PTR", ttl: 8, data: "Salle._lanplay._tcp.local" },
 *   { name: "Salle._lanplay._tcp.local", type: "SRV", ttl: 8, data: { port: 50026, target: "pc-lanplay.local" } },
 *   { name: "Salle._lanplay._tcp.local", type: "TXT", ttl: 8, data: ["id=h1", "proto=1",
 *     "game=qcm", "players=0", "cap=32", "state=lobby", "pin=no", "key=K", "sig=S"] },
 * ] }, "198.18.0.1", 0);
 * events[0].type; // "found"
 * ```
 */
export class MdnsBrowseState {
  #instances = new Map<string, Instance>();
  #hosts = new Map<string, Cached<string[]>>();

  /** Reads one response received from `source` at `now` (ms). */
  ingest(packet: DecodedResponse, source: string, now: number): MdnsEvent[] {
    if (packet.type !== "response") return [];
    const records = [...(packet.answers ?? []), ...(packet.additionals ?? [])];
    const touched = new Set<string>();
    const events: MdnsEvent[] = [];
    const byes = new Set<string>();
    const byeTxt = new Map<string, Record<string, string>>();
    // A records first, so SRV targets resolve within the same packet.
    for (const r of records) {
      if (r.type !== "A" || typeof r.name !== "string") continue;
      if (typeof r.data !== "string" || typeof r.ttl !== "number") continue;
      const ttl = Math.min(r.ttl, TTL_CAP_S);
      const key = lower(r.name);
      const cur = this.#hosts.get(key);
      const list = cur && cur.expiresAt > now ? cur.value : [];
      if (ttl <= 0) {
        this.#hosts.set(key, {
          value: list.filter((a) => a !== r.data),
          expiresAt: cur?.expiresAt ?? now,
        });
      } else {
        // Bounded memory: a flood of A records adds nothing past the caps.
        if (!cur && this.#hosts.size >= MAX_HOST_NAMES) continue;
        this.#hosts.set(key, {
          value: [...new Set([...list, r.data])].slice(0, MAX_HOST_ADDRESSES),
          expiresAt: now + ttl * 1000,
        });
      }
    }
    for (const r of records) {
      if (typeof r.name !== "string" || typeof r.ttl !== "number") continue;
      // Clamped: a forged TTL of 2^31 s must not keep a record for ever.
      const ttl = Math.max(0, Math.min(r.ttl, TTL_CAP_S));
      const expiresAt = now + ttl * 1000;
      if (r.type === "PTR" && lower(r.name) === BROWSE_NAME) {
        if (typeof r.data !== "string") continue;
        const name = instanceName(r.data);
        if (!name) continue;
        const inst = this.#get(name);
        if (ttl === 0) byes.add(name);
        else inst.ptr = { value: true, expiresAt };
        touched.add(name);
      } else if (r.type === "SRV") {
        const name = instanceName(r.name);
        const d = r.data as { port?: unknown; target?: unknown } | undefined;
        if (!name || typeof d?.port !== "number") continue;
        if (typeof d.target !== "string") continue;
        if (ttl === 0) byes.add(name);
        else {
          this.#get(name).srv = {
            value: { port: d.port, target: d.target },
            expiresAt,
          };
        }
        touched.add(name);
      } else if (r.type === "TXT") {
        const name = instanceName(r.name);
        const txt = txtToRecord(r.data);
        if (!name || !txt) continue;
        if (ttl === 0) {
          byeTxt.set(name, txt);
          continue;
        }
        this.#get(name).txt = { value: txt, expiresAt };
        touched.add(name);
      }
    }
    for (const name of byes) {
      // Only a goodbye that carries the room's signed TXT counts (the
      // browser checks the signature); a bare TTL-0 record is ignored, the
      // room then simply expires within TTL_CAP_S.
      const txt = byeTxt.get(name);
      touched.delete(name);
      if (!txt?.id || !txt.key || !txt.bye) continue;
      const epoch = txtEpoch(txt);
      if (epoch === null) continue;
      // The records cached for this name may be a newer host's of the same
      // room (a migration, the old host leaving late): keep those.
      const cached = this.#instances.get(name)?.txt?.value;
      const newer = cached?.id === txt.id && (txtEpoch(cached) ?? 0) > epoch;
      if (!newer) this.#instances.delete(name);
      events.push({
        type: "bye",
        hostId: txt.id,
        epoch,
        source,
        signed: { key: txt.key, sig: txt.bye },
      });
    }
    for (const name of touched) {
      const inst = this.#instances.get(name);
      if (!inst?.ptr || !inst.srv || !inst.txt) continue;
      const until = Math.min(
        inst.ptr.expiresAt,
        inst.srv.expiresAt,
        inst.txt.expiresAt,
      );
      if (until <= now) continue;
      const read = txtToAd(name, inst.srv.value.port, inst.txt.value);
      if (!read) continue;
      const host = this.#hosts.get(lower(inst.srv.value.target));
      events.push({
        type: "found",
        ad: read.ad,
        signed: read.signed,
        source,
        addresses: host && host.expiresAt > now ? host.value : [],
        ttlMs: until - now,
      });
    }
    this.#prune(now);
    return events;
  }

  #get(name: string): Instance {
    let inst = this.#instances.get(name);
    if (!inst) {
      if (this.#instances.size >= MAX_INSTANCES) {
        // Bounded memory: forget the oldest instance.
        this.#instances.delete(this.#instances.keys().next().value!);
      }
      inst = {};
      this.#instances.set(name, inst);
    }
    return inst;
  }

  /** Host names (A records) currently remembered. */
  get hostNames(): number {
    return this.#hosts.size;
  }

  #prune(now: number): void {
    for (const [name, inst] of this.#instances) {
      const alive = [inst.ptr, inst.srv, inst.txt].some((c) =>
        c && c.expiresAt > now
      );
      if (!alive) this.#instances.delete(name);
    }
    for (const [name, h] of this.#hosts) {
      if (h.expiresAt <= now) this.#hosts.delete(name);
    }
  }
}
