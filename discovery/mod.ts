/**
 * Finding rooms on the LAN, over UDP: the announcing side (an mDNS/DNS-SD
 * responder, broadcast beacons, answers to probes) and the browsing side
 * (mDNS queries, a beacon listener, one merged live table of rooms). Every
 * ad and goodbye is signed with the room's key (`room_key.ts`,
 * `ad_signature.ts`); browsers list only what verifies.
 *
 * Packet formats and records are pure and tested apart (`room_ad.ts`,
 * `packet.ts`, `mdns_txt.ts`, `ipv4.ts`, `mdns_records.ts`, `mdns_parse.ts`,
 * `room_table.ts`, `rate_limit.ts`); the socket edges are thin
 * (`mdns_responder.ts`, `beacon_sender.ts`, `mdns_browser.ts`,
 * `beacon_listener.ts`). This wing imports only `protocol/`: the host and the
 * client use it, it uses neither. docs/discovery.md describes the packets and
 * maps the files.
 *
 * The example opens sockets (needs `--allow-net --allow-sys`), so the doc
 * tests do not run it; it runs as is on the loopback interface.
 *
 * @example
 * ```ts ignore
 * import { createRoomKey, discover, startAnnouncer } from "./mod.ts";
 * const options = { interfaces: ["lo"], beaconPort: 40127, mdnsPort: 40353 };
 * const key = await createRoomKey();
 * const announcer = await startAnnouncer({ hostId: key.id, name: "Salle 12",
 *   port: 50026, game: "qcm", players: 0, capacity: 32, state: "lobby",
 *   locked: false, protocol: 1, epoch: 0 }, { ...options, key });
 * const rooms = discover(options);
 * for await (const hosts of rooms) {
 *   if (hosts.length > 0) break; // [{ name: "Salle 12", ... }]
 * }
 * rooms.hosts()[0].name; // "Salle 12"
 * rooms.hosts()[0].fingerprint === key.fingerprint; // true
 * await rooms.close();
 * await announcer.close();
 * ```
 *
 * @module
 */
export {
  type Announcer,
  type AnnouncerOptions,
  type BeaconStats,
  type MdnsStats,
  startAnnouncer,
} from "./announcer.ts";
export {
  discover,
  type DiscoverOptions,
  type Discovery,
  type DiscoveryStats,
  type FoundHost,
  localInterfaces,
  type Via,
} from "./browser.ts";
export { AnnouncerError, FindRoomError } from "./errors.ts";
export {
  findRoom,
  listenRoomAds,
  type RoomAdEvent,
  type RoomList,
  watchRoom,
} from "./find_room.ts";
export { CodedError } from "../protocol/errors.ts";
export type { Ipv4Interface } from "./ipv4.ts";
export {
  createRoomKey,
  fingerprintOf,
  importRoomKey,
  proofData,
  roomIdOf,
  type RoomKey,
  verifyRoomSignature,
} from "./room_key.ts";
export {
  type AdState,
  COMPARE_GAME,
  EPOCH_MAX,
  type RoomAd,
} from "./room_ad.ts";
export { BeaconError, DiscoveryPacketError, MdnsError } from "./errors.ts";
