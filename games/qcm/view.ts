/**
 * How a client shows the QCM: text lines for `nc` players and the log, a
 * full panel for the terminal UI (four coloured answer boxes, a countdown
 * bar, the reveal's bar chart, the top 5, the podium), and typed input as
 * answer moves.
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import { makeTranslator } from "../../i18n/translate.ts";
import type { GameMessage, GameMove, GameView } from "../types.ts";
import catalog from "./catalog.json" with { type: "json" };
import {
  bar,
  displayWidth,
  padEnd,
  paint,
  stripAnsi,
  type Style,
  truncate,
  wrap,
} from "./text.ts";
import type {
  AnswerAckMessage,
  AnsweredMessage,
  LeaderLine,
  QcmView,
  QuestionMessage,
  QuizEndMessage,
  RevealMessage,
} from "./wire.ts";

const t = makeTranslator(catalog);

/** Kahoot's shapes and colours, one per answer. */
const SHAPES = ["▲", "◆", "●", "■"];
const BOX_STYLES: Style[] = ["bgRed", "bgBlue", "bgYellow", "bgGreen"];
const LETTERS = "ABCD";
const CHART_WIDTH = 12;

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));
const colon = (lang: Lang) => lang === "fr" ? " :" : ":";

/** A line cut to `width` columns (colours dropped if it must be cut). */
function fit(line: string, width: number): string {
  if (displayWidth(line) <= width) return line;
  return truncate(stripAnsi(line), Math.max(0, width));
}

function isView(v: unknown): v is QcmView {
  return typeof v === "object" && v !== null &&
    (v as { game?: unknown }).game === "qcm";
}

function leaderLines(
  board: LeaderLine[],
  lang: Lang,
  me: string | null,
): string[] {
  return board.map((l) =>
    "  " + t(lang, "leader_line", { ...l }) +
    (l.nickname === me ? " " + t(lang, "you") : "")
  );
}

function myResultLine(
  r: { correct: boolean; points: number; streak: number; choices: number[] },
  lang: Lang,
): string {
  if (r.correct) {
    return r.streak > 1
      ? t(lang, "you_right_streak", { points: r.points, streak: r.streak })
      : t(lang, "you_right", { points: r.points });
  }
  return t(lang, r.choices.length > 0 ? "you_wrong" : "you_none");
}

// ---------------------------------------------------------------------------
// Text lines (one per message)

function questionLines(m: QuestionMessage, lang: Lang): string[] {
  const answers = m.answers[lang] ?? m.answers.en;
  const max = answers.length;
  const head = [
    t(lang, "question_header", { index: m.index, total: m.total }),
    t(lang, "time_to_answer", { seconds: seconds(m.timeLimitMs) }),
    ...(m.multiple ? [t(lang, "multiple_tag")] : []),
  ].join(" · ");
  return [
    `━━ ${head} ━━`,
    ...(m.text[lang] ?? m.text.en).split(/\r?\n/),
    ...answers.map((a, i) => `  ${i + 1}) ${a.replace(/\s*\r?\n\s*/g, " ")}`),
    m.multiple
      ? t(lang, "hint_multiple")
      : t(lang, "hint_single", { max, letter: LETTERS[max - 1] }),
  ];
}

function revealLines(m: RevealMessage, lang: Lang, me: string): string[] {
  const answers = (m.answers[lang] ?? m.answers.en).map((a) =>
    a.replace(/\s*\r?\n\s*/g, " ")
  );
  const labels = answers.map((a, i) => truncate(`${i + 1}) ${a}`, 40));
  const labelW = Math.max(...labels.map(displayWidth));
  const most = Math.max(1, ...m.counts);
  const lines = [
    `━━ ${t(lang, "reveal_header", { index: m.index, total: m.total })} ━━`,
    t(lang, "right_answers", {
      choices: m.correct.map((c) => `${c}) ${answers[c - 1] ?? "?"}`).join(
        " ; ",
      ),
    }),
    ...labels.map((label, i) => {
      const mark = m.correct.includes(i + 1) ? "✓" : " ";
      const count = m.counts[i] ?? 0;
      return `${mark} ${padEnd(label, labelW)} ${
        bar(count / most, CHART_WIDTH, " ")
      } ${count}`.trimEnd();
    }),
  ];
  const mine = m.results.find((r) => r.nickname === me || r.id === me);
  if (mine) lines.push(myResultLine(mine, lang));
  lines.push(
    t(lang, "leaderboard") + colon(lang),
    ...leaderLines(m.leaderboard, lang, me),
    t(lang, m.last ? "podium_in" : "next_in", { seconds: seconds(m.nextIn) }),
  );
  return lines;
}

function endLines(m: QuizEndMessage, lang: Lang, me: string): string[] {
  const lines = [
    `━━ ${t(lang, "quiz_over")} · ${t(lang, "podium")} ━━`,
    ...leaderLines(m.podium, lang, me),
  ];
  if (m.ranking.length > m.podium.length) {
    lines.push(
      t(lang, "final_ranking") + colon(lang),
      ...leaderLines(m.ranking, lang, me),
    );
  }
  return lines;
}

// ---------------------------------------------------------------------------
// The panel

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
    return items.map((b) => fit(b.head.replace(/\s+/g, " "), width));
  }
  const drawn = items.map((b) => {
    const content = [
      ...wrap(b.head, inner),
      ...b.body.map((l) => fit(l, inner)),
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
          (_, k) => "│ " + padEnd(content[k] ?? "", inner) + " │",
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
  const gap = width - displayWidth(left) - displayWidth(right);
  return gap >= 2 ? [left + " ".repeat(gap) + right] : [left, right];
}

function countdown(
  view: QcmView,
  width: number,
  color: boolean,
  lang: Lang,
): string {
  const limit = view.question?.timeLimitMs ?? 1;
  const fraction = view.remainingMs / limit;
  const label = " " +
    t(lang, "seconds_left", { seconds: seconds(view.remainingMs) });
  const barW = width - displayWidth(label);
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
    Math.max(...board.map((l) => displayWidth(l.nickname)), 1),
  );
  const scoreW = Math.max(...board.map((l) => String(l.score).length), 1);
  return board.map((l) => {
    const head = `${String(l.rank).padStart(2)}. ${
      padEnd(truncate(l.nickname, nameW), nameW)
    } `;
    const tail = ` ${String(l.score).padStart(scoreW)}${
      l.nickname === me ? " " + t(lang, "you") : ""
    }`;
    const barW = Math.min(20, width - displayWidth(head) - displayWidth(tail));
    const line = barW >= 3
      ? head + bar(l.score / top, barW, " ") + tail
      : head + tail;
    return l.nickname === me ? paint(line, "bold", color) : line;
  });
}

function questionPanel(
  view: QcmView,
  lang: Lang,
  width: number,
  color: boolean,
): string[] {
  const q = view.question!;
  const answers = q.answers[lang] ?? q.answers.en;
  const revealed = view.phase === "reveal" && view.reveal !== null;
  const header = revealed
    ? t(lang, "reveal_header", { index: view.index, total: view.total })
    : t(lang, "question_header", { index: view.index, total: view.total }) +
      (q.multiple ? ` · ${t(lang, "multiple_tag")}` : "");
  const score = view.me
    ? t(lang, "my_score", {
      score: view.me.score,
      streak: view.me.streak,
      rank: view.me.rank,
    })
    : t(lang, "watching");
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
    return lines;
  }
  const result = view.me?.result;
  if (view.me && result) {
    const line = myResultLine({
      ...result,
      streak: view.me.streak,
      choices: view.me.choices ?? [],
    }, lang);
    lines.push(paint(line, result.correct ? "green" : "red", color), "");
  } else if (view.me) {
    lines.push(t(lang, "you_none"), "");
  }
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

// ---------------------------------------------------------------------------
// Input

const DIGITS = /^[1-4](?:[\s,;+]*[1-4])*$/;
const LETTER_LIST = /^[a-d](?:[\s,;+]+[a-d])*$/i;

/**
 * Reads a typed line as answer numbers: `2`, `b`, `1 3`, `13`, `a, c`.
 * Letters must be separated (so that words like "bad" stay chat).
 *
 * @example
 * ```ts
 * import { parseChoices } from "./view.ts";
 * parseChoices("13"); // [1, 3]
 * parseChoices("A c"); // [1, 3]
 * parseChoices("bad"); // null
 * ```
 */
export function parseChoices(line: string): number[] | null {
  const s = line.trim();
  let numbers: number[];
  if (DIGITS.test(s)) {
    numbers = [...s.replace(/[^1-4]/g, "")].map(Number);
  } else if (LETTER_LIST.test(s)) {
    numbers = [...s.toLowerCase().replace(/[^a-d]/g, "")].map((c) =>
      c.charCodeAt(0) - 96
    );
  } else return null;
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/**
 * The QCM's client side: text lines, panel, input, sentences.
 *
 * @example
 * ```ts
 * import { qcmView } from "./view.ts";
 * qcmView.parseInput("2", null); // { type: "answer", choices: [2] }
 * qcmView.help("en");
 * ```
 */
export const qcmView: GameView = {
  lines(message: GameMessage, lang: Lang, me: string): string[] {
    switch (message.type) {
      case "question":
        return questionLines(message as unknown as QuestionMessage, lang);
      case "answered": {
        const m = message as unknown as AnsweredMessage;
        return [t(lang, "answered_line", { ...m })];
      }
      case "answer_ack": {
        const m = message as unknown as AnswerAckMessage;
        return [t(lang, "answer_saved", { choices: m.choices.join(", ") })];
      }
      case "reveal":
        return revealLines(message as unknown as RevealMessage, lang, me);
      case "quiz_end":
        return endLines(message as unknown as QuizEndMessage, lang, me);
    }
    return [];
  },

  screen(view: unknown, lang: Lang, width: number, color: boolean): string[] {
    const w = Math.max(1, Math.floor(width));
    if (!isView(view)) return [];
    const lines = view.phase === "over" || view.question === null
      ? overPanel(view, lang, w, color)
      : questionPanel(view, lang, w, color);
    return lines.map((l) => fit(l, w));
  },

  panelOnly: ["question", "reveal"],

  key(key: string, view: unknown): GameMove | null {
    // One key answers a single-answer question at once; several answers
    // are typed as a line ("1 3") and sent with Enter.
    if (!isView(view) || view.phase !== "question" || !view.question) {
      return null;
    }
    if (view.question.multiple || (view.me && view.me.choices)) return null;
    const n = "1234".indexOf(key) + 1 || "abcd".indexOf(key.toLowerCase()) + 1;
    if (n < 1 || n > view.question.answers.en.length) return null;
    return { type: "answer", choices: [n] };
  },

  parseInput(line: string, view: unknown): GameMove | null {
    if (isView(view) && view.phase === "over") return null;
    const choices = parseChoices(line);
    return choices ? { type: "answer", choices } : null;
  },

  error(
    code: string,
    params: Record<string, string | number>,
    lang: Lang,
  ): string {
    const key = `err_${code}`;
    return key in catalog.en
      ? t(lang, key, params)
      : t(lang, "err_unknown", { code });
  },

  help(lang: Lang): string {
    return t(lang, "help");
  },
};
