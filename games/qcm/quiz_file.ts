/**
 * Custom quiz files (`lanplay host --questions FILE`): JSON or CSV text in,
 * {@linkcode QcmQuestion}s out, or every problem found, each with its line,
 * its column or field, and what to fix. Pure: the caller reads the file and
 * passes its text and name. The formats are documented in docs/games/qcm.md
 * (templates: docs/quiz-template.json, docs/quiz-template.csv).
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import { makeTranslator } from "../../i18n/translate.ts";
import catalog from "./quiz_file_catalog.json" with { type: "json" };
import { type CsvCell, parseCsv } from "./csv.ts";
import {
  type JsonPath,
  JsonSyntaxError,
  type LocatedJson,
  parseJsonLocated,
} from "./json_locate.ts";
import {
  MAX_ANSWER_CHARS,
  MAX_ANSWERS,
  MAX_QUESTION_CHARS,
  MAX_QUESTIONS,
  MAX_TIME_SEC,
  MIN_ANSWERS,
  MIN_TIME_SEC,
  type QcmQuestion,
} from "./question.ts";

const t = makeTranslator(catalog);

/** One problem in a quiz file. */
export interface QuizProblem {
  /** Which format it was read as. */
  source: "csv" | "json";
  /** 1-based line; 0 when the problem is about the whole file. */
  line: number;
  /** 1-based character column, for syntax problems. */
  column?: number;
  /** CSV column name or JSON field name; "" when none. */
  field: string;
  /** 1-based question number, when the problem is inside a question. */
  question?: number;
  /** Stable code (a key of quiz_file_catalog.json). */
  code: string;
  /** Values of the sentence. */
  params: Record<string, string | number>;
  /** The problem in English, where included. */
  message: string;
}

/**
 * One line for a problem, in a language: where, then what to fix.
 *
 * @example
 * ```ts
 * import { checkQuizFile, formatProblem } from "./quiz_file.ts";
 * const r = checkQuizFile("Capital of France?,Paris,Lyon,,,,5\n", "quiz.csv");
 * if (!r.ok) console.log(formatProblem(r.problems[0], "quiz.csv", "en"));
 * // quiz.csv line 1, column "correct": "5" is not an answer number: use 1 to 2 (this question has 2 answers)
 * ```
 */
export function formatProblem(
  p: QuizProblem,
  file: string,
  lang: Lang,
): string {
  const at = { file, line: p.line, field: p.field, question: p.question ?? 0 };
  let where: string;
  if (p.line === 0) where = t(lang, "where_file", at);
  else if (p.source === "csv" && p.field !== "") {
    where = t(lang, "where_cell", at);
  } else if (p.field !== "" && p.question !== undefined) {
    where = t(lang, "where_field", at);
  } else if (p.field !== "") where = t(lang, "where_top_field", at);
  else if (p.column !== undefined) {
    where = t(lang, "where_position", { ...at, column: p.column });
  } else where = t(lang, "where_line", at);
  return `${where}${lang === "fr" ? " : " : ": "}${t(lang, p.code, p.params)}`;
}

/**
 * A quiz file has problems: nothing may start. `problems` lists them all,
 * sorted by line; the message lists them in English, one per line.
 *
 * @example
 * ```ts
 * import { parseQuizFile, QuizFileError } from "./quiz_file.ts";
 * try {
 *   parseQuizFile("[]", "empty.json");
 * } catch (e) {
 *   if (e instanceof QuizFileError) console.log(e.problems[0].code); // quiz_empty
 * }
 * ```
 */
export class QuizFileError extends Error {
  /** The file name given to the parser. */
  readonly file: string;
  /** Every problem found. */
  readonly problems: QuizProblem[];
  /**
   * Makes the error; its message lists every problem in English.
   * @param file the file name
   * @param problems what is wrong (at least one)
   */
  constructor(file: string, problems: QuizProblem[]) {
    super(
      [
        t("en", "summary", { file, n: problems.length }),
        ...problems.map((p) => "  " + formatProblem(p, file, "en")),
      ].join("\n"),
    );
    this.name = "QuizFileError";
    this.file = file;
    this.problems = problems;
  }

  /**
   * The report in a language: a summary line, then one line per problem.
   * @param lang language of the sentences
   */
  report(lang: Lang): string[] {
    return [
      t(lang, "summary", { file: this.file, n: this.problems.length }),
      ...this.problems.map((p) => "  " + formatProblem(p, this.file, lang)),
    ];
  }
}

/** What {@linkcode checkQuizFile} found. */
export type QuizCheck =
  | { ok: true; questions: QcmQuestion[]; title?: string }
  | { ok: false; problems: QuizProblem[] };

/**
 * The format of a quiz file: by extension (`.json`, `.csv`, `.tsv`,
 * `.txt`), else by its first character (`{` or `[` means JSON).
 *
 * @example
 * ```ts
 * import { quizFormat } from "./quiz_file.ts";
 * quizFormat("quiz.CSV", "[1]"); // "csv"
 * quizFormat("quiz", ' [ {"question": "?"} ]'); // "json"
 * ```
 */
export function quizFormat(name: string, text: string): "json" | "csv" {
  const lower = name.toLowerCase();
  if (lower.endsWith(".json")) return "json";
  if (/\.(csv|tsv|txt)$/.test(lower)) return "csv";
  return /^\uFEFF?\s*[[{]/.test(text) ? "json" : "csv";
}

/**
 * Validates a quiz file completely and returns its questions, or every
 * problem found (never only the first).
 *
 * @example
 * ```ts
 * import { checkQuizFile } from "./quiz_file.ts";
 * const r = checkQuizFile(
 *   "question,answer1,answer2,answer3,answer4,time,correct\n" +
 *     "2 + 2?,3,4,,,10,2\n",
 *   "quiz.csv",
 * );
 * if (r.ok) console.log(r.questions[0].correct); // [1] (0-based)
 * ```
 */
export function checkQuizFile(text: string, name: string): QuizCheck {
  return quizFormat(name, text) === "json" ? checkJson(text) : checkCsv(text);
}

/**
 * Parses a quiz file; throws {@linkcode QuizFileError} listing every
 * problem when it is not valid.
 *
 * @example
 * ```ts
 * import { parseQuizFile } from "./quiz_file.ts";
 * const questions = parseQuizFile(
 *   '[{"question": "2 + 2?", "answers": ["3", "4"], "correct": 2}]',
 *   "quiz.json",
 * );
 * console.log(questions[0].answers.en); // ["3", "4"]
 * ```
 */
export function parseQuizFile(text: string, name: string): QcmQuestion[] {
  const r = checkQuizFile(text, name);
  if (!r.ok) throw new QuizFileError(name, r.problems);
  return r.questions;
}

// ---------------------------------------------------------------------------
// Shared checks

interface Where {
  line: number;
  column?: number;
  field: string;
  question?: number;
}

class Problems {
  readonly list: QuizProblem[] = [];
  readonly source: "csv" | "json";
  constructor(source: "csv" | "json") {
    this.source = source;
  }
  add(
    code: string,
    params: Record<string, string | number>,
    where: Where,
  ): void {
    this.list.push({
      source: this.source,
      ...where,
      code,
      params,
      message: t("en", code, params),
    });
  }
  sorted(): QuizProblem[] {
    return this.list.map((p, i) => ({ p, i })).sort((a, b) =>
      a.p.line - b.p.line || (a.p.column ?? 0) - (b.p.column ?? 0) ||
      a.i - b.i
    ).map((x) => x.p);
  }
}

/** Trims and checks a text; returns it, or null when it is not usable. */
function checkText(
  problems: Problems,
  raw: string,
  max: number,
  where: Where,
  empty: [code: string, params: Record<string, number>],
): string | null {
  const text = raw.trim();
  if (text === "") {
    problems.add(empty[0], empty[1], where);
    return null;
  }
  if ([...text].length > max) {
    problems.add("text_too_long", { length: [...text].length, max }, where);
    return null;
  }
  return text;
}

interface AnswerCell {
  text: string;
  where: Where;
}

/** Checks a complete list of answers: count, length, duplicates. */
function checkAnswers(
  problems: Problems,
  answers: AnswerCell[],
  where: Where,
): string[] | null {
  let ok = true;
  if (answers.length < MIN_ANSWERS) {
    problems.add("answers_too_few", { n: answers.length }, where);
    ok = false;
  } else if (answers.length > MAX_ANSWERS) {
    problems.add("answers_too_many", { count: answers.length }, where);
    ok = false;
  }
  const out: string[] = [];
  answers.forEach((a, i) => {
    const text = checkText(problems, a.text, MAX_ANSWER_CHARS, a.where, [
      "answer_empty",
      { n: i + 1 },
    ]);
    if (text === null) {
      ok = false;
      return;
    }
    const same = out.findIndex((o) => o.toLowerCase() === text.toLowerCase());
    if (same !== -1) {
      problems.add(
        "answer_duplicate",
        { a: same + 1, b: i + 1, text },
        a.where,
      );
      ok = false;
    }
    out.push(text);
  });
  return ok ? out : null;
}

interface CorrectToken {
  value: string | number;
  where: Where;
}

/** Turns answer numbers (1-based, or letters A–D) into 0-based indices. */
function checkCorrect(
  problems: Problems,
  tokens: CorrectToken[],
  count: number | null,
  where: Where,
): number[] | null {
  if (tokens.length === 0) {
    problems.add("correct_missing", { count: count ?? MAX_ANSWERS }, where);
    return null;
  }
  const out = new Set<number>();
  let ok = true;
  for (const tok of tokens) {
    const s = String(tok.value).trim();
    let n = NaN;
    if (/^\d+$/.test(s)) n = Number(s);
    else if (/^[a-d]$/i.test(s)) n = s.toLowerCase().charCodeAt(0) - 96;
    const usable = count !== null && count >= MIN_ANSWERS &&
      count <= MAX_ANSWERS;
    if (!Number.isInteger(n) || n < 1 || (usable && n > count)) {
      problems.add(
        "correct_not_answer",
        { value: s, count: usable ? count : MAX_ANSWERS },
        tok.where,
      );
      ok = false;
      continue;
    }
    out.add(n - 1);
  }
  return ok ? [...out].sort((a, b) => a - b) : null;
}

/** Checks a time limit (seconds, whole, 5–240). */
function checkTime(
  problems: Problems,
  value: string | number,
  where: Where,
): number | null {
  let n: number;
  if (typeof value === "number") n = value;
  else {
    const m = /^\s*(\d+)\s*(?:s|sec|secs|seconds?|secondes?)?\s*$/i.exec(value);
    n = m ? Number(m[1]) : NaN;
  }
  const range = { min: MIN_TIME_SEC, max: MAX_TIME_SEC };
  if (!Number.isInteger(n)) {
    problems.add("time_not_number", { value: String(value), ...range }, where);
    return null;
  }
  if (n < MIN_TIME_SEC || n > MAX_TIME_SEC) {
    problems.add("time_out_of_range", { value: n, ...range }, where);
    return null;
  }
  return n;
}

function checkCount(problems: Problems, count: number): void {
  if (count === 0) problems.add("quiz_empty", {}, { line: 0, field: "" });
  if (count > MAX_QUESTIONS) {
    problems.add("quiz_too_long", { count, max: MAX_QUESTIONS }, {
      line: 0,
      field: "",
    });
  }
}

// ---------------------------------------------------------------------------
// CSV

type Column =
  | "question"
  | "answer1"
  | "answer2"
  | "answer3"
  | "answer4"
  | "time"
  | "correct";

const COLUMNS: Column[] = [
  "question",
  "answer1",
  "answer2",
  "answer3",
  "answer4",
  "time",
  "correct",
];

function normalize(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** The column a header name means (prefix match, French names too), or null. */
function columnOf(name: string): Column | null {
  const n = normalize(name);
  if (/^(question|enonce|intitule)/.test(n)) return "question";
  const a = /^(answer|reponse|choice|choix|option)s?([1-4])/.exec(n);
  if (a) return `answer${a[2]}` as Column;
  if (/^(time|temps|duree|delai|limit|seconds|secondes)/.test(n)) return "time";
  if (/^(correct|bonne|bonnes|solution|right)/.test(n)) return "correct";
  return null;
}

function checkCsv(text: string): QuizCheck {
  const problems = new Problems("csv");
  const csv = parseCsv(text);
  const rows = csv.rows;
  // Column of each cell index, and the name to show for it.
  let columns: (Column | null)[] = COLUMNS;
  let names: string[] = [...COLUMNS];
  let first = 0;
  // A header row: a cell names the question column and at least two more
  // cells name columns (a real first question would not).
  const header = rows.length > 0 &&
    rows[0].cells.some((c) => columnOf(c.text) === "question") &&
    rows[0].cells.filter((c) => columnOf(c.text) !== null).length >= 3;
  if (header) {
    first = 1;
    columns = [];
    names = [];
    const seen = new Map<Column, string>();
    for (const cell of rows[0].cells) {
      const name = cell.text.trim();
      const col = name === "" ? null : columnOf(name);
      const where = { line: cell.line, column: cell.column, field: "" };
      if (name !== "" && col === null) {
        problems.add("csv_header_unknown", { name }, where);
      } else if (col !== null && seen.has(col)) {
        problems.add("csv_header_duplicate", { name }, where);
        columns.push(null);
        names.push(name);
        continue;
      }
      if (col !== null) seen.set(col, name);
      columns.push(col);
      names.push(name);
    }
    for (const col of ["question", "answer1", "answer2", "correct"] as const) {
      if (!seen.has(col)) {
        problems.add("csv_header_missing", { name: col }, {
          line: rows[0].line,
          field: "",
        });
      }
    }
  }
  for (const p of csv.problems) {
    const field = names[p.field - 1] ?? `${p.field}`;
    problems.add(p.code, {}, { line: p.line, column: p.column, field });
  }

  const questions: QcmQuestion[] = [];
  const dataRows = rows.slice(first);
  // A broken header makes every row's meaning uncertain: report it alone.
  // An unclosed quote swallows the rest of the file into the last row.
  const headerBroken = problems.list.some((p) =>
    p.code.startsWith("csv_header")
  );
  const unclosed = csv.problems.some((p) => p.code === "csv_unclosed_quote");
  dataRows.forEach((row, r) => {
    const number = r + 1;
    if (headerBroken || (unclosed && r === dataRows.length - 1)) return;
    const cellOf = new Map<Column, CsvCell>();
    const nameOf = (col: Column) => names[columns.indexOf(col)] ?? col;
    row.cells.forEach((cell, i) => {
      const col = columns[i] ?? null;
      if (col !== null) cellOf.set(col, cell);
      else if (cell.text.trim() !== "" && (i >= columns.length || !header)) {
        problems.add("csv_extra_cell", { value: cell.text.trim() }, {
          line: cell.line,
          column: cell.column,
          field: "",
        });
      }
    });
    if (!header && row.cells.length < COLUMNS.length) {
      problems.add("csv_row_short", { n: row.cells.length }, {
        line: row.line,
        field: "",
      });
      return;
    }
    const at = (col: Column): Where => {
      const cell = cellOf.get(col);
      return cell
        ? { line: cell.line, column: cell.column, field: nameOf(col) }
        : { line: row.line, field: nameOf(col) };
    };
    const q = checkText(
      problems,
      cellOf.get("question")?.text ?? "",
      MAX_QUESTION_CHARS,
      at("question"),
      ["question_empty", {}],
    );
    // Answers: filled ones in order, no gaps.
    const cells = (["answer1", "answer2", "answer3", "answer4"] as const).map(
      (col) => ({ text: cellOf.get(col)?.text ?? "", where: at(col) }),
    );
    let lastFilled = -1;
    cells.forEach((c, i) => {
      if (c.text.trim() !== "") lastFilled = i;
    });
    let gap = false;
    for (let i = 0; i < lastFilled; i++) {
      if (cells[i].text.trim() === "") {
        problems.add("answer_gap", { empty: i + 1, filled: lastFilled + 1 }, {
          ...cells[i].where,
        });
        gap = true;
      }
    }
    const answers = gap
      ? null
      : checkAnswers(problems, cells.slice(0, lastFilled + 1), at("answer1"));
    const count = gap ? null : lastFilled + 1;
    const correctText = cellOf.get("correct")?.text ?? "";
    const tokens = correctText.split(/[\s,;/+&]+/).filter((s) => s !== "")
      .map((value) => ({ value, where: at("correct") }));
    const correct = checkCorrect(problems, tokens, count, at("correct"));
    const timeText = cellOf.get("time")?.text.trim() ?? "";
    const time = timeText === ""
      ? undefined
      : checkTime(problems, timeText, at("time"));
    if (q !== null && answers !== null && correct !== null && time !== null) {
      questions.push({
        id: `q${number}`,
        text: { fr: q, en: q },
        answers: { fr: answers, en: [...answers] },
        correct,
        ...(time === undefined ? {} : { timeSec: time }),
      });
    }
  });
  checkCount(problems, dataRows.length);
  return problems.list.length > 0
    ? { ok: false, problems: problems.sorted() }
    : { ok: true, questions };
}

// ---------------------------------------------------------------------------
// JSON

const TOP_FIELDS = ["title", "timeSec", "questions"];
const QUESTION_FIELDS = [
  "id",
  "topic",
  "question",
  "answers",
  "correct",
  "timeSec",
  "keepOrder",
];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** What the JSON checks share: the document and the problems. */
class JsonContext {
  readonly doc: LocatedJson;
  readonly problems: Problems;
  constructor(doc: LocatedJson, problems: Problems) {
    this.doc = doc;
    this.problems = problems;
  }
  line(path: JsonPath): number {
    return this.doc.at(path)?.line ?? 0;
  }
  where(path: JsonPath, field: string, question?: number): Where {
    return {
      line: this.line(path),
      field,
      ...(question === undefined ? {} : { question }),
    };
  }
  /** Reports keys of `obj` not in `known`, at the key's line. */
  unknownFields(
    obj: Record<string, unknown>,
    path: JsonPath,
    known: string[],
    question?: number,
  ): void {
    for (const key of Object.keys(obj)) {
      if (known.includes(key)) continue;
      const line = this.doc.keyAt([...path, key])?.line ?? this.line(path);
      this.problems.add("json_unknown_field", {
        name: key,
        known: known.map((f) => `"${f}"`).join(", "),
      }, { line, field: key, ...(question === undefined ? {} : { question }) });
    }
  }
  /** A time limit given as a JSON value. */
  time(value: unknown, where: Where): number | null {
    return checkTime(
      this.problems,
      typeof value === "number" ? value : JSON.stringify(value),
      where,
    );
  }
}

function checkJson(text: string): QuizCheck {
  const problems = new Problems("json");
  let doc: LocatedJson;
  try {
    doc = parseJsonLocated(text.startsWith("\uFEFF") ? text.slice(1) : text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    problems.add(e.code, e.params, {
      line: e.line,
      column: e.column,
      field: "",
    });
    return { ok: false, problems: problems.list };
  }
  const ctx = new JsonContext(doc, problems);
  let list: unknown[] | null = null;
  let listPath: (string | number)[] = [];
  let title: string | undefined;
  let fileTime: number | undefined;
  const root = doc.value;
  if (Array.isArray(root)) list = root;
  else if (isObject(root)) {
    ctx.unknownFields(root, [], TOP_FIELDS);
    if ("title" in root) {
      if (typeof root.title === "string") title = root.title.trim();
      else {
        problems.add(
          "json_not_text",
          { name: "title" },
          ctx.where(["title"], "title"),
        );
      }
    }
    if ("timeSec" in root) {
      fileTime = ctx.time(root.timeSec, ctx.where(["timeSec"], "timeSec")) ??
        undefined;
    }
    if (!("questions" in root)) {
      problems.add("json_missing_field", { name: "questions" }, {
        line: ctx.line([]),
        field: "questions",
      });
    } else if (!Array.isArray(root.questions)) {
      problems.add(
        "json_not_list",
        { name: "questions" },
        ctx.where(["questions"], "questions"),
      );
    } else {
      list = root.questions;
      listPath = ["questions"];
    }
  } else {
    problems.add("json_root", {}, { line: ctx.line([]), field: "" });
  }

  const questions: QcmQuestion[] = [];
  if (list !== null) {
    const ids = new Map<string, number>();
    list.forEach((item, i) => {
      const q = checkJsonQuestion(ctx, item, [...listPath, i], i + 1, ids);
      if (q) {
        if (q.timeSec === undefined && fileTime !== undefined) {
          q.timeSec = fileTime;
        }
        questions.push(q);
      }
    });
    checkCount(problems, list.length);
  }
  return problems.list.length > 0
    ? { ok: false, problems: problems.sorted() }
    : { ok: true, questions, ...(title ? { title } : {}) };
}

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

function checkJsonQuestion(
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
    if (typeof item.id === "string" && item.id.trim() !== "") {
      id = item.id.trim();
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
  if ("topic" in item && typeof item.topic !== "string") {
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
      if (typeof side.value !== "string") {
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
      if (!Array.isArray(side.value)) {
        problems.add("json_not_answers", {}, w(side.field, side.sub));
        return null;
      }
      const cells: AnswerCell[] = [];
      let typed = true;
      side.value.forEach((a, k) => {
        const where = w(side.field, [...side.sub, k]);
        if (typeof a === "string") cells.push({ text: a, where });
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
    const frLen = Array.isArray(as.fr.value) ? as.fr.value.length : -1;
    const enLen = Array.isArray(as.en.value) ? as.en.value.length : -1;
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
    const c = item.correct;
    const tokens: CorrectToken[] = [];
    let typed = true;
    if (typeof c === "number") {
      tokens.push({ value: c, where: w("correct", ["correct"]) });
    } else if (typeof c === "string") {
      for (const value of c.split(/[\s,;/+&]+/).filter((s) => s !== "")) {
        tokens.push({ value, where: w("correct", ["correct"]) });
      }
    } else if (Array.isArray(c)) {
      c.forEach((v, k) => {
        if (typeof v === "number" || typeof v === "string") {
          tokens.push({ value: v, where: w("correct", ["correct", k]) });
        } else typed = false;
      });
    } else typed = false;
    if (typed) {
      correct = checkCorrect(
        problems,
        tokens,
        count,
        w("correct", ["correct"]),
      );
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
    if (typeof item.keepOrder === "boolean") keepOrder = item.keepOrder;
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
