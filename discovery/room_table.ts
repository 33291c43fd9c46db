/**
 * The merged, live list of rooms found on the LAN, pure: the discovery
 * sockets feed it sightings and goodbyes with the time, it answers the list.
 * One row per host id, whatever the channel (mDNS, broadcast) or the
 * interface it was heard on. The browser feeds it only ads whose signature
 * it checked (ad_signature.ts); the table adds what signatures cannot:
 *
 * - a room's data comes from the address that first announced it (its
 *   owner); the same signed ad replayed from another address adds that
 *   address at most — the handshake proof then rejects it if it is not the
 *   room — and takes over only once the owner fell silent past its TTL;
 * - at most {@linkcode MAX_ROOMS} rooms, and {@linkcode MAX_ROOMS_PER_SOURCE}
 *   new rooms an address: beyond, new rooms are dropped and known ones
 *   refreshed;
 * - no sighting lives longer than {@linkcode TTL_MAX_MS};
 * - one host of a room at a time, the highest epoch (host migration): a
 *   sighting of a higher epoch replaces the row (data, owner, addresses,
 *   channels), sightings and goodbyes of a lower epoch are ignored while
 *   the row is alive.
 *
 * @module
 */
import type { RoomAd } from "./room_ad.ts";
import { fingerprintOf } from "./room_key.ts";

/** The channel a host was heard on. */
export type Via = "mdns" | "broadcast";

/**
 * A host in the list: what it announces (its {@linkcode RoomAd}) and what
 * the browser learnt of it.
 */
export interface FoundHost extends RoomAd {
  /** Short form of the room id people compare, e.g. `7F3A-91C2`. */
  fingerprint: string;
  /** Best address to connect to (the one that last answered). */
  address: string;
  /** Every known address, best first. */
  addresses: string[];
  /** Channels it is currently heard on, `broadcast` before `mdns`. */
  via: Via[];
  /** Milliseconds from discovery start to the first sighting. */
  firstSeenMs: number;
  /** Per channel: milliseconds from discovery start to its first sighting. */
  viaMs: Partial<Record<Via, number>>;
  /** Time of the last sighting (same clock as the one fed in). */
  lastSeen: number;
}

/** One sighting of a host on one channel. */
export interface Sighting {
  /** The channel it came by. */
  via: Via;
  /** What the host announced. */
  ad: RoomAd;
  /** Address the packet came from (it answered: preferred). */
  source: string;
  /** Other addresses the host announced (mDNS A records). */
  announced?: string[];
  /** Milliseconds this sighting stays valid without news. */
  ttlMs: number;
  /** When it was heard (ms, the table's clock). */
  now: number;
}

interface ChannelState {
  expiresAt: number;
  firstSeenMs: number;
}

interface Row {
  ad: RoomAd;
  adAt: number;
  channels: Map<Via, ChannelState>;
  /** Addresses packets came from → last time heard, first heard first. */
  sources: Map<string, number>;
  announced: string[];
  firstSeenMs: number;
  lastSeen: number;
  /** The address whose ads set the data, and until when it is trusted. */
  owner: string;
  ownerUntil: number;
}

interface Quiet {
  /** Late packets are ignored until then. */
  until: number;
  /** Epoch of the goodbye: packets of a higher epoch are not late. */
  epoch: number;
}

/**
 * After a goodbye, late packets of that host (its epoch or a lower one) are
 * ignored this long.
 */
export const GOODBYE_QUIET_MS = 1500;

/** Most rooms listed; beyond, sightings of new rooms are dropped. */
export const MAX_ROOMS = 256;

/**
 * Most rooms one address may bring into the table (a machine may host a few
 * rooms; a forger needs many addresses to fill the table).
 */
export const MAX_ROOMS_PER_SOURCE = 16;

/** Longest time a sighting stays valid without news, whatever it states. */
export const TTL_MAX_MS = 30_000;

/** Most addresses remembered for one room (first heard kept). */
export const MAX_ADDRESSES = 8;

/**
 * The merged host list.
 *
 * @example
 * ```ts
 * import { HostTable } from "./room_table.ts";
 * const table = new HostTable(0);
 * const ad = { hostId: "h1", name: "Salle 12", port: 50026, game: "qcm",
 *   players: 1, capacity: 32, state: "lobby" as const, locked: false,
 *   protocol: 1, epoch: 0 };
 * table.seen({ via: "broadcast", ad, source: "198.18.0.1", ttlMs: 5000, now: 40 });
 * table.seen({ via: "mdns", ad, source: "198.18.0.1", ttlMs: 120000, now: 90 });
 * table.list().length; // 1, via ["broadcast", "mdns"], firstSeenMs 40
 * ```
 */
export class HostTable {
  #start: number;
  #rows = new Map<string, Row>();
  #quiet = new Map<string, Quiet>();
  #maxRooms: number;
  /** Sightings of new rooms dropped because the table was full. */
  dropped = 0;

  /**
   * Makes an empty table.
   *
   * @param start time discovery started (same clock as the events)
   * @param maxRooms most rooms listed (default {@linkcode MAX_ROOMS})
   */
  constructor(start: number, maxRooms: number = MAX_ROOMS) {
    this.#start = start;
    this.#maxRooms = maxRooms;
  }

  /**
   * Records a sighting; returns true when the visible list changed. A
   * sighting of a higher epoch than the row's replaces the row; one of a
   * lower epoch is ignored while the row is alive.
   */
  seen(s: Sighting): boolean {
    const quiet = this.#quiet.get(s.ad.hostId);
    if (quiet !== undefined) {
      if (s.now < quiet.until && s.ad.epoch <= quiet.epoch) return false;
      if (s.now >= quiet.until) this.#quiet.delete(s.ad.hostId);
    }
    const since = s.now - this.#start;
    const ttlMs = Math.max(0, Math.min(s.ttlMs, TTL_MAX_MS));
    let row = this.#rows.get(s.ad.hostId);
    let changed = false;
    // Only a row whose every channel ran out (not expired yet) lets a lower
    // epoch back in.
    if (row && s.ad.epoch < row.ad.epoch && alive(row, s.now)) return false;
    // Another host of the room: nothing of the old one is kept (its
    // addresses would come first), and it is no new room for the caps.
    const replaces = row !== undefined && s.ad.epoch !== row.ad.epoch;
    if (!row || replaces) {
      if (
        !replaces && (
          this.#rows.size >= this.#maxRooms ||
          this.#ownedBy(s.source) >= MAX_ROOMS_PER_SOURCE
        )
      ) {
        this.dropped++;
        return false;
      }
      row = {
        ad: s.ad,
        adAt: s.now,
        channels: new Map(),
        sources: new Map(),
        announced: [],
        firstSeenMs: since,
        lastSeen: s.now,
        owner: s.source,
        ownerUntil: s.now + ttlMs,
      };
      this.#rows.set(s.ad.hostId, row);
      changed = true;
    }
    if (s.source !== row.owner && s.now >= row.ownerUntil) {
      // The owner fell silent: the room moved (or lost an interface).
      row.owner = s.source;
    }
    if (s.source === row.owner) {
      row.ownerUntil = Math.max(row.ownerUntil, s.now + ttlMs);
      if (!sameAd(row.ad, s.ad) && s.now >= row.adAt) {
        row.ad = s.ad;
        row.adAt = s.now;
        changed = true;
      }
    }
    const ch = row.channels.get(s.via);
    if (!ch) {
      row.channels.set(s.via, {
        expiresAt: s.now + ttlMs,
        firstSeenMs: since,
      });
      changed = true;
    } else {
      ch.expiresAt = Math.max(ch.expiresAt, s.now + ttlMs);
    }
    const before = addressesOf(row).join(",");
    if (row.sources.has(s.source) || row.sources.size < MAX_ADDRESSES) {
      row.sources.set(s.source, s.now);
    }
    if (s.announced && s.source === row.owner) {
      row.announced = [...new Set([...s.announced, ...row.announced])]
        .slice(0, MAX_ADDRESSES);
    }
    if (addressesOf(row).join(",") !== before) changed = true;
    row.lastSeen = s.now;
    return changed;
  }

  /**
   * The host of `epoch` of room `hostId` said goodbye (beacon `bye` or mDNS
   * TTL 0, its signature checked by the browser): the room leaves the list
   * at once, and late packets of that epoch or a lower one are ignored for
   * {@linkcode GOODBYE_QUIET_MS}. A goodbye of a lower epoch than the listed
   * one is ignored (the old host leaving after the new one took over).
   * Returns true when the list changed.
   */
  goodbye(hostId: string, epoch: number, now: number): boolean {
    const row = this.#rows.get(hostId);
    // Only listed rooms get a quiet time: the map stays as small as the table.
    if (!row || epoch < row.ad.epoch) return false;
    this.#rows.delete(hostId);
    this.#quiet.set(hostId, { until: now + GOODBYE_QUIET_MS, epoch });
    return true;
  }

  #ownedBy(source: string): number {
    let n = 0;
    for (const row of this.#rows.values()) if (row.owner === source) n++;
    return n;
  }

  /** Number of rooms in the table. */
  get size(): number {
    return this.#rows.size;
  }

  /** Forgets channels whose time ran out; returns true when the list changed. */
  expire(now: number): boolean {
    let changed = false;
    for (const [id, row] of this.#rows) {
      for (const [via, ch] of row.channels) {
        if (ch.expiresAt <= now) {
          row.channels.delete(via);
          changed = true;
        }
      }
      if (row.channels.size === 0) this.#rows.delete(id);
    }
    for (const [id, quiet] of this.#quiet) {
      if (quiet.until <= now) this.#quiet.delete(id);
    }
    return changed;
  }

  /** Earliest time something expires, or `null` when nothing will. */
  nextExpiry(): number | null {
    let next: number | null = null;
    for (const row of this.#rows.values()) {
      for (const ch of row.channels.values()) {
        if (next === null || ch.expiresAt < next) next = ch.expiresAt;
      }
    }
    return next;
  }

  /** The list, sorted by room name then host id. */
  list(): FoundHost[] {
    const out: FoundHost[] = [];
    for (const row of this.#rows.values()) {
      const addresses = addressesOf(row);
      const via: Via[] = (["broadcast", "mdns"] as const).filter((v) =>
        row.channels.has(v)
      );
      const viaMs: Partial<Record<Via, number>> = {};
      for (const [v, ch] of row.channels) viaMs[v] = ch.firstSeenMs;
      out.push({
        ...row.ad,
        fingerprint: fingerprintOf(row.ad.hostId),
        address: addresses[0],
        addresses,
        via,
        firstSeenMs: row.firstSeenMs,
        viaMs,
        lastSeen: row.lastSeen,
      });
    }
    return out.sort((a, b) =>
      a.name < b.name
        ? -1
        : a.name > b.name
        ? 1
        : a.hostId < b.hostId
        ? -1
        : a.hostId > b.hostId
        ? 1
        : 0
    );
  }
}

function addressesOf(row: Row): string[] {
  // The owner first, then the other addresses that answered in the order
  // first heard: the row does not flicker when a host is heard on two
  // interfaces, and a replay from elsewhere never comes first.
  return [
    ...new Set([row.owner, ...row.sources.keys(), ...row.announced]),
  ];
}

/** Whether some channel of the row is still valid at `now`. */
function alive(row: Row, now: number): boolean {
  for (const ch of row.channels.values()) if (ch.expiresAt > now) return true;
  return false;
}

function sameAd(a: RoomAd, b: RoomAd): boolean {
  return a.name === b.name && a.port === b.port && a.game === b.game &&
    a.players === b.players && a.capacity === b.capacity &&
    a.state === b.state && a.locked === b.locked &&
    a.protocol === b.protocol && a.epoch === b.epoch;
}
