/**
 * Text layout for the terminal: visible width (ANSI styles ignored, wide
 * characters counted twice), cutting, padding, wrapping and styles. Pure.
 *
 * @module
 */

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

function charWidth(cp: number): number {
  if (cp === 0) return 0;
  if (cp >= 0x300 && cp <= 0x36f) return 0; // combining marks
  if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) return 2;
  return 1;
}

/**
 * Columns a string takes on screen.
 *
 * @example
 * ```ts
 * import { visibleWidth } from "./layout.ts";
 * visibleWidth("\x1b[1mhé\x1b[0m"); // 2
 * ```
 */
export function visibleWidth(text: string): number {
  let w = 0;
  for (const ch of text.replace(ANSI, "")) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/**
 * Cuts a string to at most `width` columns, keeping ANSI styles whole and
 * ending with `…` when something was cut.
 *
 * @example
 * ```ts
 * import { cut } from "./layout.ts";
 * cut("bonjour", 4); // "bon…"
 * ```
 */
export function cut(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  if (width <= 0) return "";
  let out = "";
  let w = 0;
  // deno-lint-ignore no-control-regex
  const parts = text.split(/(\x1b\[[0-9;?]*[A-Za-z])/);
  for (const part of parts) {
    if (part.startsWith("\x1b[")) {
      out += part;
      continue;
    }
    for (const ch of part) {
      const cw = charWidth(ch.codePointAt(0)!);
      if (w + cw > width - 1) {
        return out + "…" + (text.includes("\x1b[") ? "\x1b[0m" : "");
      }
      out += ch;
      w += cw;
    }
  }
  return out;
}

/**
 * Pads (or cuts) to exactly `width` columns.
 *
 * @example
 * ```ts
 * import { pad } from "./layout.ts";
 * pad("ab", 4); // "ab  "
 * ```
 */
export function pad(text: string, width: number): string {
  const c = cut(text, width);
  return c + " ".repeat(Math.max(0, width - visibleWidth(c)));
}

/**
 * Wraps plain text into lines of at most `width` columns, at spaces when it can.
 *
 * @example
 * ```ts
 * import { wrap } from "./layout.ts";
 * wrap("un deux trois", 7); // ["un deux", "trois"]
 * ```
 */
export function wrap(text: string, width: number): string[] {
  if (width < 2) return [cut(text, width)];
  const out: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(" ")) {
      const candidate = line ? line + " " + word : word;
      if (visibleWidth(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      let w = word;
      while (visibleWidth(w) > width) {
        const head = [...w].slice(0, width).join("");
        out.push(head);
        w = w.slice(head.length);
      }
      line = w;
    }
    out.push(line);
  }
  return out;
}

/** Style names the UI uses. */
export type Style =
  | "bold"
  | "dim"
  | "inverse"
  | "red"
  | "green"
  | "yellow"
  | "blue"
  | "magenta"
  | "cyan";

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
};

/**
 * Makes a styling function: with `color` false it returns text unchanged.
 *
 * @example
 * ```ts
 * import { styler } from "./layout.ts";
 * styler(false)("x", "bold"); // "x"
 * ```
 */
export function styler(
  color: boolean,
): (text: string, ...styles: Style[]) => string {
  return (text, ...styles) =>
    color && styles.length
      ? `\x1b[${styles.map((s) => CODES[s]).join(";")}m${text}\x1b[0m`
      : text;
}
