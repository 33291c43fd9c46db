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
import { type HostMessage, VIEW_PATCH } from "../protocol/messages.ts";
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
  /**
   * The seat's session token from an earlier `welcome` (`hello.token`):
   * the host gives that seat back when it still holds it.
   */
  token?: string;
  /**
   * The heartbeat: a `ping` every `intervalMs`, the host counted gone after
   * `timeoutMs` without a line. By default the welcome's
   * (`welcome.heartbeat`), else {@linkcode HEARTBEAT}; `false`: none, and
   * `hello.capabilities` does not promise it.
   */
  heartbeat?: Partial<Heartbeat> | false;
  /**
   * This client's X25519 public key when it offers to take the room over
   * if its host goes (`hello.deputy`, client/deputy.ts); none when absent.
   */
  deputy?: string;
}

/** Heartbeat timing, ms. */
export interface Heartbeat {
  /** A line (a `ping` at least) goes to the host this often. */
  intervalMs: number;
  /** No line from the host for this long: the host is gone. */
  timeoutMs: number;
}

/** The heartbeat when the host does not say: a ping every 2 s, gone after 6 s. */
export const HEARTBEAT: Readonly<Heartbeat> = Object.freeze({
  intervalMs: 2000,
  timeoutMs: 6000,
});

/** How long a host holds a lost seat when its welcome does not say (2 min). */
export const DEFAULT_GRACE_MS = 120_000;

/**
 * Why a session's messages ended: the host said `bye`, the stream ended
 * without one (`eof`: closed, reset), the host fell silent past the
 * heartbeat's timeout (`silent`), or this side closed (`closed`).
 */
export type SessionEnd = "bye" | "eof" | "silent" | "closed";

/**
 * How long the client waits for the banner and the answer to its `hello`
 * (longer than the host's slow-down after wrong PINs, 30 s at most).
 */
export const HANDSHAKE_MS = 45_000;

/** The `welcome` message. */
export type Welcome = Extract<HostMessage, { type: "welcome" }>;

/**
 * What a welcome says of the seat beyond protocol v1's first fields
 * (checked: a host's numbers are bounded, its strings short), with
 * defaults for a host that says nothing.
 */
export interface SeatInfo {
  /** The session token to send back as `hello.token` ("" when none). */
  token: string;
  /** True when this welcome gave back a held seat (same id and score). */
  rejoined: boolean;
  /** How long the host holds the seat of a lost connection, ms. */
  graceMs: number;
  /** The heartbeat the host asks for. */
  heartbeat: Heartbeat;
}

/**
 * The seat facts of a welcome, bounded: a grace of at most a day, a
 * heartbeat between 100 ms and 1 min whose timeout is at least twice the
 * interval.
 *
 * @example
 * ```ts
 * import { seatInfo } from "./session.ts";
 * seatInfo({ token: "t", rejoined: true, graceMs: 30000 }).graceMs; // 30000
 * seatInfo({}).heartbeat; // { intervalMs: 2000, timeoutMs: 6000 }
 * seatInfo({ heartbeat: { intervalMs: 1, timeoutMs: 1e12 } }).heartbeat; // { intervalMs: 100, timeoutMs: 60000 }
 * ```
 *
 * @param welcome the welcome (any shape)
 */
export function seatInfo(welcome: unknown): SeatInfo {
  const w = (welcome && typeof welcome === "object" ? welcome : {}) as Record<
    string,
    unknown
  >;
  const num = (v: unknown, min: number, max: number, fallback: number) =>
    typeof v === "number" && Number.isFinite(v)
      ? Math.min(max, Math.max(min, v))
      : fallback;
  const hb =
    (w.heartbeat && typeof w.heartbeat === "object"
      ? w.heartbeat
      : {}) as Record<string, unknown>;
  const intervalMs = num(hb.intervalMs, 100, 60_000, HEARTBEAT.intervalMs);
  const timeoutMs = num(
    hb.timeoutMs,
    2 * intervalMs,
    60_000,
    Math.max(2 * intervalMs, HEARTBEAT.timeoutMs),
  );
  return {
    token: typeof w.token === "string" && w.token.length <= 200 ? w.token : "",
    rejoined: w.rejoined === true,
    graceMs: num(w.graceMs, 0, 86_400_000, DEFAULT_GRACE_MS),
    heartbeat: { intervalMs, timeoutMs },
  };
}

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
  /** The seat facts of the welcome (token, rejoined, grace, heartbeat). */
  readonly seat: SeatInfo;
  readonly #conn: Deno.TcpConn;
  readonly #reader: AsyncGenerator<Incoming>;
  readonly #early: Incoming[];
  readonly #heartbeat: Heartbeat | null;
  #closed = false;
  #end: SessionEnd | null = null;
  #lastHeard = performance.now();
  #beat: ReturnType<typeof setInterval> | null = null;
  #pingId = 0;
  readonly #pings = new Map<number, number>();
  #rttMs: number | null = null;
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
    heartbeat: Partial<Heartbeat> | false | undefined,
  ) {
    this.seat = seatInfo(welcome);
    this.#heartbeat = heartbeat === false ? null : {
      intervalMs: Math.max(
        10,
        heartbeat?.intervalMs ?? this.seat.heartbeat.intervalMs,
      ),
      timeoutMs: Math.max(
        20,
        heartbeat?.timeoutMs ?? this.seat.heartbeat.timeoutMs,
      ),
    };
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
        // This client patches views (client/app.ts, GameView.patch).
        capabilities: opts.heartbeat !== false
          ? ["heartbeat", VIEW_PATCH]
          : [VIEW_PATCH],
        ...(opts.token ? { token: opts.token } : {}),
        ...(opts.pin !== undefined ? { pin: opts.pin } : {}),
        ...(opts.hostKey ? { hostKey: opts.hostKey } : {}),
        ...(opts.deputy ? { deputy: opts.deputy } : {}),
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
            opts.heartbeat,
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

  /**
   * Messages from the host, in order, until the connection ends (then
   * {@linkcode Session.end} says why). The heartbeat runs meanwhile: a
   * `ping` every interval, the host's own pings answered at once (they are
   * not yielded), and a host silent past the timeout ends the stream.
   */
  async *messages(): AsyncGenerator<Incoming> {
    this.#startHeartbeat();
    try {
      while (this.#early.length) yield this.#early.shift()!;
      try {
        for await (const msg of this.#reader) {
          this.#lastHeard = performance.now();
          if (msg.type === "ping") {
            // The host measures its round trip to us: answer at once.
            this.send({ type: "pong", id: (msg as { id?: unknown }).id });
            continue;
          }
          if (msg.type === "pong") this.#pong(msg as { id?: unknown });
          if (msg.type === "bye") this.#end ??= "bye";
          yield msg;
        }
      } catch {
        // connection reset: end of stream
      }
    } finally {
      this.#stopHeartbeat();
      this.#end ??= this.#closed ? "closed" : "eof";
      this.drop(); // what is left of the connection is released
    }
  }

  /**
   * Why the messages ended (null while they flow): `bye`, `eof`, `silent`
   * or `closed`.
   */
  get end(): SessionEnd | null {
    return this.#end;
  }

  /** The last round trip a ping measured, ms (null before the first pong). */
  get rttMs(): number | null {
    return this.#rttMs;
  }

  /** The heartbeat this session keeps (null: none). */
  get heartbeat(): Heartbeat | null {
    return this.#heartbeat;
  }

  #startHeartbeat(): void {
    const hb = this.#heartbeat;
    if (!hb || this.#beat || this.#closed) return;
    this.#lastHeard = performance.now();
    let lastPing = performance.now();
    let lastTick = lastPing;
    // Checked ten times per timeout: the host's silence is seen at most a
    // tenth of the timeout late; a ping goes out every interval.
    this.#beat = setInterval(() => {
      const now = performance.now();
      if (now - lastTick > hb.timeoutMs / 2) {
        // This program stood still (a busy loop, a laptop asleep): what
        // the host sent meanwhile is not read yet. Count from now.
        this.#lastHeard = now;
      }
      lastTick = now;
      if (now - this.#lastHeard >= hb.timeoutMs) {
        // Nothing from the host while we pinged it: it is gone.
        this.#end ??= "silent";
        this.#stopHeartbeat();
        this.drop();
        return;
      }
      if (now - lastPing >= hb.intervalMs - 1) {
        lastPing = now;
        this.ping();
      }
    }, Math.max(10, Math.min(hb.intervalMs, hb.timeoutMs / 10)));
    this.ping();
  }

  #stopHeartbeat(): void {
    if (this.#beat) clearInterval(this.#beat);
    this.#beat = null;
  }

  /** Sends a `ping` (its `pong` measures the round trip). */
  ping(): void {
    const id = ++this.#pingId;
    this.#pings.set(id, performance.now());
    if (this.#pings.size > 16) {
      this.#pings.delete(this.#pings.keys().next().value!);
    }
    this.send({ type: "ping", id });
  }

  #pong(msg: { id?: unknown }): void {
    if (typeof msg.id !== "number") return;
    const sent = this.#pings.get(msg.id);
    if (sent === undefined) return;
    this.#pings.delete(msg.id);
    this.#rttMs = performance.now() - sent;
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
    this.drop();
  }

  /**
   * Closes at once without a word (the connection is dead, or this side
   * was killed): the messages end; a host holds the seat for its grace.
   */
  drop(): void {
    this.#stopHeartbeat();
    if (this.#closed) return;
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
