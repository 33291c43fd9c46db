/**
 * The broadcast side of discovery: listens for beacons on the beacon port
 * and sends probes (to each interface's broadcast address) whose unicast
 * answers come back on an ephemeral port. Reports what it hears; the
 * merging is room_table.ts.
 *
 * @module
 */
import dgram from "node:dgram";
import { Buffer } from "node:buffer";
import { decodeDiscoveryPacket, encodeProbe } from "./packet.ts";
import type { Ipv4Interface } from "./ipv4.ts";
import type { RoomAd } from "./room_ad.ts";
import type { Signed } from "./ad_signature.ts";

/** What the broadcast listener hears (signatures not checked yet). */
export type BroadcastEvent =
  | { type: "ad"; ad: RoomAd; every: number; source: string; signed: Signed }
  | {
    type: "bye";
    hostId: string;
    epoch: number;
    source: string;
    signed: Signed;
  };

/** A running broadcast listener. */
export interface BroadcastListener {
  /** Sends one probe on every interface now. */
  probe(): void;
  /** Packets ignored (malformed or foreign). */
  readonly ignored: number;
  /** Closes both sockets. */
  close(): Promise<void>;
}

function bindSocket(
  socket: dgram.Socket,
  port: number,
  address: string,
): Promise<boolean> {
  return new Promise((resolve) => {
    const onError = () => resolve(false);
    socket.once("error", onError);
    socket.bind(port, address, () => {
      socket.off("error", onError);
      resolve(true);
    });
  });
}

function randomNonce(): string {
  const b = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/**
 * Starts listening for beacons and answering probes. When the beacon port
 * cannot be shared (another program holds it exclusively), probes still work.
 *
 * Opens sockets (needs `--allow-net --allow-sys`), so the doc tests do not
 * run it; it runs as is on the loopback interface.
 *
 * @example
 * ```ts ignore
 * import { listenBroadcast } from "./beacon_listener.ts";
 * import { selectInterfaces } from "./ipv4.ts";
 * const lo = selectInterfaces(Deno.networkInterfaces(), ["lo"]);
 * const l = await listenBroadcast(lo, 40127, (e) => console.log(e));
 * l.probe();
 * await l.close();
 * ```
 */
export async function listenBroadcast(
  interfaces: Ipv4Interface[],
  port: number,
  onEvent: (e: BroadcastEvent) => void,
): Promise<BroadcastListener> {
  let ignored = 0;
  let closed = false;
  const onMessage = (msg: Uint8Array, rinfo: dgram.RemoteInfo) => {
    if (closed) return;
    const p = decodeDiscoveryPacket(msg);
    if (!p) {
      ignored++;
      return;
    }
    if (p.type === "ad") {
      onEvent({
        type: "ad",
        ad: p.ad,
        every: p.every,
        source: rinfo.address,
        signed: { key: p.key, sig: p.sig },
      });
    } else if (p.type === "bye") {
      onEvent({
        type: "bye",
        hostId: p.hostId,
        epoch: p.epoch,
        source: rinfo.address,
        signed: { key: p.key, sig: p.sig },
      });
    }
  };
  const listen = dgram.createSocket({ type: "udp4", reuseAddr: true });
  listen.on("error", () => {});
  const listening = await bindSocket(listen, port, "0.0.0.0");
  if (listening) listen.on("message", onMessage);
  else listen.close();

  const prober = dgram.createSocket({ type: "udp4" });
  prober.on("error", () => {});
  await bindSocket(prober, 0, "0.0.0.0");
  prober.setBroadcast(true);
  prober.on("message", onMessage);

  return {
    get ignored() {
      return ignored;
    },
    probe() {
      if (closed) return;
      const bytes = Buffer.from(encodeProbe(randomNonce()));
      for (const i of interfaces) prober.send(bytes, port, i.broadcast);
    },
    async close() {
      if (closed) return;
      closed = true;
      const done: Promise<void>[] = [
        new Promise((r) => prober.close(() => r())),
      ];
      if (listening) done.push(new Promise((r) => listen.close(() => r())));
      await Promise.all(done);
    },
  };
}
