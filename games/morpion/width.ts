/**
 * Terminal column arithmetic for the morpion screen: how wide a string
 * shows (ANSI styles take no room, CJK takes two columns, combining marks
 * none), and cutting or padding to a width without breaking styles.
 *
 * @module
 */

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/y;

/**
 * Columns one code point takes: 0 for combining marks and zero-width
 * characters, 2 for wide East Asian characters and emoji, else 1.
 *
 * @example
 * ```ts
 * import { charWidth } from "./width.ts";
 * charWidth("a".codePointAt(0)!); // 1
 * charWidth("漢".codePointAt(0)!); // 2
 * ```
 */
export function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0xfeff) {
    return 0;
  }
  if (/\p{M}/u.test(String.fromCodePoint(cp))) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/**
 * Columns `text` takes on a terminal (ANSI style sequences count 0).
 *
 * @example
 * ```ts
 * import { visibleWidth } from "./width.ts";
 * visibleWidth("\x1b[1mX\x1b[0m"); // 1
 * ```
 */
export function visibleWidth(text: string): number {
  let width = 0;
  let i = 0;
  while (i < text.length) {
    ANSI.lastIndex = i;
    const m = ANSI.exec(text);
    if (m) {
      i += m[0].length;
      continue;
    }
    const cp = text.codePointAt(i) ?? 0;
    width += charWidth(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return width;
}

/**
 * `text` cut to at most `width` columns; when a cut string carried ANSI
 * styles it ends with a reset so the style does not leak.
 *
 * @example
 * ```ts
 * import { truncate } from "./width.ts";
 * truncate("morpion", 4); // "morp"
 * ```
 */
export function truncate(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  let out = "";
  let used = 0;
  let styled = false;
  let i = 0;
  while (i < text.length) {
    ANSI.lastIndex = i;
    const m = ANSI.exec(text);
    if (m) {
      out += m[0];
      styled = true;
      i += m[0].length;
      continue;
    }
    const cp = text.codePointAt(i) ?? 0;
    const w = charWidth(cp);
    if (used + w > width) break;
    out += String.fromCodePoint(cp);
    used += w;
    i += cp > 0xffff ? 2 : 1;
  }
  return styled ? out + "\x1b[0m" : out;
}

/**
 * `text` cut or padded with spaces to exactly `width` columns.
 *
 * @example
 * ```ts
 * import { fit } from "./width.ts";
 * fit("ab", 4); // "ab  "
 * ```
 */
export function fit(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + " ".repeat(Math.max(0, width - visibleWidth(cut)));
}

/**
 * `text` with spaces on the left so it sits in the middle of `width`
 * columns (cut when too wide).
 *
 * @example
 * ```ts
 * import { center } from "./width.ts";
 * center("ab", 6); // "  ab"
 * ```
 */
export function center(text: string, width: number): string {
  const w = visibleWidth(text);
  if (w >= width) return truncate(text, width);
  return " ".repeat(Math.floor((width - w) / 2)) + text;
}
