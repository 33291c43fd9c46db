/**
 * Text mode: what a player on `nc HOST 50026` reads and types (the host
 * renders it for text-mode connections; the client uses it for its log and
 * for pipes). Host messages
 * become human lines in the player's language; typed lines become the same
 * messages a JSON client would send.
 *
 * Game ids come from the wire: a game is found only among the registry's
 * own entries, never a prototype's (`toString`, `__proto__`...).
 *
 * @module
 */
import { type Lang, LANGS } from "../protocol/constants.ts";
import type { HostMessage } from "../protocol/messages.ts";
import type { GameMessage } from "../protocol/messages.ts";
import { t } from "../i18n/messages.ts";
import { sanitize } from "./sanitize.ts";
import {
  quizChangeLines,
  quizLine,
  quizOf,
  roomOptionLines,
} from "./options_lines.ts";

/** How long a first `/stop` waits for the second one that confirms it (ms). */
export const STOP_CONFIRM_MS = 5000;

const HOST_TYPES = new Set([
  "welcome",
  "lobby",
  "chat",
  "joined",
  "left",
  "game_start",
  "view",
  "game_end",
  "error",
  "bye",
  "pong",
  "ping",
  "away",
  "back",
  "leader",
  "fallback",
  "deputy",
  "replica",
  "handover",
]);

/** The game of a registry with this id: own entries only. */
function ownGame(
  games: Readonly<Record<string, TextGame>>,
  id: string | null,
): TextGame | undefined {
  return id !== null && Object.hasOwn(games, id) ? games[id] : undefined;
}

/**
 * What text mode needs of a game: its title and how it reads and writes text.
 * Every game of the registry (`games/registry.ts`) fits it.
 */
export interface TextGame {
  /** The game's rules; text mode reads only the title. */
  rules: { title: Record<Lang, string> };
  /** Text lines, help and typed-move parsing. */
  view: {
    /** Human lines for one game message. */
    lines(message: GameMessage, lang: Lang, me: string): string[];
    /** One-line help: how to play in text. */
    help(lang: Lang): string;
    /** Optional: lines for a view, given the one held before. */
    viewLines?(view: unknown, previous: unknown, lang: Lang): string[];
    /** A typed line as a move, or null when it is chat. */
    parseInput(line: string, view: unknown): { type: string } | null;
  };
}

/**
 * A typed line, understood: a message for the room, lines to show this
 * player only (`/help`, `/players`), or nothing.
 */
export type TextInput =
  | {
    kind: "send";
    message: { type: string; [key: string]: unknown };
    /** Lines to show this player too (`/lang en` confirms, in English). */
    lines?: string[];
  }
  | { kind: "show"; lines: string[] }
  | { kind: "none" };

/** How a text session differs between the host (nc players) and the client. */
export interface TextSessionOptions {
  /**
   * The first line of `/help` in a language (default: the shared
   * `text_help`, the slash commands of text mode).
   */
  helpLine?: (lang: Lang) => string;
  /**
   * Show the welcome's rejoin code (default true: a text player types it
   * to take the seat back; the lanplay client rejoins by itself).
   */
  rejoinCode?: boolean;
  /** The clock of the `/stop` confirmation, in ms (default `Date.now`). */
  now?: () => number;
}

/**
 * Host message types whose text lines depend on the language only (not on
 * the session: who reads, what it saw before). A host renders each of
 * them once per language for all its text players.
 */
export const LANG_ONLY_TYPES: ReadonlySet<string> = new Set([
  "chat",
  "joined",
  "left",
  "away",
  "back",
]);

/**
 * Renders host messages for one text-mode player. It remembers what it needs
 * (the running game, the last view, the last lobby) between messages.
 *
 * @example
 * ```ts
 * import { TextSession } from "./session.ts";
 * const s = new TextSession({}, "en", "ana");
 * s.render({ type: "chat", from: "bob", text: "hi", at: 0 }); // ["[bob] hi"]
 * ```
 */
export class TextSession {
  /** Language of the lines; change it when the player says `/lang`. */
  lang: Lang;
  /** This player's nickname (to tell "you" from the others). */
  readonly me: string;
  /** Id of the running game, or null in the lobby. */
  game: string | null = null;
  /** The last `view` of the running game (null before the first one). */
  lastView: unknown = null;
  #lastLobby: Extract<HostMessage, { type: "lobby" }> | null = null;
  #lobbyShown = false;
  #seated = false;
  readonly #games: Readonly<Record<string, TextGame>>;
  readonly #helpLine: (lang: Lang) => string;
  readonly #rejoinCode: boolean;
  readonly #now: () => number;
  /** When a first `/stop` asked for confirmation, or null. */
  #stopAskedAt: number | null = null;

  /**
   * Makes a session that has seen nothing yet.
   *
   * @param games the registry
   * @param lang starting language
   * @param me this player's nickname
   * @param options what differs between the host and the client
   */
  constructor(
    games: Readonly<Record<string, TextGame>>,
    lang: Lang,
    me: string,
    options: TextSessionOptions = {},
  ) {
    this.#games = games;
    this.lang = lang;
    this.me = me;
    this.#helpLine = options.helpLine ?? ((l) => t(l, "text_help"));
    this.#rejoinCode = options.rejoinCode ?? true;
    this.#now = options.now ?? Date.now;
  }

  /** The title of a game of the registry in this session's language, else its id. */
  #title(id: string): string {
    return ownGame(this.#games, id)?.rules.title[this.lang] ?? id;
  }

  /**
   * Lines for one message (possibly none: views are kept, not printed).
   * @param msg what the host sends
   */
  render(msg: HostMessage | GameMessage): string[] {
    const L = this.lang;
    const own = roomOptionLines(msg, L, (id) => this.#title(id));
    if (own) return own;
    if (!HOST_TYPES.has(msg.type)) {
      const game = ownGame(this.#games, this.game);
      return game ? game.view.lines(msg as GameMessage, L, this.me) : [];
    }
    const m = msg as HostMessage;
    switch (m.type) {
      case "welcome": {
        const params = { nickname: m.you.nickname, room: m.room.name };
        this.#seated = !!m.rejoined;
        const code = this.#rejoinCode && typeof m.rejoin === "string";
        return [
          t(L, m.rejoined ? "welcome_back" : "welcome", params),
          ...(code
            ? [
              t(L, "rejoin_code", {
                nickname: m.you.nickname,
                code: m.rejoin!,
              }),
            ]
            : []),
          ...(m.rejoined ? [] : [t(L, "text_help")]),
        ];
      }
      case "lobby": {
        if (m.state === "playing" && this.game === null) this.game = m.game;
        const first = !this.#lobbyShown;
        const backFromGame = this.#lastLobby?.state === "playing" &&
          m.state === "lobby";
        const quiz = quizChangeLines(this.#lastLobby, m, L);
        this.#lastLobby = m;
        this.#lobbyShown = true;
        if (!first && !backFromGame) return quiz;
        const lines = this.lobbyLines(m);
        if (first && m.state === "playing" && !this.#seated) {
          const g = ownGame(this.#games, m.game);
          lines.push(
            t(L, "watching_now", { game: g?.rules.title[L] ?? m.game }),
          );
        }
        return lines;
      }
      case "away":
        return [t(L, "away_line", {
          nickname: m.nickname,
          time: duration(L, m.graceMs),
        })];
      case "back":
        return [t(L, "back_line", { nickname: m.nickname })];
      case "leader":
        return [
          m.nickname === this.me
            ? t(L, "leader_you")
            : t(L, "leader_now", { nickname: m.nickname }),
        ];
      case "ping":
        return [];
      case "chat":
        return [t(L, "chat_line", { from: m.from, text: m.text })];
      case "joined":
        return [t(L, "joined", { nickname: m.nickname })];
      case "left":
        return [t(L, "left", { nickname: m.nickname, reason: m.reason })];
      case "game_start": {
        this.game = m.game;
        this.lastView = null;
        const g = ownGame(this.#games, m.game);
        const title = g?.rules.title[L] ?? m.game;
        return [
          t(L, "game_start", { game: title }),
          ...(g ? [g.view.help(L)] : []),
        ];
      }
      case "view": {
        const previous = this.lastView;
        this.lastView = m.view;
        const g = ownGame(this.#games, m.game);
        return g?.view.viewLines?.(m.view, previous, L) ?? [];
      }
      case "game_end": {
        const g = ownGame(this.#games, m.game);
        this.game = null;
        return [
          t(L, "game_end", { game: g?.rules.title[L] ?? m.game }),
          ...m.ranking.map((r) => "  " + t(L, "ranking_line", r)),
          t(L, "scores_title"),
          ...m.scores.map((s) => "  " + t(L, "score_line", s)),
        ];
      }
      case "error":
        return [t(L, "error_line", { message: m.message })];
      case "fallback":
        return m.to && m.nickname !== undefined
          ? [t(L, "fallback", {
            nickname: sanitize(m.nickname),
            address: m.to.address,
            port: m.to.port,
          })]
          : [];
      case "bye":
        if (m.reason === "moved" && m.to) {
          return [t(L, "moved", { address: m.to.address, port: m.to.port })];
        }
        return [
          t(L, "bye", { message: m.message }),
          ...(Array.isArray(m.standings) && m.standings.length
            ? [
              t(L, "standings_title"),
              ...m.standings.slice(0, 50).map((r) =>
                "  " + t(L, "standing_line", { ...r })
              ),
            ]
            : []),
        ];
      case "pong":
        return [];
    }
    return [];
  }

  /**
   * The lobby as lines: players, game, what to do.
   * @param m a lobby message (the last one when omitted)
   */
  lobbyLines(m = this.#lastLobby): string[] {
    if (!m) return [];
    const L = this.lang;
    const names = m.players.map((p) =>
      p.nickname + (p.leader ? ` (${t(L, "leader")})` : "") +
      (p.connected === false ? ` (${t(L, "away_mark")})` : "") +
      (p.ready ? " ✓" : "") +
      (p.score ? ` ${p.score}` : "")
    );
    const g = ownGame(this.#games, m.game);
    const game = g?.rules.title[L] ?? m.game;
    const lines = [
      t(L, "lobby_line", {
        count: m.count ?? m.players.length,
        // A big room's lobby lists the first players only.
        players: names.join(", ") +
          ((m.count ?? 0) > m.players.length ? ", …" : ""),
        game,
      }),
    ];
    const quiz = quizOf(m);
    if (quiz) lines.push(quizLine(quiz, L));
    if (m.state === "lobby") {
      const leader = m.players.find((p) => p.leader);
      if (leader?.nickname === this.me) {
        lines.push(t(L, "leader_hint", { game }));
      } else if (m.autostart) lines.push(t(L, "autostart", { n: m.autostart }));
      else if (leader) {
        lines.push(t(L, "wait_leader", { leader: leader.nickname }));
      }
    }
    return lines;
  }

  /** True when the last lobby says this player leads. */
  #leads(): boolean {
    return !!this.#lastLobby?.players.some((p) =>
      p.leader && p.nickname === this.me
    );
  }

  /**
   * The `/help` lines: the commands (and the leader's), then the running
   * game's help.
   *
   * @example
   * ```ts
   * import { TextSession } from "./session.ts";
   * const s = new TextSession({}, "en", "ana", { helpLine: () => "Enter: send" });
   * s.helpLines(); // ["Enter: send"]
   * ```
   */
  helpLines(): string[] {
    const g = ownGame(this.#games, this.game);
    return [
      this.#helpLine(this.lang),
      ...(this.#leads() ? [t(this.lang, "text_help_leader")] : []),
      ...(g ? [g.view.help(this.lang)] : []),
    ];
  }

  /**
   * Understands one typed line. `/lang fr` or `/lang en` also switches the
   * session's language (the host is told with the `lang` message it returns).
   *
   * @example
   * ```ts
   * import { TextSession } from "./session.ts";
   * const s = new TextSession({}, "en", "ana");
   * s.parse("salut"); // { kind: "send", message: { type: "chat", text: "salut" } }
   * s.parse("/lang fr");
   * // { kind: "send", message: { type: "lang", lang: "fr" }, lines: ["Langue : français."] }
   * s.lang; // "fr"
   * ```
   *
   * @param line what the player typed (without newline)
   */
  parse(line: string): TextInput {
    const text = line.trim();
    if (text === "") return { kind: "none" };
    const upper = text.toUpperCase();
    if (upper === "FIN" || upper === "/QUIT" || upper === "/EXIT") {
      return { kind: "send", message: { type: "quit" } };
    }
    if (text.startsWith("/")) {
      const [cmd, ...args] = text.slice(1).split(/\s+/);
      switch (cmd.toLowerCase()) {
        case "help":
        case "aide":
          return { kind: "show", lines: this.helpLines() };
        case "players":
        case "joueurs":
          return { kind: "show", lines: this.lobbyLines() };
        case "start":
        case "go":
          return {
            kind: "send",
            message: { type: "start", ...(args[0] ? { game: args[0] } : {}) },
          };
        case "ready":
        case "pret":
        case "prêt":
          return { kind: "send", message: { type: "ready" } };
        case "stop":
          return this.#stop();
        case "options":
          return {
            kind: "send",
            message: { type: "options", ...(args[0] ? { game: args[0] } : {}) },
          };
        case "set":
        case "regler":
        case "régler":
          return this.#set(text.slice(1 + cmd.length).trim());
        case "quiz": {
          const name = text.slice(1 + cmd.length).trim();
          return {
            kind: "send",
            message: { type: "quiz", ...(name ? { name } : {}) },
          };
        }
        case "lang": {
          const lang = args[0] ?? "";
          const known = LANGS.find((l) => l === lang);
          if (!known) return { kind: "send", message: { type: "lang", lang } };
          this.lang = known;
          return {
            kind: "send",
            message: { type: "lang", lang },
            lines: [t(known, "lang_set")],
          };
        }
        case "game":
        case "jeu":
          return {
            kind: "send",
            message: { type: "choose", game: args[0] ?? "" },
          };
        case "kick":
        case "exclure":
          return {
            kind: "send",
            message: { type: "kick", id: args[0] ?? "" },
          };
      }
    }
    const g = ownGame(this.#games, this.game);
    const move = g ? g.view.parseInput(text, this.lastView) : null;
    if (move) return { kind: "send", message: move };
    if (text.startsWith("/") && text.length > 1) {
      // Echoed to the sender's terminal: typed lines come from the network too.
      const command = sanitize(text.slice(1).split(/\s+/)[0].slice(0, 40));
      return {
        kind: "show",
        lines: [
          t(this.lang, "error_line", {
            message: t(this.lang, "err.unknown_command", { command }),
          }),
        ],
      };
    }
    return { kind: "send", message: { type: "chat", text } };
  }

  /**
   * `/stop`: while a game runs, the leader types it twice within
   * {@linkcode STOP_CONFIRM_MS} (the first one says what the second does);
   * anyone else's goes to the host at once (which says who leads).
   */
  #stop(): TextInput {
    const now = this.#now();
    const asked = this.#stopAskedAt;
    if (
      this.game !== null && this.#leads() &&
      (asked === null || now - asked > STOP_CONFIRM_MS)
    ) {
      this.#stopAskedAt = now;
      return {
        kind: "show",
        lines: [t(this.lang, "stop_confirm", {
          n: STOP_CONFIRM_MS / 1000,
          game: this.#title(this.game),
        })],
      };
    }
    this.#stopAskedAt = null;
    return { kind: "send", message: { type: "stop" } };
  }

  /**
   * `/set KEY VALUE`, `/set GAME.KEY VALUE` or with `=`: a `set` message
   * (the value as typed: the host reads numbers and booleans), or how to
   * write it.
   */
  #set(rest: string): TextInput {
    const m =
      /^([\p{L}\p{N}_-]+)(?:\.([\p{L}\p{N}_-]+))?\s*(?:=\s*|\s+)(\S.*)$/u
        .exec(rest);
    if (!m) {
      return {
        kind: "show",
        lines: [t(this.lang, "error_line", {
          message: t(this.lang, "err.set_usage"),
        })],
      };
    }
    const [, first, second, value] = m;
    return {
      kind: "send",
      message: {
        type: "set",
        ...(second !== undefined
          ? { game: first, key: second }
          : { key: first }),
        value: value.trim(),
      },
    };
  }
}

/**
 * A duration for a sentence: whole minutes from 2 minutes up, else seconds.
 *
 * @example
 * ```ts
 * import { duration } from "./session.ts";
 * duration("fr", 120_000); // "2 min"
 * duration("en", 45_000); // "45 s"
 * ```
 *
 * @param lang the language
 * @param ms the duration
 */
export function duration(lang: Lang, ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 120 && s % 60 === 0
    ? t(lang, "minutes", { n: s / 60 })
    : t(lang, "seconds", { n: s });
}
