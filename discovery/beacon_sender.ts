/**
 * UDP beacons of a host: an `ad` packet to the subnet broadcast address of
 * every chosen interface at start, 1 s later, then every `everyMs`; a unicast
 * `ad` answering each probe (rate-limited); a `bye` on close. The packet
 * format is in packet.ts.
 *
 * @module
 */
import dgram from "node:dgram";
import { Buffer } from "node:buffer";
import {
  BEACON_EVERY_MS,
  decodeDiscoveryPacket,
  encodeAd,
  encodeBye,
} from "./packet.ts";
import { BeaconError } from "./errors.ts";
import type { Ipv4Interface } from "./ipv4.ts";
import type { SignedRoom } from "./ad_signature.ts";
import { ProbeRateLimiter, type RateLimits } from "./rate_limit.ts";

/** Options of {@linkcode startBeacons}. */
export interface BeaconOptions {
  /** Interfaces to broadcast on. */
  interfaces: Ipv4Interface[];
  /** UDP port of beacons and probes. */
  port: number;
  /** Interval between periodic beacons (ms). */
  everyMs?: number;
  /** Probe answer limits. */
  limits?: RateLimits;
  /** Clock in ms (injectable). */
  now?: () => number;
}

/** Counters of a running beacon, for tests and benchmarks. */
export interface BeaconStats {
  /** Beacon rounds sent (one packet per interface each). */
  sent: number;
  /** Probes answered. */
  probesAnswered: number;
  /** Probes refused by the rate limiter. */
  probesRefused: number;
  /** Malformed or foreign packets ignored. */
  ignored: number;
}

/** A running beacon. */
export interface Beacon {
  /** Sends a fresh ad now (call after the ad changed). */
  changed(): void;
  /** Counters. */
  readonly stats: BeaconStats;
  /** Sends `bye` on every interface, stops timers, closes the socket. */
  close(): Promise<void>;
}

export { BeaconError } from "./errors.ts";

/**
 * Opens the beacon socket (UDP `port` on every address, shared with other
 * programs) and starts beaconing the signed ad returned by `getRoom`
 * (signed with the same `everyMs`, see `signRoom` in ad_signature.ts).
 *
 * Opens sockets (needs `--allow-net --allow-sys`), so the doc tests do not
 * run it; it runs as is on the loopback interface.
 *
 * @example
 * ```ts ignore
 * import { startBeacons } from "./beacon_sender.ts";
 * import { signRoom } from "./ad_signature.ts";
 * import { createRoomKey } from "./room_key.ts";
 * import { selectInterfaces } from "./ipv4.ts";
 * const key = await createRoomKey();
 * const ad = { hostId: key.id, name: "Salle 12",
 *   port: 50026, game: "qcm", players: 0, capacity: 32, state: "lobby" as const,
 *   locked: false, protocol: 1, epoch: 0 };
 * let room = await signRoom(ad, key, 1500);
 * const lo = selectInterfaces(Deno.networkInterfaces(), ["lo"]);
 * const beacon = await startBeacons(() => room, { interfaces: lo, port: 40127 });
 * room = await signRoom({ ...ad, players: 3 }, key, 1500);
 * beacon.changed(); // after players joined
 * await beacon.close(); // sends bye
 * ```
 */
export async function startBeacons(
  getRoom: () => SignedRoom,
  options: BeaconOptions,
): Promise<Beacon> {
  const every = options.everyMs ?? BEACON_EVERY_MS;
  const now = options.now ?? (() => performance.now());
  const limiter = new ProbeRateLimiter(options.limits);
  const stats: BeaconStats = {
    sent: 0,
    probesAnswered: 0,
    probesRefused: 0,
    ignored: 0,
  };
  const socket = dgram.createSocket({ type: "udp4", reuseAddr: true });
  socket.on("error", () => {
    // Send errors (e.g. an interface went down) must not kill the host.
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) =>
      reject(
        new BeaconError(
          `Cannot listen on UDP port ${options.port} for discovery probes: ${err.message}. ` +
            "Free the port or choose another beacon port.",
          options.port,
          { cause: err },
        ),
      );
    socket.once("error", onError);
    socket.bind(options.port, "0.0.0.0", () => {
      socket.off("error", onError);
      resolve();
    });
  });
  socket.setBroadcast(true);

  let closed = false;
  const send = (bytes: Uint8Array, address: string, port: number) =>
    new Promise<void>((resolve) => {
      if (closed) return resolve();
      socket.send(Buffer.from(bytes), port, address, () => resolve());
    });
  const broadcast = async (bytes: Uint8Array) => {
    await Promise.all(
      options.interfaces.map((i) => send(bytes, i.broadcast, options.port)),
    );
    stats.sent++;
  };
  const beaconNow = () => {
    let bytes: Uint8Array;
    try {
      const room = getRoom();
      bytes = encodeAd(room.ad, every, room.beacon);
    } catch {
      return; // invalid ad: the announcer validated it; nothing to send
    }
    void broadcast(bytes);
  };

  socket.on("message", (msg: Uint8Array, rinfo: dgram.RemoteInfo) => {
    const packet = decodeDiscoveryPacket(msg);
    if (!packet || packet.type !== "probe") {
      if (!packet) stats.ignored++;
      return;
    }
    if (!limiter.allow(rinfo.address, now())) {
      stats.probesRefused++;
      return;
    }
    let bytes: Uint8Array;
    try {
      const room = getRoom();
      bytes = encodeAd(room.ad, every, room.beacon);
    } catch {
      return;
    }
    // Never answer with more bytes than the probe had (no amplification).
    if (bytes.length > msg.length) return;
    stats.probesAnswered++;
    void send(bytes, rinfo.address, rinfo.port);
  });

  beaconNow();
  // At start, 1 s later, then every `every` ms.
  let timer = setTimeout(function tick() {
    beaconNow();
    timer = setTimeout(tick, every);
  }, 1000);
  // Coalesce bursts of changes into at most one extra beacon per 200 ms.
  let pending: ReturnType<typeof setTimeout> | undefined;
  let lastChange = -Infinity;

  return {
    stats,
    changed() {
      if (closed || pending !== undefined) return;
      const wait = Math.max(0, lastChange + 200 - now());
      pending = setTimeout(() => {
        pending = undefined;
        lastChange = now();
        beaconNow();
      }, wait);
    },
    async close() {
      if (closed) return;
      clearTimeout(timer);
      clearTimeout(pending);
      let bye: Uint8Array | null = null;
      try {
        const room = getRoom();
        bye = encodeBye(room.ad.hostId, room.ad.epoch, room.bye);
      } catch {
        bye = null;
      }
      if (bye) await broadcast(bye);
      closed = true;
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}
