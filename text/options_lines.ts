/**
 * Text lines for what the leader sees when shaping the next game: the
 * `options` message (each option with its value and range), the `quizzes`
 * message (the quiz files next to the host) and the quiz a `lobby` names.
 * Used by the text session (nc players, the client's log).
 *
 * Everything here came over the network: shapes are checked, strings are
 * cut and sanitised, lists are bounded, so a host that sends nonsense gets
 * no line rather than a crash.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import type { QuizInfo } from "../protocol/options_messages.ts";
import { t } from "../i18n/messages.ts";
import { sanitize } from "./sanitize.ts";

/** Most options or files shown from one message. */
const MAX_LINES = 60;

type Titles = (game: string) => string;

function text(v: unknown, max = 80): string {
  return sanitize(String(v).slice(0, max));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The quiz a lobby or an `options` message names, checked, or null.
 *
 * @example
 * ```ts
 * import { quizOf } from "./options_lines.ts";
 * quizOf({ quiz: { title: "Réseaux", count: 12 } }); // { title: "Réseaux", count: 12 }
 * quizOf({ quiz: { title: 3 } }); // null
 * ```
 */
export function quizOf(m: unknown): QuizInfo | null {
  const q = isRecord(m) ? m.quiz : undefined;
  if (
    !isRecord(q) || typeof q.title !== "string" ||
    typeof q.count !== "number" || !Number.isFinite(q.count)
  ) return null;
  return {
    title: text(q.title),
    count: q.count,
    ...(typeof q.file === "string" ? { file: text(q.file, 100) } : {}),
  };
}

/**
 * One line naming a quiz: its title and question count (and file).
 *
 * @example
 * ```ts
 * import { quizLine } from "./options_lines.ts";
 * quizLine({ title: "Réseaux", count: 12 }, "fr"); // "Quiz : Réseaux (12 questions)"
 * quizLine({ title: "Réseaux", count: 1, file: "r.json" }, "en", true); // "Quiz: Réseaux (1 question, r.json)"
 * ```
 */
export function quizLine(quiz: QuizInfo, lang: Lang, withFile = false): string {
  const params = { title: quiz.title, n: quiz.count, file: quiz.file ?? "" };
  const file = withFile && quiz.file ? "_file" : "";
  return t(lang, `quiz_line${quiz.title ? "" : "_untitled"}${file}`, params);
}

/**
 * Lines for a lobby whose quiz changed since the last one (a quiz was
 * loaded, or the game with one was chosen), else none.
 *
 * @example
 * ```ts
 * import { quizChangeLines } from "./options_lines.ts";
 * quizChangeLines({ quiz: null }, { quiz: { title: "Réseaux", count: 12 } }, "en");
 * // ["Quiz: Réseaux (12 questions)"]
 * ```
 */
export function quizChangeLines(
  before: unknown,
  after: unknown,
  lang: Lang,
): string[] {
  const a = quizOf(before);
  const b = quizOf(after);
  if (!b) return [];
  if (a && a.title === b.title && a.count === b.count && a.file === b.file) {
    return [];
  }
  return [quizLine(b, lang)];
}

function valueText(v: unknown): string {
  return text(v, 40);
}

function rangeText(o: Record<string, unknown>, lang: Lang): string {
  const min = typeof o.min === "number" ? o.min : undefined;
  const max = typeof o.max === "number" ? o.max : undefined;
  const bounded = min !== undefined && max !== undefined;
  switch (o.kind) {
    case "integer":
      return bounded
        ? t(lang, "range_integer", { min, max })
        : min !== undefined
        ? t(lang, "range_at_least", { min })
        : t(lang, "range_whole");
    case "number":
      return bounded
        ? t(lang, "range_number", { min, max })
        : t(lang, "range_numeric");
    case "boolean":
      return t(lang, "range_boolean");
    case "choice": {
      const choices = Array.isArray(o.choices)
        ? o.choices.slice(0, 20).map(valueText).join(", ")
        : "";
      return t(lang, "range_choice", { choices });
    }
  }
  return t(lang, "range_text");
}

function optionLine(o: Record<string, unknown>, lang: Lang): string | null {
  if (typeof o.key !== "string") return null;
  const value = o.value === undefined
    ? t(lang, "option_auto")
    : valueText(o.value);
  const range = rangeText(o, lang);
  return o.default === undefined
    ? t(lang, "option_line", { key: text(o.key, 40), value, range })
    : t(lang, "option_line_default", {
      key: text(o.key, 40),
      value,
      range,
      default: valueText(o.default),
    });
}

/**
 * Lines for an `options` message: after a change, one line saying it;
 * else the game's options, one a line, with the quiz for QCM.
 *
 * @example
 * ```ts
 * import { optionsLines } from "./options_lines.ts";
 * const m = {
 *   type: "options",
 *   game: "justeprix",
 *   options: [{ key: "max", kind: "integer", min: 2, max: 1000000, value: 50, default: 100 }],
 * };
 * optionsLines(m, "en", () => "Guess the number");
 * // [
 * //   "Options of Guess the number for the next game (/set KEY VALUE changes one):",
 * //   "  max = 50 — whole number from 2 to 1000000, default 100",
 * // ]
 * optionsLines({ ...m, changed: "max" }, "en", () => "Guess the number");
 * // ["✓ Guess the number: max = 50 for the next game."]
 * ```
 */
export function optionsLines(
  m: Record<string, unknown>,
  lang: Lang,
  titles: Titles,
): string[] {
  const game = titles(text(m.game, 40));
  const options = Array.isArray(m.options)
    ? m.options.slice(0, MAX_LINES).filter(isRecord)
    : [];
  const quiz = quizOf(m);
  if (m.changed === "questions" && quiz) {
    return [t(lang, "quiz_loaded", { game, line: quizLine(quiz, lang, true) })];
  }
  if (typeof m.changed === "string") {
    const o = options.find((x) => x.key === m.changed);
    return [
      t(lang, "option_changed", {
        game,
        key: text(m.changed, 40),
        value: o?.value === undefined
          ? t(lang, "option_auto")
          : valueText(o.value),
      }),
    ];
  }
  const lines = [t(lang, "options_title", { game })];
  for (const o of options) {
    const line = optionLine(o, lang);
    if (line) lines.push(line);
  }
  if (quiz) lines.push("  " + quizLine(quiz, lang, true));
  else if (m.quiz === null) lines.push("  " + t(lang, "quiz_line_bank"));
  return lines;
}

/**
 * Lines for a `quizzes` message: the quiz files next to the host.
 *
 * @example
 * ```ts
 * import { quizzesLines } from "./options_lines.ts";
 * quizzesLines({ type: "quizzes", files: [{ name: "reseaux.json", bytes: 3000 }], more: 0 }, "en");
 * // ["Quiz files next to the host (1) — /quiz NAME loads one:", "  reseaux.json (3 KiB)"]
 * ```
 */
export function quizzesLines(m: Record<string, unknown>, lang: Lang): string[] {
  const files = Array.isArray(m.files)
    ? m.files.slice(0, MAX_LINES).filter((f) =>
      isRecord(f) && typeof f.name === "string"
    ) as { name: string; bytes?: unknown }[]
    : [];
  const more = typeof m.more === "number" && m.more > 0 ? m.more : 0;
  if (files.length === 0 && more === 0) return [t(lang, "quizzes_none")];
  return [
    t(lang, "quizzes_title", { n: files.length + more }),
    ...files.map((f) =>
      "  " + t(lang, "quizzes_line", {
        name: text(f.name, 100),
        kib: typeof f.bytes === "number" && f.bytes > 0
          ? Math.max(1, Math.round(f.bytes / 1024))
          : 0,
      })
    ),
    ...(more ? ["  " + t(lang, "quizzes_more", { n: more })] : []),
  ];
}

/**
 * Lines for the room-level answers this module knows (`options`,
 * `quizzes`), or null for any other message.
 *
 * @example
 * ```ts
 * import { roomOptionLines } from "./options_lines.ts";
 * const list = { type: "quizzes", files: [], more: 0 };
 * roomOptionLines({ type: "chat" }, "en", (g) => g); // null
 * roomOptionLines(list, "en", (g) => g); // ["No quiz file (.json or .csv) next to the host: …"]
 * ```
 */
export function roomOptionLines(
  m: { type: string },
  lang: Lang,
  titles: Titles,
): string[] | null {
  if (m.type === "options") {
    return optionsLines(m as Record<string, unknown>, lang, titles);
  }
  if (m.type === "quizzes") {
    return quizzesLines(m as Record<string, unknown>, lang);
  }
  return null;
}
