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
 * As a library:
 * ```ts ignore
 * import { GAMES, GameServer, realClock, Room, Session } from "./mod.ts";
 * ```
 *
 * @module
 */
export * from "./protocol/constants.ts";
export * from "./protocol/errors.ts";
export * from "./protocol/framing.ts";
export * from "./protocol/messages.ts";
export * from "./games/types.ts";
export * from "./games/errors.ts";
export { GAMES } from "./games/registry.ts";
export { type TextInput, TextSession } from "./text/session.ts";
export { type Clock, realClock } from "./host/clock.ts";
export {
  type JoinRequest,
  type JoinResult,
  type MemberPort,
  Room,
  type RoomOptions,
  type RoomSummary,
} from "./host/room.ts";
export { GameServer, type ListenOptions } from "./host/server.ts";
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
  type Incoming,
  type JoinOptions,
  parseAddress,
  Session,
  type Welcome,
} from "./client/session.ts";
export {
  ConnectError,
  JoinRefusedError,
  NotLanplayError,
} from "./client/errors.ts";
export { main, VERSION } from "./cli/main.ts";

if (import.meta.main) {
  const { main } = await import("./cli/main.ts");
  Deno.exit(await main(Deno.args));
}
