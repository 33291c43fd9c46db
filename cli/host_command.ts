/**
 * `lanplay host`: opens a room on this machine; the hosting player plays
 * from the same terminal (unless `--headless`).
 *
 * @module
 */
import { parseArgs } from "node:util";
import {
  DEFAULT_CAPACITY,
  DEFAULT_PORT,
  type Lang,
  PROTOCOL_VERSION,
} from "../protocol/constants.ts";
import { GAMES } from "../games/registry.ts";
import {
  parseQuizFile,
  type QcmQuestion,
  QuizFileError,
} from "../games/qcm/mod.ts";
import { pickLang } from "../i18n/translate.ts";
import { realClock } from "../host/clock.ts";
import { Room } from "../host/room.ts";
import { GameServer } from "../host/server.ts";
import { type Announcer, startAnnouncer } from "../discovery/announcer.ts";
import { Session } from "../client/session.ts";
import { runPlayer } from "../client/app.ts";
import { systemTerminal } from "../client/terminal.ts";
import { intOption } from "./args.ts";
import { UsageError } from "./errors.ts";
import { askNickname, defaultNickname } from "./nickname.ts";

/** Help text of `lanplay host`. */
export const HOST_HELP =
  `lanplay host — open a game room on this machine and play in it

Usage: deno task host [options]      (or: lanplay host [options])

  --name NAME       room name (default: "Salle de <hostname>")
  --nickname NAME   your nickname as the hosting player
  --game ID         game to preselect: ${
    Object.keys(GAMES).join(", ")
  } (default justeprix)
  --players N       start the first game by itself when N players are in
  --port PORT       TCP port (default ${DEFAULT_PORT})
  --bind ADDR       address to listen on (default 0.0.0.0: every interface)
  --capacity N      most players (default ${DEFAULT_CAPACITY})
  --interface X     announce on this interface only (name or IPv4; repeatable)
  --no-announce     do not announce (players then need --host ADDRESS)
  --headless        no local player: a server for others (logs on stdout)
  --lang fr|en      language (default from LANG)
  --max N           juste prix: secret between 1 and N (default 100)
  --rounds N        juste prix: rounds per game
  --time SEC        juste prix: seconds per round (0 = no limit)
  --questions FILE  QCM: your own quiz (JSON or CSV, see docs/games/qcm.md)
  --count N         QCM: number of questions (default 10)
  --set GAME.KEY=V  any game option, e.g. --set justeprix.max=1000 (repeatable)
`;

/** Parsed `host` options. */
export interface HostConfig {
  name: string;
  nickname: string | null;
  game: string;
  players: number | null;
  port: number;
  bind: string;
  capacity: number;
  headless: boolean;
  lang: Lang;
  announce: boolean;
  interfaces: string[] | undefined;
  gameOptions: Record<string, Record<string, unknown>>;
}

/**
 * Reads `host` options; throws {@linkcode UsageError} with what to fix.
 *
 * @example
 * ```ts
 * import { parseHostArgs } from "./host_command.ts";
 * parseHostArgs(["--port", "4000", "--headless"], {}).port; // 4000
 * ```
 */
export function parseHostArgs(
  args: string[],
  env: Record<string, string | undefined>,
): HostConfig {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        name: { type: "string" },
        nickname: { type: "string" },
        game: { type: "string" },
        players: { type: "string" },
        port: { type: "string" },
        bind: { type: "string" },
        capacity: { type: "string" },
        headless: { type: "boolean" },
        interface: { type: "string", multiple: true },
        "no-announce": { type: "boolean" },
        lang: { type: "string" },
        max: { type: "string" },
        rounds: { type: "string" },
        time: { type: "string" },
        set: { type: "string", multiple: true },
        questions: { type: "string" },
        count: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}. See "lanplay host --help".`);
  }
  const v = parsed.values;
  if (v.help) throw new UsageError(HOST_HELP);
  const game = v.game ?? (v.questions ? "qcm" : "justeprix");
  if (!GAMES[game]) {
    throw new UsageError(
      `Unknown game "${game}": choose one of ${Object.keys(GAMES).join(", ")}.`,
    );
  }
  const gameOptions: Record<string, Record<string, unknown>> = {};
  const put = (g: string, k: string, value: unknown) =>
    (gameOptions[g] ??= {})[k] = value;
  if (v.max) put("justeprix", "max", intOption(v, "max", 100, 2, 1_000_000));
  if (v.rounds) put("justeprix", "rounds", intOption(v, "rounds", 3, 1, 20));
  if (v.time) {
    put("justeprix", "timeLimitSec", intOption(v, "time", 90, 0, 3600));
  }
  if (v.count) put("qcm", "count", intOption(v, "count", 10, 1, 500));
  if (v.questions) {
    put("qcm", "questions", loadQuiz(v.questions, pickLang(v.lang, env)));
  }
  for (const s of v.set ?? []) {
    const m = /^(\w+)\.(\w+)=(.*)$/.exec(s);
    if (!m || !GAMES[m[1]]) {
      throw new UsageError(
        `--set takes GAME.KEY=VALUE with GAME one of ${
          Object.keys(GAMES).join(", ")
        }, not "${s}".`,
      );
    }
    const raw = m[3];
    put(
      m[1],
      m[2],
      /^-?\d+(\.\d+)?$/.test(raw)
        ? Number(raw)
        : raw === "true"
        ? true
        : raw === "false"
        ? false
        : raw,
    );
  }
  const hostname = (() => {
    try {
      return Deno.hostname();
    } catch {
      return "lanplay";
    }
  })();
  const lang = pickLang(v.lang, env);
  return {
    name: (v.name ??
      (lang === "fr" ? `Salle de ${hostname}` : `${hostname}'s room`)).slice(
        0,
        60,
      ),
    nickname: v.nickname ?? null,
    game,
    players: intOption(v, "players", null, 1, 1000),
    port: intOption(v, "port", DEFAULT_PORT, 0, 65535),
    bind: v.bind ?? "0.0.0.0",
    capacity: intOption(v, "capacity", DEFAULT_CAPACITY, 1, 1000),
    headless: !!v.headless,
    announce: !v["no-announce"],
    interfaces: v.interface,
    lang,
    gameOptions,
  };
}

/**
 * Reads and validates a quiz file; every problem is reported with its line.
 *
 * @example
 * ```ts ignore
 * const questions = loadQuiz("docs/quiz-template.csv", "fr");
 * ```
 */
export function loadQuiz(path: string, lang: Lang): QcmQuestion[] {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    const why = e instanceof Deno.errors.NotFound
      ? "no such file"
      : (e as Error).message;
    throw new UsageError(
      lang === "fr"
        ? `Impossible de lire le quiz « ${path} » (${why}). Vérifiez le chemin ; un modèle est dans docs/quiz-template.csv.`
        : `Cannot read the quiz "${path}" (${why}). Check the path; there is a template in docs/quiz-template.csv.`,
    );
  }
  try {
    return parseQuizFile(text, path);
  } catch (e) {
    if (e instanceof QuizFileError) {
      throw new UsageError(e.report(lang).join("\n"));
    }
    throw e;
  }
}

/**
 * IPv4 addresses players can use to reach this machine (not loopback).
 *
 * @example
 * ```ts ignore
 * localAddresses(); // ["198.18.0.1"]
 * ```
 */
export function localAddresses(): string[] {
  try {
    return Deno.networkInterfaces()
      .filter((i) => i.family === "IPv4" && !i.address.startsWith("127."))
      .map((i) => i.address);
  } catch {
    return [];
  }
}

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
  const cfg = parseHostArgs(args, env);
  const hostKey = crypto.randomUUID();
  const log = (line: string) => {
    if (cfg.headless) {
      console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
    }
  };
  const hostId = crypto.randomUUID().slice(0, 8);
  let announcer: Announcer | null = null;
  let lastState = "lobby";
  const room = new Room({
    name: cfg.name,
    hostId,
    onChange: (s) => {
      if (s.state !== lastState) {
        log(
          s.state === "playing"
            ? `game started: ${s.game} (${s.players} players)`
            : `game over: ${s.game}`,
        );
        lastState = s.state;
      }
      announcer?.update({ players: s.players, state: s.state, game: s.game });
    },
    games: GAMES,
    game: cfg.game,
    gameOptions: cfg.gameOptions,
    capacity: cfg.capacity,
    autostart: cfg.players,
    hostKey: cfg.headless ? undefined : hostKey,
    clock: realClock,
    random: Math.random,
  });
  let server: GameServer;
  try {
    server = GameServer.listen({ hostname: cfg.bind, port: cfg.port }, {
      room,
      games: GAMES,
      clock: realClock,
      defaultLang: cfg.lang,
      log,
    });
  } catch (e) {
    if (e instanceof Deno.errors.AddrInUse) {
      throw new UsageError(
        cfg.lang === "fr"
          ? `Le port ${cfg.port} est déjà pris sur cette machine (un autre hôte lanplay ?). Choisissez-en un autre avec --port, par exemple --port ${
            cfg.port + 10
          }.`
          : `Port ${cfg.port} is already in use on this machine (another lanplay host?). Choose another with --port, e.g. --port ${
            cfg.port + 10
          }.`,
      );
    }
    throw e;
  }
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
        locked: false,
        protocol: PROTOCOL_VERSION,
      }, { interfaces: cfg.interfaces });
      for (const w of announcer.warnings) log(`announce: ${w}`);
    } catch (e) {
      // Play still works by address: say why nobody will find the room.
      const why = (e as Error).message;
      console.error(
        cfg.lang === "fr"
          ? `Annonce sur le réseau impossible (${why}) : les joueurs devront taper --host ADRESSE.`
          : `Cannot announce the room (${why}): players will need --host ADDRESS.`,
      );
    }
  }
  const addresses = cfg.bind === "0.0.0.0" ? localAddresses() : [cfg.bind];
  const where = addresses.length
    ? addresses.map((a) => `${a}:${server.port}`).join(", ")
    : `port ${server.port}`;
  const intro = cfg.lang === "fr"
    ? [
      `« ${cfg.name} » ouverte sur ${where}.`,
      `Pour rejoindre : deno task join (la salle s'annonce toute seule), ou nc ADRESSE ${server.port}`,
    ]
    : [
      `“${cfg.name}” is open on ${where}.`,
      `To join: deno task join (the room announces itself), or nc ADDRESS ${server.port}`,
    ];

  let stopping: Promise<void> | null = null;
  const stop = () =>
    stopping ??= Promise.all([announcer?.close(), server.close()]).then(
      () => {},
    );
  const signals: Deno.Signal[] = Deno.build.os === "windows"
    ? ["SIGINT"]
    : ["SIGINT", "SIGTERM"];
  const stopped = new Promise<void>((resolve) => {
    for (const s of signals) {
      Deno.addSignalListener(s, () => stop().then(resolve));
    }
  });

  if (cfg.headless) {
    for (const l of intro) console.log(l);
    await stopped;
    console.log(cfg.lang === "fr" ? "Salle fermée." : "Room closed.");
    return 0;
  }

  const terminal = systemTerminal();
  let nickname = cfg.nickname ??
    (terminal.tty
      ? askNickname(cfg.lang, defaultNickname(env))
      : defaultNickname(env));
  let session: Session | null = null;
  while (!session) {
    try {
      session = await Session.join({
        host: cfg.bind === "0.0.0.0" ? "127.0.0.1" : cfg.bind,
        port: server.port,
        nickname,
        lang: cfg.lang,
        hostKey,
      });
    } catch (e) {
      if (
        !terminal.tty ||
        !(e instanceof Error && "retryable" in e && e.retryable)
      ) {
        await stop();
        throw e;
      }
      nickname = askNickname(
        cfg.lang,
        defaultNickname(env),
        (e as Error).message,
      );
    }
  }
  await Promise.race([
    runPlayer({ session, games: GAMES, lang: cfg.lang, terminal, intro }),
    stopped,
  ]);
  await stop();
  terminal.leave();
  console.log(
    cfg.lang === "fr" ? "Salle fermée. À bientôt !" : "Room closed. See you!",
  );
  return 0;
}
