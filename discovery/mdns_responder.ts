/**
 * The mDNS responder of a host: announces `_lanplay._tcp` on each chosen
 * interface with that interface's own address, answers queries (multicast
 * on the interface they came from, or unicast to legacy one-shot queriers),
 * re-announces on change, says goodbye on close.
 *
 * Built on `dns-packet` and `node:dgram` rather than `bonjour-service`; the
 * reasons are in docs/discovery.md ("Avahi interop").
 *
 * @module
 */
import dgram from "node:dgram";
import { Buffer } from "node:buffer";
import dnsPacket from "dns-packet";
import { type Ipv4Interface, sameSubnet } from "./ipv4.ts";
import type { SignedRoom } from "./ad_signature.ts";
import { MdnsError } from "./errors.ts";
import {
  announcement,
  answerQuery,
  goodbye,
  MDNS_GROUP,
  MDNS_MAX_PACKET,
  MDNS_PORT,
  type MdnsQuery,
  type MdnsResponse,
  type RoomRecords,
  roomRecords,
} from "./mdns_records.ts";

export { MDNS_GROUP, MDNS_PORT } from "./mdns_records.ts";

/** Options of {@linkcode startMdnsResponder}. */
export interface MdnsResponderOptions {
  /** Interfaces to announce on, each with its own address. */
  interfaces: Ipv4Interface[];
  /** Machine host name (the SRV target is derived from it). */
  hostname: string;
  /** UDP port (default 5353; tests only). */
  port?: number;
  /** Clock in ms. */
  now?: () => number;
}

/** Counters, for tests and benchmarks. */
export interface MdnsStats {
  /** Queries received. */
  queries: number;
  /** Queries answered on the group. */
  answeredMulticast: number;
  /** Legacy (one-shot) queries answered by unicast. */
  answeredLegacy: number;
  /** Malformed packets ignored. */
  ignored: number;
}

/** A running responder. */
export interface MdnsResponder {
  /** Re-announces (call after the ad changed). */
  changed(): void;
  /** Counters. */
  readonly stats: MdnsStats;
  /** Problems met at start (e.g. a group that could not be joined). */
  readonly warnings: string[];
  /** Sends the goodbye on every interface and closes the sockets. */
  close(): Promise<void>;
}

export { MdnsError } from "./errors.ts";

function bind(
  socket: dgram.Socket,
  port: number,
  address: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    socket.once("error", onError);
    socket.bind(port, address, () => {
      socket.off("error", onError);
      resolve();
    });
  });
}

interface Lane {
  iface: Ipv4Interface;
  socket: dgram.Socket;
  /** Record key → last time multicast on this interface. */
  lastSent: Map<string, number>;
}

/**
 * Starts the responder for the signed ad returned by `getRoom`.
 *
 * Opens sockets (needs `--allow-net --allow-sys`), so the doc tests do not
 * run it; it runs as is on the loopback interface.
 *
 * @example
 * ```ts ignore
 * import { startMdnsResponder } from "./mdns_responder.ts";
 * import { signRoom } from "./ad_signature.ts";
 * import { createRoomKey } from "./room_key.ts";
 * import { selectInterfaces } from "./ipv4.ts";
 * const key = await createRoomKey();
 * const room = await signRoom({ hostId: key.id, name: "Salle 12",
 *   port: 50026, game: "qcm", players: 0, capacity: 32, state: "lobby",
 *   locked: false, protocol: 1, epoch: 0 }, key, 1500);
 * const lo = selectInterfaces(Deno.networkInterfaces(), ["lo"]);
 * const r = await startMdnsResponder(() => room, { interfaces: lo, hostname: "pc1", port: 40353 });
 * r.changed();
 * await r.close();
 * ```
 */
export async function startMdnsResponder(
  getRoom: () => SignedRoom,
  options: MdnsResponderOptions,
): Promise<MdnsResponder> {
  const port = options.port ?? MDNS_PORT;
  const now = options.now ?? (() => performance.now());
  const stats: MdnsStats = {
    queries: 0,
    answeredMulticast: 0,
    answeredLegacy: 0,
    ignored: 0,
  };
  const warnings: string[] = [];
  let closed = false;
  const lanes: Lane[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const recordsFor = (lane: Lane): RoomRecords => {
    const room = getRoom();
    return roomRecords(
      room.ad,
      options.hostname,
      lane.iface.address,
      room.mdns,
    );
  };

  const sendTo = (
    lane: Lane,
    res: MdnsResponse,
    address: string,
    toPort: number,
  ) =>
    new Promise<void>((resolve) => {
      let bytes: Uint8Array;
      try {
        bytes = dnsPacket.encode(res);
      } catch {
        return resolve();
      }
      lane.socket.send(Buffer.from(bytes), toPort, address, () => resolve());
    });

  const multicast = (lane: Lane, res: MdnsResponse, force: boolean) => {
    const t = now();
    if (!force) {
      // RFC 6762 §6: a record is multicast at most once a second per link.
      res.answers = res.answers.filter((r) => {
        const last = lane.lastSent.get(`${r.type}|${r.name}`);
        return last === undefined || t - last >= 1000;
      });
      if (res.answers.length === 0) return Promise.resolve();
    }
    for (const r of [...res.answers, ...res.additionals]) {
      lane.lastSent.set(`${r.type}|${r.name}`, t);
    }
    return sendTo(lane, res, MDNS_GROUP, port);
  };

  const onQuery = (
    msg: Uint8Array,
    rinfo: dgram.RemoteInfo,
    arrived: Lane | null,
  ) => {
    if (closed) return;
    if (msg.length < 12 || msg.length > MDNS_MAX_PACKET) {
      stats.ignored++;
      return;
    }
    let query: MdnsQuery;
    try {
      query = dnsPacket.decode(Buffer.from(msg)) as MdnsQuery;
    } catch {
      stats.ignored++;
      return;
    }
    if (query.type !== "query") return;
    stats.queries++;
    const legacy = rinfo.port !== port;
    let targets = arrived
      ? [arrived]
      : lanes.filter((l) =>
        sameSubnet(rinfo.address, l.iface.address, l.iface.netmask)
      );
    if (targets.length === 0) targets = lanes;
    for (const lane of targets) {
      let res: MdnsResponse | null;
      try {
        res = answerQuery(query, recordsFor(lane), legacy);
      } catch {
        res = null;
      }
      if (!res) continue;
      if (legacy) {
        stats.answeredLegacy++;
        void sendTo(lane, res, rinfo.address, rinfo.port);
        break; // one unicast reply is enough
      }
      stats.answeredMulticast++;
      void multicast(lane, res, false);
    }
  };

  // One receiving socket on the group, joined on every interface.
  const group = dgram.createSocket({ type: "udp4", reuseAddr: true });
  group.on("error", () => {});
  try {
    await bind(group, port, "0.0.0.0");
  } catch (err) {
    throw new MdnsError(
      `Cannot listen on UDP port ${port} for mDNS: ${
        (err as Error).message
      }. Another program holds it without sharing; stop it or run with --no-mdns.`,
      port,
      { cause: err },
    );
  }
  for (const iface of options.interfaces) {
    try {
      group.addMembership(MDNS_GROUP, iface.address);
    } catch (err) {
      warnings.push(
        `Cannot join mDNS on ${iface.name} (${iface.address}): ${
          (err as Error).message
        }`,
      );
    }
  }
  group.on("message", (msg: Uint8Array, rinfo: dgram.RemoteInfo) => {
    onQuery(msg, rinfo, null);
  });

  // One sending socket per interface, bound to its address and port 5353:
  // replies leave by that interface, from port 5353 (Avahi drops responses
  // from any other port), and unicast queries to that address land here.
  for (const iface of options.interfaces) {
    const socket = dgram.createSocket({ type: "udp4", reuseAddr: true });
    socket.on("error", () => {});
    try {
      await bind(socket, port, iface.address);
      socket.setMulticastInterface(iface.address);
      socket.setMulticastTTL(255);
      socket.setMulticastLoopback(true);
    } catch (err) {
      warnings.push(
        `Cannot announce on ${iface.name} (${iface.address}): ${
          (err as Error).message
        }`,
      );
      await new Promise<void>((r) => socket.close(() => r()));
      continue;
    }
    const lane: Lane = { iface, socket, lastSent: new Map() };
    socket.on("message", (msg: Uint8Array, rinfo: dgram.RemoteInfo) => {
      onQuery(msg, rinfo, lane);
    });
    lanes.push(lane);
  }

  const announceAll = () => {
    if (closed) return;
    for (const lane of lanes) {
      try {
        void multicast(lane, announcement(recordsFor(lane)), true);
      } catch {
        // invalid ad: nothing to announce
      }
    }
  };
  const later = (ms: number, f: () => void) => {
    const id = setTimeout(() => {
      timers.delete(id);
      f();
    }, ms);
    timers.add(id);
  };
  // RFC 6762 §8.3: at least two announcements, one second apart.
  announceAll();
  later(1000, announceAll);

  let pending = false;
  return {
    stats,
    warnings,
    changed() {
      if (closed || pending) return;
      pending = true;
      later(100, () => {
        pending = false;
        announceAll();
      });
    },
    async close() {
      if (closed) return;
      for (const id of timers) clearTimeout(id);
      timers.clear();
      await Promise.all(lanes.map((lane) => {
        try {
          const bye = goodbye(recordsFor(lane), getRoom().bye.sig);
          return sendTo(lane, bye, MDNS_GROUP, port);
        } catch {
          return Promise.resolve();
        }
      }));
      closed = true;
      await Promise.all([
        ...lanes.map((l) =>
          new Promise<void>((r) => l.socket.close(() => r()))
        ),
        new Promise<void>((r) => group.close(() => r())),
      ]);
    },
  };
}
