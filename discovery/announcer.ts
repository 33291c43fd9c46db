/**
 * Announces a room on the LAN: mDNS/DNS-SD (`_lanplay._tcp`) and UDP
 * beacons with probe answers, on every chosen interface, as one host (one
 * host id). See docs/discovery.md.
 *
 * @module
 */
import { BEACON_PORT } from "../protocol/constants.ts";
import { AnnouncerError } from "./errors.ts";
import {
  type InterfaceInfo,
  type Ipv4Interface,
  selectInterfaces,
} from "./ipv4.ts";
import { type RoomAd, roomAdProblem } from "./room_ad.ts";
import type { RoomKey } from "./room_key.ts";
import { type SignedRoom, signRoom } from "./ad_signature.ts";
import { BEACON_EVERY_MS } from "./packet.ts";
import {
  type Beacon,
  type BeaconStats,
  startBeacons,
} from "./beacon_sender.ts";
import {
  type MdnsResponder,
  type MdnsStats,
  startMdnsResponder,
} from "./mdns_responder.ts";

export type { RoomAd } from "./room_ad.ts";
export { AnnouncerError } from "./errors.ts";
export type { BeaconStats } from "./beacon_sender.ts";
export type { MdnsStats } from "./mdns_responder.ts";

/** Options of {@linkcode startAnnouncer}. */
export interface AnnouncerOptions {
  /**
   * The room's key (discovery/room_key.ts): signs every ad and goodbye; the
   * ad's `hostId` must be `key.id`.
   */
  key: RoomKey;
  /** Interfaces (names or IPv4 addresses); default every non-loopback one. */
  interfaces?: string[];
  /** UDP port of beacons and probes (default {@linkcode BEACON_PORT}). */
  beaconPort?: number;
  /** Announce over mDNS (default true). */
  mdns?: boolean;
  /** Send UDP beacons and answer probes (default true). */
  beacons?: boolean;
  /** Interval between beacons in ms (default 1500). */
  beaconEveryMs?: number;
  /** mDNS port (default 5353; tests only). */
  mdnsPort?: number;
  /** Host name used for the mDNS SRV target (default `Deno.hostname()`). */
  hostname?: string;
}

/** A running announcer. */
export interface Announcer {
  /** The current ad. */
  readonly ad: RoomAd;
  /** Interfaces announced on. */
  readonly interfaces: Ipv4Interface[];
  /** Problems that did not stop the announcer (e.g. mDNS port taken). */
  readonly warnings: string[];
  /** Counters of both channels. */
  stats(): { beacon?: BeaconStats; mdns?: MdnsStats };
  /**
   * Changes the ad (players joined, game changed...) and re-announces once
   * it is signed (a few milliseconds later). `hostId` and `epoch` stay as
   * started: a new host of the room starts its own announcer.
   */
  update(partial: Partial<RoomAd>): void;
  /** Says goodbye on both channels and releases every socket and timer. */
  close(): Promise<void>;
}

/**
 * Starts announcing `ad`: the first host of a room announces `epoch: 0`, a
 * host that took the room over (same key, so same `hostId`) one more than
 * the host it replaces; browsers then list the new host in place of the old
 * one, and ignore the old one's goodbye. (An `epoch` missing at run time is
 * read as 0.)
 *
 * Opens sockets (needs `--allow-net --allow-sys`), so the doc tests do not
 * run it; it runs as is on the loopback interface.
 *
 * @example
 * ```ts ignore
 * import { startAnnouncer } from "./announcer.ts";
 * import { createRoomKey } from "./room_key.ts";
 * const key = await createRoomKey();
 * const announcer = await startAnnouncer({ hostId: key.id, name: "Salle 12",
 *   port: 50026, game: "qcm", players: 0, capacity: 32, state: "lobby",
 *   locked: false, protocol: 1, epoch: 0 }, { key, interfaces: ["lo"],
 *   beaconPort: 40127, mdnsPort: 40353 });
 * announcer.update({ players: 3 });
 * announcer.ad.players; // 3
 * await announcer.close();
 * ```
 */
export async function startAnnouncer(
  ad: RoomAd,
  options: AnnouncerOptions,
): Promise<Announcer> {
  const key = options?.key;
  if (!key) {
    throw new AnnouncerError(
      "no_key",
      "Cannot announce a room without its key: pass options.key (createRoomKey()).",
    );
  }
  // An ad without an epoch (a caller older than epochs) is the first host's,
  // as on the wire.
  ad = { ...ad, epoch: ad.epoch ?? 0 };
  const problem = roomAdProblem(ad) ??
    (ad.hostId === key.id
      ? null
      : `hostId must be the room key's id (${key.id})`);
  if (problem) {
    throw new AnnouncerError(
      "bad_ad",
      `Cannot announce this room: ${problem}. Fix the room settings.`,
      { problem },
    );
  }
  let current: RoomAd = { ...ad };
  const interfaces = selectInterfaces(
    Deno.networkInterfaces() as InterfaceInfo[],
    options.interfaces,
  );
  if (interfaces.length === 0) {
    throw new AnnouncerError(
      "no_interface",
      options.interfaces?.length
        ? `None of the interfaces ${
          options.interfaces.join(", ")
        } has an IPv4 address: check the names with 'ip addr'.`
        : "No network interface with an IPv4 address is up: connect to the LAN, or name an interface.",
    );
  }
  const warnings: string[] = [];
  const every = options.beaconEveryMs ?? BEACON_EVERY_MS;
  let signed: SignedRoom = await signRoom(current, key, every);
  let signing = 0;
  /** Signatures of changes still being made: close() waits for them. */
  const inFlight = new Set<Promise<void>>();
  const getRoom = () => signed;
  let beacon: Beacon | null = null;
  let mdns: MdnsResponder | null = null;
  try {
    if (options.beacons !== false) {
      beacon = await startBeacons(getRoom, {
        interfaces,
        port: options.beaconPort ?? BEACON_PORT,
        everyMs: options.beaconEveryMs,
      });
    }
    if (options.mdns !== false) {
      try {
        mdns = await startMdnsResponder(getRoom, {
          interfaces,
          hostname: options.hostname ?? Deno.hostname(),
          port: options.mdnsPort,
        });
        warnings.push(...mdns.warnings);
      } catch (err) {
        // Beacons alone still make the room findable.
        if (!beacon) throw err;
        warnings.push((err as Error).message);
      }
    }
  } catch (err) {
    await beacon?.close();
    throw err;
  }
  let closed = false;
  return {
    get ad() {
      return current;
    },
    interfaces,
    warnings,
    stats: () => ({ beacon: beacon?.stats, mdns: mdns?.stats }),
    update(partial) {
      if (closed) return;
      const next = {
        ...current,
        ...partial,
        hostId: current.hostId,
        epoch: current.epoch,
      };
      const p = roomAdProblem(next);
      if (p) {
        throw new AnnouncerError(
          "bad_ad",
          `Cannot announce this change: ${p}.`,
          { problem: p },
        );
      }
      current = next;
      const mine = ++signing;
      const done: Promise<void> = signRoom(next, key, every).then((room) => {
        // Only the latest change is announced, whatever order signing ends.
        if (closed || mine !== signing) return;
        signed = room;
        beacon?.changed();
        mdns?.changed();
      }).catch(() => {
        // Not signed, not announced: the previous ad stays.
      }).finally(() => inFlight.delete(done));
      inFlight.add(done);
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([beacon?.close(), mdns?.close(), ...inFlight]);
    },
  };
}
