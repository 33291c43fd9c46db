/**
 * The QCM's full-screen panel for the terminal UI: four coloured answer
 * boxes, a countdown bar, the reveal's bar chart, the top 5, the podium.
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import {
  bar,
  cut,
  pad,
  type Style,
  styler,
  visibleWidth,
  wrap,
} from "../../text/layout.ts";
import { CommitmentBook } from "./fairness.ts";
import { t } from "./i18n.ts";
import { CHART_WIDTH, myResultLine, seconds, verdictLine } from "./lines.ts";
import { READY_MS } from "./phases.ts";
import type { LeaderLine, QcmView } from "./wire.ts";

/** Kahoot's shapes and colours, one per answer. */
const SHAPES = ["▲", "◆", "●", "■"];
const BOX_STYLES: Style[] = ["bgRed", "bgBlue", "bgYellow", "bgGreen"];

/**
 * True when `v` is a QCM view (`game: "qcm"`).
 *
 * @example
 * ```ts
 * import { isQcmView } from "./screen.ts";
 * isQcmView({ game: "qcm" }); // true
 * isQcmView(null); // false
 * ```
 */
export function isQcmView(v: unknown): v is QcmView {
  return typeof v === "object" && v !== null &&
    (v as { game?: unknown }).game === "qcm";
}

const paint = (text: string, style: Style, color: boolean) =>
  styler(color)(text, style);

interface Box {
  /** First lines: the answer, wrapped. */
  head: string;
  /** Extra lines under it (the count bar in a reveal). */
  body: string[];
  style: Style;
  /** Greyed out (a wrong answer in a reveal). */
  dim: boolean;
}

/** Answer boxes, two per row when there is room, one per row otherwise. */
function boxes(items: Box[], width: number, color: boolean): string[] {
  const cols = width >= 44 && items.length > 1 ? 2 : 1;
  const boxW = cols === 2 ? Math.floor((width - 1) / 2) : width;
  const inner = boxW - 4;
  if (inner < 3) {
    return items.map((b) => cut(b.head.replace(/\s+/g, " "), width));
  }
  const drawn = items.map((b) => {
    const content = [
      ...wrap(b.head, inner),
      ...b.body.map((l) => cut(l, inner)),
    ];
    return { b, content };
  });
  const out: string[] = [];
  for (let r = 0; r < drawn.length; r += cols) {
    const row = drawn.slice(r, r + cols);
    const height = Math.max(...row.map((d) => d.content.length));
    const rendered = row.map(({ b, content }) => {
      const style: Style = b.dim ? "dim" : b.style;
      const lines = [
        "┌" + "─".repeat(boxW - 2) + "┐",
        ...Array.from(
          { length: height },
          (_, k) => "│ " + pad(content[k] ?? "", inner) + " │",
        ),
        "└" + "─".repeat(boxW - 2) + "┘",
      ];
      return lines.map((l) => paint(l, style, color));
    });
    for (let k = 0; k < height + 2; k++) {
      out.push(rendered.map((lines) => lines[k]).join(" "));
    }
  }
  return out;
}

/** Left text and right text on one line when they fit, else two lines. */
function spread(left: string, right: string, width: number): string[] {
  if (right === "") return [left];
  const gap = width - visibleWidth(left) - visibleWidth(right);
  return gap >= 2 ? [left + " ".repeat(gap) + right] : [left, right];
}

function countdown(
  view: QcmView,
  width: number,
  color: boolean,
  lang: Lang,
): string {
  const limit = view.phase === "ready"
    ? Math.max(READY_MS, view.remainingMs)
    : view.question?.timeLimitMs ?? 1;
  const fraction = view.remainingMs / limit;
  const label = " " +
    t(lang, "seconds_left", { seconds: seconds(view.remainingMs) });
  const barW = width - visibleWidth(label);
  if (barW < 4) return label.trim();
  const style: Style = fraction > 0.5
    ? "green"
    : fraction > 0.25
    ? "yellow"
    : "red";
  return paint(bar(fraction, barW), style, color) + label;
}

function panelLeaderboard(
  view: QcmView,
  board: LeaderLine[],
  lang: Lang,
  color: boolean,
  width: number,
): string[] {
  const me = view.me?.nickname ?? null;
  const top = Math.max(1, ...board.map((l) => l.score));
  const nameW = Math.min(
    16,
    Math.max(...board.map((l) => visibleWidth(l.nickname)), 1),
  );
  const scoreW = Math.max(...board.map((l) => String(l.score).length), 1);
  return board.map((l) => {
    const head = `${String(l.rank).padStart(2)}. ${pad(l.nickname, nameW)} `;
    const tail = ` ${String(l.score).padStart(scoreW)}${
      l.nickname === me ? " " + t(lang, "you") : ""
    }`;
    const barW = Math.min(20, width - visibleWidth(head) - visibleWidth(tail));
    const line = barW >= 3
      ? head + bar(l.score / top, barW, " ") + tail
      : head + tail;
    return l.nickname === me ? paint(line, "bold", color) : line;
  });
}

/** Hex digits of the commitment the panel shows while answering. */
const SHORT_SEAL = 16;

function questionPanel(
  view: QcmView,
  lang: Lang,
  width: number,
  color: boolean,
  book: CommitmentBook,
): string[] {
  const q = view.question!;
  const answers = q.answers[lang] ?? q.answers.en;
  const revealed = view.phase === "reveal" && view.reveal !== null;
  const header = revealed
    ? t(lang, "reveal_header", { index: view.index, total: view.total })
    : t(lang, "question_header", { index: view.index, total: view.total }) +
      (q.multiple ? ` · ${t(lang, "multiple_tag")}` : "");
  const score = scoreLine(view, lang);
  const lines = [
    ...spread(paint(header, "bold", color), score, width),
    "",
    ...wrap(q.text[lang] ?? q.text.en, width).map((l) =>
      paint(l, "bold", color)
    ),
    "",
  ];
  const most = revealed ? Math.max(1, ...view.reveal!.counts) : 1;
  const mine = view.me?.choices ?? [];
  lines.push(
    ...boxes(
      answers.map((a, i) => {
        const n = i + 1;
        const right = revealed && view.reveal!.correct.includes(n);
        const picked = mine.includes(n) ? " ←" : "";
        const mark = revealed ? (right ? "✓ " : "✗ ") : "";
        const count = revealed ? view.reveal!.counts[i] ?? 0 : 0;
        return {
          head: `${mark}${n} ${SHAPES[i]} ${a}${picked}`,
          body: revealed ? [`${bar(count / most, CHART_WIDTH)} ${count}`] : [],
          style: BOX_STYLES[i],
          dim: revealed && !right,
        };
      }),
      width,
      color,
    ),
    "",
  );
  if (!revealed) {
    lines.push(countdown(view, width, color, lang));
    const count = t(lang, "answered_count", {
      count: view.answeredCount,
      of: view.playerCount,
    });
    let status = "";
    if (view.me) {
      status = view.me.choices
        ? t(lang, "my_answer", { choices: view.me.choices.join(", ") })
        : q.multiple
        ? t(lang, "your_turn_multiple")
        : t(lang, "your_turn", { max: answers.length });
    }
    lines.push(...spread(count, status, width));
    if (typeof view.commitment === "string") {
      book.saw(view.commitment, view.index, q.answers);
      const short = view.commitment.slice(0, SHORT_SEAL);
      lines.push(
        paint(t(lang, "sealed_short", { commitment: short }), "dim", color),
      );
    }
    return lines;
  }
  const verdict = book.check({
    index: view.index,
    commitment: view.commitment,
    salt: view.reveal!.salt,
    correct: view.reveal!.correct,
    answers: q.answers,
    results: view.reveal!.results,
  });
  const result = view.me?.result;
  if (view.me && result) {
    const line = myResultLine({
      ...result,
      streak: view.me.streak,
      choices: view.me.choices ?? [],
    }, lang);
    lines.push(paint(line, result.correct ? "green" : "red", color));
  } else if (view.me) {
    lines.push(t(lang, "you_none"));
  }
  const verdictStyle: Style = verdict === "verified"
    ? "green"
    : verdict === "mismatch"
    ? "red"
    : "yellow";
  const verdictText = verdict === "verified"
    ? t(lang, "key_verified_short")
    : verdictLine(verdict, view.reveal!.salt, lang);
  lines.push(
    ...wrap(verdictText, width).map((l) => paint(l, verdictStyle, color)),
    "",
  );
  lines.push(
    paint(t(lang, "leaderboard"), "bold", color),
    ...panelLeaderboard(view, view.leaderboard, lang, color, width),
    "",
    t(lang, view.index >= view.total ? "podium_in" : "next_in", {
      seconds: seconds(view.remainingMs),
    }),
  );
  return lines;
}

/** Text in a double-lined box, centred in `width` (plain when too narrow). */
function banner(text: string, width: number, color: boolean): string[] {
  const inner = visibleWidth(text) + 4;
  if (inner + 2 > width) return [paint(text, "bold", color)];
  const left = " ".repeat(Math.floor((width - inner - 2) / 2));
  return [
    left + "╔" + "═".repeat(inner) + "╗",
    left + "║  " + paint(text, "bold", color) + "  ║",
    left + "╚" + "═".repeat(inner) + "╝",
  ];
}

/** The title bar's right side: my score, streak and rank, or « spectateur ». */
function scoreLine(view: QcmView, lang: Lang): string {
  return view.me
    ? t(lang, "my_score", {
      score: view.me.score,
      streak: view.me.streak,
      rank: view.me.rank,
    })
    : t(lang, "watching");
}

/**
 * « Préparez-vous ! » before question 1: the banner, when question 1
 * comes (with the countdown bar, as a question's), how to answer, who is
 * here.
 */
function readyPanel(
  view: QcmView,
  lang: Lang,
  width: number,
  color: boolean,
): string[] {
  const score = scoreLine(view, lang);
  return [
    ...spread("", score, width).filter((l) => l !== ""),
    "",
    ...banner(t(lang, "ready_title").toUpperCase(), width, color),
    "",
    paint(
      t(lang, "ready_in", {
        total: view.total,
        seconds: seconds(view.remainingMs),
      }),
      "bold",
      color,
    ),
    countdown(view, width, color, lang),
    "",
    ...wrap(t(lang, "ready_how"), width),
    t(lang, "players_here", { count: view.playerCount }),
  ];
}

function overPanel(
  view: QcmView,
  lang: Lang,
  width: number,
  color: boolean,
): string[] {
  const ranking = view.ranking ?? view.leaderboard;
  const lines = [
    paint(t(lang, "quiz_over"), "bold", color),
    "",
    paint(t(lang, "podium"), "bold", color),
    ...panelLeaderboard(view, ranking.slice(0, 3), lang, color, width),
  ];
  if (ranking.length > 3) {
    lines.push(
      "",
      paint(t(lang, "final_ranking"), "bold", color),
      ...panelLeaderboard(view, ranking, lang, color, width),
    );
  }
  return lines;
}

/**
 * The QCM panel for a view, every line at most `width` columns; no lines
 * for a view that is not the QCM's. `book` remembers the commitment shown
 * while a question is open, so that its reveal is checked against it
 * (./fairness.ts); a client keeps one book for its whole session.
 *
 * @example
 * ```ts
 * import { screen } from "./screen.ts";
 * import { visibleWidth } from "../../text/layout.ts";
 * const view = {
 *   game: "qcm", phase: "over", index: 1, total: 1, question: null,
 *   remainingMs: 0, answeredCount: 0, playerCount: 1, me: null, reveal: null,
 *   leaderboard: [], ranking: [{ rank: 1, nickname: "Ana", score: 950 }],
 * };
 * const lines = screen(view, "en", 30, false);
 * lines[0]; // "Quiz over"
 * lines.every((l) => visibleWidth(l) <= 30); // true
 * ```
 */
export function screen(
  view: unknown,
  lang: Lang,
  width: number,
  color: boolean,
  book: CommitmentBook = new CommitmentBook(),
): string[] {
  const w = Math.max(1, Math.floor(width));
  if (!isQcmView(view)) return [];
  const lines = view.phase === "ready"
    ? readyPanel(view, lang, w, color)
    : view.phase === "over" || view.question === null
    ? overPanel(view, lang, w, color)
    : questionPanel(view, lang, w, color, book);
  return lines.map((l) => cut(l, w));
}
