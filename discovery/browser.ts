/**
 * Zero-config discovery of rooms on the LAN: mDNS/DNS-SD browsing and UDP
 * broadcast (beacons + active probes), merged into one live list keyed by
 * host id. Every ad and goodbye is rate-limited per source, then its
 * signature checked (ad_signature.ts), before it reaches the table; change
 * events are coalesced to at most one per {@linkcode CHANGE_EVERY_MS}.
 * See docs/discovery.md.
 *
 * @module
 */
import { BEACON_PORT } from "../protocol/constants.ts";
import {
  type InterfaceInfo,
  type Ipv4Interface,
  selectInterfaces,
} from "./ipv4.ts";
import { type FoundHost, HostTable } from "./room_table.ts";
import {
  adSignedBytes,
  AdVerifier,
  byeSignedBytes,
  type Signed,
} from "./ad_signature.ts";
import { ProbeRateLimiter, type RateLimits } from "./rate_limit.ts";
import type { RoomAd } from "./room_ad.ts";
import { type BroadcastListener, listenBroadcast } from "./beacon_listener.ts";
import { browseMdns, type MdnsBrowser } from "./mdns_browser.ts";

export type { FoundHost, Via } from "./room_table.ts";

/** Shortest time between two change events (ms): at most 10 a second. */
export const CHANGE_EVERY_MS = 100;

/**
 * Ads and goodbyes read per source address before any signature check: 40
 * then 20/s (a room sends about one a second per channel, plus probe
 * answers and changes); 2000/s from all sources together.
 */
export const SOURCE_LIMITS: RateLimits = {
  perSourceBurst: 40,
  perSourceRate: 20,
  globalBurst: 2000,
  globalRate: 2000,
  maxSources: 1024,
};

/** Counters of a discovery, for tests and benchmarks. */
export interface DiscoveryStats {
  /** Packets dropped by the per-source limit before any check. */
  rateLimited: number;
  /** Packets dropped because the signature-check budget was spent. */
  throttled: number;
  /** Ads and goodbyes whose signature or room id did not verify. */
  forged: number;
  /** Signature checks run (cache misses). */
  checks: number;
  /** Sightings of new rooms dropped because the table was full. */
  tableFull: number;
  /** Change events sent. */
  changes: number;
  /**
   * Goodbyes whose signature verified, whether they removed a room or were
   * ignored (a lower epoch than the one listed).
   */
  goodbyes: number;
}

/** Options of {@linkcode discover}. */
export interface DiscoverOptions {
  /** UDP port of beacons and probes (default {@linkcode BEACON_PORT}). */
  beaconPort?: number;
  /** Browse mDNS (default true). */
  mdns?: boolean;
  /** Listen for beacons and probe (default true). */
  broadcast?: boolean;
  /** Interfaces (names or IPv4 addresses); default every non-loopback one. */
  interfaces?: string[];
  /** mDNS UDP port (default 5353; tests only). */
  mdnsPort?: number;
  /** Probe times after start, in ms (default 0, 250, 600, 1000). */
  probeAtMs?: number[];
  /** Clock in ms (default `performance.now`). */
  now?: () => number;
}

/**
 * A running discovery. Events: `change` (the list changed; coalesced, at
 * most one per {@linkcode CHANGE_EVERY_MS}) and `close` (once, when
 * {@linkcode Discovery.close} is called).
 */
export interface Discovery extends EventTarget {
  /** Resolves once the sockets are open (or failed to open). */
  readonly ready: Promise<void>;
  /** The current list, sorted by room name. */
  hosts(): FoundHost[];
  /** Calls `cb` with the list on every change; returns an unsubscribe. */
  onChange(cb: (hosts: FoundHost[]) => void): () => void;
  /** Yields the current list, then the list after each change, until close. */
  [Symbol.asyncIterator](): AsyncIterator<FoundHost[]>;
  /** Problems met while opening sockets (e.g. mDNS port not shareable). */
  readonly warnings: string[];
  /** Counters (what was dropped, and why). */
  stats(): DiscoveryStats;
  /** True once {@linkcode Discovery.close} was called. */
  readonly closed: boolean;
  /** Releases every socket and timer. */
  close(): Promise<void>;
}

/**
 * The usable IPv4 interfaces of this machine (loopback only when asked).
 *
 * Reads the interfaces (needs `--allow-sys`), so the doc tests do not run
 * it.
 *
 * @example
 * ```ts ignore
 * import { localInterfaces } from "./browser.ts";
 * localInterfaces(["lo"]);
 * // [{ name: "lo", address: "127.0.0.1", netmask: "255.0.0.0",
 * //    broadcast: "127.255.255.255" }]
 * ```
 */
export function localInterfaces(wanted?: string[]): Ipv4Interface[] {
  const all = Deno.networkInterfaces() as InterfaceInfo[];
  return selectInterfaces(all, wanted);
}

/**
 * Starts discovering rooms: sends a probe at once (and a few more in the
 * first second), listens for beacons, browses `_lanplay._tcp` over mDNS.
 *
 * Opens sockets (needs `--allow-net --allow-sys`), so the doc tests do not
 * run it; it runs as is on the loopback interface.
 *
 * @example
 * ```ts ignore
 * import { discover } from "./browser.ts";
 * const rooms = discover({ interfaces: ["lo"], beaconPort: 40127, mdnsPort: 40353 });
 * const stop = rooms.onChange((hosts) => console.log(hosts.map((h) => h.name)));
 * await rooms.ready;
 * stop();
 * await rooms.close();
 * ```
 */
export function discover(options: DiscoverOptions = {}): Discovery {
  const now = options.now ?? (() => performance.now());
  const table = new HostTable(now());
  const target = new EventTarget();
  const warnings: string[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const waiters = new Set<() => void>();
  let closed = false;
  let version = 0;
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;
  let broadcast: BroadcastListener | null = null;
  let mdns: MdnsBrowser | null = null;
  const limiter = new ProbeRateLimiter(SOURCE_LIMITS);
  const verifier = new AdVerifier();
  const counts = {
    rateLimited: 0,
    throttled: 0,
    forged: 0,
    changes: 0,
    goodbyes: 0,
  };
  let lastChange = -Infinity;
  let changeTimer: ReturnType<typeof setTimeout> | undefined;

  const emit = () => {
    changeTimer = undefined;
    if (closed) return;
    lastChange = now();
    counts.changes++;
    version++;
    target.dispatchEvent(new Event("change"));
    for (const w of [...waiters]) w();
  };
  // Coalesced: a flood of sightings costs a listener at most one list a
  // CHANGE_EVERY_MS.
  const notify = () => {
    scheduleExpiry();
    if (changeTimer !== undefined || closed) return;
    const wait = lastChange + CHANGE_EVERY_MS - now();
    if (wait <= 0) emit();
    else changeTimer = setTimeout(emit, wait);
  };
  /** Rate limit per source, then the signature: true when `signed` holds. */
  const trusted = async (
    source: string,
    hostId: string,
    bytes: Uint8Array<ArrayBuffer>,
    signed: Signed,
  ): Promise<boolean> => {
    if (!limiter.allow(source, now())) {
      counts.rateLimited++;
      return false;
    }
    const verdict = await verifier.verify(hostId, bytes, signed, now());
    if (verdict === "throttled") counts.throttled++;
    if (verdict === "invalid") counts.forged++;
    return verdict === "valid" && !closed;
  };
  const adTrusted = (source: string, ad: RoomAd, every: number, s: Signed) =>
    trusted(source, ad.hostId, adSignedBytes(ad, every), s);
  const byeTrusted = (
    source: string,
    hostId: string,
    epoch: number,
    s: Signed,
  ) => trusted(source, hostId, byeSignedBytes(hostId, epoch), s);
  const scheduleExpiry = () => {
    clearTimeout(expiryTimer);
    expiryTimer = undefined;
    const next = table.nextExpiry();
    if (next === null || closed) return;
    expiryTimer = setTimeout(() => {
      expiryTimer = undefined;
      if (table.expire(now())) notify();
      else scheduleExpiry();
    }, Math.max(0, next - now()) + 5);
  };

  const interfaces = localInterfaces(options.interfaces);
  if (interfaces.length === 0) {
    warnings.push(
      "No usable IPv4 interface: connect to the network or name one with --interface.",
    );
  }
  const beaconPort = options.beaconPort ?? BEACON_PORT;
  const ready = (async () => {
    if (options.broadcast !== false && interfaces.length > 0) {
      broadcast = await listenBroadcast(interfaces, beaconPort, async (e) => {
        if (closed) return;
        if (e.type === "ad") {
          if (!await adTrusted(e.source, e.ad, e.every, e.signed)) return;
          const changed = table.seen({
            via: "broadcast",
            ad: e.ad,
            source: e.source,
            ttlMs: 3 * e.every + 250,
            now: now(),
          });
          if (changed) notify();
        } else {
          if (!await byeTrusted(e.source, e.hostId, e.epoch, e.signed)) {
            return;
          }
          counts.goodbyes++;
          if (table.goodbye(e.hostId, e.epoch, now())) notify();
        }
      });
      if (closed) return;
      for (const at of options.probeAtMs ?? [0, 250, 600, 1000]) {
        const id = setTimeout(() => {
          timers.delete(id);
          broadcast?.probe();
        }, at);
        timers.add(id);
      }
    }
    if (options.mdns !== false && interfaces.length > 0 && !closed) {
      mdns = await browseMdns(interfaces, {
        port: options.mdnsPort,
        onWarning: (w) => warnings.push(w),
        onEvent: async (e) => {
          if (closed) return;
          if (e.type === "found") {
            if (!await adTrusted(e.source, e.ad, 0, e.signed)) return;
            const changed = table.seen({
              via: "mdns",
              ad: e.ad,
              source: e.source,
              announced: e.addresses,
              ttlMs: e.ttlMs,
              now: now(),
            });
            if (changed) notify();
          } else {
            if (!await byeTrusted(e.source, e.hostId, e.epoch, e.signed)) {
              return;
            }
            counts.goodbyes++;
            if (table.goodbye(e.hostId, e.epoch, now())) notify();
          }
        },
      });
    }
  })();

  const d = target as Discovery;
  Object.defineProperty(d, "closed", { get: () => closed });
  Object.assign(d, {
    ready,
    warnings,
    hosts: () => table.list(),
    stats: (): DiscoveryStats => ({
      ...counts,
      checks: verifier.checks,
      tableFull: table.dropped,
    }),
    onChange(cb: (hosts: FoundHost[]) => void) {
      const listener = () => cb(table.list());
      target.addEventListener("change", listener);
      return () => target.removeEventListener("change", listener);
    },
    [Symbol.asyncIterator](): AsyncIterator<FoundHost[]> {
      let seen = -1;
      return {
        async next() {
          while (!closed && seen === version) {
            await new Promise<void>((resolve) => {
              const w = () => {
                waiters.delete(w);
                resolve();
              };
              waiters.add(w);
            });
          }
          if (closed) return { done: true, value: undefined };
          seen = version;
          return { done: false, value: table.list() };
        },
        return() {
          return Promise.resolve({ done: true, value: undefined });
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      target.dispatchEvent(new Event("close"));
      for (const id of timers) clearTimeout(id);
      timers.clear();
      clearTimeout(expiryTimer);
      clearTimeout(changeTimer);
      for (const w of [...waiters]) w();
      await ready.catch(() => {});
      await Promise.all([broadcast?.close(), mdns?.close()]);
    },
  });
  return d;
}
