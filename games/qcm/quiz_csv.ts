/**
 * Reading a CSV quiz file: a header row (optional; English or French
 * column names) or the seven columns in order (question, answer1 to
 * answer4, time, correct), then one question per row.
 *
 * @module
 */
import { type CsvCell, parseCsv } from "./csv.ts";
import {
  MAX_QUESTION_CHARS,
  MAX_QUESTIONS,
  type QcmQuestion,
} from "./question.ts";
import {
  checkAnswers,
  checkCorrect,
  checkCount,
  checkText,
  checkTime,
} from "./quiz_checks.ts";
import type { QuizCheck } from "./quiz_problems.ts";
import { Problems, type Where } from "./quiz_problems.ts";

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

/**
 * Reads a CSV quiz (comma, semicolon or tab; a header row is optional):
 * its questions, or every problem found.
 *
 * @example
 * ```ts
 * import { checkCsv } from "./quiz_csv.ts";
 * const r = checkCsv("Capital of France?,Paris,Lyon,,,,1\n");
 * if (r.ok) console.log(r.questions[0].answers.en); // ["Paris", "Lyon"]
 * ```
 */
export function checkCsv(text: string): QuizCheck {
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
    // Past the most questions a quiz may have, the file is too long anyway
    // (checkCount says so): rows are counted, not checked, so a huge file
    // costs the host little.
    if (r >= MAX_QUESTIONS) return;
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
