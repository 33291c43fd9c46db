/**
 * The one sanitiser: text from the network or a file becomes text a
 * terminal prints as it is. Control characters cannot move the cursor,
 * clear the screen, rename the window, ring the bell or reorder the line.
 *
 * - C0 controls (U+0000–U+001F, tab and line breaks included) and DEL become
 *   their visible Control Pictures (`␛`, `␇`, `␊`…), so a chat line holding
 *   `ESC [2J` shows `␛[2J` instead of clearing everyone's screen;
 * - C1 controls (U+0080–U+009F, e.g. U+009B, a one-byte CSI), bidi
 *   embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and
 *   lone surrogates become U+FFFD `�`.
 *
 * Everything else (accents, CJK, emoji with their joiners and skin tones)
 * is kept.
 *
 * @module
 */

// deno-lint-ignore no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "g");

function visible(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 0x20) return String.fromCharCode(0x2400 + c);
  if (c === 0x7f) return "\u2421";
  return "\ufffd";
}

/**
 * `text` made safe to print on one line of a terminal.
 *
 * @example
 * ```ts
 * import { sanitize } from "./sanitize.ts";
 * sanitize("salut\x1b[2J"); // "salut␛[2J"
 * sanitize("a\u202ebc"); // "a�bc"
 * sanitize("Zoé 👍🏽"); // "Zoé 👍🏽"
 * ```
 */
export function sanitize(text: string): string {
  const wellFormed = text.toWellFormed();
  return UNSAFE.test(wellFormed)
    ? wellFormed.replace(UNSAFE_ALL, visible)
    : wellFormed;
}

/**
 * True when `text` holds nothing {@linkcode sanitize} would change.
 *
 * @example
 * ```ts
 * import { isClean } from "./sanitize.ts";
 * isClean("bonjour"); // true
 * isClean("\x07"); // false
 * ```
 */
export function isClean(text: string): boolean {
  return text.isWellFormed() && !UNSAFE.test(text);
}
