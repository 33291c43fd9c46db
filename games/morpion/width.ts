/**
 * Terminal column arithmetic for the morpion screen, on top of the shared
 * `games/text_layout.ts`: morpion cuts without an ellipsis (the board's
 * frame must stay whole), pads to an exact width and centres lines.
 *
 * @module
 */
import { cut, pad, visibleWidth } from "../../text/layout.ts";

export { visibleWidth } from "../../text/layout.ts";

/**
 * `text` cut to at most `width` columns, without an ellipsis; when a cut
 * string carried ANSI styles it ends with a reset so the style does not
 * leak.
 *
 * @example
 * ```ts
 * import { truncate } from "./width.ts";
 * truncate("morpion", 4); // "morp"
 * ```
 */
export function truncate(text: string, width: number): string {
  return cut(text, width, "");
}

/**
 * `text` cut (without an ellipsis) or padded with spaces to exactly `width`
 * columns.
 *
 * @example
 * ```ts
 * import { fit } from "./width.ts";
 * fit("ab", 4); // "ab  "
 * ```
 */
export function fit(text: string, width: number): string {
  return pad(text, width, { ellipsis: "" });
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
