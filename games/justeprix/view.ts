/**
 * How a client shows juste prix: lines for text mode (nc players read
 * these), the full-screen panel, typed input and error sentences. Text comes
 * from ./catalog.json in French and English.
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import { type Catalog, makeTranslator } from "../../i18n/translate.ts";
import type { GameMessage, GameMove, GameView } from "../types.ts";
import catalogJson from "./catalog.json" with { type: "json" };
import {
  asView,
  type Hint,
  type JustePrixView,
  messageSchema,
  type RankingEntry,
  type TotalEntry,
} from "./messages.ts";
import {
  displayWidth,
  fit,
  ordinalCategory,
  pad,
  pluralCategory,
} from "./text.ts";

/**
 * The fr/en texts of juste prix.
 *
 * @example
 * ```ts
 * import { catalog } from "./view.ts";
 * catalog.fr.help; // "Tapez un nombre puis Entrée"
 * ```
 */
export const catalog: Catalog = catalogJson;

const t = makeTranslator(catalog);

/** Most ranking lines a round end prints in text mode. */
const TEXT_RANKING_MAX = 10;
/** Most of my guesses the screen lists. */
const SCREEN_GUESSES_MAX = 5;
/** Widest countdown bar, in columns. */
const BAR_MAX = 40;

type Style = "bold" | "dim" | "green" | "yellow" | "red" | "cyan" | "magenta";

const ANSI: Record<Style, string> = {
  bold: "\x1b[1m",
  dim: "\x1b[2m",
  green: "\x1b[32m",
  yellow: "\x1b[33m",
  red: "\x1b[31m",
  cyan: "\x1b[36m",
  magenta: "\x1b[35m",
};

interface Row {
  text: string;
  style?: Style;
}

function attempts(lang: Lang, n: number): string {
  return t(lang, `attempts_${pluralCategory(n, lang)}`, { n });
}

function ordinal(lang: Lang, n: number): string {
  return t(lang, `ordinal_${ordinalCategory(n, lang)}`, { n });
}

function points(lang: Lang, n: number): string {
  return t(lang, "points", { points: n });
}

function hintText(lang: Lang, hint: Hint): string {
  return t(lang, `hint.${hint}`);
}

function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}

function isMe(entry: { id: string; nickname: string }, me: string): boolean {
  return entry.nickname === me || entry.id === me;
}

const HINT_STYLE: Record<Hint, Style> = {
  plus: "yellow",
  moins: "magenta",
  found: "green",
};

function rankingLines(
  lang: Lang,
  ranking: RankingEntry[],
): string[] {
  const shown = ranking.slice(0, TEXT_RANKING_MAX).map((r) =>
    t(lang, r.found ? "line.rank_found" : "line.rank_not_found", {
      rank: r.rank,
      nickname: r.nickname,
      attempts: attempts(lang, r.attempts),
      points: points(lang, r.points),
    })
  );
  const more = ranking.length - shown.length;
  return more > 0 ? [...shown, t(lang, "line.more", { n: more })] : shown;
}

function myTotal(lang: Lang, totals: TotalEntry[], me: string): string[] {
  const mine = totals.find((e) => isMe(e, me));
  if (!mine) return [];
  return [t(lang, "line.my_total", {
    points: points(lang, mine.points),
    ordinal: ordinal(lang, mine.rank),
  })];
}

function lines(message: GameMessage, lang: Lang, me: string): string[] {
  const parsed = messageSchema.safeParse(message);
  if (!parsed.success) return [];
  const m = parsed.data;
  switch (m.type) {
    case "round_start":
      return [
        t(lang, "line.round_start", {
          round: m.round,
          rounds: m.rounds,
          min: m.min,
          max: m.max,
        }),
        m.endsIn === null
          ? t(lang, "line.no_limit")
          : t(lang, "line.time_limit", { sec: seconds(m.endsIn) }),
      ];
    case "hint":
      return [
        t(lang, m.hint === "found" ? "line.hint_found" : "line.hint", {
          guess: m.guess,
          hint: hintText(lang, m.hint),
          attempts: attempts(lang, m.attempts),
          low: m.low,
          high: m.high,
        }),
      ];
    case "found":
      return [
        isMe(m, me)
          ? t(lang, "line.found_me", { ordinal: ordinal(lang, m.rank) })
          : t(lang, "line.found", {
            nickname: m.nickname,
            attempts: attempts(lang, m.attempts),
          }),
      ];
    case "progress":
      // The screen's table shows progress; text mode stays quiet.
      return [];
    case "round_end":
      return [
        t(lang, "line.round_end", {
          round: m.round,
          rounds: m.rounds,
          secret: m.secret,
        }),
        ...(m.reason === "all_found" ? [] : [t(lang, `reason.${m.reason}`)]),
        ...rankingLines(lang, m.ranking),
        ...myTotal(lang, m.totals, me),
        m.nextIn === null
          ? t(lang, "line.last_round")
          : t(lang, "line.next_round", { sec: seconds(m.nextIn) }),
      ];
  }
}

function countdown(
  remainingMs: number,
  durationMs: number,
  width: number,
): Row {
  const label = ` ${seconds(remainingMs)} s`;
  const barWidth = Math.max(
    1,
    Math.min(BAR_MAX, width - displayWidth(label)),
  );
  const ratio = durationMs > 0
    ? Math.min(1, Math.max(0, remainingMs / durationMs))
    : 0;
  const filled = Math.round(barWidth * ratio);
  return {
    text: "█".repeat(filled) + "░".repeat(barWidth - filled) + label,
    style: ratio > 0.5 ? "green" : ratio > 0.2 ? "yellow" : "red",
  };
}

/** Column widths of the tables for a panel `width` columns wide. */
function nameWidth(width: number, others: number): number {
  return Math.max(3, Math.min(16, width - others));
}

function progressTable(v: JustePrixView, lang: Lang, width: number): Row[] {
  // "▸ " + name + " " + tries(6) + "  " + status(~10)
  const nw = nameWidth(width, 2 + 1 + 6 + 2 + 10);
  const rows: Row[] = [{
    text: "  " + pad(t(lang, "screen.player"), nw) + " " +
      pad(t(lang, "screen.tries"), 6, true),
    style: "dim",
  }];
  for (const p of v.players) {
    const status = p.found
      ? `✓ ${ordinal(lang, p.rank ?? 0)}`
      : p.left
      ? `(${t(lang, "screen.left")})`
      : "";
    rows.push({
      text: (p.id === v.me?.id ? "▸ " : "  ") + pad(p.nickname, nw) + " " +
        pad(String(p.attempts), 6, true) + (status ? "  " + status : ""),
      style: p.found ? "green" : p.left ? "dim" : undefined,
    });
  }
  return rows;
}

function rankCell(rank: number, mine: boolean): string {
  return pad(`${rank}.`, 3) + (mine ? "▸" : " ");
}

function rankingTable(
  ranking: RankingEntry[],
  myId: string | undefined,
  lang: Lang,
  width: number,
): Row[] {
  // rank(4) + name + " " + tries(6) + "  " + mark(1) + points(8)
  const nw = nameWidth(width, 4 + 1 + 6 + 2 + 1 + 8);
  const header: Row = {
    text: "    " + pad(t(lang, "screen.player"), nw) + " " +
      pad(t(lang, "screen.tries"), 6, true) + "   " +
      pad(t(lang, "screen.points"), 8, true),
    style: "dim",
  };
  return [
    header,
    ...ranking.map((r) => ({
      text: rankCell(r.rank, r.id === myId) + pad(r.nickname, nw) + " " +
        pad(String(r.attempts), 6, true) + "  " + (r.found ? "✓" : "✗") +
        pad(r.found ? `+${r.points}` : "0", 8, true),
      style: r.found ? "green" as const : "dim" as const,
    })),
  ];
}

function totalsTable(
  totals: TotalEntry[],
  myId: string | undefined,
  lang: Lang,
  width: number,
): Row[] {
  const nw = nameWidth(width, 4 + 1 + 12);
  return [
    { text: t(lang, "screen.totals"), style: "bold" },
    ...totals.map((e) => ({
      text: rankCell(e.rank, e.id === myId) + pad(e.nickname, nw) + " " +
        pad(points(lang, e.points), 12, true),
      style: e.rank === 1 ? "yellow" as const : undefined,
    })),
  ];
}

function playingRows(v: JustePrixView, lang: Lang, width: number): Row[] {
  const rows: Row[] = [{
    text: t(lang, "screen.range", { min: v.min, max: v.max }),
  }];
  if (v.remainingMs !== null && v.durationMs !== null) {
    rows.push(countdown(v.remainingMs, v.durationMs, width));
  } else {
    rows.push({ text: t(lang, "screen.no_limit"), style: "dim" });
  }
  rows.push({ text: "" });
  if (v.me) {
    const me = v.me;
    rows.push(
      me.found
        ? {
          text: "✓ " + t(lang, "screen.found", {
            attempts: attempts(lang, me.attempts),
            ordinal: ordinal(lang, me.rank ?? 0),
          }),
          style: "green",
        }
        : {
          text: t(lang, "screen.interval", { low: me.low, high: me.high }),
          style: "cyan",
        },
    );
    if (me.guesses.length > 0) {
      rows.push({ text: t(lang, "screen.your_guesses", { n: me.attempts }) });
      for (const g of me.guesses.slice(-SCREEN_GUESSES_MAX).reverse()) {
        rows.push({
          text: `  ${g.value} → ${hintText(lang, g.hint)}`,
          style: HINT_STYLE[g.hint],
        });
      }
    } else {
      rows.push({ text: t(lang, "help"), style: "dim" });
    }
  } else {
    rows.push({ text: t(lang, "screen.spectator"), style: "dim" });
  }
  rows.push({ text: "" });
  return [...rows, ...progressTable(v, lang, width)];
}

function resultRows(v: JustePrixView, lang: Lang, width: number): Row[] {
  const rows: Row[] = [];
  if (v.result) {
    const r = v.result;
    rows.push(
      {
        text: t(lang, "screen.round_over", {
          round: r.round,
          rounds: v.rounds,
        }),
        style: "bold",
      },
      { text: t(lang, "screen.secret", { secret: r.secret }), style: "yellow" },
    );
    if (r.reason !== "all_found") {
      rows.push({ text: t(lang, `reason.${r.reason}`), style: "dim" });
    }
    rows.push({ text: "" }, ...rankingTable(r.ranking, v.me?.id, lang, width));
  }
  rows.push({ text: "" });
  if (v.phase === "pause" && v.remainingMs !== null) {
    rows.push({
      text: t(lang, "screen.next_in", { sec: seconds(v.remainingMs) }),
    });
    if (v.durationMs) rows.push(countdown(v.remainingMs, v.durationMs, width));
    rows.push({ text: "" });
  }
  if (v.phase === "over") {
    rows.push({ text: t(lang, "screen.game_over"), style: "bold" });
  }
  return [...rows, ...totalsTable(v.totals, v.me?.id, lang, width)];
}

function paint(row: Row, width: number, color: boolean): string {
  const text = fit(row.text, width);
  return color && row.style && text ? `${ANSI[row.style]}${text}\x1b[0m` : text;
}

function screen(
  view: unknown,
  lang: Lang,
  width: number,
  color: boolean,
): string[] {
  const v = asView(view);
  if (!v) return [paint({ text: t(lang, "screen.waiting") }, width, color)];
  const rows: Row[] = [
    {
      text: `${t(lang, "title")} — ${
        t(lang, "screen.round", {
          round: v.round,
          rounds: v.rounds,
        })
      }`,
      style: "bold",
    },
    ...(v.phase === "playing"
      ? playingRows(v, lang, width)
      : resultRows(v, lang, width)),
  ];
  return rows.map((row) => paint(row, width, color));
}

const INTEGER = /^[+-]?\d{1,16}$/;

function parseInput(line: string, _view: unknown): GameMove | null {
  const s = line.trim();
  return INTEGER.test(s) ? { type: "guess", value: Number(s) } : null;
}

function error(
  code: string,
  params: Record<string, string | number>,
  lang: Lang,
): string {
  const key = `error.${code}`;
  return key in catalog.en
    ? t(lang, key, params)
    : t(lang, "error.unknown", { code });
}

function help(lang: Lang): string {
  return t(lang, "help");
}

/**
 * The view of juste prix for clients.
 *
 * @example
 * ```ts
 * import { justePrixView } from "./view.ts";
 * justePrixView.lines(
 *   { type: "hint", round: 1, guess: 50, hint: "plus", attempts: 3, low: 51, high: 100 },
 *   "fr",
 *   "ana",
 * ); // ["50 → C'est plus ! (3 essais) — entre 51 et 100"]
 * justePrixView.parseInput(" 42 ", null); // { type: "guess", value: 42 }
 * ```
 */
export const justePrixView: GameView = {
  lines,
  screen,
  parseInput,
  error,
  help,
};
