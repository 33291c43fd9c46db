/**
 * The pure text toolkit shared by the host, the client and every game:
 * terminal display width (emoji and CJK included), cutting, padding and
 * wrapping, styles (`layout.ts`, on string-width and wrap-ansi), and the
 * text-mode session that turns host messages into lines and typed lines
 * into messages (`session.ts`, used for `nc` players and the client's log).
 * No I/O.
 *
 * @example
 * ```ts
 * import { cut, visibleWidth } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(cut("lanplay", 5), "lanp…");
 * assert.equal(visibleWidth("🎮 lanplay"), 10);
 * ```
 *
 * @module
 */
export * from "./layout.ts";
export * from "./sanitize.ts";
export * from "./sanitize_deep.ts";
export * from "./session.ts";
