/**
 * Morpion in plain text, for `nc` players and the TUI's log: a small ASCII
 * board with the numbers of the empty cells, and one or a few lines per
 * message. No ANSI styles.
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import type { GameMessage } from "../types.ts";
import type { Cell, Mark } from "./board.ts";
import { t } from "./i18n.ts";
import {
  boardMessageSchema,
  matchEndSchema,
  matchStartSchema,
  seriesEndSchema,
  type StandingRow,
} from "./wire.ts";

/**
 * A small ASCII board: marks where played, cell numbers in empty cells,
 * winning cells in brackets.
 *
 * @example
 * ```ts
 * import { asciiBoard } from "./lines.ts";
 * asciiBoard(["X", "", "", "", "O", "", "", "", ""], null);
 * // ["  X | 2 | 3", " ---+---+---", "  4 | O | 6", " ---+---+---", "  7 | 8 | 9"]
 * ```
 */
export function asciiBoard(
  cells: readonly Cell[],
  line: readonly number[] | null,
): string[] {
  const win = new Set(line ?? []);
  const cell = (i: number) => {
    const shown = cells[i] === "" ? String(i + 1) : cells[i];
    return win.has(i + 1) ? `[${shown}]` : ` ${shown} `;
  };
  const rows: string[] = [];
  for (let r = 0; r < 3; r++) {
    if (r > 0) rows.push(" ---+---+---");
    rows.push(
      ` ${cell(r * 3)}|${cell(r * 3 + 1)}|${cell(r * 3 + 2)}`.trimEnd(),
    );
  }
  return rows;
}

/** True when `me` (an id or a nickname) is this player. */
function isMe(me: string, id: string | null, nickname: string | null): boolean {
  return me !== "" && (me === id || me === nickname);
}

/**
 * The sentence saying whose turn it is, for `me`.
 *
 * @example
 * ```ts
 * import { turnLine } from "./lines.ts";
 * turnLine("en", "p1", "X", "p1", "ana"); // "Your turn (X): type a cell number 1-9"
 * ```
 */
export function turnLine(
  lang: Lang,
  me: string,
  mark: Mark,
  id: string,
  nickname: string,
): string {
  return isMe(me, id, nickname)
    ? t(lang, "your_turn", { mark })
    : t(lang, "their_turn", { name: nickname, mark });
}

/**
 * One table row as a sentence.
 *
 * @example
 * ```ts
 * import { standingLine } from "./lines.ts";
 * standingLine("en", {
 *   id: "a", nickname: "ana", rank: 1, points: 3, played: 1,
 *   wins: 1, draws: 0, losses: 0, left: false, ai: false,
 * }); // "1. ana: 3 pts (1 W, 0 D, 0 L)"
 * ```
 */
export function standingLine(lang: Lang, row: StandingRow): string {
  const text = t(lang, "standing_row", {
    rank: row.rank,
    name: row.nickname,
    points: row.points,
    wins: row.wins,
    draws: row.draws,
    losses: row.losses,
  });
  return row.left ? `${text} ${t(lang, "left")}` : text;
}

/**
 * Human lines for one morpion message, as `me` (a seat id or nickname)
 * reads them; [] for messages that are not morpion's or are malformed.
 *
 * @example
 * ```ts
 * import { messageLines } from "./lines.ts";
 * messageLines({
 *   type: "match_end", match: 1, matches: 3, winner: null, winnerId: null,
 *   mark: null, loser: null, line: null, draw: true, reason: "draw",
 * }, "fr", "p1"); // ["Match nul"]
 * ```
 */
export function messageLines(
  message: GameMessage,
  lang: Lang,
  me: string,
): string[] {
  switch (message.type) {
    case "match_start": {
      const m = matchStartSchema.safeParse(message);
      if (!m.success) return [];
      const s = m.data;
      const out = [
        t(lang, "match_start", {
          match: s.match,
          matches: s.matches,
          x: s.x,
          o: s.o,
        }),
      ];
      if (s.moveTimeSec > 0) {
        out.push(t(lang, "time_limit", { sec: s.moveTimeSec }));
      }
      out.push(...asciiBoard(Array<Cell>(9).fill(""), null));
      out.push(turnLine(lang, me, "X", s.xId, s.x));
      return out;
    }
    case "board": {
      const m = boardMessageSchema.safeParse(message);
      if (!m.success) return [];
      const b = m.data;
      const out = [
        t(lang, "played", { name: b.by, mark: b.mark, cell: b.last }),
        ...asciiBoard(b.cells, b.line),
      ];
      if (b.next && b.nextId !== null && b.nextNickname !== null) {
        out.push(turnLine(lang, me, b.next, b.nextId, b.nextNickname));
      }
      return out;
    }
    case "match_end": {
      const m = matchEndSchema.safeParse(message);
      if (!m.success) return [];
      const e = m.data;
      if (e.draw || e.winner === null) return [t(lang, "draw")];
      if (e.reason === "timeout" || e.reason === "forfeit") {
        return [t(lang, e.reason, { winner: e.winner, loser: e.loser ?? "?" })];
      }
      return [
        e.line
          ? t(lang, "wins_line", { name: e.winner, line: e.line.join("-") })
          : t(lang, "wins", { name: e.winner }),
      ];
    }
    case "series_end": {
      const m = seriesEndSchema.safeParse(message);
      if (!m.success) return [];
      return [
        t(lang, "final_standings"),
        ...m.data.standings.map((row) => "  " + standingLine(lang, row)),
      ];
    }
    default:
      return [];
  }
}
