/**
 * Typed errors of the wire protocol. Every error carries a stable `code`
 * (sent on the wire in `error` messages) and a sentence for people.
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

/**
 * A message from a peer broke the protocol: bad framing, bad JSON, a message
 * that does not match its schema. The connection goes on.
 *
 * @example
 * ```ts
 * import { ProtocolError } from "./errors.ts";
 * const err = new ProtocolError("bad_json", "That line is not JSON: send one JSON object per line.");
 * console.log(err.code); // "bad_json"
 * ```
 */
export class ProtocolError extends CodedError {}
