/**
 * Juste prix's full-screen panel for a view: the range, a countdown bar,
 * your interval and last guesses, everyone's progress while a round runs;
 * the secret, the round's ranking and the overall totals after it. Every
 * line is cut and padded by text/layout.ts; colour only when allowed.
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import {
  bar,
  cut,
  pad,
  type PadOptions,
  type Style,
  styler,
  visibleWidth,
} from "../../text/layout.ts";
import { attempts, hintText, ordinal, points, seconds, t } from "./i18n.ts";
import {
  asView,
  type Hint,
  type JustePrixView,
  type RankingEntry,
  type TotalEntry,
} from "./wire.ts";

/** Most of my guesses the screen lists. */
const SCREEN_GUESSES_MAX = 5;
/** Widest countdown bar, in columns. */
const BAR_MAX = 40;

interface Row {
  text: string;
  style?: Style;
}

/** Right-aligned cells of the tables. */
const RIGHT: PadOptions = { align: "right" };

const HINT_STYLE: Record<Hint, Style> = {
  plus: "yellow",
  moins: "magenta",
  found: "green",
};

function countdown(
  remainingMs: number,
  durationMs: number,
  width: number,
): Row {
  const label = ` ${seconds(remainingMs)} s`;
  const barWidth = Math.max(
    1,
    Math.min(BAR_MAX, width - visibleWidth(label)),
  );
  const ratio = durationMs > 0
    ? Math.min(1, Math.max(0, remainingMs / durationMs))
    : 0;
  return {
    text: bar(ratio, barWidth) + label,
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
      pad(t(lang, "screen.tries"), 6, RIGHT),
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
        pad(String(p.attempts), 6, RIGHT) + (status ? "  " + status : ""),
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
      pad(t(lang, "screen.tries"), 6, RIGHT) + "   " +
      pad(t(lang, "screen.points"), 8, RIGHT),
    style: "dim",
  };
  return [
    header,
    ...ranking.map((r) => ({
      text: rankCell(r.rank, r.id === myId) + pad(r.nickname, nw) + " " +
        pad(String(r.attempts), 6, RIGHT) + "  " + (r.found ? "✓" : "✗") +
        pad(r.found ? `+${r.points}` : "0", 8, RIGHT),
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
        pad(points(lang, e.points), 12, RIGHT),
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
  const text = cut(row.text, width);
  return row.style ? styler(color)(text, row.style) : text;
}

/**
 * The panel for a juste prix view (as received from the host), `width`
 * columns wide at most; an unreadable view gives a waiting line.
 *
 * @example
 * ```ts
 * import { justePrixRules } from "./rules.ts";
 * import { renderScreen } from "./screen.ts";
 * const opts = justePrixRules.optionsSchema.parse({ max: 10 });
 * const env = { now: 0, random: () => 0.5 };
 * const { state } = justePrixRules.start([{ id: "a", nickname: "Ana" }], opts, env);
 * const lines = renderScreen(justePrixRules.view(state, "a", 0), "en", 40, false);
 * lines[0]; // "Guess the number — Round 1/3"
 * renderScreen(null, "en", 40, false); // ["Waiting for the game…"]
 * ```
 */
export function renderScreen(
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
