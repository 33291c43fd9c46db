/**
 * The QCM's text lines, one block per game message: what `nc` players read
 * in text mode and what the terminal UI writes in its log.
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import { bar, cut, pad, visibleWidth } from "../../text/layout.ts";
import { sanitize } from "../../text/sanitize.ts";
import type { GameMessage } from "../types.ts";
import { CommitmentBook, type Opening, type Verdict } from "./fairness.ts";
import { t } from "./i18n.ts";
import type {
  AnswerAckMessage,
  AnsweredMessage,
  LeaderLine,
  QuestionMessage,
  QuizEndMessage,
  ResultMessage,
  RevealMessage,
} from "./wire.ts";

const LETTERS = "ABCD";
/** Columns of the bars of a reveal's chart. */
export const CHART_WIDTH = 12;

/**
 * Whole seconds left in `ms` milliseconds, rounded up (never below 0).
 *
 * @example
 * ```ts
 * import { seconds } from "./lines.ts";
 * seconds(1001); // 2
 * seconds(-5); // 0
 * ```
 */
export const seconds = (ms: number): number =>
  Math.max(0, Math.ceil(ms / 1000));

const colon = (lang: Lang) => lang === "fr" ? " :" : ":";

/**
 * Leaderboard lines, the viewer's own marked `(you)`.
 *
 * @example
 * ```ts
 * import { leaderLines } from "./lines.ts";
 * leaderLines([{ rank: 1, nickname: "Ana", score: 900 }], "en", "Ana");
 * // ["  1. Ana: 900 (you)"]
 * ```
 */
export function leaderLines(
  board: LeaderLine[],
  lang: Lang,
  me: string | null,
): string[] {
  return board.map((l) =>
    "  " + t(lang, "leader_line", { ...l }) +
    (l.nickname === me ? " " + t(lang, "you") : "")
  );
}

/**
 * The sentence telling a player how they did on a question.
 *
 * @example
 * ```ts
 * import { myResultLine } from "./lines.ts";
 * myResultLine({ correct: true, points: 950, streak: 2, choices: [1] }, "en");
 * // "Right! +950 points (streak of 2)"
 * ```
 */
export function myResultLine(
  r: { correct: boolean; points: number; streak: number; choices: number[] },
  lang: Lang,
): string {
  if (r.correct) {
    return r.streak > 1
      ? t(lang, "you_right_streak", { n: r.points, streak: r.streak })
      : t(lang, "you_right", { n: r.points });
  }
  return t(lang, r.choices.length > 0 ? "you_wrong" : "you_none");
}

/**
 * The sentence saying whether a reveal opened the commitment sent with its
 * question: `✓` verified, a loud warning when it does not match, or that
 * this client cannot check it.
 *
 * @example
 * ```ts
 * import { verdictLine } from "./lines.ts";
 * verdictLine("mismatch", "0a", "en").startsWith("⚠ WARNING"); // true
 * verdictLine("verified", "0a", "fr"); // "✓ clé vérifiée : la même que celle scellée avant les réponses (sel 0a)"
 * ```
 */
export function verdictLine(
  verdict: Verdict,
  salt: unknown,
  lang: Lang,
): string {
  if (verdict === "verified") {
    return t(lang, "key_verified", { salt: sanitize(String(salt)) });
  }
  return t(lang, verdict === "mismatch" ? "key_mismatch" : "key_unseen");
}

function questionLines(
  m: QuestionMessage,
  lang: Lang,
  book: CommitmentBook,
): string[] {
  book.saw(m.commitment, m.index, m.answers);
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
    t(lang, "sealed", { commitment: sanitize(String(m.commitment)) }),
  ];
}

function revealLines(
  m: RevealMessage,
  lang: Lang,
  me: string,
  book: CommitmentBook,
): string[] {
  const answers = (m.answers[lang] ?? m.answers.en).map((a) =>
    a.replace(/\s*\r?\n\s*/g, " ")
  );
  const labels = answers.map((a, i) => cut(`${i + 1}) ${a}`, 40));
  const labelW = Math.max(...labels.map(visibleWidth));
  const most = Math.max(1, ...m.counts);
  const lines = [
    `━━ ${t(lang, "reveal_header", { index: m.index, total: m.total })} ━━`,
    t(lang, "right_answers", {
      n: m.correct.length,
      choices: m.correct.map((c) => `${c}) ${answers[c - 1] ?? "?"}`).join(
        " ; ",
      ),
    }),
    ...labels.map((label, i) => {
      const mark = m.correct.includes(i + 1) ? "✓" : " ";
      const count = m.counts[i] ?? 0;
      return `${mark} ${pad(label, labelW)} ${
        bar(count / most, CHART_WIDTH, " ")
      } ${count}`.trimEnd();
    }),
    verdictLine(book.check(m as Opening), m.salt, lang),
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

/**
 * The text-mode line of a view that opens the « Préparez-vous » phase
 * (`phase: "ready"`) when the view held before was not one: « La première
 * question arrive dans 3 s. »; no line otherwise (the countdown is not
 * repeated by later views of the same phase).
 *
 * @example
 * ```ts
 * import { readyLines } from "./lines.ts";
 * const view = { game: "qcm", phase: "ready", index: 0, remainingMs: 3000 };
 * readyLines(view, null, "fr"); // ["La première question arrive dans 3 s."]
 * readyLines(view, view, "en"); // []
 * ```
 */
export function readyLines(
  view: unknown,
  previous: unknown,
  lang: Lang,
): string[] {
  const phase = (v: unknown) =>
    typeof v === "object" && v !== null &&
      (v as { game?: unknown }).game === "qcm"
      ? (v as { phase?: unknown }).phase
      : undefined;
  if (phase(view) !== "ready" || phase(previous) === "ready") return [];
  const ms = (view as { remainingMs?: unknown }).remainingMs;
  return [
    t(lang, "ready_line", {
      seconds: seconds(typeof ms === "number" ? ms : 0),
    }),
  ];
}

/**
 * Human lines for one QCM message (`me` is the reader's nickname or id);
 * no lines for a message that is not the QCM's. `book` remembers the
 * commitment of each question so that its reveal is checked against it
 * (./fairness.ts); a client keeps one book for its whole session.
 *
 * @example
 * ```ts
 * import { lines } from "./lines.ts";
 * lines({ type: "answered", nickname: "Ana", count: 1, of: 3 }, "en", "Bob");
 * // ["Ana answered (1/3)"]
 * lines({ type: "answer_count", count: 1, of: 2 }, "en", "Bob"); // []
 * ```
 */
export function lines(
  message: GameMessage,
  lang: Lang,
  me: string,
  book: CommitmentBook = new CommitmentBook(),
): string[] {
  switch (message.type) {
    case "question":
      return questionLines(message as unknown as QuestionMessage, lang, book);
    case "answered": {
      const m = message as unknown as AnsweredMessage;
      return [t(lang, "answered_line", { ...m })];
    }
    case "answer_count":
      // Only a count (someone away, back or gone): the panel shows it, and
      // a line each time would flood a big room's text mode and logs.
      return [];
    case "answer_ack": {
      const m = message as unknown as AnswerAckMessage;
      return [t(lang, "answer_saved", { choices: m.choices.join(", ") })];
    }
    case "reveal":
      return revealLines(message as unknown as RevealMessage, lang, me, book);
    case "result": {
      const m = message as unknown as ResultMessage;
      return [
        myResultLine(m, lang),
        t(lang, "your_rank", { rank: m.rank, of: m.of }),
      ];
    }
    case "quiz_end":
      return endLines(message as unknown as QuizEndMessage, lang, me);
  }
  return [];
}
