/**
 * The typed errors of the discovery wing. Each extends the one base,
 * {@linkcode CodedError}, with a stable `code`; the message is an English
 * sentence saying what was wrong and what to do.
 *
 * @module
 */
import { CodedError } from "../protocol/errors.ts";

/**
 * Thrown by the pure encoders (room ad, beacon packets, TXT record, subnet
 * math) when a value cannot be put on the wire as given. Codes: `bad_ad`,
 * `too_big`, `bad_nonce`, `bad_address`.
 *
 * @example
 * ```ts
 * import { CodedError } from "../protocol/errors.ts";
 * import { DiscoveryPacketError } from "./errors.ts";
 * const e = new DiscoveryPacketError("bad_ad", "port must be 1..65535");
 * e.code; // "bad_ad"
 * e instanceof CodedError; // true
 * ```
 */
export class DiscoveryPacketError extends CodedError {}

/**
 * Thrown by `startAnnouncer` when the ad or the options cannot be announced.
 * Codes: `bad_ad` (also: `hostId` is not the key's id), `no_key`, `no_interface`.
 *
 * @example
 * ```ts
 * import { AnnouncerError } from "./errors.ts";
 * const e = new AnnouncerError("no_interface", "No interface is up.");
 * [e.code, e.name]; // ["no_interface", "AnnouncerError"]
 * ```
 */
export class AnnouncerError extends CodedError {}

/**
 * Thrown when the beacon socket cannot be opened (code `beacon_port`,
 * param `port`); the cause is the socket error.
 *
 * @example
 * ```ts
 * import { BeaconError } from "./errors.ts";
 * const e = new BeaconError("Cannot listen on UDP port 50027.", 50027);
 * [e.code, e.params.port]; // ["beacon_port", 50027]
 * ```
 */
export class BeaconError extends CodedError {
  /**
   * Makes the error, with the code of its class.
   *
   * @param message what went wrong and what to do
   * @param port the UDP port that could not be opened
   * @param options the cause
   */
  constructor(message: string, port: number, options?: ErrorOptions) {
    super("beacon_port", message, { port });
    if (options && "cause" in options) this.cause = options.cause;
  }
}

/**
 * Thrown when the mDNS sockets cannot be opened (code `mdns_port`, param
 * `port`); the cause is the socket error.
 *
 * @example
 * ```ts
 * import { MdnsError } from "./errors.ts";
 * const e = new MdnsError("Cannot listen on UDP port 5353.", 5353);
 * [e.code, e.name]; // ["mdns_port", "MdnsError"]
 * ```
 */
export class MdnsError extends CodedError {
  /**
   * Makes the error, with the code of its class.
   *
   * @param message what went wrong and what to do
   * @param port the UDP port that could not be opened
   * @param options the cause
   */
  constructor(message: string, port: number, options?: ErrorOptions) {
    super("mdns_port", message, { port });
    if (options && "cause" in options) this.cause = options.cause;
  }
}

/**
 * Why `findRoom` (find_room.ts) gave up: code `aborted` (its signal was
 * aborted; the `cause` is the signal's reason) or `closed` (the discovery
 * was closed first). Params: `roomId`, `minEpoch`.
 *
 * @example
 * ```ts
 * import { FindRoomError } from "./errors.ts";
 * const e = new FindRoomError("aborted", "ab12", 1, "Ctrl-C");
 * [e.code, e.name, e.cause]; // ["aborted", "FindRoomError", "Ctrl-C"]
 * ```
 */
export class FindRoomError extends CodedError {
  /**
   * Makes the error for the search of room `roomId` at `minEpoch` or more.
   *
   * @param code `aborted` or `closed`
   * @param roomId the room id looked for
   * @param minEpoch the lowest epoch wanted
   * @param cause the abort reason (for `aborted`)
   */
  constructor(
    code: "aborted" | "closed",
    roomId: string,
    minEpoch: number,
    cause?: unknown,
  ) {
    super(
      code,
      code === "aborted"
        ? `Stopped looking for room ${roomId} (epoch ${minEpoch} or more): the search was aborted.`
        : `Stopped looking for room ${roomId} (epoch ${minEpoch} or more): discovery was closed; start discover() again to go on looking.`,
      { roomId, minEpoch },
    );
    if (code === "aborted") this.cause = cause;
  }
}
