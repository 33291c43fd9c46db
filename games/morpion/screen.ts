/**
 * Morpion's main panel: a big board drawn with box-drawing characters
 * (cell numbers in empty cells), whose turn it is, the time left, and the
 * series table. With colour, X is cyan, O yellow and the winning line shown
 * in reverse video; without, there is no ANSI at all and the winning cells
 * are framed with brackets. No line is wider than the given width; below
 * 27 columns the board shrinks to the small ASCII one.
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import {
  cut,
  pad,
  type Style,
  styler,
  visibleWidth,
} from "../../text/layout.ts";
import type { ScreenLocal } from "../types.ts";
import type { Cell, Mark } from "./board.ts";
import { t } from "./i18n.ts";
import { type MorpionView, type StandingRow, viewSchema } from "./wire.ts";

const MARK: Record<Mark, Style[]> = {
  X: ["bold", "cyan"],
  O: ["bold", "yellow"],
};

/** Width of the big board. */
const BIG = 25;
/** Most table rows shown. */
const MAX_ROWS = 10;

const ART: Record<Mark, readonly string[]> = {
  X: [" ╲   ╱ ", "   ╳   ", " ╱   ╲ "],
  O: [" ╭───╮ ", " │   │ ", " ╰───╯ "],
};

/** `text` in `styles` when `color` allows it. */
function paint(text: string, color: boolean, ...styles: Style[]): string {
  return styler(color)(text, ...styles);
}

/** The three 7-column rows of one big cell. */
function bigCell(
  cell: Cell,
  number: number,
  winning: boolean,
  color: boolean,
  cursor = false,
): string[] {
  const rows = cell === ""
    ? ["       ", `   ${number}   `, "       "]
    : ART[cell].slice();
  if (cursor) {
    // The keyboard cursor: arrows around the middle row (and reverse video).
    rows[1] = "▶" + rows[1].slice(1, -1) + "◀";
    if (color) return rows.map((r) => paint(r, color, "inverse"));
  }
  if (!color) {
    return winning ? rows.map((r) => `[${r.slice(1, -1)}]`) : rows;
  }
  const styles: Style[] = cell === ""
    ? ["dim"]
    : winning
    ? ["inverse", ...MARK[cell]]
    : MARK[cell];
  return rows.map((r) => paint(r, color, ...styles));
}

/**
 * The big board: 13 lines of 25 columns.
 *
 * @example
 * ```ts
 * import { bigBoard } from "./screen.ts";
 * const rows = bigBoard(["X", "", "", "", "", "", "", "", ""], null, false);
 * rows.length; // 13
 * ```
 */
export function bigBoard(
  cells: readonly Cell[],
  line: readonly number[] | null,
  color: boolean,
  cursor: number | null = null,
): string[] {
  const win = new Set(line ?? []);
  const out = ["┌───────┬───────┬───────┐"];
  for (let r = 0; r < 3; r++) {
    if (r > 0) out.push("├───────┼───────┼───────┤");
    const parts = [0, 1, 2].map((c) => {
      const i = r * 3 + c;
      return bigCell(
        cells[i] ?? "",
        i + 1,
        win.has(i + 1),
        color,
        cursor === i + 1,
      );
    });
    for (let k = 0; k < 3; k++) {
      out.push(`│${parts[0][k]}│${parts[1][k]}│${parts[2][k]}│`);
    }
  }
  out.push("└───────┴───────┴───────┘");
  return out;
}

/**
 * The small board (11 columns) for narrow screens.
 *
 * @example
 * ```ts
 * import { smallBoard } from "./screen.ts";
 * smallBoard(["", "", "", "", "X", "", "", "", ""], null, false)[2]; // " 4 | X | 6 "
 * ```
 */
export function smallBoard(
  cells: readonly Cell[],
  line: readonly number[] | null,
  color: boolean,
): string[] {
  const win = new Set(line ?? []);
  const cell = (i: number) => {
    const c = cells[i] ?? "";
    const shown = c === "" ? paint(String(i + 1), color, "dim") : c;
    if (!color || c === "") {
      return win.has(i + 1) ? `[${shown}]` : ` ${shown} `;
    }
    const styles: Style[] = win.has(i + 1) ? ["inverse", ...MARK[c]] : MARK[c];
    return paint(` ${shown} `, true, ...styles);
  };
  const out: string[] = [];
  for (let r = 0; r < 3; r++) {
    if (r > 0) out.push("---+---+---");
    out.push(`${cell(r * 3)}|${cell(r * 3 + 1)}|${cell(r * 3 + 2)}`);
  }
  return out;
}

/** The client's keyboard cursor (1–9), when it passed one. */
function cursorOf(local: ScreenLocal | undefined): number | null {
  const c = local?.cursor;
  return typeof c === "number" && c >= 1 && c <= 9 ? c : null;
}

function resultLine(view: MorpionView, lang: Lang): string | null {
  const r = view.result;
  if (!r) return null;
  if (r.draw || r.winner === null) return t(lang, "draw");
  if (r.reason === "timeout" || r.reason === "forfeit") {
    return t(lang, r.reason, { winner: r.winner, loser: r.loser ?? "?" });
  }
  return view.line
    ? t(lang, "wins_line", { name: r.winner, line: view.line.join("-") })
    : t(lang, "wins", { name: r.winner });
}

function statusLines(view: MorpionView, lang: Lang, color: boolean): string[] {
  const out: string[] = [];
  const sec = (ms: number) => Math.ceil(ms / 1000);
  if (view.phase === "playing" && view.turn) {
    const moverId = view.turn === "X" ? view.x.id : view.o.id;
    const name = view.turn === "X" ? view.x.nickname : view.o.nickname;
    const ai = view.standings.some((r) => r.id === moverId && r.ai);
    if (view.yourTurn) {
      out.push(paint(t(lang, "your_turn", { mark: view.turn }), color, "bold"));
    } else {
      out.push(t(lang, ai ? "thinking" : "their_turn", {
        name,
        mark: view.turn,
      }));
      out.push(
        view.you
          ? t(lang, "you_play", { mark: view.you })
          : t(lang, "watching"),
      );
    }
    if (view.remainingMs !== null) {
      out.push(t(lang, "remaining", { sec: sec(view.remainingMs) }));
    }
    return out;
  }
  const result = resultLine(view, lang);
  if (result) out.push(paint(result, color, "bold"));
  if (view.phase === "pause") {
    const wait = sec(view.nextInMs ?? 0);
    out.push(
      view.next
        ? t(lang, "next_match", { sec: wait, x: view.next.x, o: view.next.o })
        : t(lang, "final_soon", { sec: wait }),
    );
  } else if (view.phase === "over") {
    out.push(t(lang, "series_over"));
  }
  return out;
}

function tableLines(
  view: MorpionView,
  lang: Lang,
  color: boolean,
): string[] {
  const rows = view.standings;
  if (rows.length === 0) return [];
  let shown: (StandingRow | null)[] = rows.slice(0, MAX_ROWS);
  const mine = rows.findIndex((r) => r.id === view.me);
  if (rows.length > MAX_ROWS && mine >= MAX_ROWS - 1) {
    shown = [...rows.slice(0, MAX_ROWS - 2), null, rows[mine]];
  }
  const nameWidth = Math.min(
    16,
    Math.max(...rows.map((r) => visibleWidth(r.nickname))),
  );
  const out = [paint(t(lang, "standings"), color, "bold")];
  for (const row of shown) {
    if (row === null) {
      out.push("  …");
      continue;
    }
    const me = row.id === view.me;
    const text = `${me ? ">" : " "} ${String(row.rank).padStart(2)}. ${
      pad(row.nickname, nameWidth, { ellipsis: "" })
    } ${String(row.points).padStart(3)} ${t(lang, "pts")}  ${
      t(lang, "record", {
        wins: row.wins,
        draws: row.draws,
        losses: row.losses,
      })
    }${row.left ? " " + t(lang, "left") : ""}`;
    out.push(me ? paint(text, color, "bold") : text);
  }
  if (rows.length > MAX_ROWS && mine < MAX_ROWS - 1) out.push("  …");
  return out;
}

/**
 * The panel for a morpion view (`view` as received from the host),
 * `width` columns wide at most. `local.cursor` is the client's keyboard
 * cursor (1–9), drawn on your turn. An unreadable view gives one short line.
 *
 * @example
 * ```ts
 * import { morpionRules } from "./rules.ts";
 * import { renderScreen } from "./screen.ts";
 * const env = { now: 0, random: Math.random };
 * const seats = [{ id: "p1", nickname: "ana" }, { id: "p2", nickname: "bob" }];
 * const { state } = morpionRules.start(seats, morpionRules.optionsSchema.parse({}), env);
 * const lines = renderScreen(morpionRules.view(state, "p1", 0), "en", 40, false, { cursor: 5 });
 * lines[0]; // "Match 1/2: ana (X) vs bob (O)"
 * lines.some((line) => line.includes("▶   5   ◀")); // true: ana's turn, the cursor on 5
 * ```
 */
export function renderScreen(
  raw: unknown,
  lang: Lang,
  width: number,
  color: boolean,
  local?: ScreenLocal,
): string[] {
  const w = Math.max(0, Math.floor(width));
  const parsed = viewSchema.safeParse(raw);
  if (!parsed.success) return [cut(t(lang, "no_view"), w, "")];
  const view = parsed.data;
  const cursor = cursorOf(local);
  const out: string[] = [];
  if (view.match > 0) {
    out.push(paint(
      t(lang, "match_start", {
        match: view.match,
        matches: view.matches,
        x: view.x.nickname,
        o: view.o.nickname,
      }),
      color,
      "bold",
    ));
  }
  if (view.ai) {
    out.push(t(lang, "opponent", { level: t(lang, `ai.${view.ai}`) }));
  }
  out.push("");
  const board = w >= BIG + 2
    ? bigBoard(
      view.cells,
      view.line,
      color,
      view.yourTurn ? cursor : null,
    )
    : smallBoard(view.cells, view.line, color);
  const boardWidth = visibleWidth(board[0]);
  const indent = " ".repeat(Math.max(0, Math.floor((w - boardWidth) / 2)));
  out.push(...board.map((row) => indent + row));
  out.push("");
  out.push(...statusLines(view, lang, color));
  const table = tableLines(view, lang, color);
  if (table.length > 0) out.push("", ...table);
  return out.map((line) => cut(line, w, ""));
}
