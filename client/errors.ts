/**
 * Errors a player can meet when joining, each with a sentence that says what
 * happened and what to do (from the client's catalog, in the player's
 * language).
 *
 * @module
 */
import { DEFAULT_PORT, type Lang } from "../protocol/constants.ts";
import { CodedError } from "../protocol/errors.ts";
import { ct } from "./texts.ts";

/**
 * The host could not be reached (refused, unreachable, timed out).
 *
 * @example
 * ```ts
 * import { ConnectError } from "./errors.ts";
 * const e = new ConnectError("198.18.0.1:50026", "connection refused");
 * e.code; // "connect_failed"
 * e.message.startsWith("Cannot reach a lanplay host at 198.18.0.1:50026"); // true
 * ```
 */
export class ConnectError extends CodedError {
  /** `host:port` that was tried. */
  readonly address: string;
  /**
   * Makes the error; the message names the address and suggests what to check.
   *
   * @param address `host:port`
   * @param cause what the system said
   * @param lang language of the message
   */
  constructor(address: string, cause: string, lang: Lang = "en") {
    const params = { address, cause };
    super("connect_failed", ct(lang, "err.connect", params), params);
    this.address = address;
  }
}

/**
 * Something answered, but it is not a lanplay host (wrong banner).
 *
 * @example
 * ```ts
 * import { NotLanplayError } from "./errors.ts";
 * const e = new NotLanplayError("127.0.0.1:22", "SSH-2.0-OpenSSH");
 * e.name; // "NotLanplayError"
 * e.code; // "not_lanplay"
 * ```
 */
export class NotLanplayError extends CodedError {
  /**
   * Makes the error; the message quotes the start of what was received.
   *
   * @param address `host:port`
   * @param banner the first line received (cut)
   * @param lang language of the message
   */
  constructor(address: string, banner: string, lang: Lang = "en") {
    const params = { address, banner: banner.slice(0, 60), port: DEFAULT_PORT };
    super("not_lanplay", ct(lang, "err.not_lanplay", params), params);
  }
}

/**
 * The host refused the join (nickname taken or invalid, room full, version).
 *
 * @example
 * ```ts
 * import { JoinRefusedError } from "./errors.ts";
 * const e = new JoinRefusedError("nickname_taken", "The nickname is taken.", true);
 * e.retryable; // true: another nickname may work
 * e.code; // "nickname_taken"
 * ```
 */
export class JoinRefusedError extends CodedError {
  /** True when another nickname may work. */
  readonly retryable: boolean;
  /**
   * Makes the error from the host's `error` or `bye` message.
   *
   * @param code protocol code (`nickname_taken`, `room_full`, `version`...)
   * @param message the host's sentence
   * @param retryable whether another nickname may work
   */
  constructor(code: string, message: string, retryable: boolean) {
    super(code, message);
    this.retryable = retryable;
  }
}
