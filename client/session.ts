/**
 * The player's TCP session: connect, check the banner, say hello (with a
 * fresh nonce, and the PIN when given), check the room's proof, then a
 * stream of host messages and a way to send.
 *
 * Nothing from the host is trusted: every string of every incoming message
 * (and the banner) goes through the one sanitiser here, where it enters, so
 * what the screen, the plain lines and the JSON events show holds no
 * terminal control.
 *
 * @module
 */
import {
  BANNER_PREFIX,
  DEFAULT_PORT,
  type Lang,
  PROTOCOL_VERSION,
} from "../protocol/constants.ts";
import { encodeMessage } from "../protocol/framing.ts";
import { readFrames } from "../protocol/read_loop.ts";
import { fingerprintOf } from "../discovery/room_key.ts";
import { isFatalRefusal } from "../protocol/refusals.ts";
import type { HostMessage } from "../protocol/messages.ts";
import type { GameMessage } from "../games/types.ts";
import { sanitize } from "../text/sanitize.ts";
import {
  ConnectError,
  isFinalRefusal,
  JoinRefusedError,
  NotLanplayError,
  RoomImpostorError,
} from "./errors.ts";
import { deepSanitize } from "../text/sanitize_deep.ts";
import { checkRoomProof, newNonce } from "./room_proof.ts";
import { ct } from "./texts.ts";

/** Any message from the host. */
export type Incoming = HostMessage | GameMessage;

/** How to join. */
export interface JoinOptions {
  /** Host name or IP address of the room. */
  host: string;
  /** TCP port of the room (50026 when absent). */
  port?: number;
  /** Nickname to play under (the host checks and may refuse it). */
  nickname: string;
  /** Language sent in `hello`: the host's messages come in it. */
  lang: Lang;
  /** Secret that makes this seat the room's leader (hosting player). */
  hostKey?: string;
  /** Client name sent in hello. */
  client?: string;
  /** Give up connecting after this long. */
  timeoutMs?: number;
  /** The room's PIN, when it is locked. */
  pin?: string;
  /**
   * The id of the room picked from discovery: the host must prove it holds
   * that room's key, or the join fails with {@linkcode RoomImpostorError}.
   */
  expectedRoomId?: string;
  /** The picked room's name, for the impostor message. */
  roomName?: string;
  /** The `hello.nonce` to send (a fresh random one when absent). */
  nonce?: string;
  /**
   * Give up when the host has not welcomed or refused us this long after
   * connecting ({@linkcode HANDSHAKE_MS} when absent): a machine that
   * accepts and stays silent cannot hang the client.
   */
  handshakeMs?: number;
}

/**
 * How long the client waits for the banner and the answer to its `hello`
 * (longer than the host's slow-down after wrong PINs, 30 s at most).
 */
export const HANDSHAKE_MS = 45_000;

/** The `welcome` message. */
export type Welcome = Extract<HostMessage, { type: "welcome" }>;

/**
 * Splits `host[:port]` (IPv6 in brackets).
 *
 * @example
 * ```ts
 * import { parseAddress } from "./session.ts";
 * parseAddress("198.18.0.1:4000"); // { host: "198.18.0.1", port: 4000 }
 * parseAddress("lan1"); // { host: "lan1", port: 50026 }
 * ```
 */
export function parseAddress(
  text: string,
  defaultPort = DEFAULT_PORT,
): { host: string; port: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (v6) return { host: v6[1], port: v6[2] ? Number(v6[2]) : defaultPort };
  const m = /^([^:]+)(?::(\d+))?$/.exec(text);
  if (!m) return { host: text, port: defaultPort };
  return { host: m[1], port: m[2] ? Number(m[2]) : defaultPort };
}

/**
 * A joined session.
 *
 * @example
 * ```ts ignore
 * const s = await Session.join({ host: "127.0.0.1", nickname: "ana", lang: "fr" });
 * s.send({ type: "chat", text: "salut" });
 * for await (const msg of s.messages()) console.log(msg);
 * ```
 */
export class Session {
  /** The host's welcome. */
  readonly welcome: Welcome;
  /** Milliseconds the TCP handshake took. */
  readonly connectMs: number;
  /** The banner line. */
  readonly banner: string;
  /**
   * The room's fingerprint (`7F3A-91C2`) once the host proved its key;
   * null when the host has no room key (unverified).
   */
  readonly fingerprint: string | null;
  readonly #conn: Deno.TcpConn;
  readonly #reader: AsyncGenerator<Incoming>;
  readonly #early: Incoming[];
  #closed = false;
  readonly #encoder = new TextEncoder();
  #writing: Promise<unknown> = Promise.resolve();

  private constructor(
    conn: Deno.TcpConn,
    reader: AsyncGenerator<Incoming>,
    welcome: Welcome,
    early: Incoming[],
    connectMs: number,
    banner: string,
    fingerprint: string | null,
  ) {
    this.#conn = conn;
    this.#reader = reader;
    this.welcome = welcome;
    this.#early = early;
    this.connectMs = connectMs;
    this.banner = banner;
    this.fingerprint = fingerprint;
  }

  /**
   * Connects and joins. Throws {@linkcode ConnectError},
   * {@linkcode NotLanplayError}, {@linkcode JoinRefusedError} or
   * {@linkcode RoomImpostorError}.
   * @param opts where and who
   */
  static async join(opts: JoinOptions): Promise<Session> {
    const port = opts.port ?? DEFAULT_PORT;
    const address = `${opts.host}:${port}`;
    const started = performance.now();
    let conn: Deno.TcpConn;
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? 5000);
    try {
      conn = await Deno.connect(
        { hostname: opts.host, port, signal: timeout } as Deno.ConnectOptions,
      );
    } catch (e) {
      const why = e instanceof Deno.errors.ConnectionRefused
        ? "connection refused"
        : timeout.aborted
        ? "no answer"
        : (e as Error).message;
      throw new ConnectError(address, why, opts.lang);
    }
    const connectMs = performance.now() - started;
    conn.setNoDelay(true);
    const reader = readLines(conn);
    let silent = false;
    const deadline = setTimeout(() => {
      silent = true;
      try {
        conn.close(); // the pending read ends
      } catch { /* closed */ }
    }, opts.handshakeMs ?? HANDSHAKE_MS);
    try {
      const first = await reader.next();
      const banner = sanitize(first.done ? "" : first.value);
      if (!banner.startsWith(BANNER_PREFIX)) {
        // A host over its connection caps refuses before any banner.
        const refusal = refusalOf(first.done ? "" : first.value);
        if (refusal) throw refusal;
        throw new NotLanplayError(address, banner, opts.lang);
      }
      const nonce = opts.nonce ?? newNonce();
      const hello = {
        type: "hello",
        nickname: opts.nickname,
        protocol: PROTOCOL_VERSION,
        lang: opts.lang,
        client: opts.client ?? "lanplay",
        nonce,
        ...(opts.pin !== undefined ? { pin: opts.pin } : {}),
        ...(opts.hostKey ? { hostKey: opts.hostKey } : {}),
      };
      await conn.write(new TextEncoder().encode(encodeMessage(hello)));
      const messages = parsed(reader);
      const early: Incoming[] = [];
      while (true) {
        const next = await messages.next();
        if (next.done) break;
        const msg = next.value;
        if (msg.type === "welcome") {
          const welcome = msg as Welcome;
          const proof = await checkRoomProof(
            welcome.room ?? {},
            nonce,
            opts.expectedRoomId,
          );
          if (proof.kind === "impostor") {
            throw new RoomImpostorError(
              address,
              sanitize(opts.roomName ?? welcome.room?.name ?? address),
              opts.expectedRoomId ? fingerprintOf(opts.expectedRoomId) : "?",
              opts.lang,
            );
          }
          if (silent) throw new Error("handshake deadline");
          return new Session(
            conn,
            messages,
            welcome,
            early,
            connectMs,
            banner,
            proof.kind === "verified" ? proof.fingerprint : null,
          );
        }
        const refusal = refusalFrom(msg);
        if (refusal) throw refusal;
        early.push(msg);
      }
      throw new ConnectError(
        address,
        ct(opts.lang, "handshake_closed"),
        opts.lang,
      );
    } catch (e) {
      try {
        conn.close();
      } catch { /* closed */ }
      if (silent) {
        throw new ConnectError(
          address,
          ct(opts.lang, "handshake_silent", {
            s: Math.round((opts.handshakeMs ?? HANDSHAKE_MS) / 1000),
          }),
          opts.lang,
        );
      }
      throw e;
    } finally {
      clearTimeout(deadline);
    }
  }

  /** Messages from the host, in order, until the connection ends. */
  async *messages(): AsyncGenerator<Incoming> {
    while (this.#early.length) yield this.#early.shift()!;
    try {
      for await (const msg of this.#reader) yield msg;
    } catch {
      // connection reset: end of stream
    }
  }

  /**
   * Sends one message (writes are kept in order).
   * @param message a client message
   */
  send(message: { type: string; [k: string]: unknown }): void {
    if (this.#closed) return;
    const bytes = this.#encoder.encode(encodeMessage(message));
    this.#writing = this.#writing.then(async () => {
      let rest = bytes;
      while (rest.length && !this.#closed) {
        rest = rest.subarray(await this.#conn.write(rest));
      }
    }).catch(() => {});
  }

  /** Sends `quit` (when still open) and closes. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.send({ type: "quit" });
    await this.#writing;
    this.#closed = true;
    try {
      this.#conn.close();
    } catch { /* closed */ }
  }
}

/**
 * The refusal an `error` or `bye` message means during the handshake (null
 * for other messages). A `bye` keeps its reason as code when the client
 * knows it (`kicked`, `banned`…), else its code is `bye`.
 */
function refusalFrom(msg: Incoming): JoinRefusedError | null {
  if (msg.type !== "error" && msg.type !== "bye") return null;
  const m = msg as { code?: unknown; reason?: unknown; message?: unknown };
  const code = String(msg.type === "error" ? m.code : m.reason);
  const text = String(m.message ?? "");
  return new JoinRefusedError(
    msg.type === "bye" && !isFinalRefusal(code) ? "bye" : code,
    text,
    msg.type === "error" && !isFatalRefusal(code) && !isFinalRefusal(code),
  );
}

/** A first line that is a JSON refusal instead of a banner, as an error. */
function refusalOf(line: string): JoinRefusedError | null {
  let v: unknown;
  try {
    v = deepSanitize(JSON.parse(line));
  } catch {
    return null; // not JSON: not lanplay
  }
  if (!v || typeof v !== "object" || Array.isArray(v)) return null;
  const err = refusalFrom(v as Incoming);
  return err ? new JoinRefusedError(err.code, err.message, false) : null;
}

async function* readLines(conn: Deno.TcpConn): AsyncGenerator<string> {
  for await (const f of readFrames(conn, { bufferBytes: 64 * 1024 })) {
    if (f.kind === "line") yield f.text;
  }
}

/**
 * Host lines as messages, every string sanitised; lines that are not a JSON
 * object with a `type`, or nest too deep, are dropped.
 */
async function* parsed(
  lines: AsyncGenerator<string>,
): AsyncGenerator<Incoming> {
  for await (const line of lines) {
    let v: unknown;
    try {
      v = deepSanitize(JSON.parse(line));
    } catch {
      continue; // a host never sends non-JSON after the banner; ignore
    }
    if (
      v && typeof v === "object" && !Array.isArray(v) &&
      typeof (v as { type?: unknown }).type === "string"
    ) {
      yield v as Incoming;
    }
  }
}
