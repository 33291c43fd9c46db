/**
 * Typed errors of the wire protocol. Every error carries a stable `code`
 * (sent on the wire in `error` messages) and a sentence for people.
 *
 * @module
 */

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
export class ProtocolError extends Error {
  /** Stable machine-readable code, e.g. `bad_json`, `invalid_message`. */
  readonly code: string;
  /** Extra values a translated message can use. */
  readonly params: Record<string, string | number>;
  /**
   * Makes a protocol error.
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
    this.name = "ProtocolError";
    this.code = code;
    this.params = params;
  }
}
