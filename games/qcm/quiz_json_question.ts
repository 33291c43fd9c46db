/**
 * Checking one question of a JSON quiz: its fields, texts given once or per
 * language, answers, key, time limit, id and `keepOrder`.
 *
 * @module
 */
import type { JsonPath } from "./json_locate.ts";
import {
  MAX_ANSWERS,
  MAX_ID_CHARS,
  MAX_QUESTION_CHARS,
  MIN_ANSWERS,
  type QcmQuestion,
} from "./question.ts";
import {
  type AnswerCell,
  checkAnswers,
  checkCorrect,
  checkText,
  type CorrectToken,
} from "./quiz_checks.ts";
import { isList, isObject, isText, JsonContext } from "./quiz_json_context.ts";
import type { Where } from "./quiz_problems.ts";
import { correctShape, jsonBool, textSchema } from "./quiz_schema.ts";

const QUESTION_FIELDS = [
  "id",
  "topic",
  "question",
  "answers",
  "correct",
  "timeSec",
  "keepOrder",
];

/** One language side of a value given as `x` or `{"fr": x, "en": x}`. */
interface Side {
  value: unknown;
  /** Path from the question object. */
  sub: (string | number)[];
  /** Field name to show: `answers` or `answers.fr`. */
  field: string;
}

/**
 * Splits a value given once for both languages or as `{"fr": ..., "en": ...}`
 * into its two sides (the same side twice in the first case). Reports a
 * missing language; returns null then.
 */
function sides(
  ctx: JsonContext,
  value: unknown,
  path: JsonPath,
  field: string,
  number: number,
): { fr: Side; en: Side; same: boolean } | null {
  if (!isObject(value)) {
    const side = { value, sub: [field], field };
    return { fr: side, en: side, same: true };
  }
  ctx.unknownFields(value, [...path, field], ["fr", "en"], number);
  let good = true;
  for (const lang of ["fr", "en"] as const) {
    if (!(lang in value)) {
      ctx.problems.add(
        "json_lang_missing",
        { name: field, lang },
        ctx.where([...path, field], field, number),
      );
      good = false;
    }
  }
  if (!good) return null;
  return {
    fr: { value: value.fr, sub: [field, "fr"], field: `${field}.fr` },
    en: { value: value.en, sub: [field, "en"], field: `${field}.en` },
    same: false,
  };
}

/**
 * Checks question `number` (1-based) at `path`; returns it, or null after
 * recording its problems. `ids` maps the ids seen so far to their question.
 */
export function checkJsonQuestion(
  ctx: JsonContext,
  item: unknown,
  path: (string | number)[],
  number: number,
  ids: Map<string, number>,
): QcmQuestion | null {
  const { problems } = ctx;
  // Where a field is, or the question itself when the field is absent.
  const w = (field: string, sub: JsonPath = []): Where => ({
    line: ctx.doc.at([...path, ...sub])?.line ?? ctx.line(path),
    field,
    question: number,
  });
  if (!isObject(item)) {
    problems.add("json_not_object", {}, w(""));
    return null;
  }
  ctx.unknownFields(item, path, QUESTION_FIELDS, number);
  for (const f of ["question", "answers", "correct"]) {
    if (!(f in item)) problems.add("json_missing_field", { name: f }, w(f));
  }
  let ok = true;

  let id = `q${number}`;
  if ("id" in item) {
    const parsed = textSchema(MAX_ID_CHARS).safeParse(item.id);
    if (parsed.success) id = parsed.data;
    else if (parsed.error.issues[0].code === "custom") {
      const length = [...(item.id as string).trim()].length;
      problems.add(
        "text_too_long",
        { length, max: MAX_ID_CHARS },
        w("id", [
          "id",
        ]),
      );
      ok = false;
    } else {
      problems.add("json_not_text", { name: "id" }, w("id", ["id"]));
      ok = false;
    }
  }
  const first = ids.get(id);
  if (first !== undefined) {
    problems.add("id_duplicate", { id, first }, w("id", ["id"]));
    ok = false;
  } else ids.set(id, number);
  if ("topic" in item && !isText(item.topic)) {
    problems.add("json_not_text", { name: "topic" }, w("topic", ["topic"]));
    ok = false;
  }

  // The question: "..." or {"fr": "...", "en": "..."}.
  let text: { fr: string; en: string } | null = null;
  const qs = "question" in item
    ? sides(ctx, item.question, path, "question", number)
    : null;
  if (qs) {
    const one = (side: Side): string | null => {
      if (!isText(side.value)) {
        problems.add(
          qs.same ? "json_not_text_lang" : "json_not_text",
          { name: side.field },
          w(side.field, side.sub),
        );
        return null;
      }
      return checkText(
        problems,
        side.value,
        MAX_QUESTION_CHARS,
        w(side.field, side.sub),
        ["question_empty", {}],
      );
    };
    const fr = one(qs.fr);
    const en = qs.same ? fr : one(qs.en);
    if (fr !== null && en !== null) text = { fr, en };
  }
  if (text === null) ok = false;

  // The answers: [...] or {"fr": [...], "en": [...]}.
  let answers: { fr: string[]; en: string[] } | null = null;
  let count: number | null = null;
  const as = "answers" in item
    ? sides(ctx, item.answers, path, "answers", number)
    : null;
  if (as) {
    const one = (side: Side): string[] | null => {
      if (!isList(side.value)) {
        problems.add("json_not_answers", {}, w(side.field, side.sub));
        return null;
      }
      const cells: AnswerCell[] = [];
      let typed = true;
      side.value.forEach((a, k) => {
        const where = w(side.field, [...side.sub, k]);
        if (isText(a)) cells.push({ text: a, where });
        else {
          problems.add("json_not_text", { name: `${side.field}[${k}]` }, where);
          typed = false;
        }
      });
      return typed
        ? checkAnswers(problems, cells, w(side.field, side.sub))
        : null;
    };
    const fr = one(as.fr);
    const en = as.same ? fr : one(as.en);
    const frLen = isList(as.fr.value) ? as.fr.value.length : -1;
    const enLen = isList(as.en.value) ? as.en.value.length : -1;
    if (frLen !== enLen && frLen >= 0 && enLen >= 0) {
      problems.add(
        "json_lang_mismatch",
        { n: frLen, en: enLen },
        w("answers", ["answers"]),
      );
    } else if (frLen >= MIN_ANSWERS && frLen <= MAX_ANSWERS) {
      count = frLen;
    }
    if (fr !== null && en !== null && frLen === enLen) {
      answers = { fr, en: as.same ? [...fr] : en };
    }
  }
  if (answers === null) ok = false;

  // The key: 2, "2", "1;3", "A", [1, 3], ["A", "C"].
  let correct: number[] | null = null;
  if ("correct" in item) {
    const shape = correctShape.safeParse(item.correct);
    if (shape.success) {
      const c = shape.data;
      const tokens: CorrectToken[] = [];
      const at = (sub: JsonPath) => w("correct", ["correct", ...sub]);
      if (typeof c === "number") tokens.push({ value: c, where: at([]) });
      else if (typeof c === "string") {
        for (const value of c.split(/[\s,;/+&]+/).filter((s) => s !== "")) {
          tokens.push({ value, where: at([]) });
        }
      } else c.forEach((value, k) => tokens.push({ value, where: at([k]) }));
      correct = checkCorrect(problems, tokens, count, at([]));
    } else problems.add("json_not_correct", {}, w("correct", ["correct"]));
  }
  if (correct === null) ok = false;

  let timeSec: number | undefined;
  if ("timeSec" in item) {
    const v = ctx.time(item.timeSec, w("timeSec", ["timeSec"]));
    if (v === null) ok = false;
    else timeSec = v;
  }
  let keepOrder = false;
  if ("keepOrder" in item) {
    const bool = jsonBool.safeParse(item.keepOrder);
    if (bool.success) keepOrder = bool.data;
    else {
      problems.add(
        "json_not_bool",
        { name: "keepOrder" },
        w("keepOrder", ["keepOrder"]),
      );
      ok = false;
    }
  }
  if (!ok || !text || !answers || !correct) return null;
  return {
    id,
    text,
    answers,
    correct,
    ...(timeSec === undefined ? {} : { timeSec }),
    ...(keepOrder ? { keepOrder } : {}),
  };
}
