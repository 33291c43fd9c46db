/**
 * Terminal text layout, pure and shared by the host, the client and the
 * games' views: how many columns a string takes, cutting to a width with an
 * ellipsis without breaking styles, padding, wrapping at spaces, and ANSI
 * styles that vanish when colour is off.
 *
 * Widths come from `string-width` (Unicode grapheme clusters, East Asian
 * Width and emoji sequences: ✅ ⭐ 👍🏽 👨‍👩‍👧 and CJK take two columns,
 * combining marks and joiners none, ANSI sequences none), ANSI sequences are
 * recognised by `ansi-regex` (the pattern `strip-ansi` uses) and wrapping is
 * done by `wrap-ansi` (string-width is the version wrap-ansi uses, so both
 * count alike). Cuts happen between grapheme clusters, never inside one.
 *
 * Terminals do not all agree on emoji widths: these are the widths of
 * current terminals (kitty, WezTerm, iTerm2, VTE, Windows Terminal). Older
 * ones differ for some sequences; tmux 3.3a, for instance, draws a
 * skin-tone emoji (👍🏽) as two wide characters (4 columns) and an emoji
 * made from a text symbol plus VS16 (❤️) as one column.
 *
 * @module
 */
import ansiRegex from "ansi-regex";
import stringWidth from "string-width";
import stripAnsiCodes from "strip-ansi";
import wrapAnsi from "wrap-ansi";

/**
 * ANSI sequences (CSI styles and cursor moves, OSC strings such as links),
 * as a split separator that keeps them at the odd indexes.
 */
const ANSI_SPLIT = new RegExp(`(${ansiRegex().source})`);
/** Ends every style. */
const RESET = "\x1b[0m";
/** Text where every character takes exactly one column. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Grapheme clusters: what a terminal draws as one character. */
const graphemes = new Intl.Segmenter();

/**
 * `text` without its ANSI sequences (styles, cursor moves, links).
 *
 * @example
 * ```ts
 * import { stripAnsi } from "./layout.ts";
 * import assert from "node:assert/strict";
 * assert.equal(stripAnsi("\x1b[1mhi\x1b[0m"), "hi");
 * ```
 */
export function stripAnsi(text: string): string {
  return stripAnsiCodes(text);
}

/**
 * Columns a string takes on screen: ANSI sequences none, wide characters
 * (CJK, emoji, emoji sequences) two, combining marks and zero-width
 * characters none, anything else one.
 *
 * @example
 * ```ts
 * import { visibleWidth } from "./layout.ts";
 * import assert from "node:assert/strict";
 * assert.equal(visibleWidth("\x1b[1mhé\x1b[0m"), 2);
 * assert.equal(visibleWidth("太郎"), 4);
 * assert.equal(visibleWidth("✅👍🏽👨‍👩‍👧"), 6);
 * ```
 */
export function visibleWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = textWidths.get(text);
  if (width === undefined) {
    width = 0;
    for (const cluster of clusters(stripAnsi(text))) {
      width += clusterWidth(cluster);
    }
    remember(textWidths, text, width);
  }
  return width;
}

/** How many entries a cache below holds before it starts afresh. */
const CACHE_SIZE = 4096;
/**
 * Widths of the texts measured lately: a screen measures the same lines
 * (the title, the chat log) at every redraw.
 */
const textWidths = new Map<string, number>();

/** Puts `key` in a cache, emptied first when full (it refills at once). */
function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(key, value);
}

/**
 * Characters that may join the character before them into one grapheme
 * cluster (UAX #29): marks and other extenders, the zero-width joiner,
 * emoji modifiers, regional indicators, Hangul jamo, prepended
 * concatenation marks and other Prepend characters. Text without any is one
 * cluster per code point, and needs no segmenter (a costly one per call).
 */
const JOINING = new RegExp(
  "[\\p{M}\\p{Grapheme_Extend}\\p{Emoji_Modifier}\\p{Regional_Indicator}" +
    "\\u200d\\u0e33\\u0eb3\\u1100-\\u11ff\\ua960-\\ua97f\\ud7b0-\\ud7ff" +
    "\\u0600-\\u0605\\u06dd\\u070f\\u0890\\u0891\\u08e2\\u0d4e" +
    "\\u{110bd}\\u{110cd}\\u{111c2}\\u{111c3}\\u{1193f}\\u{11941}\\u{11a3a}" +
    "\\u{11a84}-\\u{11a89}\\u{11d46}\\u{11f02}\\u{16d63}-\\u{16d6a}]",
  "v",
);

/** The grapheme clusters of plain `text`, in order. */
function clusters(text: string): Iterable<string> {
  if (!JOINING.test(text)) return text; // one cluster per code point
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** Widths of the grapheme clusters met so far (a bounded cache). */
const clusterWidths = new Map<string, number>();

/**
 * Columns of one grapheme cluster, from `string-width`, remembered: asking
 * it a cluster at a time costs a segmentation each, and screens show the
 * same few hundred characters again and again.
 */
function clusterWidth(cluster: string): number {
  let w = clusterWidths.get(cluster);
  if (w === undefined) {
    w = stringWidth(cluster);
    remember(clusterWidths, cluster, w);
  }
  return w;
}

/**
 * Cuts `text` to at most `width` columns, ending with `ellipsis` (default
 * `…`; pass `""` for a plain cut) when something was cut. Grapheme clusters
 * (an emoji sequence, a letter and its accents) and ANSI sequences stay
 * whole, and a cut that kept some ANSI sequence ends with a reset
 * (`\x1b[0m`) so the style does not leak. Text that fits is returned
 * unchanged.
 *
 * @example
 * ```ts
 * import { cut } from "./layout.ts";
 * import assert from "node:assert/strict";
 * assert.equal(cut("bonjour", 4), "bon…");
 * assert.equal(cut("bonjour", 4, ""), "bonj");
 * assert.equal(cut("\x1b[1mbold\x1b[0m", 3), "\x1b[1mbo…\x1b[0m");
 * assert.equal(cut("ok 👍🏽👍🏽", 5), "ok …"); // no half emoji
 * ```
 */
export function cut(text: string, width: number, ellipsis = "…"): string {
  return measuredCut(text, width, ellipsis).text;
}

/**
 * {@linkcode cut}, and the width of what it returns. One pass over the
 * grapheme clusters of the text without its styles, which stops as soon as
 * the text is known to be too wide.
 */
function measuredCut(
  text: string,
  width: number,
  ellipsis: string,
): { text: string; width: number } {
  const plain = stripAnsi(text);
  let used = 0;
  let keptLength = -1; // where the cut falls in `plain`, once known
  let keptWidth = 0;
  const tailWidth = visibleWidth(ellipsis);
  const tail = tailWidth <= width ? ellipsis : "";
  const budget = width - (tail === "" ? 0 : tailWidth);
  if (PRINTABLE_ASCII.test(plain)) { // one column per character
    used = plain.length;
    [keptLength, keptWidth] = [budget, budget];
  } else {
    let offset = 0;
    for (const cluster of clusters(plain)) {
      const w = clusterWidth(cluster);
      if (keptLength < 0 && used + w > budget) {
        [keptLength, keptWidth] = [offset, used];
      }
      used += w;
      if (used > width) break;
      offset += cluster.length;
    }
  }
  if (used <= width) return { text, width: used };
  if (width <= 0) return { text: "", width: 0 };
  const head = prefix(text, keptLength);
  return {
    text: head.text + tail + (head.styled ? RESET : ""),
    width: keptWidth + (tail === "" ? 0 : tailWidth),
  };
}

/**
 * The start of `text` that shows its first `length` UTF-16 units of plain
 * text, with the ANSI sequences met on the way (those right after it
 * included), and whether there were any.
 */
function prefix(
  text: string,
  length: number,
): { text: string; styled: boolean } {
  let out = "";
  let left = length;
  let styled = false;
  const parts = text.split(ANSI_SPLIT);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i % 2 === 1) { // an ANSI sequence
      out += part;
      styled = true;
    } else if (part.length <= left) {
      out += part;
      left -= part.length;
    } else {
      out += part.slice(0, left);
      break;
    }
  }
  return { text: out, styled };
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
  const s = measuredCut(text, width, options.ellipsis ?? "…");
  const right = options.align === "right";
  const fill = " ".repeat(Math.max(0, width - s.width));
  let out = right ? fill + s.text : s.text + fill;
  if (fill !== "" && joinsFill(s.text, right)) {
    // The fill joined the text's edge into one cluster: measure again.
    const missing = " ".repeat(Math.max(0, width - visibleWidth(out)));
    out = right ? missing + out : out + missing;
  }
  return out;
}

/**
 * Whether spaces put before (`before`) or after `text` may join its edge
 * character into one cluster: a leading mark or skin tone joins the space
 * before it, a trailing Prepend character the space after it.
 */
function joinsFill(text: string, before: boolean): boolean {
  const plain = stripAnsi(text);
  const edge = before ? plain.codePointAt(0) : plain.at(-1)?.codePointAt(0);
  return edge !== undefined && JOINING.test(String.fromCodePoint(edge));
}

/** Breakable spaces: any white space but the no-break ones. */
const SPACES = /[^\S\u00a0\u2007\u202f]+/;

/**
 * Wraps text into lines of at most `width` columns: breaks at spaces (runs
 * of spaces collapse to one; no-break spaces hold), keeps line breaks, and
 * cuts words longer than a line between grapheme clusters. ANSI styles are
 * closed at the end of a line and opened again on the next. Never returns
 * an empty list; a wide character in a one-column box still gets its own
 * line. Lines come back in Unicode NFC (`e` + `◌́` becomes `é`), as
 * `wrap-ansi` gives them.
 *
 * @example
 * ```ts
 * import { wrap } from "./layout.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(wrap("un deux trois", 7), ["un deux", "trois"]);
 * assert.deepEqual(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
 * assert.deepEqual(wrap("⭐⭐⭐ ok", 4), ["⭐⭐", "⭐", "ok"]);
 * ```
 */
export function wrap(text: string, width: number): string[] {
  const max = Math.max(1, width);
  const key = `${max} ${text}`;
  let lines = wrapped.get(key);
  if (lines === undefined) {
    lines = text.split(/\r?\n/).flatMap((paragraph) => {
      const line = joinWords(paragraph.split(SPACES));
      if (visibleWidth(line) <= max) return [line.normalize()]; // as wrap-ansi
      return wrapAnsi(line, max, { hard: true, trim: true }).split("\n");
    });
    remember(wrapped, key, lines);
  }
  return [...lines];
}

/**
 * Words joined by one space, empty ones dropped; a word of no width (a lone
 * joiner or mark) sticks to the word before it, so it never becomes a line
 * of its own nor a space too many at the end of one.
 */
function joinWords(words: string[]): string {
  let line = "";
  for (const w of words) {
    if (w === "") continue;
    line += line === "" || visibleWidth(w) > 0 ? (line ? " " : "") + w : w;
  }
  return line;
}

/** Texts wrapped lately, by width and text (screens wrap the same log). */
const wrapped = new Map<string, string[]>();

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
