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
 * Refusal codes that another nickname cannot cure and that the client
 * never retries on its own: the PIN ones (the player is asked the PIN
 * instead), a kick or a ban, the host's connection limits, a failure on
 * the host, a room that could not prove its key.
 */
export const FINAL_REFUSALS: readonly string[] = [
  "pin_required",
  "bad_pin",
  "pin_wait",
  "kicked",
  "banned",
  "too_many_connections",
  "handshake_timeout",
  "internal_error",
  "room_impostor",
];

/**
 * True when a refusal with `code` must not be retried with another
 * nickname (see {@linkcode FINAL_REFUSALS}).
 *
 * @example
 * ```ts
 * import { isFinalRefusal } from "./errors.ts";
 * isFinalRefusal("banned"); // true
 * isFinalRefusal("nickname_taken"); // false
 * ```
 *
 * @param code the refusal's error code
 */
export function isFinalRefusal(code: string): boolean {
  return FINAL_REFUSALS.includes(code);
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

/**
 * The machine at `address` could not prove it holds the key of the room
 * that was picked: another machine pretends to be that room.
 *
 * @example
 * ```ts
 * import { RoomImpostorError } from "./errors.ts";
 * const e = new RoomImpostorError("198.18.0.9:50026", "Salle 12", "89AB-7F3A");
 * e.code; // "room_impostor"
 * e.message.includes("198.18.0.9:50026"); // true
 * ```
 */
export class RoomImpostorError extends CodedError {
  /** `host:port` that failed the proof. */
  readonly address: string;
  /**
   * Makes the error; the message names the room, its fingerprint and what
   * to do.
   *
   * @param address `host:port` that failed the proof
   * @param room the room's name as discovery listed it
   * @param fingerprint the picked room's fingerprint
   * @param lang language of the message
   */
  constructor(
    address: string,
    room: string,
    fingerprint: string,
    lang: Lang = "en",
  ) {
    const params = { address, room, fingerprint };
    super("room_impostor", ct(lang, "err.room_impostor", params), params);
    this.address = address;
  }
}
