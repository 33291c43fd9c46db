/**
 * `lanplay host`: opens a room on this machine; the hosting player plays
 * from the same terminal (unless `--headless`, which logs instead).
 *
 * @module
 */
import { PROTOCOL_VERSION } from "../protocol/constants.ts";
import { GAMES } from "../games/registry.ts";
import { realClock } from "../host/clock.ts";
import { Room } from "../host/room.ts";
import { quizInfo, QuizShelf } from "../host/quiz_shelf.ts";
import { quizLine } from "../text/options_lines.ts";
import { GameServer } from "../host/server.ts";
import { WebServer } from "../host/web_server.ts";
import { PinThrottle } from "../host/pin_throttle.ts";
import { introText, webIntroLines, webUrls } from "../web/intro.ts";
import {
  type Announcer,
  createRoomKey,
  proofData,
  type RoomKey,
  startAnnouncer,
} from "../discovery/mod.ts";
import { Session } from "../client/session.ts";
import { CONFIRM_CLOSE_MS, playRoom } from "../client/app.ts";
import { CloseConfirmation } from "../client/close_confirmation.ts";
import { type Standing, standingsLines } from "../client/standings.ts";
import { systemTerminal } from "../client/terminal.ts";
import { UsageError } from "./errors.ts";
import { type HostConfig, hostHelp, parseHostArgs } from "./host_options.ts";
import { HostLog } from "./host_log.ts";
import { joinWithRetry } from "./join_retry.ts";
import { localAddresses, openingLines } from "./local_addresses.ts";
import { askNickname, defaultNickname } from "./nickname.ts";
import { t } from "./texts.ts";

/**
 * Runs `lanplay host` until the hosting player quits or Ctrl-C.
 *
 * @example
 * ```ts ignore
 * await hostCommand(["--headless", "--port", "4000"]);
 * ```
 */
export async function hostCommand(args: string[]): Promise<number> {
  const env = Deno.env.toObject();
  const parsed = parseHostArgs(args, env);
  if (parsed.help) {
    console.log(hostHelp(parsed.lang));
    return 0;
  }
  const cfg: HostConfig = parsed;
  const log = cfg.headless
    ? new HostLog(cfg.lang, (l) => console.log(l), () => Date.now())
    : null;
  const hostKey = crypto.randomUUID();
  // One room key per host process: the room id is derived from it.
  const key = await createRoomKey();
  const hostId = key.id;
  let announcer: Announcer | null = null;
  // Set once the room exists (its first change may come from its constructor).
  let members: (() => string[]) | null = null;
  const room = new Room({
    name: cfg.name,
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
    game: cfg.game,
    gameOptions: cfg.gameOptions,
    capacity: cfg.capacity,
    graceMs: cfg.graceSec * 1000,
    autostart: cfg.players,
    quizzes: new QuizShelf(cfg.quizDir),
    quiz: cfg.quiz,
    hostKey: cfg.headless ? undefined : hostKey,
    publicKey: key.publicKey,
    ...(cfg.pin !== null ? { pin: cfg.pin } : {}),
    clock: realClock,
    random: Math.random,
  });
  members = () => room.nicknames();
  // One count of wrong PINs and codes per address, on TCP and on the web.
  const pins = new PinThrottle();
  const server = listen(cfg, room, log, key, pins);
  const web = listenWeb(cfg, room, log, pins);
  // `key` signs ads and goodbyes (discovery/announcer.ts).
  const announceOptions = { interfaces: cfg.interfaces, key };
  if (cfg.announce) {
    try {
      const summary = room.summary();
      announcer = await startAnnouncer({
        hostId,
        name: cfg.name,
        port: server.port,
        game: summary.game,
        players: summary.players,
        capacity: summary.capacity,
        state: summary.state,
        // The ad says the room is locked, never the PIN.
        locked: cfg.pin !== null,
        protocol: PROTOCOL_VERSION,
        epoch: 0,
      }, announceOptions);
      for (const w of announcer.warnings) log?.announceWarning(w);
    } catch (e) {
      // Play still works by address: say why nobody will find the room.
      console.error(
        t(cfg.lang, "host.announce_failed", { reason: (e as Error).message }),
      );
    }
  }
  // Without an announcer (--no-announce, or it failed) nobody finds the
  // room by searching: say how to join it by address instead.
  const howToJoin = t(cfg.lang, "host.how_to_join", { port: server.port });
  const opening = openingLines(
    cfg.lang,
    cfg.name,
    cfg.bind === "0.0.0.0" ? localAddresses() : [cfg.bind],
    server.port,
  ).map((line) =>
    line === howToJoin && announcer === null
      ? t(cfg.lang, "host.how_to_join_direct", { port: server.port })
      : line
  );
  const intro = [
    ...opening,
    t(cfg.lang, "host.fingerprint", { fingerprint: key.fingerprint }),
    // A custom quiz says which one it is: its title and question count.
    ...(cfg.quiz ? [quizLine(quizInfo(cfg.quiz), cfg.lang, true)] : []),
    ...(web ? webIntroLines(cfg.lang, web.urls) : []),
  ];

  let stopping: Promise<void> | null = null;
  let requested!: () => void;
  const stopRequested = new Promise<void>((r) => requested = r);
  // The server's close closes the room first: everyone gets bye with the
  // session standings, browsers included.
  const stop = () => {
    requested();
    return stopping ??= Promise.all([
      announcer?.close(),
      server.close().then(() => web?.close()),
    ]).then(() => {});
  };

  if (cfg.headless) {
    // Listening before the address is printed: a script may stop us as
    // soon as it reads it.
    const stopped = untilHeadlessStop(room, cfg.lang, (l) => log!.line(l));
    for (const l of intro) console.log(l);
    const how = await stopped;
    const standings = room.standings();
    await stop();
    printStandings(standings, cfg.lang, "", cfg.name);
    console.log(t(cfg.lang, "host.closed"));
    return how === "SIGTERM" ? HOST_EXIT.terminated : HOST_EXIT.closed;
  }

  const terminal = systemTerminal();
  // SIGTERM closes at once, from the start.
  let terminated = false;
  const onTerm = () => {
    terminated = true;
    void stop();
  };
  const term: Deno.Signal[] = Deno.build.os === "windows" ? [] : ["SIGTERM"];
  for (const s of term) Deno.addSignalListener(s, onTerm);
  try {
    const nickname = cfg.nickname ??
      (terminal.tty
        ? askNickname(cfg.lang, defaultNickname(env, cfg.lang))
        : defaultNickname(env, cfg.lang));
    // The hosting player knows the PIN and checks its own room's key.
    const ownPin = cfg.pin !== null ? { pin: cfg.pin } : {};
    let session: Session;
    try {
      session = await joinWithRetry(
        (nickname) =>
          Session.join({
            host: cfg.bind === "0.0.0.0" ? "127.0.0.1" : cfg.bind,
            port: server.port,
            nickname,
            lang: cfg.lang,
            hostKey,
            expectedRoomId: key.id,
            // Its own room, in this process: a stall of this process is not
            // a lost host (and nothing could reconnect anyway).
            heartbeat: false,
            ...ownPin,
          }),
        nickname,
        (refusal) =>
          terminal.tty
            ? askNickname(
              cfg.lang,
              defaultNickname(env, cfg.lang),
              refusal.message,
            )
            : null,
      );
    } catch (e) {
      await stop();
      throw e;
    }
    if (terminated) {
      await stop();
      return HOST_EXIT.terminated;
    }
    let last = room.standings();
    const playing = playRoom({
      session,
      games: GAMES,
      lang: cfg.lang,
      terminal,
      intro,
      hosting: {
        others: () => Math.max(0, room.summary().players - 1),
        close: () => {
          last = room.standings();
          void stop();
        },
        interrupts: (interrupt) => {
          // A SIGINT that is not a key (a pipe, `kill -INT`): a Ctrl-C too.
          Deno.addSignalListener("SIGINT", interrupt);
          return () => Deno.removeSignalListener("SIGINT", interrupt);
        },
      },
    });
    // If our own goodbye never arrives, the room is closed all the same.
    let safety: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([
      playing,
      stopRequested.then(() =>
        new Promise<null>((resolve) => safety = setTimeout(resolve, 3000, null))
      ),
    ]);
    clearTimeout(safety);
    if (!stopping) last = room.standings();
    await stop();
    terminal.leave();
    const standings = outcome?.final && outcome.standings
      ? outcome.standings
      : last;
    printStandings(standings, cfg.lang, session.welcome.you.nickname, cfg.name);
    console.log(t(cfg.lang, "host.closed_bye"));
    return terminated ? HOST_EXIT.terminated : HOST_EXIT.closed;
  } finally {
    for (const s of term) Deno.removeSignalListener(s, onTerm);
  }
}

/**
 * The exit codes of `host`: 0 the room was closed (Ctrl-C, `/close`), 143
 * SIGTERM (a clean close all the same); 1 an error, 2 a usage error.
 *
 * @example
 * ```ts
 * import { HOST_EXIT } from "./host_command.ts";
 * HOST_EXIT.terminated; // 143
 * ```
 */
export const HOST_EXIT: Readonly<{ closed: number; terminated: number }> =
  Object.freeze({ closed: 0, terminated: 143 });

/**
 * Waits for the headless host's end: SIGTERM at once; SIGINT at once in an
 * empty room, else a second within {@linkcode CONFIRM_CLOSE_MS} (the log
 * says so at the first).
 */
function untilHeadlessStop(
  room: Room,
  lang: HostConfig["lang"],
  log: (line: string) => void,
): Promise<"SIGINT" | "SIGTERM"> {
  const confirm = new CloseConfirmation(
    () => room.summary().players,
    CONFIRM_CLOSE_MS,
  );
  return new Promise((resolve) => {
    const done = (how: "SIGINT" | "SIGTERM") => {
      Deno.removeSignalListener("SIGINT", onInt);
      if (Deno.build.os !== "windows") {
        Deno.removeSignalListener("SIGTERM", onTerm);
      }
      resolve(how);
    };
    const onInt = () => {
      if (confirm.interrupt(performance.now()) === "close") {
        return done("SIGINT");
      }
      log(t(lang, "host.confirm_close", {
        n: room.summary().players,
        s: CONFIRM_CLOSE_MS / 1000,
      }));
    };
    const onTerm = () => done("SIGTERM");
    Deno.addSignalListener("SIGINT", onInt);
    if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", onTerm);
  });
}

/** The session standings on the normal screen, when anyone played. */
function printStandings(
  standings: readonly Standing[],
  lang: HostConfig["lang"],
  me: string,
  room: string,
): void {
  const lines = standingsLines(standings, lang, { final: true, me, room });
  if (lines.length) console.log(["", ...lines, ""].join("\n"));
}

/** Opens the TCP server; a taken port is a usage error saying what to do. */
function listen(
  cfg: HostConfig,
  room: Room,
  log: HostLog | null,
  key: RoomKey,
  pins: PinThrottle,
): GameServer {
  try {
    return GameServer.listen({ hostname: cfg.bind, port: cfg.port }, {
      ...memberLimits(cfg, room, log, pins),
      proof: (nonce) => key.sign(proofData(nonce)),
    });
  } catch (e) {
    if (e instanceof Deno.errors.AddrInUse) {
      throw new UsageError("port_in_use", {
        port: cfg.port,
        next: cfg.port + 10,
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
  cfg: HostConfig,
  room: Room,
  log: HostLog | null,
  pins: PinThrottle,
) {
  return {
    room,
    games: GAMES,
    clock: realClock,
    defaultLang: cfg.lang,
    handshakeMs: cfg.handshakeSec * 1000,
    maxConnections: cfg.maxConnections,
    maxPerAddress: cfg.maxPerAddress,
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
  cfg: HostConfig,
  room: Room,
  log: HostLog | null,
  pins: PinThrottle,
): WebServer | null {
  if (cfg.webPort === null) return null;
  const addresses = cfg.bind === "0.0.0.0" ? localAddresses() : [cfg.bind];
  let hostname: string | null = null;
  try {
    hostname = Deno.hostname();
  } catch { /* no name: addresses only */ }
  try {
    return WebServer.listen({ hostname: cfg.bind, port: cfg.webPort }, {
      ...memberLimits(cfg, room, log, pins),
      hostNames: hostname ? [hostname] : [],
      urls: (port) => webUrls(addresses, hostname, port),
    });
  } catch (e) {
    if (e instanceof Deno.errors.AddrInUse) {
      console.error(
        introText(cfg.lang, "web.port_in_use", { port: cfg.webPort }),
      );
      return null;
    }
    throw e;
  }
}
