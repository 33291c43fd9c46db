/**
 * The options of `lanplay host`, parsed with `node:util` parseArgs and
 * checked, and its help text.
 *
 * @module
 */
import { parseArgs } from "node:util";
import {
  DEFAULT_CAPACITY,
  DEFAULT_GRACE_MS,
  DEFAULT_PORT,
  defaultMaxConnections,
  HANDSHAKE_TIMEOUT_MS,
  type Lang,
  MAX_PER_ADDRESS,
} from "../protocol/constants.ts";
import { sanitize } from "../text/sanitize.ts";
import { GAMES } from "../games/registry.ts";
import { pickLang } from "../i18n/translate.ts";
import { intOption, type Parsed, strictArgs } from "./args.ts";
import { UsageError } from "./errors.ts";
import { type GameOptions, gameOptions } from "./game_options.ts";
import { loadQuiz, quizDirOption } from "./quiz_loading.ts";
import type { LoadedQuiz } from "../host/quiz_shelf.ts";
import { t } from "./texts.ts";
import { WEB_PORT_OFFSET } from "../host/web_server.ts";

/**
 * Help text of `lanplay host` in `lang`.
 *
 * @example
 * ```ts
 * import { hostHelp } from "./host_options.ts";
 * hostHelp("en").startsWith("lanplay host — "); // true
 * hostHelp("fr").includes("--port PORT       port TCP (par défaut 50026)"); // true
 * ```
 */
export function hostHelp(lang: Lang): string {
  return t(lang, "host.help", {
    games: Object.keys(GAMES).join(", "),
    port: DEFAULT_PORT,
    capacity: DEFAULT_CAPACITY,
    handshake: HANDSHAKE_TIMEOUT_MS / 1000,
    grace: DEFAULT_GRACE_MS / 1000,
    connections: defaultMaxConnections(DEFAULT_CAPACITY),
    per_address: MAX_PER_ADDRESS,
    web_port: DEFAULT_PORT + WEB_PORT_OFFSET,
  });
}

/** Most players a room may be given (`--capacity`, `--players`). */
export const MAX_CAPACITY = 100_000;

/** What a `--pin` may be: 1 to 32 letters, digits, `-` or `_`. */
export const PIN_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** Checked `host` options. */
export interface HostConfig {
  /** Room name, at most 60 characters. */
  name: string;
  /** Nickname of the hosting player (`null`: ask or take `USER`). */
  nickname: string | null;
  /** Game preselected in the room. */
  game: string;
  /** Start the first game by itself at this many players. */
  players: number | null;
  /** TCP port to listen on (0: any free port). */
  port: number;
  /** Address to listen on. */
  bind: string;
  /** Most players. */
  capacity: number;
  /** No local player; log lines on stdout. */
  headless: boolean;
  /** Language of the host's terminal and log. */
  lang: Lang;
  /** Announce the room on the LAN. */
  announce: boolean;
  /** Announce on these interfaces only. */
  interfaces: string[] | undefined;
  /** Options per game id. */
  gameOptions: GameOptions;
  /** The quiz of `--questions`, read and checked, or null. */
  quiz: LoadedQuiz | null;
  /** The folder of the quiz files the leader loads from the room (`--quiz-dir`). */
  quizDir: string;
  /** The PIN players must give (`--pin`), or null for an open room. */
  pin: string | null;
  /** Seconds a new connection has to send a hello or a nickname. */
  handshakeSec: number;
  /** Seconds a lost player's seat is held for them to come back (0: freed at once). */
  graceSec: number;
  /** Most open connections in all (default: 4 per seat, at least 64). */
  maxConnections: number;
  /** Most open connections from one address. */
  maxPerAddress: number;
  /**
   * TCP port of the web page and its WebSocket (default: the game port + 2;
   * 0 picks a free one), or null with `--no-web`.
   */
  webPort: number | null;
  /**
   * Let the room choose deputies that take it over if this host goes
   * (false with `--no-migration`).
   */
  migration: boolean;
}

function hostname(): string {
  try {
    return Deno.hostname();
  } catch {
    return "lanplay";
  }
}

/**
 * Reads `host` options: `{ help: true, lang }` for `--help`, else the checked
 * configuration; a wrong option throws a {@linkcode UsageError} saying what
 * to fix.
 *
 * @example
 * ```ts
 * import { parseHostArgs } from "./host_options.ts";
 * const cfg = parseHostArgs(["--port", "4000", "--headless"], {});
 * cfg.help ? "help" : cfg.port; // 4000
 * parseHostArgs(["--lang", "fr", "-h"], {}).help; // true
 * ```
 */
export function parseHostArgs(
  args: string[],
  env: Record<string, string | undefined>,
): Parsed<HostConfig> {
  const { values: v } = strictArgs("host", () =>
    parseArgs({
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
        "quiz-dir": { type: "string" },
        count: { type: "string" },
        pin: { type: "string" },
        "handshake-timeout": { type: "string" },
        grace: { type: "string" },
        "max-connections": { type: "string" },
        "max-per-address": { type: "string" },
        "web-port": { type: "string" },
        "no-web": { type: "boolean" },
        "no-migration": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  const lang = pickLang(v.lang, env);
  if (v.help) return { help: true, lang };
  const game = v.game ?? (v.questions ? "qcm" : "justeprix");
  if (!GAMES[game]) {
    throw new UsageError("unknown_game", {
      game,
      games: Object.keys(GAMES).join(", "),
    });
  }
  const options = gameOptions(v, GAMES, lang);
  const quiz = v.questions ? loadQuiz(v.questions, lang) : null;
  if (v.pin !== undefined && !PIN_PATTERN.test(v.pin)) {
    throw new UsageError("bad_pin", { value: sanitize(v.pin.slice(0, 40)) });
  }
  const capacity = intOption(v, "capacity", DEFAULT_CAPACITY, 1, MAX_CAPACITY);
  const port = intOption(v, "port", DEFAULT_PORT, 0, 65535);
  // The web page's port: beside the game's (0 when the game's is picked freely).
  const webDefault = port === 0 || port + WEB_PORT_OFFSET > 65535
    ? 0
    : port + WEB_PORT_OFFSET;
  return {
    help: false,
    // The room name goes to every player and the LAN: no control character.
    name: sanitize(
      v.name ?? t(lang, "host.default_name", { hostname: hostname() }),
    ).slice(0, 60),
    nickname: v.nickname ?? null,
    game,
    players: intOption(v, "players", null, 1, MAX_CAPACITY),
    port,
    bind: v.bind ?? "0.0.0.0",
    capacity,
    headless: !!v.headless,
    announce: !v["no-announce"],
    interfaces: v.interface,
    lang,
    gameOptions: options,
    quiz,
    quizDir: quizDirOption(v["quiz-dir"]),
    pin: v.pin ?? null,
    handshakeSec: intOption(
      v,
      "handshake-timeout",
      HANDSHAKE_TIMEOUT_MS / 1000,
      1,
      3600,
    ),
    graceSec: intOption(v, "grace", DEFAULT_GRACE_MS / 1000, 0, 86_400),
    maxConnections: intOption(
      v,
      "max-connections",
      defaultMaxConnections(capacity),
      1,
      1_000_000,
    ),
    maxPerAddress: intOption(
      v,
      "max-per-address",
      MAX_PER_ADDRESS,
      1,
      1_000_000,
    ),
    webPort: v["no-web"]
      ? null
      : intOption(v, "web-port", webDefault, 0, 65535),
    migration: !v["no-migration"],
  };
}
