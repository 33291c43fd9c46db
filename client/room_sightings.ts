/**
 * One room seen again through discovery at a higher epoch, for a client's
 * failover: after its host went, where its deputy opened it. Built on
 * discovery's own `watchRoom` (discovery/find_room.ts); a host's
 * split-brain guard hears every epoch instead (`listenRoomAds`).
 *
 * @module
 */
import {
  type Discovery,
  type FoundHost,
  watchRoom as watchRoomEpochs,
} from "../discovery/mod.ts";

/** The room seen at a higher epoch. */
export interface Sighting {
  /** Best address of that host. */
  address: string;
  /** Every address it is known by, best first. */
  addresses: string[];
  /** Its TCP port. */
  port: number;
  /** Its epoch. */
  epoch: number;
}

/** The epoch a found host announces (0 when its ad says none). */
export function epochOf(host: FoundHost): number {
  // Checked again: a FoundHost may come from a test or an older table.
  const epoch: unknown = host.epoch;
  return typeof epoch === "number" && Number.isInteger(epoch) && epoch >= 0
    ? epoch
    : 0;
}

/**
 * The hosts of room `roomId` in `hosts` with an epoch above `above`,
 * highest epoch first.
 *
 * @example
 * ```ts
 * import { higherSightings } from "./room_sightings.ts";
 * import { sampleHost } from "./testing.ts";
 * const id = sampleHost().hostId;
 * const hosts = [sampleHost({ address: "198.18.0.3", epoch: 1 } as never), sampleHost()];
 * higherSightings(hosts, id, 0).map((s) => [s.address, s.epoch]); // [["198.18.0.3", 1]]
 * higherSightings(hosts, id, 1); // []
 * ```
 *
 * @param hosts what discovery lists
 * @param roomId the room's id
 * @param above the epoch known so far
 */
export function higherSightings(
  hosts: readonly FoundHost[],
  roomId: string,
  above: number,
): Sighting[] {
  return hosts
    .filter((h) => h.hostId === roomId && epochOf(h) > above)
    .map((h) => ({
      address: h.address,
      addresses: [...h.addresses],
      port: h.port,
      epoch: epochOf(h),
    }))
    .sort((a, b) => b.epoch - a.epoch);
}

/** A running watch of one room. */
export interface RoomWatch {
  /** The room's hosts seen at a higher epoch now, highest first. */
  higher(): Sighting[];
  /** Stops watching (and closes the discovery it owns). */
  stop(): Promise<void>;
}

/**
 * Watches `discovery` for room `roomId` above the epoch `above()` says
 * when the watch starts: `onHigher` is called each time the room shows at
 * a higher epoch than seen before.
 *
 * @example
 * ```ts ignore
 * const watch = watchRoom(discover({ interfaces }), roomId, () => 0, (s) => wake());
 * await watch.stop();
 * ```
 *
 * @param discovery a running discovery (closed by `stop` when `owned`)
 * @param roomId the room's id
 * @param above the epoch known so far
 * @param onHigher called with the sightings
 * @param owned close `discovery` on `stop` (default true)
 */
export function watchRoom(
  discovery: Discovery,
  roomId: string,
  above: () => number,
  onHigher: (sightings: Sighting[]) => void,
  owned = true,
): RoomWatch {
  const higher = () => higherSightings(discovery.hosts(), roomId, above());
  const unwatch = watchRoomEpochs(discovery, roomId, () => {
    const seen = higher();
    if (seen.length) onHigher(seen);
  }, above());
  let stopped: Promise<void> | null = null;
  return {
    higher,
    stop() {
      return stopped ??= (async () => {
        unwatch();
        if (owned) await discovery.close();
      })();
    },
  };
}
