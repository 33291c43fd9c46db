/**
 * Text layout for the terminal: visible width (ANSI styles ignored, wide
 * characters counted twice), cutting, padding, wrapping and styles. Pure.
 * The code lives in `games/text_layout.ts`, shared with the games' views;
 * this module keeps the names the client's screens import.
 *
 * @module
 */
export {
  cut,
  pad,
  type Style,
  styler,
  visibleWidth,
  wrap,
} from "../games/text_layout.ts";
