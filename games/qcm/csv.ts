/**
 * CSV reading after RFC 4180, as spreadsheets write it: quoted fields may
 * hold separators, doubled quotes (`""`) and line breaks; `\r\n`, `\n` and
 * `\r` end records. Every cell keeps the line where it starts, so problems
 * found later point at the right line even after a multi-line field.
 * The separator is `,`, or `;` (French spreadsheets) or a tab when the first
 * record uses those more.
 *
 * @module
 */

/** One field, with where it starts. */
export interface CsvCell {
  /** The field's text, quotes removed and `""` turned into `"`. */
  text: string;
  /** 1-based line where the field starts. */
  line: number;
  /** 1-based column (in characters) where the field starts. */
  column: number;
  /** True when the field was written in double quotes. */
  quoted: boolean;
}

/** One record (a spreadsheet row). */
export interface CsvRow {
  /** 1-based line where the record starts. */
  line: number;
  cells: CsvCell[];
}

/** Something wrong in the CSV text itself. */
export interface CsvProblem {
  /** `csv_unclosed_quote` or `csv_after_quote`. */
  code: "csv_unclosed_quote" | "csv_after_quote";
  line: number;
  column: number;
  /** 1-based number of the field in its record. */
  field: number;
}

/** Separators the reader recognizes. */
export type CsvSeparator = "," | ";" | "\t";

/** What {@linkcode parseCsv} found. */
export interface CsvResult {
  /** The records, blank ones left out. */
  rows: CsvRow[];
  problems: CsvProblem[];
  /** The separator used. */
  separator: CsvSeparator;
}

/**
 * Picks the separator: the one of `,`, `;`, tab that the first record uses
 * most outside quotes (`,` on a tie).
 *
 * @example
 * ```ts
 * import { detectSeparator } from "./csv.ts";
 * detectSeparator('question;answer1;answer2\n"a, b";1;2'); // ";"
 * ```
 */
export function detectSeparator(text: string): CsvSeparator {
  const counts: Record<CsvSeparator, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch in counts) counts[ch as CsvSeparator]++;
  }
  let best: CsvSeparator = ",";
  for (const sep of [";", "\t"] as const) {
    if (counts[sep] > counts[best]) best = sep;
  }
  return best;
}

/**
 * Reads CSV text into rows of located cells. A leading byte-order mark is
 * skipped. Blank records (every field empty, like `,,,`) are left out.
 * Problems do not stop the reading.
 *
 * @example
 * ```ts
 * import { parseCsv } from "./csv.ts";
 * const { rows } = parseCsv('a,"b\nc",d\ne,f,g\n');
 * console.log(rows[0].cells[1].text); // "b\nc"
 * console.log(rows[1].line); // 3
 * ```
 */
export function parseCsv(text: string, separator?: CsvSeparator): CsvResult {
  const t = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const sep = separator ?? detectSeparator(t);
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let cells: CsvCell[] = [];
  let rowLine = 1;

  const isEol = (c: string | undefined) => c === "\n" || c === "\r";
  const eatEol = () => {
    if (t[i] === "\r" && t[i + 1] === "\n") i += 2;
    else i += 1;
    line++;
    lineStart = i;
  };
  const endRow = () => {
    const blank = cells.every((c) => c.text.trim() === "");
    if (!blank) rows.push({ line: rowLine, cells });
    cells = [];
  };

  while (i <= t.length) {
    if (cells.length === 0) rowLine = line;
    const cellLine = line;
    const cellColumn = i - lineStart + 1;
    const cellLineStart = lineStart;
    // Spaces before an opening quote are forgiven: `a, "b, c"`.
    let j = i;
    while (sep !== "\t" && (t[j] === " " || t[j] === "\t")) j++;
    let value = "";
    let quoted = false;
    if (t[j] === '"') {
      quoted = true;
      i = j + 1;
      let closed = false;
      while (i < t.length) {
        const c = t[i];
        if (c === '"') {
          if (t[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (isEol(c)) {
          value += c === "\r" && t[i + 1] === "\n" ? "\r\n" : c;
          eatEol();
          continue;
        }
        value += c;
        i++;
      }
      if (!closed) {
        problems.push({
          code: "csv_unclosed_quote",
          line: cellLine,
          column: j - cellLineStart + 1,
          field: cells.length + 1,
        });
      }
      // After the closing quote only spaces, a separator or an end of line may follow.
      let k = i;
      while (t[k] === " ") k++;
      if (k < t.length && t[k] !== sep && !isEol(t[k])) {
        problems.push({
          code: "csv_after_quote",
          line,
          column: i - lineStart + 1,
          field: cells.length + 1,
        });
        while (i < t.length && t[i] !== sep && !isEol(t[i])) value += t[i++];
      } else {
        i = k;
      }
    } else {
      while (i < t.length && t[i] !== sep && !isEol(t[i])) value += t[i++];
    }
    cells.push({ text: value, line: cellLine, column: cellColumn, quoted });
    if (i >= t.length) {
      endRow();
      break;
    }
    if (t[i] === sep) {
      i++;
      continue;
    }
    eatEol(); // end of record
    endRow();
    if (i >= t.length) break;
  }
  return { rows, problems, separator: sep };
}
