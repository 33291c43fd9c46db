/**
 * Opening a room on this machine: the {@linkcode Room}, its TCP
 * {@linkcode GameServer}, its web page and its announcer, as `lanplay host`
 * starts them — and as a deputy starts them again when it takes a room over
 * (the same room key, a higher epoch, the room restored from a replica).
 *
 * @module
 */
import { sealKeys } from "../protocol/sealed.ts";
import { PROTOCOL_VERSION } from "../protocol/constants.ts";
import type { RoomAddress } from "../protocol/messages.ts";
import { GAMES } from "../games/registry.ts";
import { realClock } from "../host/clock.ts";
import { Room, type RoomOptions } from "../host/room.ts";
import { QuizShelf } from "../host/quiz_shelf.ts";
import { GameServer } from "../host/server.ts";
import { WebServer } from "../host/web_server.ts";
import { PinThrottle } from "../host/pin_throttle.ts";
import { introText, webUrls } from "../web/intro.ts";
import {
  type Announcer,
  createRoomKey,
  proofData,
  type RoomAd,
  type RoomKey,
  startAnnouncer,
} from "../discovery/mod.ts";
import { listenRoomAds, type RoomAdEvent } from "../discovery/mod.ts";
import { UsageError } from "./errors.ts";
import { SplitBrainGuard } from "./split_brain.ts";
import type { HostConfig } from "./host_options.ts";
import type { HostLog } from "./host_log.ts";
import { localAddresses } from "./local_addresses.ts";
import { t } from "./texts.ts";

/** What {@linkcode openRoom} needs of the host's options. */
export type RoomConfig = Pick<
  HostConfig,
  | "name"
  | "game"
  | "gameOptions"
  | "capacity"
  | "graceSec"
  | "players"
  | "quizDir"
  | "quiz"
  | "pin"
  | "port"
  | "bind"
  | "webPort"
  | "lang"
  | "announce"
  | "interfaces"
  | "handshakeSec"
  | "maxConnections"
  | "maxPerAddress"
>;

/**
 * Hears every signed ad and goodbye of room `roomId` at any epoch (the
 * split-brain guard's ears); returns the function that stops.
 */
export type OwnRoomAds = (
  roomId: string,
  onEvent: (e: RoomAdEvent) => void,
) => () => void;

/**
 * The split-brain guard's ears on `interfaces` (discovery/find_room.ts
 * {@linkcode listenRoomAds}): what {@linkcode openRoom} uses when it
 * announces the room and is given none.
 *
 * @param interfaces `--interface` (default: every non-loopback one)
 */
export function ownRoomAdsOn(interfaces: string[] | undefined): OwnRoomAds {
  return (roomId, onEvent) => {
    const ads = listenRoomAds(roomId, onEvent, { interfaces });
    return () => void ads.close();
  };
}

/** How to open a room. */
export interface OpenRoomOptions extends RoomConfig {
  /** The room key (a deputy's takeover: the room's own); a new one when absent. */
  key?: RoomKey;
  /** The room's epoch: 0 for a new room, +1 at each takeover (default 0). */
  epoch?: number;
  /**
   * Makes the room from its options (a takeover passes
   * `(o) => Room.restore(o, snapshot)`); `new Room(o)` when absent.
   */
  makeRoom?: (options: RoomOptions) => Room;
  /** The hosting player's secret (`hello.hostKey`); none when headless. */
  hostKey?: string;
  /** The host's log (headless), or null. */
  log?: HostLog | null;
  /** `--no-migration`: the room chooses no deputy (default true: it does). */
  migration?: boolean;
  /** A taken port: take any free one instead of failing (a takeover). */
  anyPortIfTaken?: boolean;
  /**
   * The split-brain guard's ears: every ad of this room id at any epoch.
   * Default when the room is announced: {@linkcode ownRoomAdsOn} the
   * room's interfaces; null: no guard.
   */
  ownRoomAds?: OwnRoomAds | null;
  /**
   * Called once when this room stepped down for another host of the room
   * with more players here (cli/split_brain.ts), at `epoch` (higher: this
   * host was cut off; lower: this room was a deputy's stale copy).
   */
  onSteppedDown?: (to: RoomAddress, epoch: number) => void;
  /** Said when the announcer could not start (default: stderr). */
  onAnnounceFailed?: (line: string) => void;
}

/** A room open on this machine. */
export interface RoomService {
  /** The room. */
  readonly room: Room;
  /** Its TCP server. */
  readonly server: GameServer;
  /** Its web page's server, or null (`--no-web`, or its port was taken). */
  readonly web: WebServer | null;
  /** Its announcer, or null (`--no-announce`, or it failed). */
  readonly announcer: Announcer | null;
  /** The room key (its id is the room id). */
  readonly key: RoomKey;
  /** The room's epoch. */
  readonly epoch: number;
  /** The TCP port it listens on. */
  readonly port: number;
  /** The hosting player's secret, when one was given. */
  readonly hostKey: string | undefined;
  /**
   * Closes the room (everyone gets `bye` with the standings), its servers
   * and its announcer; the same promise on every call.
   */
  stop(): Promise<void>;
}

/**
 * Opens a room: builds the room, listens for players (TCP, and the web
 * page unless `webPort` is null), announces it (unless `announce` is
 * false). A taken game port is a {@linkcode UsageError} (unless
 * `anyPortIfTaken`); a taken web port is said and the room plays without
 * its page.
 *
 * @example
 * ```ts ignore
 * const service = await openRoom({ ...config, announce: false });
 * console.log(service.port);
 * await service.stop();
 * ```
 *
 * @param o the room's options
 */
export async function openRoom(o: OpenRoomOptions): Promise<RoomService> {
  const log = o.log ?? null;
  const epoch = o.epoch ?? 0;
  // One room key per host process: the room id is derived from it.
  const key = o.key ?? await createRoomKey();
  const hostId = key.id;
  let announcer: Announcer | null = null;
  // Set once the room exists (its first change may come from its constructor).
  let members: (() => string[]) | null = null;
  const options: RoomOptions = {
    name: o.name,
    hostId,
    onChange: (s) => {
      // What the log or the announcer cannot take must not reach the room.
      try {
        log?.roomChanged(s);
        if (log && members) log.members(members());
        announcer?.update({ players: s.players, state: s.state, game: s.game });
      } catch (e) {
        log?.line(String((e as Error)?.message ?? e).slice(0, 200));
      }
    },
    games: GAMES,
    game: o.game,
    gameOptions: o.gameOptions,
    capacity: o.capacity,
    graceMs: o.graceSec * 1000,
    autostart: o.players,
    quizzes: new QuizShelf(o.quizDir),
    quiz: o.quiz,
    hostKey: o.hostKey,
    publicKey: key.publicKey,
    ...(o.pin !== null ? { pin: o.pin } : {}),
    clock: realClock,
    random: Math.random,
    epoch,
    // A deputy needs the room's key to take it over (sealed for it).
    migration: o.migration === false ? false : {
      key: { privateKey: await key.exportPrivate(), publicKey: key.publicKey },
      lang: o.lang,
      // Made now: no key generation left running when the room closes.
      sealKeys: await sealKeys(),
    },
  };
  const room = o.makeRoom ? o.makeRoom(options) : new Room(options);
  members = () => room.nicknames();
  // One count of wrong PINs and codes per address, on TCP and on the web.
  const pins = new PinThrottle();
  let server: GameServer;
  try {
    server = listen(o, room, log, key, pins);
  } catch (e) {
    // Nothing opened: the room (its timers, its sealing keys) goes too.
    room.close();
    throw e;
  }
  const web = listenWeb(o, room, log, pins);
  // A deputy opens the same port numbers (the `fallback` nc players read).
  room.setPorts({
    port: server.port,
    ...(web ? { webPort: web.port } : {}),
  });
  // `key` signs ads and goodbyes (discovery/announcer.ts).
  const announceOptions = { interfaces: o.interfaces, key };
  if (o.announce) {
    try {
      const summary = room.summary();
      const ad: RoomAd = {
        hostId,
        name: o.name,
        port: server.port,
        game: summary.game,
        players: summary.players,
        capacity: summary.capacity,
        state: summary.state,
        // The ad says the room is locked, never the PIN.
        locked: o.pin !== null,
        protocol: PROTOCOL_VERSION,
        epoch,
      };
      announcer = await startAnnouncer(ad, announceOptions);
      for (const w of announcer.warnings) log?.announceWarning(w);
    } catch (e) {
      // Play still works by address: say why nobody will find the room.
      const line = t(o.lang, "host.announce_failed", {
        reason: (e as Error).message,
      });
      (o.onAnnounceFailed ?? console.error)(line);
    }
  }

  let stopping: Promise<void> | null = null;
  let unwatch: (() => void) | null = null;
  // The server's close closes the room first: everyone gets bye with the
  // session standings, browsers included.
  const stop = () => {
    unwatch?.();
    unwatch = null;
    return stopping ??= Promise.all([
      announcer?.close(),
      server.close().then(() => web?.close()),
    ]).then(() => {});
  };
  const ears = o.ownRoomAds === undefined
    ? (o.announce ? ownRoomAdsOn(o.interfaces) : null)
    : o.ownRoomAds;
  if (ears) {
    // The room is where its players are (cli/split_brain.ts).
    const guard = new SplitBrainGuard(epoch, () => room.connectedPlayers());
    let steppedDown = false;
    unwatch = ears(hostId, (e) => {
      if (steppedDown || stopping) return;
      if (e.type === "bye") return guard.goodbye(e.epoch);
      const step = guard.ad({
        epoch: e.ad.epoch,
        players: e.ad.players,
        address: e.source,
        port: e.ad.port,
      }, e.at);
      if (step.kind !== "yield") return;
      steppedDown = true;
      const { to } = step;
      log?.line(t(o.lang, "host.stepped_down", {
        address: `${to.address}:${to.port}`,
        epoch: step.epoch,
      }));
      // bye {reason: "moved", to} to every client, then the room closes.
      try {
        room.stepDown(to);
      } catch { /* the room is closing anyway */ }
      o.onSteppedDown?.(to, step.epoch);
      void stop();
    });
  }
  return {
    room,
    server,
    web,
    get announcer() {
      return announcer;
    },
    key,
    epoch,
    port: server.port,
    hostKey: o.hostKey,
    stop,
  };
}

/** Opens the TCP server; a taken port is a usage error saying what to do. */
function listen(
  o: OpenRoomOptions,
  room: Room,
  log: HostLog | null,
  key: RoomKey,
  pins: PinThrottle,
): GameServer {
  const open = (port: number) =>
    GameServer.listen({ hostname: o.bind, port }, {
      ...memberLimits(o, room, log, pins),
      proof: (nonce) => key.sign(proofData(nonce)),
    });
  try {
    return open(o.port);
  } catch (e) {
    if (e instanceof Deno.errors.AddrInUse) {
      if (o.anyPortIfTaken && o.port !== 0) return open(0);
      throw new UsageError("port_in_use", {
        port: o.port,
        next: o.port + 10,
      });
    }
    throw e;
  }
}

/**
 * What the TCP and the web servers share: the room, the games, the clock,
 * the language of the log, the connection limits and one wrong-PIN count.
 */
function memberLimits(
  o: OpenRoomOptions,
  room: Room,
  log: HostLog | null,
  pins: PinThrottle,
) {
  return {
    room,
    games: GAMES,
    clock: realClock,
    defaultLang: o.lang,
    handshakeMs: o.handshakeSec * 1000,
    maxConnections: o.maxConnections,
    maxPerAddress: o.maxPerAddress,
    pins,
    log: (line: string) => log?.line(line),
  };
}

/**
 * Opens the web page's server beside the game (`--web-port`, default the
 * game port + 2), or none with `--no-web`. A taken port is said and the
 * room plays without its page: the terminal and `nc` still work.
 */
function listenWeb(
  o: OpenRoomOptions,
  room: Room,
  log: HostLog | null,
  pins: PinThrottle,
): WebServer | null {
  if (o.webPort === null) return null;
  const addresses = o.bind === "0.0.0.0" ? localAddresses() : [o.bind];
  let hostname: string | null = null;
  try {
    hostname = Deno.hostname();
  } catch { /* no name: addresses only */ }
  try {
    return WebServer.listen({ hostname: o.bind, port: o.webPort }, {
      ...memberLimits(o, room, log, pins),
      hostNames: hostname ? [hostname] : [],
      urls: (port) => webUrls(addresses, hostname, port),
    });
  } catch (e) {
    if (e instanceof Deno.errors.AddrInUse) {
      console.error(
        introText(o.lang, "web.port_in_use", { port: o.webPort }),
      );
      return null;
    }
    throw e;
  }
}
