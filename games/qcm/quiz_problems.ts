/**
 * Problems of a quiz file and how they read: each with its line, its
 * column or field and a stable code (a key of quiz_file_catalog.json); the
 * sentence saying where, then what to fix; the error that stops a host from
 * starting with a broken file.
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import type { QcmQuestion } from "./question.ts";
import { CodedError } from "../../protocol/errors.ts";
import { makeTranslator } from "../../i18n/translate.ts";
import catalog from "./quiz_file_catalog.json" with { type: "json" };

const t = makeTranslator(catalog);

/**
 * Most problems of a file kept (and reported) line by line; a file with
 * more (half a million stray cells) costs no more to check, and its report
 * says how many were left out.
 */
export const MAX_PROBLEMS = 500;

/**
 * Longest text of the file a problem repeats (characters); longer ones are
 * cut with "…", so one huge cell makes one short line.
 */
export const MAX_QUOTED = 60;

/** The params with every text cut to {@linkcode MAX_QUOTED} characters. */
function shortParams(
  params: Record<string, string | number>,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) {
    const chars = typeof v === "string" ? [...v] : null;
    out[k] = chars && chars.length > MAX_QUOTED
      ? chars.slice(0, MAX_QUOTED).join("") + "…"
      : v;
  }
  return out;
}

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

/** What a quiz file check found: the questions, or every problem. */
export type QuizCheck =
  | { ok: true; questions: QcmQuestion[]; title?: string }
  | { ok: false; problems: QuizProblem[] };

/**
 * One line for a problem, in a language: where, then what to fix.
 *
 * @example
 * ```ts
 * import { checkQuizFile } from "./quiz_file.ts";
 * import { formatProblem } from "./quiz_problems.ts";
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
 * import { parseQuizFile } from "./quiz_file.ts";
 * import { QuizFileError } from "./quiz_problems.ts";
 * try {
 *   parseQuizFile("[]", "empty.json");
 * } catch (e) {
 *   if (e instanceof QuizFileError) console.log(e.problems[0].code); // quiz_empty
 * }
 * ```
 */
export class QuizFileError extends CodedError {
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
      "bad_quiz_file",
      [
        t("en", "summary", { file, n: problems.length }),
        ...problems.map((p) => "  " + formatProblem(p, file, "en")),
      ].join("\n"),
      { file, n: problems.length },
    );
    this.file = file;
    this.problems = problems;
  }

  /**
   * The report in a language: a summary line, then one line per problem.
   * `when` says what the file was for: starting the host (`start`, "nothing
   * was started") or loading it in a running room (`room`, "the quiz was
   * not loaded").
   * @param lang language of the sentences
   * @param when starting the host, or loading in the room
   */
  report(lang: Lang, when: "start" | "room" = "start"): string[] {
    return [
      t(lang, when === "room" ? "summary_room" : "summary", {
        file: this.file,
        n: this.problems.length,
      }),
      ...this.problems.map((p) => "  " + formatProblem(p, this.file, lang)),
    ];
  }
}

/** Where a problem is: line, column, field, question. */
export interface Where {
  line: number;
  column?: number;
  field: string;
  question?: number;
}

/**
 * The problems found in one file, in the order found; {@linkcode sorted}
 * gives them by position.
 *
 * @example
 * ```ts
 * import { Problems } from "./quiz_problems.ts";
 * const problems = new Problems("csv");
 * problems.add("quiz_empty", {}, { line: 0, field: "" });
 * problems.list[0].message; // "the file holds no question: add at least one"
 * ```
 */
export class Problems {
  /**
   * Every problem, in the order found: at most {@linkcode MAX_PROBLEMS}
   * about lines (whole-file problems are always kept).
   */
  readonly list: QuizProblem[] = [];
  /** Problems past {@linkcode MAX_PROBLEMS}, counted but not kept. */
  dropped = 0;
  /** The format the file was read as. */
  readonly source: "csv" | "json";
  /** @param source the format the file is read as */
  constructor(source: "csv" | "json") {
    this.source = source;
  }
  /** Records a problem: its code (a catalog key), values and place. */
  add(
    code: string,
    params: Record<string, string | number>,
    where: Where,
  ): void {
    if (this.list.length >= MAX_PROBLEMS && where.line !== 0) {
      this.dropped++;
      return;
    }
    params = shortParams(params);
    this.list.push({
      source: this.source,
      ...where,
      code,
      params,
      message: t("en", code, params),
    });
  }
  /**
   * The problems by line, then column, then order found; when some were
   * dropped, a whole-file `problems_more` problem says how many, first.
   */
  sorted(): QuizProblem[] {
    const more: QuizProblem[] = this.dropped === 0 ? [] : [{
      source: this.source,
      line: 0,
      field: "",
      code: "problems_more",
      params: { n: this.dropped },
      message: t("en", "problems_more", { n: this.dropped }),
    }];
    return [...more, ...this.list].map((p, i) => ({ p, i })).sort((a, b) =>
      a.p.line - b.p.line || (a.p.column ?? 0) - (b.p.column ?? 0) ||
      a.i - b.i
    ).map((x) => x.p);
  }
}
