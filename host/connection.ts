/**
 * One player's TCP connection: banner, handshake (JSON `hello` or a plain
 * nickname for text mode, then the PIN when the room is locked) within a
 * deadline, then every line is deframed, parsed, limited and handed to the
 * room. Outbound goes through one bounded coalescing queue.
 *
 * Containment: whatever throws while this connection's input is handled
 * (parsing, the room, a game's rules, text-mode rendering, the welcome)
 * closes this connection with `internal_error`, never the room or the
 * process.
 *
 * @module
 */
import {
  BANNER_PREFIX,
  HANDSHAKE_TIMEOUT_MS,
  type Lang,
  MAX_LINE_BYTES,
  PROTOCOL_VERSION,
} from "../protocol/constants.ts";
import { type Frame, utf8 } from "../protocol/framing.ts";
import { readFrames } from "../protocol/read_loop.ts";
import { InboundGuard } from "./inbound_guard.ts";
import {
  helloSchema,
  type HostMessage,
  VIEW_PATCH,
} from "../protocol/messages.ts";
import type { AnyGame, GameMessage } from "../games/types.ts";
import { sanitize } from "../text/sanitize.ts";
import { t } from "../i18n/messages.ts";
import type { Clock } from "./clock.ts";
import { describeIssues } from "./inbound.ts";
import { messageLine } from "./json_line.ts";
import { OutboundQueue } from "./outbound.ts";
import { PinThrottle } from "./pin_throttle.ts";
import type { JoinRequest, JoinResult, MemberPort, Room } from "./room.ts";
import type { ByeExtra } from "./members.ts";
import { Heartbeat } from "./heartbeat.ts";
import { LANG_ONLY_TYPES, TextSession } from "../text/session.ts";

/** What a connection needs from its server. */
export interface ConnectionContext {
  /** The room the player joins. */
  room: Room;
  /** The game registry, to render games for text-mode players. */
  games: Record<string, AnyGame>;
  /** Time source of the rate limiter, the handshake deadline and the slow-reader check. */
  clock: Clock;
  /** Language of text-mode players until they say `/lang`. */
  defaultLang: Lang;
  /** Hard bound of the outbound queue, in bytes. */
  outboundLimit?: number;
  /** Outbound backlog (bytes) above which a reader counts as behind. */
  slowBytes?: number;
  /** A reader behind for this long (ms) is cut. */
  slowMs?: number;
  /** Time to send a hello or a nickname (ms; default 10 s). */
  handshakeMs?: number;
  /**
   * Heartbeat of clients that say `heartbeat` in hello: the host pings
   * every `intervalMs` and takes a client silent for `timeoutMs` as gone
   * (defaults: 2 s and 6 s, protocol/constants.ts).
   */
  heartbeat?: { intervalMs: number; timeoutMs: number };
  /** Most open connections in all (the server enforces it). */
  maxConnections?: number;
  /** Most open connections from one address (the server enforces it). */
  maxPerAddress?: number;
  /** Messages per second a player may send (burst twice that). */
  rate?: number;
  /** Invalid messages in a row before the connection is closed. */
  maxErrors?: number;
  /**
   * Signs a client's `hello.nonce` with the room key (the proof in
   * `welcome.room.proof`); absent: no proof is given.
   */
  proof?: (nonce: string) => Promise<string>;
  /**
   * Wrong PINs and rejoin codes by address, shared by every server of the
   * room (TCP and web) so that a guesser gets one allowance (the server
   * makes its own when absent).
   */
  pins?: PinThrottle;
  /** Called for notable events (joins, cuts), for the host's log (in `defaultLang`). */
  log?: (line: string) => void;
}

const rendered = new WeakMap<object, Map<Lang, Uint8Array>>();

/**
 * The text-mode lines of a message whose lines depend on the language only
 * (`LANG_ONLY_TYPES`): rendered and encoded once per language however many
 * text players get it.
 */
function textLines(
  session: TextSession,
  msg: HostMessage | GameMessage,
): Uint8Array {
  let byLang = rendered.get(msg);
  let bytes = byLang?.get(session.lang);
  if (bytes === undefined) {
    const lines = session.render(msg);
    bytes = utf8(lines.length ? lines.join("\n") + "\n" : "");
    if (!byLang) rendered.set(msg, byLang = new Map());
    byLang.set(session.lang, bytes);
  }
  return bytes;
}

/** A short, printable description of something thrown, for the log. */
function describe(error: unknown): string {
  const text = error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
  return sanitize(text).slice(0, 200);
}

/**
 * The banner line the host sends first: `LANPLAY/1 <room name> :: <help>`.
 *
 * @example
 * ```ts
 * import { bannerLine } from "./connection.ts";
 * bannerLine("Salle de lan1").startsWith("LANPLAY/1 "); // true
 * ```
 */
export function bannerLine(roomName: string): string {
  return `${BANNER_PREFIX}${PROTOCOL_VERSION} ${roomName} :: ${
    t("fr", "banner")
  }\n`;
}

/** Refusals after which a text-mode player is asked the PIN. */
const PIN_REFUSALS = new Set(["pin_required", "bad_pin", "pin_wait"]);

/**
 * A text player's line at the nickname prompt that takes a held seat
 * back: the nickname, spaces, the rejoin code (`Chloé K7P2Q`).
 */
const REJOIN_LINE = /^(\S+)\s+([A-Za-z0-9]{5})$/u;

/**
 * Serves one accepted TCP connection until it ends.
 *
 * @example
 * ```ts ignore
 * const c = new Connection(conn, ctx);
 * await c.run();
 * ```
 */
export class Connection {
  readonly #conn: Deno.TcpConn;
  readonly #ctx: ConnectionContext;
  readonly #out: OutboundQueue;
  readonly #pins: PinThrottle;
  #id: string | null = null;
  #text: TextSession | null = null;
  #lang: Lang;
  #attempts = 0;
  readonly #guard: InboundGuard;
  #closing = false;
  #failed = false;
  #leaveReason = "disconnected";
  #done: Promise<void> | null = null;
  #goodbye: Promise<void> | null = null;
  #cancelDeadline: (() => void) | null = null;
  /** Text mode: the nickname waiting for its PIN, and the PIN last typed. */
  #pendingNickname: string | null = null;
  #pin: string | undefined;
  /** How the room reaches this connection once seated. */
  #port: MemberPort | null = null;
  /** The client said `heartbeat` in its hello. */
  #heartbeat = false;
  /** The client said `view-patch` in its hello (its port says so). */
  #patches = false;
  /** The heartbeat, once a client that asked for it is seated. */
  #beat: Heartbeat | null = null;

  /**
   * Wraps an accepted connection; nothing is sent before {@linkcode Connection.run}.
   *
   * @param conn the accepted connection
   * @param ctx room and settings
   * @param pins wrong-PIN counts by address, shared by the server's connections
   */
  constructor(
    conn: Deno.TcpConn,
    ctx: ConnectionContext,
    pins: PinThrottle = new PinThrottle(),
  ) {
    this.#conn = conn;
    this.#ctx = ctx;
    this.#lang = ctx.defaultLang;
    this.#pins = pins;
    this.#guard = new InboundGuard(
      ctx.clock,
      ctx.rate ?? 20,
      ctx.maxErrors ?? 50,
    );
    this.#out = new OutboundQueue((b) => conn.write(b), {
      limitBytes: ctx.outboundLimit,
      slowBytes: ctx.slowBytes,
      slowMs: ctx.slowMs,
      clock: ctx.clock,
      onOverflow: (bytes) => {
        ctx.log?.(
          t(ctx.defaultLang, "log.slow_reader", { who: this.#who(), bytes }),
        );
        this.#leaveReason = "slow_reader";
        this.#hardClose();
      },
      onError: () => this.#hardClose(),
    });
  }

  /** Remote address, for logs. */
  get remote(): string {
    const a = this.#conn.remoteAddr as Deno.NetAddr;
    return `${a.hostname}:${a.port}`;
  }

  /** The peer's IP address. */
  get address(): string {
    return (this.#conn.remoteAddr as Deno.NetAddr).hostname;
  }

  /** Reads until the peer goes or the connection is closed; resolves when all is released. */
  run(): Promise<void> {
    this.#done ??= this.#run();
    return this.#done;
  }

  async #run(): Promise<void> {
    try {
      this.#conn.setNoDelay(true);
    } catch { /* not fatal */ }
    const ms = this.#ctx.handshakeMs ?? HANDSHAKE_TIMEOUT_MS;
    this.#cancelDeadline = this.#ctx.clock.after(ms, () => {
      this.#cancelDeadline = null;
      if (this.#id !== null || this.#closing) return;
      this.close(
        "handshake_timeout",
        t(this.#lang, "bye.handshake_timeout", { n: Math.ceil(ms / 1000) }),
      );
    });
    try {
      this.#out.push(bannerLine(this.#ctx.room.name));
      // A reset or a close under us ends the frames: treated as a disconnect.
      for await (const frame of readFrames(this.#conn, { bufferBytes: 4096 })) {
        if (this.#closing) break;
        try {
          await this.#frame(frame);
        } catch (error) {
          this.#fail(error);
        }
      }
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#cancelDeadline?.();
      this.#cancelDeadline = null;
      this.#leave();
      if (this.#goodbye) await this.#goodbye;
      this.#hardClose();
    }
  }

  /**
   * Tells the room this connection is over (once): a lost player's seat may
   * be held for them. A failure there is logged, never thrown.
   */
  #leave(): void {
    const id = this.#id;
    this.#id = null;
    this.#stopHeartbeat();
    if (id === null || !this.#port) return;
    try {
      this.#ctx.room.lost(id, this.#port, this.#leaveReason);
    } catch (error) {
      this.#log("log.internal_error", { who: this.remote, error });
    }
  }

  /**
   * Says goodbye (a `bye` message or line), waits a little for it to leave,
   * then closes.
   * @param reason machine reason (`host_closed`, `quit`...)
   * @param message sentence for the player
   * @param extra more fields of the `bye` (the session standings)
   */
  close(reason: string, message: string, extra?: ByeExtra): Promise<void> {
    if (this.#closing) return this.#goodbye ?? Promise.resolve();
    this.#send({ type: "bye", reason, message, ...extra });
    return this.#startClosing();
  }

  #startClosing(): Promise<void> {
    if (this.#goodbye) return this.#goodbye;
    this.#closing = true;
    this.#goodbye = this.#drainThenClose();
    return this.#goodbye;
  }

  /**
   * Something thrown while serving this connection: it gets an error and a
   * bye `internal_error` (sent raw: rendering may be what failed) and is
   * closed; the room goes on.
   */
  #fail(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#log("log.internal_error", { who: this.#who(), error });
    this.#leaveReason = "internal_error";
    const lang = this.#currentLang();
    const message = t(lang, "err.internal_error");
    if (this.#text) {
      this.#out.push(`! ${message}\n`);
    } else {
      this.#out.push(
        messageLine({ type: "error", code: "internal_error", message }),
      );
      this.#out.push(messageLine({
        type: "bye",
        reason: "internal_error",
        message: t(lang, "bye.internal_error"),
      }));
    }
    void this.#startClosing();
    // The room forgets this member now, not when the socket is gone — but
    // not in the middle of whatever the room was doing when it failed.
    queueMicrotask(() => this.#leave());
  }

  #log(key: string, params: { who: string; error: unknown }): void {
    try {
      this.#ctx.log?.(t(this.#ctx.defaultLang, key, {
        who: params.who,
        error: describe(params.error),
      }));
    } catch { /* a log that throws is not our connection's problem */ }
  }

  async #drainThenClose(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.#out.drain(),
      new Promise<void>((r) => timer = setTimeout(r, 1000)),
    ]);
    clearTimeout(timer);
    this.#hardClose();
  }

  #hardClose(): void {
    this.#closing = true;
    this.#stopHeartbeat();
    this.#cancelDeadline?.();
    this.#cancelDeadline = null;
    this.#out.close();
    try {
      this.#conn.close();
    } catch { /* already closed */ }
  }

  #who(): string {
    if (this.#text?.me) return this.#text.me;
    try {
      return (this.#id && this.#ctx.room.nicknameOf(this.#id)) || this.remote;
    } catch {
      return this.remote;
    }
  }

  #send(msg: HostMessage | GameMessage): void {
    if (this.#failed && this.#text) return; // rendering may be what failed
    try {
      if (this.#text && LANG_ONLY_TYPES.has(msg.type)) {
        const bytes = textLines(this.#text, msg);
        if (bytes.length) this.#out.push(bytes);
      } else if (this.#text) {
        const lines = this.#text.render(msg);
        if (lines.length) this.#out.push(lines.join("\n") + "\n");
      } else {
        this.#out.push(messageLine(msg));
      }
    } catch (error) {
      // Called by the room while it serves someone else: contain it here.
      this.#fail(error);
    }
  }

  #error(code: string, params: Record<string, string | number> = {}): void {
    this.#send({
      type: "error",
      code,
      message: t(this.#currentLang(), `err.${code}`, params),
    });
    this.#countError();
  }

  /** Language of this player now (they may have said `lang` since hello). */
  #currentLang(): Lang {
    try {
      return (this.#id && this.#ctx.room.langOf(this.#id)) || this.#lang;
    } catch {
      return this.#lang;
    }
  }

  /** One more invalid message in a row; too many closes the connection. */
  #countError(): void {
    if (this.#guard.invalid()) {
      this.#leaveReason = "kicked";
      this.close(
        "too_many_errors",
        t(this.#currentLang(), "bye.too_many_errors"),
      );
    }
  }

  #allow(): boolean {
    const admission = this.#guard.admit();
    if (admission === "pass") return true;
    if (admission === "warn") {
      this.#send({
        type: "error",
        code: "rate_limited",
        message: t(this.#currentLang(), "err.rate_limited"),
      });
    }
    return false;
  }

  async #frame(frame: Frame): Promise<void> {
    this.#beat?.heard();
    if (frame.kind === "oversize") {
      return this.#error("oversize", {
        bytes: frame.bytes,
        max: MAX_LINE_BYTES,
      });
    }
    if (frame.kind === "invalid_utf8") return this.#error("invalid_utf8");
    if (!this.#allow()) return;
    if (this.#id === null) return await this.#handshake(frame.text);
    if (this.#text) return this.#textLine(frame.text);
    let value: unknown;
    try {
      value = JSON.parse(frame.text);
    } catch {
      return this.#error("bad_json");
    }
    this.#beat?.heard(value);
    if (this.#ctx.room.receive(this.#id, value)) this.#guard.valid();
    else this.#countError();
  }

  async #handshake(text: string): Promise<void> {
    const trimmed = text.trim();
    if (this.#pendingNickname !== null) {
      // Text mode, locked room: this line is the PIN.
      this.#pin = trimmed;
      return this.#join(this.#textRequest(this.#pendingNickname), true);
    }
    if (!trimmed.startsWith("{")) {
      const rejoin = REJOIN_LINE.exec(trimmed);
      if (rejoin) {
        return this.#join({
          ...this.#textRequest(sanitize(rejoin[1])),
          rejoinCode: rejoin[2],
        }, true);
      }
      return this.#join(this.#textRequest(sanitize(trimmed)), true);
    }
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      return this.#error("bad_json");
    }
    if ((value as { type?: unknown })?.type !== "hello") {
      return this.#error("hello_first");
    }
    const r = helloSchema.safeParse(value);
    if (!r.success) {
      return this.#error("invalid_message", {
        type: "hello",
        detail: describeIssues(r.error),
      });
    }
    this.#lang = r.data.lang ?? this.#lang;
    this.#heartbeat = !!r.data.capabilities?.includes("heartbeat");
    this.#patches = !!r.data.capabilities?.includes(VIEW_PATCH);
    const proof = r.data.nonce && this.#ctx.proof
      ? await this.#ctx.proof(r.data.nonce)
      : undefined;
    if (this.#closing) return; // the deadline passed while signing
    this.#join({
      nickname: sanitize(r.data.nickname),
      protocol: r.data.protocol,
      lang: this.#lang,
      mode: "json",
      hostKey: r.data.hostKey,
      bot: r.data.client === "lanplay-bot",
      address: this.address,
      ...(r.data.pin !== undefined ? { pin: r.data.pin } : {}),
      ...(r.data.token !== undefined ? { token: r.data.token } : {}),
      ...(r.data.deputy !== undefined ? { deputy: r.data.deputy } : {}),
      ...(proof ? { proof } : {}),
    }, false);
  }

  #textRequest(nickname: string): JoinRequest {
    return {
      nickname,
      protocol: PROTOCOL_VERSION,
      lang: this.#lang,
      mode: "text",
      address: this.address,
      ...(this.#pin !== undefined ? { pin: this.#pin } : {}),
    };
  }

  /** Asks the room for a seat; PIN tries are slowed down per address. */
  #seat(req: JoinRequest, port: MemberPort): JoinResult {
    const now = this.#ctx.clock.now();
    const address = this.address;
    const guessing = req.pin !== undefined || req.rejoinCode !== undefined;
    if (guessing) {
      const wait = this.#pins.waitMs(address, now);
      if (wait > 0) {
        const n = Math.ceil(wait / 1000);
        return {
          ok: false,
          code: "pin_wait",
          message: t(req.lang, "err.pin_wait", { n }),
          fatal: false,
        };
      }
    }
    const result = this.#ctx.room.join(req, port);
    if (
      !result.ok &&
      (result.code === "bad_pin" || result.code === "bad_rejoin_code")
    ) {
      this.#pins.failed(address, now);
    } else if (result.ok && req.pin !== undefined) {
      // A right PIN clears the count; a right rejoin code does not (one's
      // own code must not buy more guesses at another seat's).
      this.#pins.succeeded(address);
    }
    return result;
  }

  #join(req: JoinRequest, textMode: boolean): void {
    const port: MemberPort = {
      patches: !textMode && this.#patches,
      send: (msg) => this.#send(msg),
      close: (reason, message, extra) =>
        void this.close(reason, message, extra),
    };
    // The text session must render the welcome the room sends during join.
    this.#text = textMode
      ? new TextSession(this.#ctx.games, this.#lang, req.nickname)
      : null;
    const result = this.#seat(req, port);
    if (result.ok) {
      this.#id = result.id;
      this.#port = port;
      this.#guard.valid();
      if (this.#heartbeat) this.#startHeartbeat();
      this.#pendingNickname = null;
      this.#cancelDeadline?.();
      this.#cancelDeadline = null;
      this.#ctx.log?.(t(this.#ctx.defaultLang, "log.joined", {
        nickname: req.nickname,
        mode: req.mode,
        remote: this.remote,
      }));
      return;
    }
    if (this.#failed) return;
    this.#text = null;
    const askPin = textMode && PIN_REFUSALS.has(result.code);
    if (textMode) {
      if (result.code !== "pin_required") {
        this.#out.push(`! ${result.message}\n`);
      }
    } else {
      this.#send({ type: "error", code: result.code, message: result.message });
    }
    // Being asked the PIN of a locked room is a step, not a failed attempt.
    const counts = !(textMode && result.code === "pin_required");
    if (result.fatal || (counts && ++this.#attempts >= 5)) {
      if (textMode) {
        this.#text = new TextSession(this.#ctx.games, this.#lang, "");
      }
      this.close(
        result.fatal ? result.code : "handshake",
        result.fatal ? result.message : t(this.#lang, "bye.handshake"),
      );
    } else if (askPin) {
      this.#pendingNickname = req.nickname;
      this.#out.push(t(this.#lang, "ask_pin") + "\n");
    } else if (textMode) {
      this.#pendingNickname = null;
      this.#out.push(t(this.#lang, "ask_nickname") + "\n");
    }
  }

  /**
   * Starts the heartbeat of a client that asked for it: a ping every
   * interval, and the connection is taken as lost (its seat held) after
   * the timeout without a line.
   */
  #startHeartbeat(): void {
    this.#beat = new Heartbeat(this.#ctx.clock, this.#ctx.heartbeat, {
      ping: (message) => this.#send(message),
      roundTrip: (ms) => {
        if (this.#id !== null) this.#ctx.room.heartbeat(this.#id, ms);
      },
      silent: (ms) => {
        this.#ctx.log?.(t(this.#ctx.defaultLang, "log.silent", {
          who: this.#who(),
          s: Math.round(ms / 100) / 10,
        }));
        this.#leaveReason = "timeout";
        this.#leave(); // at once: the socket may take long to fail
        this.#hardClose();
      },
    });
    this.#beat.start();
  }

  #stopHeartbeat(): void {
    this.#beat?.stop();
  }

  #textLine(text: string): void {
    this.#guard.valid(); // any readable line breaks a run of bad frames
    const session = this.#text!;
    const input = session.parse(text);
    switch (input.kind) {
      case "none":
        return;
      case "show":
        if (input.lines.length) this.#out.push(input.lines.join("\n") + "\n");
        return;
      case "send":
        this.#lang = session.lang; // `/lang fr` switched the session
        if (input.lines?.length) this.#out.push(input.lines.join("\n") + "\n");
        this.#ctx.room.receive(this.#id!, input.message);
    }
  }
}
