/**
 * Typed errors of `compare`.
 *
 * @module
 */

/**
 * Something `compare` cannot do: a bad option, a peer that does not answer,
 * a port already taken. `code` is stable; `params` fill the translated
 * sentence of the catalog key `error.<code>`.
 *
 * @example
 * ```ts
 * import { CompareError } from "./errors.ts";
 * const err = new CompareError("bad_profile", `--profile must be "game" or "stream", not "x".`, { value: "x" });
 * console.log(err.code); // "bad_profile"
 * ```
 */
export class CompareError extends Error {
  /** Stable machine-readable code. */
  readonly code: string;
  /** Values the translated sentence uses. */
  readonly params: Record<string, string | number>;
  /**
   * Makes the error.
   * @param code stable machine-readable code
   * @param message English sentence saying what was wrong and what to do
   * @param params values for translated messages
   */
  constructor(
    code: string,
    message: string,
    params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = "CompareError";
    this.code = code;
    this.params = params;
  }
}
