/**
 * Terminal text layout, pure and shared by the host, the client and the
 * games' views: how many columns a string takes (ANSI styles none, wide CJK
 * and emoji two, combining marks and other zero-width characters none),
 * cutting to a width with an ellipsis without breaking styles, padding,
 * wrapping at spaces, and ANSI styles that vanish when colour is off.
 *
 * @module
 */

/** ANSI CSI sequences: styles (`\x1b[1m`) and cursor/screen controls. */
// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
/** The same, as a split separator that keeps the sequences. */
// deno-lint-ignore no-control-regex
const ANSI_SPLIT = /(\x1b\[[0-9;?]*[A-Za-z])/;

/** Non-spacing and enclosing marks, format characters (ZWJ, ZWSP, BOM...). */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

/** Wide (two-column) ranges: East Asian Wide/Fullwidth letters and emoji. */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation
  [0x3041, 0x33ff], // kana, Bopomofo, Hangul compatibility, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f680, 0x1f6ff], // transport and map symbols
  [0x1f7e0, 0x1f7eb], // coloured circles and squares
  [0x1f900, 0x1f9ff], // supplemental symbols and pictographs
  [0x1fa70, 0x1faff], // symbols and pictographs extended-A
  [0x20000, 0x3fffd], // CJK extensions B and later
];

/**
 * Columns one code point takes in a terminal: 0 for control characters,
 * combining marks, zero-width joiners/spaces and variation selectors; 2 for
 * wide East Asian characters and emoji; else 1.
 *
 * @example
 * ```ts
 * import { charWidth } from "./layout.ts";
 * charWidth("a".codePointAt(0)!); // 1
 * charWidth("漢".codePointAt(0)!); // 2
 * charWidth(0x0301); // 0 (combining acute accent)
 * ```
 */
export function charWidth(codePoint: number): number {
  const cp = codePoint;
  if (cp >= 0x20 && cp < 0x7f) return 1; // printable ASCII, the common case
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp !== 0xad && ZERO_WIDTH.test(String.fromCodePoint(cp))) return 0;
  for (const [from, to] of WIDE) {
    if (cp < from) return 1;
    if (cp <= to) return 2;
  }
  return 1;
}

/**
 * `text` without its ANSI CSI sequences (styles, cursor moves).
 *
 * @example
 * ```ts
 * import { stripAnsi } from "./layout.ts";
 * stripAnsi("\x1b[1mhi\x1b[0m"); // "hi"
 * ```
 */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/**
 * Columns a string takes on screen: ANSI sequences count 0, wide characters
 * 2, combining marks 0 (see {@linkcode charWidth}).
 *
 * @example
 * ```ts
 * import { visibleWidth } from "./layout.ts";
 * visibleWidth("\x1b[1mhé\x1b[0m"); // 2
 * visibleWidth("太郎"); // 4
 * ```
 */
export function visibleWidth(text: string): number {
  let width = 0;
  for (const ch of stripAnsi(text)) width += charWidth(ch.codePointAt(0)!);
  return width;
}

/**
 * Cuts `text` to at most `width` columns, ending with `ellipsis` (default
 * `…`; pass `""` for a plain cut) when something was cut. ANSI sequences
 * stay whole, and a cut that kept some ends with a reset (`\x1b[0m`) so the
 * style does not leak. Text that fits is returned unchanged.
 *
 * @example
 * ```ts
 * import { cut } from "./layout.ts";
 * cut("bonjour", 4); // "bon…"
 * cut("bonjour", 4, ""); // "bonj"
 * cut("\x1b[1mbold\x1b[0m", 3); // "\x1b[1mbo…\x1b[0m"
 * ```
 */
export function cut(text: string, width: number, ellipsis = "…"): string {
  if (visibleWidth(text) <= width) return text;
  if (width <= 0) return "";
  const tail = visibleWidth(ellipsis) <= width ? ellipsis : "";
  const budget = width - visibleWidth(tail);
  let out = "";
  let used = 0;
  let styled = false;
  for (const part of text.split(ANSI_SPLIT)) {
    if (part.startsWith("\x1b[")) {
      out += part;
      styled = true;
      continue;
    }
    for (const ch of part) {
      const w = charWidth(ch.codePointAt(0)!);
      if (used + w > budget) return out + tail + (styled ? "\x1b[0m" : "");
      out += ch;
      used += w;
    }
  }
  return out; // not reached: the text was wider than `width`
}

/**
 * Pads `text` with spaces on the right to at least `width` columns; never
 * cuts (ANSI allowed).
 *
 * @example
 * ```ts
 * import { padEnd } from "./layout.ts";
 * padEnd("ab", 4); // "ab  "
 * padEnd("abcdef", 4); // "abcdef"
 * ```
 */
export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - visibleWidth(text)));
}

/**
 * How {@linkcode pad} aligns and cuts.
 *
 * @example
 * ```ts
 * import { pad, type PadOptions } from "./layout.ts";
 * const score: PadOptions = { align: "right", ellipsis: "" };
 * pad("12", 4, score); // "  12"
 * ```
 */
export interface PadOptions {
  /** Where the text sits: `"left"` (spaces after it, the default) or `"right"`. */
  align?: "left" | "right";
  /** What ends a cut text: `"…"` by default, `""` for a plain cut. */
  ellipsis?: string;
}

/**
 * Cuts (see {@linkcode cut}) then pads `text` with spaces to exactly
 * `width` columns, left-aligned unless `align` is `"right"`.
 *
 * @example
 * ```ts
 * import { pad } from "./layout.ts";
 * pad("ab", 4); // "ab  "
 * pad("7", 3, { align: "right" }); // "  7"
 * pad("Cyrille", 4); // "Cyr…"
 * pad("Cyrille", 4, { ellipsis: "" }); // "Cyri"
 * ```
 */
export function pad(
  text: string,
  width: number,
  options: PadOptions = {},
): string {
  const s = cut(text, width, options.ellipsis);
  const fill = " ".repeat(Math.max(0, width - visibleWidth(s)));
  return options.align === "right" ? fill + s : s + fill;
}

/** Breakable spaces: any white space but the no-break ones. */
const SPACES = /[^\S\u00a0\u2007\u202f]+/;

/**
 * Wraps plain text (no ANSI) into lines of at most `width` columns: breaks
 * at spaces (runs of spaces collapse to one; no-break spaces hold), keeps
 * line breaks, and cuts words longer than a line. Never returns an empty
 * list; a wide character in a one-column box still gets its own line.
 *
 * @example
 * ```ts
 * import { wrap } from "./layout.ts";
 * wrap("un deux trois", 7); // ["un deux", "trois"]
 * wrap("abcdefghij", 4); // ["abcd", "efgh", "ij"]
 * ```
 */
export function wrap(text: string, width: number): string[] {
  const max = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = "";
    let lineWidth = 0;
    for (const word of paragraph.split(SPACES)) {
      if (word === "") continue;
      let rest = word;
      let restWidth = visibleWidth(rest);
      const gap = line === "" ? 0 : 1;
      if (lineWidth + gap + restWidth <= max) {
        line += (gap ? " " : "") + rest;
        lineWidth += gap + restWidth;
        continue;
      }
      if (line !== "") lines.push(line);
      while (restWidth > max) {
        let piece = "";
        let pieceWidth = 0;
        for (const ch of rest) {
          const w = charWidth(ch.codePointAt(0)!);
          if (pieceWidth + w > max) break;
          piece += ch;
          pieceWidth += w;
        }
        if (piece === "") piece = [...rest][0]; // a wide char, 1-column box
        lines.push(piece);
        rest = rest.slice(piece.length);
        restWidth = visibleWidth(rest);
      }
      line = rest;
      lineWidth = restWidth;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * ANSI styles the screens use: text attributes, foreground colours, and
 * background colours (with a readable foreground) for answer boxes.
 *
 * @example
 * ```ts
 * import { type Style, styler } from "./layout.ts";
 * const warn: Style[] = ["bold", "yellow"];
 * styler(true)("!", ...warn); // "\x1b[1;33m!\x1b[0m"
 * ```
 */
export type Style =
  | "bold"
  | "dim"
  | "inverse"
  | "red"
  | "green"
  | "yellow"
  | "blue"
  | "magenta"
  | "cyan"
  | "bgRed"
  | "bgBlue"
  | "bgYellow"
  | "bgGreen";

const CODES: Record<Style, string> = {
  bold: "1",
  dim: "2",
  inverse: "7",
  red: "31",
  green: "32",
  yellow: "33",
  blue: "34",
  magenta: "35",
  cyan: "36",
  bgRed: "41;97",
  bgBlue: "44;97",
  bgYellow: "43;30",
  bgGreen: "42;30",
};

/**
 * Makes a styling function: it wraps text in the given styles and a reset,
 * or returns it unchanged when `color` is false, no style is given or the
 * text is empty.
 *
 * @example
 * ```ts
 * import { styler } from "./layout.ts";
 * styler(false)("x", "bold"); // "x"
 * styler(true)("x", "bold", "red"); // "\x1b[1;31mx\x1b[0m"
 * ```
 */
export function styler(
  color: boolean,
): (text: string, ...styles: Style[]) => string {
  return (text, ...styles) =>
    color && styles.length > 0 && text !== ""
      ? `\x1b[${styles.map((s) => CODES[s]).join(";")}m${text}\x1b[0m`
      : text;
}

/**
 * A horizontal progress bar of `width` columns, `fraction` (0–1) of it full
 * (`█`), the rest empty (`░`, or what `empty` gives). The one bar of every
 * screen (countdowns, answer counts).
 *
 * @example
 * ```ts
 * import { bar } from "./layout.ts";
 * bar(0.5, 4); // "██░░"
 * bar(0.25, 4, " "); // "█   "
 * ```
 */
export function bar(fraction: number, width: number, empty = "░"): string {
  const w = Math.max(0, Math.floor(width));
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const full = Math.round(f * w);
  return "█".repeat(full) + empty.repeat(w - full);
}
