/**
 * The zod schemas a quiz file is checked with, piece by piece (a file is
 * checked field by field so that every problem gets its own line): the
 * shapes of JSON values, and the limits of ./question.ts (text lengths,
 * answer counts, time limits) shared with the `questions` option's schema.
 * {@linkcode firstIssue} gives the issue a reader turns into a problem.
 * A quiz file is untrusted: every text it gives (questions, answers, ids,
 * the title) goes through {@linkcode textSchema} or {@linkcode cleanText},
 * the one sanitiser, as it is loaded.
 *
 * @module
 */
import { z } from "zod";
import {
  answerCountSchema,
  cleanText,
  MAX_QUESTIONS,
  textSchema as makeTextSchema,
  timeSecSchema,
} from "./question.ts";

export { answerCountSchema, cleanText, timeSecSchema };

// Making a zod schema costs far more than using one (about 0.2 ms): the
// checks ask for the same few limits once per question, so each is made
// once. Schemas are immutable, so sharing them is safe.
const textSchemas = new Map<number, z.ZodType<string, string>>();
const answerNumberSchemas = new Map<
  number | null,
  z.ZodType<number, unknown>
>();

/**
 * Schema of a text of at most `max` characters, trimmed and sanitised
 * (./question.ts), made once per `max`.
 *
 * @example
 * ```ts
 * import { textSchema } from "./quiz_schema.ts";
 * textSchema(5).parse(" Paris "); // "Paris"
 * textSchema(5) === textSchema(5); // true
 * ```
 */
export function textSchema(max: number): z.ZodType<string, string> {
  let schema = textSchemas.get(max);
  if (!schema) textSchemas.set(max, schema = makeTextSchema(max));
  return schema;
}

/**
 * The first issue of `value` against `schema`, or null when it passes.
 *
 * @example
 * ```ts
 * import { firstIssue, jsonText } from "./quiz_schema.ts";
 * firstIssue(jsonText, "ok"); // null
 * firstIssue(jsonText, 3)?.code; // "invalid_type"
 * ```
 */
export function firstIssue(
  schema: z.ZodType,
  value: unknown,
): z.core.$ZodIssue | null {
  const r = schema.safeParse(value);
  return r.success ? null : r.error.issues[0];
}

/** A JSON object (not a list, not null). */
export const jsonObject: z.ZodType<Record<string, unknown>> = z.record(
  z.string(),
  z.unknown(),
);
/** A JSON list. */
export const jsonList: z.ZodType<unknown[]> = z.array(z.unknown());
/** A JSON text. */
export const jsonText: z.ZodType<string> = z.string();
/** A JSON boolean. */
export const jsonBool: z.ZodType<boolean> = z.boolean();

/**
 * The form of a key in JSON: `2`, `"2"`, `"1;3"`, `"A"`, `[1, 3]`,
 * `["A", "C"]`.
 *
 * @example
 * ```ts
 * import { correctShape } from "./quiz_schema.ts";
 * correctShape.safeParse(["A", 3]).success; // true
 * correctShape.safeParse({ a: 1 }).success; // false
 * ```
 */
export const correctShape: z.ZodType<string | number | (string | number)[]> = z
  .union([
    z.number(),
    z.string(),
    z.array(z.union([z.number(), z.string()])),
  ]);

const LETTER = /^[a-d]$/i;
const DIGITS = /^\d+$/;

/**
 * One answer number of a key: a whole number or digits (1-based), or a
 * letter A–D; at most `count` when the question's answers are known.
 * Parses to the 1-based number.
 *
 * @example
 * ```ts
 * import { answerNumberSchema } from "./quiz_schema.ts";
 * answerNumberSchema(3).parse(" b "); // 2
 * answerNumberSchema(3).safeParse("4").success; // false
 * answerNumberSchema(null).parse(7); // 7
 * ```
 */
export function answerNumberSchema(
  count: number | null,
): z.ZodType<number, unknown> {
  let schema = answerNumberSchemas.get(count);
  if (!schema) answerNumberSchemas.set(count, schema = makeAnswerNumber(count));
  return schema;
}

function makeAnswerNumber(count: number | null): z.ZodType<number, unknown> {
  const n = z.number().int().min(1);
  return z.preprocess((v) => {
    if (typeof v !== "string") return v;
    const s = v.trim();
    if (DIGITS.test(s)) return Number(s);
    if (LETTER.test(s)) return s.toLowerCase().charCodeAt(0) - 96;
    return NaN;
  }, count === null ? n : n.max(count)) as z.ZodType<number, unknown>;
}

/**
 * How many questions a file may hold: 1 to {@linkcode MAX_QUESTIONS}.
 *
 * @example
 * ```ts
 * import { quizLengthSchema } from "./quiz_schema.ts";
 * quizLengthSchema.safeParse(0).error?.issues[0].code; // "too_small"
 * ```
 */
export const quizLengthSchema: z.ZodType<number> = z.number().int().min(1)
  .max(MAX_QUESTIONS);
