/**
 * The pure text toolkit shared by the host, the client and every game:
 * terminal display width, cutting, padding and wrapping, styles
 * (`layout.ts`), and the text-mode session that turns host messages into
 * lines and typed lines into messages (`session.ts`, used for `nc` players
 * and the client's log). No I/O.
 *
 * @example
 * ```ts
 * import { cut } from "./mod.ts";
 * cut("lanplay", 5); // "lanp…"
 * ```
 *
 * @module
 */
export * from "./layout.ts";
export * from "./session.ts";
