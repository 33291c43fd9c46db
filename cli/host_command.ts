/**
 * `lanplay host`: opens a room on this machine; the hosting player plays
 * from the same terminal (unless `--headless`, which logs instead).
 *
 * @module
 */
import type { RoomAddress } from "../protocol/messages.ts";
import { GAMES } from "../games/registry.ts";
import type { Room } from "../host/room.ts";
import { quizInfo } from "../host/quiz_shelf.ts";
import { quizLine } from "../text/options_lines.ts";
import { webIntroLines } from "../web/intro.ts";
import { Session } from "../client/session.ts";
import { CONFIRM_CLOSE_MS, playRoom } from "../client/app.ts";
import { CloseConfirmation } from "../client/close_confirmation.ts";
import { type Standing, standingsLines } from "../client/standings.ts";
import { systemTerminal } from "../client/terminal.ts";
import { type HostConfig, hostHelp, parseHostArgs } from "./host_options.ts";
import { HostLog } from "./host_log.ts";
import { joinWithRetry } from "./join_retry.ts";
import { localAddresses, openingLines } from "./local_addresses.ts";
import { askNickname, defaultNickname } from "./nickname.ts";
import { openRoom } from "./room_service.ts";
import { Failover } from "../client/failover.ts";
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
  // Split brain: this host stepped down for the room's newer host.
  let steppedDown!: (to: RoomAddress) => void;
  const stepped = new Promise<RoomAddress>((r) => steppedDown = r);
  let hosting = true;
  void stepped.then(() => hosting = false);
  const service = await openRoom({
    ...cfg,
    hostKey: cfg.headless ? undefined : hostKey,
    log,
    migration: cfg.migration,
    // Split brain: the same room seen elsewhere with more players here
    // (cli/split_brain.ts) keeps it; this one steps down.
    onSteppedDown: (to) => {
      log?.line(t(cfg.lang, "host.rejoin_new_host", {
        address: `${to.address}:${to.port}`,
      }));
      steppedDown(to);
    },
  });
  const { room, server, web, key } = service;
  const announcer = service.announcer;
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
  // The room's close comes first: everyone gets bye with the session
  // standings, browsers included.
  const stop = () => {
    requested();
    return stopping ??= service.stop();
  };

  if (cfg.headless) {
    // Listening before the address is printed: a script may stop us as
    // soon as it reads it.
    const stopped = untilHeadlessStop(room, cfg.lang, (l) => log!.line(l));
    for (const l of intro) console.log(l);
    // A headless host that stepped down has nothing left to do here.
    const how = await Promise.race([stopped, stepped.then(() => "moved")]);
    const standings = room.standings();
    await stop();
    if (how === "moved") return HOST_EXIT.closed;
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
    // When the room moves (split brain), the hosting player follows it as
    // a player: where the bye says, with the seat's token, the same key.
    const failover = new Failover({
      movedOnly: true,
      join: (to, token) =>
        Session.join({
          host: to.host,
          port: to.port,
          nickname: session.welcome.you.nickname,
          lang: cfg.lang,
          expectedRoomId: key.id,
          token,
          timeoutMs: 3000,
          handshakeMs: 10_000,
          ...ownPin,
        }),
    });
    failover.connected(session, { host: "127.0.0.1", port: server.port });
    const playing = playRoom({
      session,
      failover,
      games: GAMES,
      lang: cfg.lang,
      terminal,
      intro,
      hosting: {
        // Once its room stepped down, the hosting player is a player of
        // the new host: Ctrl-C leaves, /close and /handover are not its.
        active: () => hosting,
        others: () => Math.max(0, room.nicknames().length - 1),
        hasDeputy: () => room.deputies().length > 0,
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
    // `/handover`: the room went to a deputy; this player leaves it.
    let handedTo: RoomAddress | null = null;
    const outcome = await Promise.race([
      playing,
      stopRequested.then(() =>
        new Promise<null>((resolve) => safety = setTimeout(resolve, 3000, null))
      ),
      room.handedOver.then((to) => {
        handedTo = to;
        return null;
      }),
    ]);
    clearTimeout(safety);
    if (!stopping) last = room.standings();
    await stop();
    terminal.leave();
    if (handedTo) {
      const to: RoomAddress = handedTo;
      printStandings(last, cfg.lang, session.welcome.you.nickname, cfg.name);
      console.log(t(cfg.lang, "host.handed_over", {
        address: `${to.address}:${to.port}`,
      }));
      return HOST_EXIT.closed;
    }
    if (!hosting) {
      // Its room stepped down: this program played on at the new host,
      // whose room goes on without it.
      printStandings(
        outcome?.standings ?? [],
        cfg.lang,
        session.welcome.you.nickname,
        cfg.name,
      );
      return terminated ? HOST_EXIT.terminated : HOST_EXIT.closed;
    }
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
  // Seats, held ones too: a player whose Wi-Fi dropped still has a seat.
  const confirm = new CloseConfirmation(
    () => room.nicknames().length,
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
        n: room.nicknames().length,
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
