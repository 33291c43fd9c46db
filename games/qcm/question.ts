/**
 * What a QCM question is, once loaded: text and answers in French and
 * English, the answer key (0-based indices), an optional time limit. The
 * shipped bank and custom quiz files both end up as {@linkcode QcmQuestion}s.
 *
 * @module
 */
import { z } from "zod";
import { sanitize } from "../../text/sanitize.ts";

/** Fewest answers a question may have. */
export const MIN_ANSWERS = 2;
/** Most answers a question may have (four coloured boxes). */
export const MAX_ANSWERS = 4;
/** Shortest time limit of a question, in seconds. */
export const MIN_TIME_SEC = 5;
/** Longest time limit of a question, in seconds. */
export const MAX_TIME_SEC = 240;
/** Time limit when neither the question nor the options say, in seconds. */
export const DEFAULT_TIME_SEC = 20;
/** Longest question text, in characters. */
export const MAX_QUESTION_CHARS = 300;
/** Longest answer text, in characters. */
export const MAX_ANSWER_CHARS = 120;
/** Most questions a quiz may hold. */
export const MAX_QUESTIONS = 500;
/** Longest question id, in characters. */
export const MAX_ID_CHARS = 80;

/** A text in both languages (custom quizzes use the same text twice). */
export interface Bilingual {
  /** In French. */
  fr: string;
  /** In English. */
  en: string;
}

/** One question, ready to play. */
export interface QcmQuestion {
  /** Stable id (bank ids like `net-http-port`, custom ones like `q7`). */
  id: string;
  /** The question in each language. */
  text: Bilingual;
  /** The answers in each language, same count and order in both. */
  answers: { fr: string[]; en: string[] };
  /** Indices (0-based, sorted, unique) of the correct answers: the key. */
  correct: number[];
  /** Own time limit in seconds; the game's `timeSec` option otherwise. */
  timeSec?: number;
  /** True to keep the answers in their order even when shuffling (e.g. True/False). */
  keepOrder?: boolean;
}

/**
 * A quiz text made safe to print: every line through the one sanitiser
 * (text/sanitize.ts: ESC, BEL, C1 controls, bidi overrides… become visible
 * or `�`), line breaks kept as `\n` (a question may span lines; a lone
 * carriage return, which would overwrite the line, becomes one), tabs made
 * spaces. Quiz files and the `questions` option are untrusted.
 *
 * @example
 * ```ts
 * import { cleanText } from "./question.ts";
 * cleanText("Port ?\x1b]0;pwned\x07"); // "Port ?␛]0;pwned␇"
 * cleanText("a\r\nb\rc\td"); // "a\nb\nc d"
 * ```
 */
export function cleanText(text: string): string {
  return text.split(/\r\n|\r|\n/).map((line) =>
    sanitize(line.replaceAll("\t", " "))
  ).join("\n");
}

/**
 * Schema of a text of a question: trimmed, not empty, at most `max`
 * characters (code points, so an emoji counts one), then made safe to
 * print ({@linkcode cleanText}). Too long gives a `custom` issue with
 * `params.tooLong`.
 *
 * @example
 * ```ts
 * import { textSchema } from "./question.ts";
 * textSchema(3).parse(" 👍🏽 "); // "👍🏽"
 * textSchema(3).safeParse("abcd").error?.issues[0].code; // "custom"
 * textSchema(9).parse("ok\x1b[2J"); // "ok␛[2J"
 * ```
 */
export function textSchema(max: number): z.ZodType<string, string> {
  // Building a zod schema costs far more than using one: one per limit.
  let schema = textSchemas.get(max);
  if (!schema) {
    schema = z.string().trim().min(1).refine((s) => [...s].length <= max, {
      message: `at most ${max} characters`,
      params: { tooLong: true },
    }).transform(cleanText);
    textSchemas.set(max, schema);
  }
  return schema;
}

const textSchemas = new Map<number, z.ZodType<string, string>>();

/**
 * Schema of a time limit in seconds: a whole number from
 * {@linkcode MIN_TIME_SEC} to {@linkcode MAX_TIME_SEC}.
 *
 * @example
 * ```ts
 * import { timeSecSchema } from "./question.ts";
 * timeSecSchema.safeParse(20).success; // true
 * timeSecSchema.safeParse(2).success; // false
 * ```
 */
export const timeSecSchema: z.ZodType<number, number> = z.number().int().min(
  MIN_TIME_SEC,
).max(MAX_TIME_SEC);

/**
 * Schema of a list of answers' length: {@linkcode MIN_ANSWERS} to
 * {@linkcode MAX_ANSWERS} items.
 *
 * @example
 * ```ts
 * import { answerCountSchema } from "./question.ts";
 * answerCountSchema.safeParse(["a"]).error?.issues[0].code; // "too_small"
 * ```
 */
export const answerCountSchema: z.ZodType<unknown[], unknown[]> = z.array(
  z.unknown(),
).min(MIN_ANSWERS).max(MAX_ANSWERS);

const answerList = z.array(textSchema(MAX_ANSWER_CHARS)).min(MIN_ANSWERS)
  .max(MAX_ANSWERS);

/**
 * Schema of a {@linkcode QcmQuestion} (the `questions` option): checks the
 * lengths, that both languages have as many answers, and that the key points
 * at existing answers.
 *
 * @example
 * ```ts
 * import { questionSchema } from "./question.ts";
 * const ok = questionSchema.safeParse({
 *   id: "q1",
 *   text: { fr: "2 + 2 ?", en: "2 + 2?" },
 *   answers: { fr: ["4", "5"], en: ["4", "5"] },
 *   correct: [0],
 * });
 * console.log(ok.success); // true
 * ```
 */
export const questionSchema: z.ZodType<QcmQuestion> = z.object({
  id: textSchema(MAX_ID_CHARS),
  text: z.object({
    fr: textSchema(MAX_QUESTION_CHARS),
    en: textSchema(MAX_QUESTION_CHARS),
  }),
  answers: z.object({ fr: answerList, en: answerList }),
  correct: z.array(z.number().int().min(0).max(MAX_ANSWERS - 1)).min(1).max(
    MAX_ANSWERS,
  ),
  timeSec: timeSecSchema.optional(),
  keepOrder: z.boolean().optional(),
}).superRefine((q, ctx) => {
  if (q.answers.fr.length !== q.answers.en.length) {
    ctx.addIssue({
      code: "custom",
      path: ["answers"],
      message:
        `French and English lists differ (${q.answers.fr.length} vs ${q.answers.en.length} answers): give the same answers in both languages`,
    });
  }
  const n = q.answers.fr.length;
  for (const c of q.correct) {
    if (c >= n) {
      ctx.addIssue({
        code: "custom",
        path: ["correct"],
        message: `index ${c} is not an answer: use 0 to ${n - 1}`,
      });
    }
  }
  if (new Set(q.correct).size !== q.correct.length) {
    ctx.addIssue({
      code: "custom",
      path: ["correct"],
      message: "an index is listed twice: list each correct answer once",
    });
  }
});
