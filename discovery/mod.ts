/**
 * Finding rooms on the LAN, over UDP: the announcing side (an mDNS/DNS-SD
 * responder, broadcast beacons, answers to probes) and the browsing side
 * (mDNS queries, a beacon listener, one merged live table of rooms).
 *
 * Packet formats and records are pure and tested apart (`packet.ts`,
 * `mdns_records.ts`, `mdns_parse.ts`, `room_table.ts`); the socket edges are
 * thin (`mdns_responder.ts`, `beacon_sender.ts`, `mdns_browser.ts`,
 * `beacon_listener.ts`). This wing imports only `protocol/`: the host and the
 * client use it, it uses neither. docs/discovery.md describes the packets.
 *
 * @example
 * ```ts ignore
 * import { discover, startAnnouncer } from "./mod.ts";
 * const announcer = await startAnnouncer({ ad, interfaces: ["lo"] });
 * const rooms = discover({ interfaces: ["lo"] });
 * rooms.addEventListener("change", () => console.log(rooms.hosts()));
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
  type FoundHost,
  localInterfaces,
  type Via,
} from "./browser.ts";
export { AnnouncerError } from "./errors.ts";
export { type AdState, COMPARE_GAME, type RoomAd } from "./room_ad.ts";
export { BeaconError, DiscoveryPacketError, MdnsError } from "./errors.ts";
