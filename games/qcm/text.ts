/**
 * Terminal text helpers for the QCM screens: display width (wide CJK and
 * emoji take two columns, combining marks none), word wrapping, padding,
 * cutting, and ANSI colours that vanish when colour is off.
 *
 * @module
 */

// deno-lint-ignore no-control-regex
const ANSI_PATTERN = /\x1b\[[0-9;]*m/g;

/**
 * Removes ANSI colour sequences.
 *
 * @example
 * ```ts
 * import { stripAnsi } from "./text.ts";
 * stripAnsi("\x1b[1mhi\x1b[0m"); // "hi"
 * ```
 */
export function stripAnsi(s: string): string {
  return s.replace(ANSI_PATTERN, "");
}

function isZeroWidth(cp: number): boolean {
  return (cp >= 0x0300 && cp <= 0x036f) || // combining diacritics
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space, joiners, marks
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    cp === 0xfeff;
}

function isWide(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x1f680 && cp <= 0x1f6ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
}

/**
 * Columns one character takes in a terminal (0, 1 or 2).
 *
 * @example
 * ```ts
 * import { charWidth } from "./text.ts";
 * charWidth("é"); // 1
 * charWidth("中"); // 2
 * ```
 */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (isZeroWidth(cp)) return 0;
  return isWide(cp) ? 2 : 1;
}

/**
 * Columns a string takes in a terminal, ANSI sequences excluded.
 *
 * @example
 * ```ts
 * import { displayWidth } from "./text.ts";
 * displayWidth("\x1b[31mabc\x1b[0m"); // 3
 * ```
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of stripAnsi(s)) w += charWidth(ch);
  return w;
}

/**
 * Cuts a plain string (no ANSI) to at most `width` columns, ending with `…`
 * when something was cut.
 *
 * @example
 * ```ts
 * import { truncate } from "./text.ts";
 * truncate("abcdef", 4); // "abc…"
 * ```
 */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  if (width <= 0) return "";
  let out = "";
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + "…";
}

/**
 * Pads a string (ANSI allowed) with spaces to `width` columns; never cuts.
 *
 * @example
 * ```ts
 * import { padEnd } from "./text.ts";
 * padEnd("ab", 4); // "ab  "
 * ```
 */
export function padEnd(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - displayWidth(s)));
}

/**
 * Wraps plain text (no ANSI) into lines of at most `width` columns, breaking
 * at spaces and cutting words longer than a line. Never returns an empty list.
 *
 * @example
 * ```ts
 * import { wrap } from "./text.ts";
 * wrap("the quick brown fox", 9); // ["the quick", "brown fox"]
 * ```
 */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = "";
    let lineW = 0;
    for (const word of paragraph.split(/\s+/).filter((x) => x !== "")) {
      let rest = word;
      let restW = displayWidth(rest);
      const gap = line === "" ? 0 : 1;
      if (lineW + gap + restW <= w) {
        line += (gap ? " " : "") + rest;
        lineW += gap + restW;
        continue;
      }
      if (line !== "") lines.push(line);
      line = "";
      lineW = 0;
      while (restW > w) {
        let piece = "";
        let pw = 0;
        for (const ch of rest) {
          const cw = charWidth(ch);
          if (pw + cw > w) break;
          piece += ch;
          pw += cw;
        }
        if (piece === "") piece = [...rest][0]; // a wide char in a 1-column box
        lines.push(piece);
        rest = rest.slice(piece.length);
        restW = displayWidth(rest);
      }
      line = rest;
      lineW = restW;
    }
    lines.push(line);
  }
  return lines;
}

/** ANSI styles the screens use. */
export type Style =
  | "bold"
  | "dim"
  | "red"
  | "green"
  | "yellow"
  | "blue"
  | "bgRed"
  | "bgBlue"
  | "bgYellow"
  | "bgGreen"
  | "inverse";

const CODES: Record<Style, string> = {
  bold: "1",
  dim: "2",
  red: "31",
  green: "32",
  yellow: "33",
  blue: "34",
  bgRed: "41;97",
  bgBlue: "44;97",
  bgYellow: "43;30",
  bgGreen: "42;30",
  inverse: "7",
};

/**
 * Wraps text in an ANSI style, or returns it unchanged when `color` is false.
 *
 * @example
 * ```ts
 * import { paint } from "./text.ts";
 * paint("ok", "green", false); // "ok"
 * paint("ok", "green", true); // "\x1b[32mok\x1b[0m"
 * ```
 */
export function paint(text: string, style: Style, color: boolean): string {
  return color && text !== "" ? `\x1b[${CODES[style]}m${text}\x1b[0m` : text;
}

/**
 * A horizontal bar of `width` columns, `fraction` (0–1) of it full (`█`),
 * the rest empty (`░`, or spaces when `empty` is given).
 *
 * @example
 * ```ts
 * import { bar } from "./text.ts";
 * bar(0.5, 4); // "██░░"
 * ```
 */
export function bar(fraction: number, width: number, empty = "░"): string {
  const w = Math.max(0, Math.floor(width));
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const full = Math.round(f * w);
  return "█".repeat(full) + empty.repeat(w - full);
}
