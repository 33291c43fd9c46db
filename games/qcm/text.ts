/**
 * Terminal text helpers for the QCM screens: display width, word wrapping,
 * padding, cutting (from the shared `games/text_layout.ts`, under the names
 * this game's view uses), ANSI colours that vanish when colour is off, and
 * progress bars.
 *
 * @module
 */
import { type Style, styler } from "../../text/layout.ts";

export {
  cut as truncate,
  padEnd,
  stripAnsi,
  type Style,
  visibleWidth as displayWidth,
  wrap,
} from "../../text/layout.ts";

/**
 * Wraps text in an ANSI style, or returns it unchanged when `color` is
 * false or the text is empty.
 *
 * @example
 * ```ts
 * import { paint } from "./text.ts";
 * paint("ok", "green", false); // "ok"
 * paint("ok", "green", true); // "\x1b[32mok\x1b[0m"
 * ```
 */
export function paint(text: string, style: Style, color: boolean): string {
  return styler(color)(text, style);
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
