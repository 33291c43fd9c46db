/**
 * The one base of lanplay's typed errors. Every error carries a stable
 * `code` (sent on the wire in `error` messages, or a catalog key) and a
 * sentence for people.
 *
 * @module
 */

/**
 * Base of lanplay's typed errors: a stable `code` (sent on the wire, used as
 * a catalog key) and the values a translated sentence needs. The message is
 * an English sentence saying what was wrong and what to do.
 *
 * @example
 * ```ts
 * import { CodedError } from "./errors.ts";
 * class MyError extends CodedError {}
 * const e = new MyError("too_late", "The round is over: wait for the next one.");
 * e.code; // "too_late"
 * e.name; // "MyError"
 * ```
 */
export class CodedError extends Error {
  /** Stable machine-readable code. */
  readonly code: string;
  /** Values a translated sentence can use. */
  readonly params: Record<string, string | number>;
  /**
   * Makes the error; `name` is the subclass's name.
   *
   * @param code stable machine-readable code
   * @param message a sentence saying what was wrong and what to do
   * @param params values for translated messages
   */
  constructor(
    code: string,
    message: string,
    params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.params = params;
  }
}
