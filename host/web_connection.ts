/**
 * One browser player's WebSocket: the same member as a TCP JSON client
 * (host/connection.ts), over another framing. Each WebSocket text message is
 * one JSON message both ways. The first one must be a `hello` (there is no
 * text mode and no banner: the page is the client), within the handshake
 * deadline; then every message is limited like a TCP line — at most
 * {@linkcode MAX_LINE_BYTES} bytes, a token bucket per socket, invalid
 * messages in a row counted — and handed to the room with `room.receive`.
 *
 * Beside the room's messages, a web player gets `{"type":"lines","lines":[…]}`:
 * the sentences a text-mode player reads for the same game message (the
 * game's own `lines`, in the player's language) and for arrivals and
 * departures, which the page shows as its feed. Browsers never get HTML: the page puts every string in with
 * `textContent`.
 *
 * A lecture hall on phones: a broadcast's JSON is serialized once for all
 * members (`messageText`, host/json_line.ts), and the feed of a message
 * whose lines depend on the language only (`LANG_ONLY_TYPES`,
 * text/session.ts) is rendered and serialized once per language.
 *
 * Containment: whatever throws while this socket's input is handled closes
 * this socket with `internal_error`, never the room or the process. A
 * browser that stops reading is cut when its socket's backlog
 * (`bufferedAmount`) stays over the slow bound for the slow time, or passes
 * the hard bound at once.
 *
 * @module
 */
import {
  HANDSHAKE_TIMEOUT_MS,
  type Lang,
  MAX_LINE_BYTES,
  OUTBOUND_LIMIT_BYTES,
  OUTBOUND_SLOW_BYTES,
  OUTBOUND_SLOW_MS,
} from "../protocol/constants.ts";
import { messageText } from "./json_line.ts";
import { InboundGuard } from "./inbound_guard.ts";
import {
  helloSchema,
  type HostMessage,
  VIEW_PATCH,
} from "../protocol/messages.ts";
import type { AnyGame, GameMessage } from "../games/types.ts";
import { sanitize } from "../text/sanitize.ts";
import { t } from "../i18n/messages.ts";
import { LANG_ONLY_TYPES, TextSession } from "../text/session.ts";
import type { Clock } from "./clock.ts";
import { describeIssues } from "./inbound.ts";
import { PinThrottle } from "./pin_throttle.ts";
import type { JoinRequest, JoinResult, MemberPort, Room } from "./room.ts";
import { Heartbeat } from "./heartbeat.ts";
import type { ByeExtra } from "./members.ts";

/** What a web connection needs from its server. */
export interface WebConnectionContext {
  /** The room the player joins. */
  room: Room;
  /** The game registry (the feed's text lines). */
  games: Record<string, AnyGame>;
  /** Time source of the rate limiter, the handshake deadline and the slow-reader check. */
  clock: Clock;
  /** Language of the host's log, and of a player until their hello says. */
  defaultLang: Lang;
  /** Time to send the hello (ms; default 10 s). */
  handshakeMs?: number;
  /**
   * Heartbeat of pages that say `heartbeat` in hello (the page does): the
   * host pings every `intervalMs` and takes a page silent for `timeoutMs`
   * as gone — its seat is held (defaults: 2 s and 6 s,
   * protocol/constants.ts).
   */
  heartbeat?: { intervalMs: number; timeoutMs: number };
  /** Messages per second a player may send (burst twice that; default 20). */
  rate?: number;
  /** Invalid messages in a row before the socket is closed (default 50). */
  maxErrors?: number;
  /** Largest message accepted, in bytes (default {@linkcode MAX_LINE_BYTES}). */
  maxMessageBytes?: number;
  /** Backlog (bytes) above which a reader counts as behind. */
  slowBytes?: number;
  /** A reader behind for this long (ms) is cut. */
  slowMs?: number;
  /** Hard bound of the backlog, in bytes. */
  outboundLimit?: number;
  /** Wrong-PIN counts per address (share the TCP server's). */
  pins?: PinThrottle;
  /** Notable events (joins, cuts), for the host's log (in `defaultLang`). */
  log?: (line: string) => void;
}

/** What the socket is to this connection (a Deno `WebSocket` is one). */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  /** Bytes queued by `send` and not yet handed to the network. */
  readonly bufferedAmount: number;
  /** Queues one text message. */
  send(data: string): void;
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void;
  /** Listens to `open`, `message`, `close`, `error`. */
  addEventListener(
    type: "open" | "message" | "close" | "error",
    listener: (event: Event) => void,
  ): void;
}

/** The web page's feed: a text-mode player's lines for one message. */
export interface LinesMessage {
  /** Always `lines`. */
  type: "lines";
  /** Sentences in the player's language, sanitised. */
  lines: string[];
  /** Allows it where game messages go. */
  [key: string]: unknown;
}

/** The room's own message types (the rest are the running game's). */
const HOST_TYPES = new Set([
  "welcome",
  "lobby",
  "chat",
  "joined",
  "left",
  "game_start",
  "view",
  "game_end",
  "error",
  "bye",
  "pong",
  "ping",
  "away",
  "back",
  "leader",
]);

/**
 * The feed message (JSON) of each message whose lines depend on the
 * language only, by language ("" for no lines): one render and one
 * serialization per language however many pages get it.
 */
const sharedFeeds = new WeakMap<object, Map<Lang, string>>();

/** The JSON of a feed message ("" for no lines). */
function feedJson(lines: string[]): string {
  return lines.length ? JSON.stringify({ type: "lines", lines }) : "";
}

/** Close code of a socket closed after a `bye` (normal closure). */
const CLOSE_NORMAL = 1000;

/** Close code when the host fails or cuts a socket (going away / policy). */
const CLOSE_POLICY = 1008;

const OPEN = 1;

/** A short, printable description of something thrown, for the log. */
function describe(error: unknown): string {
  const text = error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
  return sanitize(text).slice(0, 200);
}

/** UTF-8 length of a string, counted without encoding it. */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Serves one browser's WebSocket until it closes.
 *
 * @example
 * ```ts ignore
 * const { socket, response } = Deno.upgradeWebSocket(request);
 * const c = new WebConnection(socket, "198.18.0.7", ctx, { watcher: false });
 * c.run();
 * return response;
 * ```
 */
export class WebConnection {
  readonly #ws: WebSocketLike;
  readonly #ctx: WebConnectionContext;
  readonly #address: string;
  readonly #watcher: boolean;
  readonly #guard: InboundGuard;
  readonly #pins: PinThrottle;
  #id: string | null = null;
  /** How the room reaches this socket once seated. */
  #port: MemberPort | null = null;
  /** The page said `heartbeat` in its hello. */
  #heartbeat = false;
  /** The client said `view-patch` in its hello (its port says so). */
  #patches = false;
  /** The heartbeat, once a page that asked for it is seated. */
  #beat: Heartbeat | null = null;
  #nickname: string | null = null;
  /** The running game (its feed lines), or null in the lobby. */
  #game: string | null = null;
  /** This page's text session (its feed of host messages), made once. */
  #text: TextSession | null = null;
  #lang: Lang;
  #attempts = 0;
  #closing = false;
  #failed = false;
  #leaveReason = "disconnected";
  #cancelDeadline: (() => void) | null = null;
  #behindSince: number | null = null;
  #cancelSlow: (() => void) | null = null;
  readonly #done: Promise<void>;
  #resolveDone!: () => void;

  /**
   * Wraps an upgraded socket; nothing happens before {@linkcode WebConnection.run}.
   *
   * @param ws the socket
   * @param address the browser's IP address (bans, PIN slow-down, logs)
   * @param ctx room and limits
   * @param options `watcher`: a projector screen, not a player
   */
  constructor(
    ws: WebSocketLike,
    address: string,
    ctx: WebConnectionContext,
    options: { watcher?: boolean } = {},
  ) {
    this.#ws = ws;
    this.#ctx = ctx;
    this.#address = address;
    this.#watcher = !!options.watcher;
    this.#lang = ctx.defaultLang;
    this.#pins = ctx.pins ?? new PinThrottle();
    this.#guard = new InboundGuard(
      ctx.clock,
      ctx.rate ?? 20,
      ctx.maxErrors ?? 50,
    );
    this.#done = new Promise((r) => this.#resolveDone = r);
  }

  /** The browser's address, for logs. */
  get address(): string {
    return this.#address;
  }

  /** Serves the socket; resolves once it is closed and the room told. */
  run(): Promise<void> {
    const ms = this.#ctx.handshakeMs ?? HANDSHAKE_TIMEOUT_MS;
    this.#cancelDeadline = this.#ctx.clock.after(ms, () => {
      this.#cancelDeadline = null;
      if (this.#id !== null || this.#closing) return;
      this.close(
        "handshake_timeout",
        t(this.#lang, "bye.handshake_timeout", { n: Math.ceil(ms / 1000) }),
      );
    });
    this.#ws.addEventListener("message", (event) => {
      try {
        this.#message((event as MessageEvent).data);
      } catch (error) {
        this.#fail(error);
      }
    });
    this.#ws.addEventListener("close", () => this.#ended());
    this.#ws.addEventListener("error", () => this.#ended());
    if (this.#ws.readyState > OPEN) this.#ended();
    return this.#done;
  }

  /**
   * Says goodbye (a `bye` message) and closes.
   * @param reason machine reason (`host_closed`, `quit`...)
   * @param message sentence for the player
   * @param extra more fields of the `bye` (the session standings)
   */
  close(
    reason: string,
    message: string,
    extra?: ByeExtra,
  ): void {
    if (this.#closing) return;
    this.#send({ type: "bye", reason, message, ...extra });
    this.#shut(CLOSE_NORMAL, reason);
  }

  /** Closes the socket (once); the `close` event then tells the room. */
  #shut(code: number, reason: string): void {
    this.#closing = true;
    this.#stopTimers();
    try {
      this.#ws.close(code, reason.slice(0, 100));
    } catch { /* already closing */ }
  }

  #stopTimers(): void {
    this.#cancelDeadline?.();
    this.#cancelDeadline = null;
    this.#cancelSlow?.();
    this.#cancelSlow = null;
    this.#beat?.stop();
  }

  /** The socket is closed: leave the room (once) and resolve `run`. */
  #ended(): void {
    this.#closing = true;
    this.#stopTimers();
    this.#leave();
    this.#resolveDone();
  }

  /** Tells the room this member is gone (once); a failure there is logged. */
  #leave(): void {
    const id = this.#id;
    this.#id = null;
    if (id === null || !this.#port) return;
    try {
      // A lost page's seat may be held for it to come back with its token.
      this.#ctx.room.lost(id, this.#port, this.#leaveReason);
    } catch (error) {
      this.#log("log.internal_error", error);
    }
  }

  /**
   * Something thrown while serving this socket: it gets an error and a
   * bye `internal_error` and is closed; the room goes on.
   */
  #fail(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#log("log.internal_error", error);
    this.#leaveReason = "internal_error";
    const lang = this.#currentLang();
    this.#raw({
      type: "error",
      code: "internal_error",
      message: t(lang, "err.internal_error"),
    });
    this.#raw({
      type: "bye",
      reason: "internal_error",
      message: t(lang, "bye.internal_error"),
    });
    this.#shut(CLOSE_POLICY, "internal_error");
    // The room forgets this member now, not when the socket is gone — but
    // not in the middle of whatever the room was doing when it failed.
    queueMicrotask(() => this.#leave());
  }

  #log(key: string, error: unknown): void {
    try {
      this.#ctx.log?.(t(this.#ctx.defaultLang, key, {
        who: this.#nickname ?? this.#address,
        error: describe(error),
      }));
    } catch { /* a log that throws is not this socket's problem */ }
  }

  /** One message to the browser, as it is (no feed lines). */
  #raw(msg: HostMessage | GameMessage | LinesMessage): void {
    this.#sendText(messageText(msg));
  }

  /** One JSON message to the browser. */
  #sendText(json: string): void {
    if (this.#ws.readyState !== OPEN) return;
    this.#ws.send(json);
    this.#checkBacklog();
  }

  /** A room message, then its feed lines; failures are contained here. */
  #send(msg: HostMessage | GameMessage): void {
    if (this.#failed) return;
    try {
      this.#raw(msg);
      const feed = this.#feed(msg);
      if (feed) this.#sendText(feed);
    } catch (error) {
      // Called by the room while it serves someone else: contain it here.
      this.#fail(error);
    }
  }

  /** This page's text session, in `lang` (made again if the nickname changed). */
  #session(lang: Lang): TextSession {
    const me = this.#nickname ?? "";
    if (this.#text === null || this.#text.me !== me) {
      this.#text = new TextSession(this.#ctx.games, lang, me);
    }
    this.#text.lang = lang;
    return this.#text;
  }

  /**
   * The feed message (JSON, "" for none) for a message: what a text-mode
   * player reads of a game message (not those the page's panel shows
   * already) and of arrivals and departures. Lobby, chat and errors have
   * their own places on the page.
   */
  #feed(msg: HostMessage | GameMessage): string {
    switch (msg.type) {
      case "welcome":
        this.#nickname = (msg as { you: { nickname: string } }).you.nickname;
        return "";
      case "game_start":
      case "view":
        this.#game = (msg as { game: string }).game;
        return "";
      case "game_end":
        this.#game = null;
        return "";
      case "lobby":
        if ((msg as { state: string }).state === "lobby") this.#game = null;
        return "";
      case "chat":
        return "";
      case "joined":
      case "left":
      case "away":
      case "back":
      case "leader": {
        // Arrivals, departures, held seats and the lead: as text mode says them.
        const lang = this.#currentLang();
        if (!LANG_ONLY_TYPES.has(msg.type)) {
          return feedJson(this.#session(lang).render(msg));
        }
        // The same for every reader: rendered once per language.
        let byLang = sharedFeeds.get(msg);
        let json = byLang?.get(lang);
        if (json === undefined) {
          json = feedJson(this.#session(lang).render(msg));
          if (!byLang) sharedFeeds.set(msg, byLang = new Map());
          byLang.set(lang, json);
        }
        return json;
      }
    }
    const game =
      this.#game !== null && Object.hasOwn(this.#ctx.games, this.#game)
        ? this.#ctx.games[this.#game]
        : undefined;
    if (!game || HOST_TYPES.has(msg.type)) return "";
    if (game.view.panelOnly?.includes(msg.type)) return "";
    return feedJson(
      game.view.lines(
        msg as GameMessage,
        this.#currentLang(),
        this.#nickname ?? "",
      ),
    );
  }

  /** Cuts a reader whose backlog stays too big (or passes the hard bound). */
  #checkBacklog(): void {
    const waiting = this.#ws.bufferedAmount;
    const limit = this.#ctx.outboundLimit ?? OUTBOUND_LIMIT_BYTES;
    const slowBytes = this.#ctx.slowBytes ?? OUTBOUND_SLOW_BYTES;
    if (waiting > limit) return this.#cut(waiting);
    if (waiting <= slowBytes) {
      this.#behindSince = null;
      this.#cancelSlow?.();
      this.#cancelSlow = null;
      return;
    }
    const clock = this.#ctx.clock;
    const slowMs = this.#ctx.slowMs ?? OUTBOUND_SLOW_MS;
    if (this.#behindSince === null) {
      this.#behindSince = clock.now();
      this.#cancelSlow = clock.after(slowMs, () => {
        this.#cancelSlow = null;
        if (!this.#closing) this.#checkBacklog();
      });
    } else if (clock.now() - this.#behindSince >= slowMs) {
      this.#cut(waiting);
    }
  }

  #cut(bytes: number): void {
    if (this.#closing) return;
    try {
      this.#ctx.log?.(t(this.#ctx.defaultLang, "log.slow_reader", {
        who: this.#nickname ?? this.#address,
        bytes,
      }));
    } catch { /* the cut goes on */ }
    this.#leaveReason = "slow_reader";
    this.#shut(CLOSE_POLICY, "slow_reader");
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

  #message(data: unknown): void {
    if (this.#closing) return;
    this.#beat?.heard();
    const max = this.#ctx.maxMessageBytes ?? MAX_LINE_BYTES;
    let text: string;
    if (typeof data === "string") {
      text = data;
    } else {
      // A binary message: UTF-8 text like the rest, or refused.
      const bytes = data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : data instanceof Uint8Array
        ? data
        : new Uint8Array(0);
      if (bytes.length > max) {
        return this.#error("oversize", { bytes: bytes.length, max });
      }
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        return this.#error("invalid_utf8");
      }
    }
    // A UTF-16 unit is at least one UTF-8 byte: only count when it matters.
    const bytes = text.length > max
      ? text.length
      : text.length * 3 > max
      ? utf8Length(text)
      : 0;
    if (bytes > max) return this.#error("oversize", { bytes, max });
    if (text.trim() === "") return; // like a blank line: nothing
    if (!this.#allow()) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return this.#error("bad_json");
    }
    if (this.#id === null) return this.#handshake(value);
    this.#beat?.heard(value);
    if (this.#ctx.room.receive(this.#id, value)) {
      this.#guard.valid();
    } else this.#countError();
  }

  #handshake(value: unknown): void {
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
    this.#join({
      nickname: sanitize(r.data.nickname),
      protocol: r.data.protocol,
      lang: this.#lang,
      mode: "json",
      address: this.#address,
      ...(r.data.pin !== undefined ? { pin: r.data.pin } : {}),
      ...(r.data.token !== undefined ? { token: r.data.token } : {}),
      ...(this.#watcher ? { watcher: true } : {}),
    });
  }

  /** Asks the room for a seat; PIN tries are slowed down per address. */
  #seat(req: JoinRequest, port: MemberPort): JoinResult {
    const now = this.#ctx.clock.now();
    if (req.pin !== undefined) {
      const wait = this.#pins.waitMs(this.#address, now);
      if (wait > 0) {
        return {
          ok: false,
          code: "pin_wait",
          message: t(req.lang, "err.pin_wait", { n: Math.ceil(wait / 1000) }),
          fatal: false,
        };
      }
    }
    const result = this.#ctx.room.join(req, port);
    if (!result.ok && result.code === "bad_pin") {
      this.#pins.failed(this.#address, now);
    } else if (result.ok && req.pin !== undefined) {
      this.#pins.succeeded(this.#address);
    }
    return result;
  }

  #join(req: JoinRequest): void {
    const port: MemberPort = {
      patches: this.#patches,
      send: (msg) => this.#send(msg),
      close: (reason, message, extra) => this.close(reason, message, extra),
    };
    this.#nickname = req.nickname;
    const result = this.#seat(req, port);
    if (result.ok) {
      this.#id = result.id;
      this.#port = port;
      this.#guard.valid();
      if (this.#heartbeat) this.#startHeartbeat();
      this.#cancelDeadline?.();
      this.#cancelDeadline = null;
      this.#ctx.log?.(t(this.#ctx.defaultLang, "log.joined", {
        nickname: req.nickname,
        mode: this.#watcher ? "web screen" : "web",
        remote: this.#address,
      }));
      return;
    }
    if (this.#failed) return;
    this.#send({ type: "error", code: result.code, message: result.message });
    if (result.fatal || ++this.#attempts >= 5) {
      this.close(
        result.fatal ? result.code : "handshake",
        result.fatal ? result.message : t(this.#lang, "bye.handshake"),
      );
    }
  }

  /**
   * The heartbeat of a page that asked for it: a ping every interval, and
   * the socket taken as lost (its seat held) after the timeout without a
   * message — a phone that slept keeps its seat until it comes back.
   */
  #startHeartbeat(): void {
    this.#beat = new Heartbeat(this.#ctx.clock, this.#ctx.heartbeat, {
      ping: (message) => this.#raw(message),
      roundTrip: (ms) => {
        if (this.#id !== null) this.#ctx.room.heartbeat(this.#id, ms);
      },
      silent: (ms) => {
        try {
          this.#ctx.log?.(t(this.#ctx.defaultLang, "log.silent", {
            who: this.#nickname ?? this.#address,
            s: Math.round(ms / 100) / 10,
          }));
        } catch { /* the cut goes on */ }
        this.#leaveReason = "timeout";
        this.#leave(); // at once: the socket may take long to fail
        this.#shut(CLOSE_POLICY, "timeout");
      },
    });
    this.#beat.start();
  }
}
