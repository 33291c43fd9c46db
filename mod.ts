/**
 * lanplay: LAN party games for a room full of people. Any player hosts a
 * room (`lanplay host`), the others join (`lanplay join`, or even
 * `nc HOST 50026`) and play QCM, morpion and juste prix over a reliable TCP
 * session. The wire protocol is documented in docs/PROTOCOL.md.
 *
 * As a program:
 * ```sh
 * deno run -A mod.ts host        # open a room and play in it
 * deno run -A mod.ts join --host 198.18.0.1
 * ```
 *
 * As a library: a room without sockets (`Room`, `GAMES`), its TCP server
 * (`GameServer`), a client (`Session`), the LAN discovery (`discover`,
 * `startAnnouncer`), the text-mode lines (`TextSession`) and the UDP/TCP
 * measurement (`runCompare`).
 * ```ts ignore
 * import { discover, type FoundHost, Session } from "./mod.ts";
 * const discovery = discover();
 * const [room] = await new Promise<FoundHost[]>((resolve) =>
 *   discovery.onChange((hosts) => hosts.length && resolve(hosts))
 * );
 * await discovery.close();
 * const session = await Session.join({
 *   host: room.address,
 *   port: room.port,
 *   nickname: "zoe",
 *   lang: "en",
 * });
 * ```
 *
 * Pure pieces run anywhere:
 * ```ts
 * import { DEFAULT_PORT, parseAddress } from "./mod.ts";
 * parseAddress("198.18.0.1"); // { host: "198.18.0.1", port: 50026 }
 * parseAddress("198.18.0.1:4000").port === 4000; // true
 * DEFAULT_PORT; // 50026
 * ```
 *
 * @module
 */
export * from "./protocol/constants.ts";
export * from "./protocol/errors.ts";
export * from "./protocol/framing.ts";
export * from "./protocol/messages.ts";
export * from "./protocol/options_messages.ts";
export * from "./games/types.ts";
export * from "./games/errors.ts";
export { GAMES } from "./games/registry.ts";
export { type TextInput, TextSession } from "./text/session.ts";
export { type Clock, realClock } from "./host/clock.ts";
export {
  type ByeExtra,
  type JoinRequest,
  type JoinResult,
  type MemberPort,
  Room,
  type RoomMigration,
  type RoomOptions,
  type RoomSummary,
} from "./host/room.ts";
export type {
  RoomSnapshot,
  SavedMember,
  SavedRoom,
  SnapshotExtra,
} from "./host/snapshot.ts";
export type { ChatLine } from "./host/chat.ts";
export type { SavedMatch } from "./host/match.ts";
export type { SealKeys } from "./protocol/sealed.ts";
export { GameServer, type ListenOptions } from "./host/server.ts";
export { PinThrottle } from "./host/pin_throttle.ts";
export { type LoadedQuiz, QuizShelf } from "./host/quiz_shelf.ts";
export type { Bilingual, QcmQuestion } from "./games/qcm/mod.ts";
export {
  bannerLine,
  Connection,
  type ConnectionContext,
} from "./host/connection.ts";
export {
  type OutboundOptions,
  OutboundQueue,
  type Writer,
} from "./host/outbound.ts";
export {
  type Heartbeat,
  type Incoming,
  type JoinOptions,
  parseAddress,
  type SeatInfo,
  Session,
  type SessionEnd,
  type Welcome,
} from "./client/session.ts";
export {
  ConnectError,
  JoinRefusedError,
  NotLanplayError,
  RoomImpostorError,
} from "./client/errors.ts";
export {
  type AdState,
  type Announcer,
  type AnnouncerOptions,
  type BeaconStats,
  COMPARE_GAME,
  createRoomKey,
  discover,
  type DiscoverOptions,
  type Discovery,
  type DiscoveryStats,
  fingerprintOf,
  type FoundHost,
  type Ipv4Interface,
  type MdnsStats,
  type RoomAd,
  roomIdOf,
  type RoomKey,
  startAnnouncer,
  verifyRoomSignature,
  type Via,
} from "./discovery/mod.ts";
export { CompareError, type CompareIO, runCompare } from "./compare/mod.ts";
export { UsageError } from "./cli/errors.ts";
export { main, VERSION } from "./cli/main.ts";

if (import.meta.main) {
  const { main } = await import("./cli/main.ts");
  Deno.exit(await main(Deno.args));
}
