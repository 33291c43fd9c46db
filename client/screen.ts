/**
 * The full-screen picture of the client: title bar, main panel (lobby or the
 * game's own screen), the chat/event log and the input line. Pure: state in,
 * lines out.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import type { HostMessage } from "../protocol/messages.ts";
import type { AnyGame, ScreenLocal } from "../games/types.ts";
import { t as shared } from "../i18n/messages.ts";
import { ct } from "./texts.ts";
import { cut, pad, styler, visibleWidth, wrap } from "../text/layout.ts";
import { quizLine, quizOf } from "../text/options_lines.ts";

/** One line of the log. */
export interface LogLine {
  text: string;
  kind: "chat" | "notice" | "error" | "game" | "mine";
}

/** Everything the screen shows. */
export interface ScreenState {
  lang: Lang;
  room: string;
  me: string;
  lobby: Extract<HostMessage, { type: "lobby" }> | null;
  /** Running game id, or null in the lobby. */
  game: string | null;
  /**
   * True while this player watches the running game (it started before
   * they came): the title says so.
   */
  watching?: boolean;
  /** Last view of the running game, with `remainingMs` already adjusted. */
  view: unknown;
  /**
   * The keyboard cursor on a grid game's board (1-based cell), null when
   * unused. Client-side: handed to the game's screen, never put in the view.
   */
  cursor: number | null;
  lastEnd: Extract<HostMessage, { type: "game_end" }> | null;
  /** A finished game's last view, shown a few seconds before the lobby. */
  final: { game: string; view: unknown } | null;
  log: LogLine[];
  input: string;
  /** Short status on the right of the title (e.g. round trip). */
  status: string;
  /** The room's verified fingerprint (`7F3A-91C2`), shown in the title. */
  fingerprint?: string | null;
}

/**
 * The game named `id` (a name from the wire) when it is one of `games`'
 * own entries: `toString` or `constructor` name no game.
 *
 * @example
 * ```ts
 * import { gameOf } from "./screen.ts";
 * import { GAMES } from "../games/registry.ts";
 * gameOf(GAMES, "qcm")?.rules.id; // "qcm"
 * gameOf(GAMES, "constructor"); // undefined
 * ```
 *
 * @param games the games this client knows
 * @param id a game id as the host sent it
 */
export function gameOf<G>(
  games: Record<string, G>,
  id: string | null | undefined,
): G | undefined {
  return typeof id === "string" && Object.hasOwn(games, id)
    ? games[id]
    : undefined;
}

/**
 * Draws the whole screen: exactly `height` lines, none wider than `width`.
 *
 * @example
 * ```ts
 * import { renderScreen, type ScreenState } from "./screen.ts";
 * import { GAMES } from "../games/registry.ts";
 * const state: ScreenState = {
 *   lang: "en", room: "Salle 12", me: "ana", lobby: null, game: null, view: null,
 *   cursor: null, lastEnd: null, final: null, log: [{ text: "hi", kind: "chat" }],
 *   input: "", status: "",
 * };
 * const lines = renderScreen(state, GAMES, 80, 24, false);
 * lines.length; // 24
 * lines[0].includes("Salle 12"); // true
 * ```
 */
export function renderScreen(
  s: ScreenState,
  games: Record<string, AnyGame>,
  width: number,
  height: number,
  color: boolean,
): string[] {
  const st = styler(color);
  const L = s.lang;
  const inner = Math.max(10, width - 2);
  const players = s.lobby?.count ?? s.lobby?.players.length ?? 0;
  const state = s.game
    ? shared(L, "state_playing") +
      (s.watching ? ` · ${ct(L, "title_watching")}` : "")
    : shared(L, "state_lobby");
  // Too narrow for everything: the round trip goes first, then the room
  // name is cut; the fingerprint and who you are always stay.
  const fp = s.fingerprint ? ` · ${s.fingerprint}` : "";
  const rightOf = (status: boolean) =>
    ` ${state} · ${ct(L, "title_players", { n: players })} · ${s.me}${
      status && s.status ? " · " + s.status : ""
    } `;
  const fixed = visibleWidth(" lanplay · ") + visibleWidth(fp) + 1;
  let right = rightOf(true);
  if (fixed + visibleWidth(s.room) + visibleWidth(right) + 1 > width) {
    right = rightOf(false);
  }
  const roomWidth = Math.max(1, width - fixed - visibleWidth(right) - 1);
  const left = ` lanplay · ${cut(s.room, roomWidth)}${fp} `;
  const gap = Math.max(1, width - visibleWidth(left) - visibleWidth(right));
  const title = st(
    cut(left + " ".repeat(gap) + right, width),
    "inverse",
    "bold",
  );

  const shownId = s.game ?? s.final?.game ?? null;
  const shownView = s.game ? s.view : s.final?.view ?? null;
  const game = gameOf(games, shownId);
  const local: ScreenLocal = s.game && s.cursor !== null
    ? { cursor: s.cursor }
    : {};
  const main = game && shownView !== null
    ? game.view.screen(shownView, L, inner, color, local)
    : lobbyPanel(s, games, inner, color);

  const footer = [
    cut("> " + s.input, width),
    st(
      cut(
        ct(
          L,
          s.game ? "footer_game" : s.final ? "footer_final" : "footer_lobby",
        ),
        width,
      ),
      "dim",
    ),
  ];
  const available = height - 1 - footer.length - 1; // title, footer, chat rule
  const minChat = Math.min(4, Math.max(1, available - main.length));
  const mainRows = Math.max(0, Math.min(main.length, available - minChat));
  const chatRows = Math.max(0, available - mainRows);

  const logLines: string[] = [];
  for (const l of s.log) {
    for (const w of logWrap(l.text, inner)) {
      logLines.push(styleLog(w, l.kind, st));
    }
  }
  const chat = logLines.slice(-chatRows);
  while (chat.length < chatRows) chat.unshift("");

  const label = "─ " + ct(L, "chat") + " ";
  const rule = st(
    label + "─".repeat(Math.max(0, width - visibleWidth(label))),
    "dim",
  );
  const body = [
    ...main.slice(0, mainRows).map((l) => " " + cut(l, inner)),
    rule,
    ...chat.map((l) => " " + cut(l, inner)),
  ];
  const lines = [title, ...body, ...footer].slice(0, height);
  while (lines.length < height) {
    lines.splice(lines.length - footer.length, 0, "");
  }
  return lines.map((l) => cut(l, width));
}

/**
 * Wraps a log line only when it is too wide, keeping its indent (boards,
 * charts and rankings in the log stay aligned).
 */
function logWrap(text: string, width: number): string[] {
  if (visibleWidth(text) <= width) return [text];
  const indent = /^ */.exec(text)![0];
  const body = wrap(
    text.slice(indent.length),
    Math.max(2, width - indent.length),
  );
  return body.map((l) => indent + l);
}

function styleLog(
  text: string,
  kind: LogLine["kind"],
  st: ReturnType<typeof styler>,
): string {
  switch (kind) {
    case "error":
      return st(text, "red");
    case "notice":
      return st(text, "dim");
    case "game":
      return st(text, "cyan");
    case "mine":
      return st(text, "bold");
    default:
      return text;
  }
}

function lobbyPanel(
  s: ScreenState,
  games: Record<string, AnyGame>,
  width: number,
  color: boolean,
): string[] {
  const st = styler(color);
  const L = s.lang;
  const lobby = s.lobby;
  if (!lobby) return [];
  const title = (id: string) => gameOf(games, id)?.rules.title[L] ?? id;
  const lines: string[] = [
    "",
    st(`« ${s.room} »`, "bold") + "   " +
    ct(L, "game_label", { game: st(title(lobby.game), "yellow", "bold") }),
    ...quizLines(lobby, L, st),
    "",
    st(
      shared(L, "players_title", {
        count: lobby.count ?? lobby.players.length,
        capacity: "∞",
      })
        .replace("/∞", ""),
      "bold",
    ),
  ];
  const nameWidth = Math.min(
    18,
    Math.max(8, ...lobby.players.map((p) => visibleWidth(p.nickname))),
  );
  for (const p of [...lobby.players].sort((a, b) => b.score - a.score)) {
    const star = p.leader ? st("★", "yellow") : " ";
    const name = p.nickname === s.me
      ? st(pad(p.nickname, nameWidth), "bold", "green")
      : pad(p.nickname, nameWidth);
    const tags = [
      p.nickname === s.me ? ct(L, "you") : "",
      p.leader ? ct(L, "leader") : "",
      p.mode === "text" ? "nc" : "",
      p.ready ? ct(L, "ready") : "",
    ]
      .filter(Boolean).join(", ");
    lines.push(
      ` ${star} ${name} ${String(p.score).padStart(6)} ${ct(L, "pts")}${
        tags ? st("  (" + tags + ")", "dim") : ""
      }`,
    );
  }
  if (s.lastEnd) {
    lines.push(
      "",
      st(ct(L, "last_game", { game: title(s.lastEnd.game) }), "bold"),
    );
    const medals = ["🥇", "🥈", "🥉"];
    for (const r of s.lastEnd.ranking.slice(0, 3)) {
      lines.push(
        `  ${
          color ? medals[r.rank - 1] ?? "  " : r.rank + "."
        } ${r.nickname} — ${r.points} ${ct(L, "pts")}`,
      );
    }
  }
  lines.push("");
  const leader = lobby.players.find((p) => p.leader);
  const game = title(lobby.game);
  if (lobby.state === "lobby") {
    if (leader?.nickname === s.me) {
      lines.push(st("→ " + shared(L, "leader_hint", { game }), "green"));
    } else if (lobby.autostart) {
      lines.push("→ " + shared(L, "autostart", { n: lobby.autostart }));
    } else if (leader) {
      lines.push("→ " + shared(L, "wait_leader", { leader: leader.nickname }));
    }
    if (leader?.nickname === s.me) {
      lines.push(
        st(ct(L, "games_hint", { games: lobby.games.join(", ") }), "dim"),
      );
    }
  } else {
    lines.push(st(ct(L, "spectating"), "dim"));
  }
  return lines.map((l) => cut(l, width));
}

/** The lobby's custom quiz (title and question count), dimmed; none without one. */
function quizLines(
  lobby: unknown,
  lang: Lang,
  st: ReturnType<typeof styler>,
): string[] {
  const quiz = quizOf(lobby);
  return quiz ? [st(quizLine(quiz, lang), "dim")] : [];
}
