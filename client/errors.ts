/**
 * Errors a player can meet when joining, each with a sentence that says what
 * happened and what to do.
 *
 * @module
 */

/**
 * The host could not be reached (refused, unreachable, timed out).
 *
 * @example
 * ```ts
 * import { ConnectError } from "./errors.ts";
 * new ConnectError("198.18.0.1:50026", "connection refused").message;
 * ```
 */
export class ConnectError extends Error {
  /** `host:port` that was tried. */
  readonly address: string;
  /**
   * Makes the error; the message names the address and suggests what to check.
   *
   * @param address `host:port`
   * @param cause what the system said
   * @param lang language of the message
   */
  constructor(address: string, cause: string, lang: "fr" | "en" = "en") {
    super(
      lang === "fr"
        ? `Impossible de joindre un hôte lanplay à ${address} (${cause}). L'hôte est-il lancé, l'adresse est-elle juste ? Lancez « deno task join » sans --host pour chercher sur le réseau.`
        : `Cannot reach a lanplay host at ${address} (${cause}). Is the host running, and is the address right? Run "deno task join" without --host to search the LAN.`,
    );
    this.name = "ConnectError";
    this.address = address;
  }
}

/**
 * Something answered, but it is not a lanplay host (wrong banner).
 *
 * @example
 * ```ts
 * import { NotLanplayError } from "./errors.ts";
 * new NotLanplayError("127.0.0.1:22", "SSH-2.0-OpenSSH").name; // "NotLanplayError"
 * ```
 */
export class NotLanplayError extends Error {
  /**
   * Makes the error; the message quotes the start of what was received.
   *
   * @param address `host:port`
   * @param banner the first line received (cut)
   * @param lang language of the message
   */
  constructor(address: string, banner: string, lang: "fr" | "en" = "en") {
    super(
      lang === "fr"
        ? `${address} n'est pas un hôte lanplay (il a dit « ${
          banner.slice(0, 60)
        } »). Vérifiez le port : lanplay utilise 50026 par défaut.`
        : `${address} is not a lanplay host (it said "${
          banner.slice(0, 60)
        }"). Check the port: lanplay uses 50026 by default.`,
    );
    this.name = "NotLanplayError";
  }
}

/**
 * The host refused the join (nickname taken or invalid, room full, version).
 *
 * @example
 * ```ts
 * import { JoinRefusedError } from "./errors.ts";
 * const e = new JoinRefusedError("nickname_taken", "The nickname is taken.", false);
 * e.retryable; // false
 * ```
 */
export class JoinRefusedError extends Error {
  /** Protocol error code (`nickname_taken`, `room_full`, `version`...). */
  readonly code: string;
  /** True when another nickname may work. */
  readonly retryable: boolean;
  /**
   * Makes the error from the host's `error` or `bye` message.
   *
   * @param code protocol code
   * @param message the host's sentence
   * @param retryable whether another nickname may work
   */
  constructor(code: string, message: string, retryable: boolean) {
    super(message);
    this.name = "JoinRefusedError";
    this.code = code;
    this.retryable = retryable;
  }
}
