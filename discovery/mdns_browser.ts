/**
 * The mDNS side of discovery: asks for `_lanplay._tcp.local` with one-shot
 * (legacy unicast, RFC 6762 §6.7) queries from an ephemeral port on each
 * interface — every responder, Avahi included, answers those straight back —
 * and listens on the mDNS group for announcements and goodbyes.
 *
 * @module
 */
import dgram from "node:dgram";
import { Buffer } from "node:buffer";
import dnsPacket from "dns-packet";
import type { Ipv4Interface } from "./ipv4.ts";
import {
  BROWSE_NAME,
  type DecodedResponse,
  MdnsBrowseState,
  type MdnsEvent,
} from "./mdns_parse.ts";
import { MDNS_GROUP, MDNS_MAX_PACKET, MDNS_PORT } from "./mdns_records.ts";

export type { MdnsEvent } from "./mdns_parse.ts";

/** Query times after start (ms), then every {@linkcode REQUERY_MS}. */
export const QUERY_AT_MS = [0, 300, 1000];

/** Interval of the periodic queries once started (ms). */
export const REQUERY_MS = 2000;

/** Options of {@linkcode browseMdns}. */
export interface MdnsBrowseOptions {
  /** mDNS port (default 5353; tests only). */
  port?: number;
  /** Called with every sighting and goodbye. */
  onEvent: (e: MdnsEvent) => void;
  /** Called with each socket problem met (the browser goes on). */
  onWarning?: (w: string) => void;
  /** Clock in ms (default `performance.now`). */
  now?: () => number;
}

/** A running browser. */
export interface MdnsBrowser {
  /** Sends a query now. */
  query(): void;
  /** Stops the queries and closes every socket. */
  close(): Promise<void>;
}

function bind(
  s: dgram.Socket,
  port: number,
  address: string,
): Promise<boolean> {
  return new Promise((resolve) => {
    const onError = () => resolve(false);
    s.once("error", onError);
    s.bind(port, address, () => {
      s.off("error", onError);
      resolve(true);
    });
  });
}

/**
 * Starts browsing. Never throws for socket trouble: it reports warnings and
 * does what it can.
 *
 * Opens sockets (needs `--allow-net --allow-sys`), so the doc tests do not
 * run it; it runs as is on the loopback interface.
 *
 * @example
 * ```ts ignore
 * import { browseMdns } from "./mdns_browser.ts";
 * import { selectInterfaces } from "./ipv4.ts";
 * const lo = selectInterfaces(Deno.networkInterfaces(), ["lo"]);
 * const b = await browseMdns(lo, { port: 40353, onEvent: (e) => console.log(e) });
 * b.query();
 * await b.close();
 * ```
 */
export async function browseMdns(
  interfaces: Ipv4Interface[],
  options: MdnsBrowseOptions,
): Promise<MdnsBrowser> {
  const port = options.port ?? MDNS_PORT;
  const now = options.now ?? (() => performance.now());
  const warn = options.onWarning ?? (() => {});
  const state = new MdnsBrowseState();
  let closed = false;
  const sockets: dgram.Socket[] = [];
  const senders: dgram.Socket[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const onMessage = (msg: Uint8Array, rinfo: dgram.RemoteInfo) => {
    if (closed || msg.length < 12 || msg.length > MDNS_MAX_PACKET) return;
    let packet: DecodedResponse;
    try {
      packet = dnsPacket.decode(Buffer.from(msg)) as DecodedResponse;
    } catch {
      return;
    }
    let events: MdnsEvent[];
    try {
      events = state.ingest(packet, rinfo.address, now());
    } catch {
      return;
    }
    for (const e of events) options.onEvent(e);
  };

  const group = dgram.createSocket({ type: "udp4", reuseAddr: true });
  group.on("error", () => {});
  if (await bind(group, port, "0.0.0.0")) {
    for (const i of interfaces) {
      try {
        group.addMembership(MDNS_GROUP, i.address);
      } catch (err) {
        warn(
          `mDNS: cannot join the group on ${i.name}: ${(err as Error).message}`,
        );
      }
    }
    group.on("message", onMessage);
    sockets.push(group);
  } else {
    warn(`mDNS: port ${port} is not shareable; relying on queries only`);
    group.close();
  }
  for (const i of interfaces) {
    const s = dgram.createSocket({ type: "udp4" });
    s.on("error", () => {});
    // Bound to the interface address: the query leaves by that interface.
    if (!(await bind(s, 0, i.address))) {
      warn(`mDNS: cannot query on ${i.name} (${i.address})`);
      s.close();
      continue;
    }
    try {
      s.setMulticastInterface(i.address);
    } catch {
      // the bound address already picks the interface on Linux
    }
    s.on("message", onMessage);
    sockets.push(s);
    senders.push(s);
  }

  let id = 0;
  const query = () => {
    if (closed) return;
    id = (id + 1) & 0xffff;
    const bytes = Buffer.from(dnsPacket.encode({
      type: "query",
      id,
      flags: 0,
      questions: [{ name: BROWSE_NAME, type: "PTR", class: "IN" }],
    }));
    for (const s of senders) s.send(bytes, port, MDNS_GROUP);
  };
  const later = (ms: number, f: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      f();
    }, ms);
    timers.add(t);
  };
  for (const at of QUERY_AT_MS) later(at, query);
  const last = QUERY_AT_MS[QUERY_AT_MS.length - 1];
  later(last + REQUERY_MS, function again() {
    query();
    later(REQUERY_MS, again);
  });

  return {
    query,
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.all(
        sockets.map((s) => new Promise<void>((r) => s.close(() => r()))),
      );
    },
  };
}
