/**
 * One player's TCP connection: banner, handshake (JSON `hello` or a plain
 * nickname for text mode), then every line is deframed, parsed, limited and
 * handed to the room. Outbound goes through one bounded coalescing queue.
 *
 * @module
 */
import {
  BANNER_PREFIX,
  type Lang,
  MAX_LINE_BYTES,
  PROTOCOL_VERSION,
} from "../protocol/constants.ts";
import type { Frame } from "../protocol/framing.ts";
import { readFrames } from "../protocol/read_loop.ts";
import { TokenBucket } from "../protocol/token_bucket.ts";
import { helloSchema, type HostMessage } from "../protocol/messages.ts";
import type { AnyGame, GameMessage } from "../games/types.ts";
import { t } from "../i18n/messages.ts";
import type { Clock } from "./clock.ts";
import { describeIssues } from "./inbound.ts";
import { OutboundQueue } from "./outbound.ts";
import type { JoinRequest, MemberPort, Room } from "./room.ts";
import { TextSession } from "../text/session.ts";

/** What a connection needs from its server. */
export interface ConnectionContext {
  /** The room the player joins. */
  room: Room;
  /** The game registry, to render games for text-mode players. */
  games: Record<string, AnyGame>;
  /** Time source of the rate limiter. */
  clock: Clock;
  /** Language of text-mode players until they say `/lang`. */
  defaultLang: Lang;
  /** Outbound queue bound in bytes. */
  outboundLimit?: number;
  /** Messages per second a player may send (burst twice that). */
  rate?: number;
  /** Invalid messages in a row before the connection is closed. */
  maxErrors?: number;
  /** Called for notable events (joins, cuts), for the host's log (in `defaultLang`). */
  log?: (line: string) => void;
}

const json = new WeakMap<object, string>();

/** One JSON line per message object, serialized once however many players get it. */
function line(msg: HostMessage | GameMessage): string {
  let s = json.get(msg);
  if (s === undefined) {
    s = JSON.stringify(msg) + "\n";
    json.set(msg, s);
  }
  return s;
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
  #id: string | null = null;
  #text: TextSession | null = null;
  #lang: Lang;
  #attempts = 0;
  #errors = 0;
  readonly #bucket: TokenBucket;
  #warnedAt = -Infinity;
  #closing = false;
  #leaveReason = "disconnected";
  #done: Promise<void> | null = null;
  #goodbye: Promise<void> | null = null;

  /**
   * Wraps an accepted connection; nothing is sent before {@linkcode Connection.run}.
   *
   * @param conn the accepted connection
   * @param ctx room and settings
   */
  constructor(conn: Deno.TcpConn, ctx: ConnectionContext) {
    this.#conn = conn;
    this.#ctx = ctx;
    this.#lang = ctx.defaultLang;
    const rate = ctx.rate ?? 20;
    this.#bucket = new TokenBucket(2 * rate, rate, ctx.clock.now());
    this.#out = new OutboundQueue((b) => conn.write(b), {
      limitBytes: ctx.outboundLimit,
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

  /** Reads until the peer goes or the connection is closed; resolves when all is released. */
  run(): Promise<void> {
    this.#done ??= this.#run();
    return this.#done;
  }

  async #run(): Promise<void> {
    try {
      this.#conn.setNoDelay(true);
    } catch { /* not fatal */ }
    this.#out.push(bannerLine(this.#ctx.room.name));
    // A reset or a close under us ends the frames: treated as a disconnect.
    for await (const frame of readFrames(this.#conn)) {
      if (this.#closing) break;
      this.#frame(frame);
    }
    if (this.#id) this.#ctx.room.leave(this.#id, this.#leaveReason);
    this.#id = null;
    if (this.#goodbye) await this.#goodbye;
    this.#hardClose();
  }

  /**
   * Says goodbye (a `bye` message or line), waits a little for it to leave,
   * then closes.
   * @param reason machine reason (`host_closed`, `quit`...)
   * @param message sentence for the player
   */
  close(reason: string, message: string): Promise<void> {
    if (this.#closing) return this.#goodbye ?? Promise.resolve();
    this.#send({ type: "bye", reason, message });
    this.#closing = true;
    this.#goodbye = this.#drainThenClose();
    return this.#goodbye;
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
    this.#out.close();
    try {
      this.#conn.close();
    } catch { /* already closed */ }
  }

  #who(): string {
    return this.#text?.me ?? this.#id ?? this.remote;
  }

  #send(msg: HostMessage | GameMessage): void {
    if (this.#text) {
      const lines = this.#text.render(msg);
      if (lines.length) this.#out.push(lines.join("\n") + "\n");
    } else {
      this.#out.push(line(msg));
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
    return (this.#id && this.#ctx.room.langOf(this.#id)) || this.#lang;
  }

  /** One more invalid message in a row; too many closes the connection. */
  #countError(): void {
    if (++this.#errors >= (this.#ctx.maxErrors ?? 50)) {
      this.#leaveReason = "kicked";
      this.close(
        "too_many_errors",
        t(this.#currentLang(), "bye.too_many_errors"),
      );
    }
  }

  #allow(): boolean {
    const now = this.#ctx.clock.now();
    if (this.#bucket.take(now)) return true;
    if (now - this.#warnedAt > 1000) {
      this.#warnedAt = now;
      this.#send({
        type: "error",
        code: "rate_limited",
        message: t(this.#currentLang(), "err.rate_limited"),
      });
    }
    return false;
  }

  #frame(frame: Frame): void {
    if (frame.kind === "oversize") {
      return this.#error("oversize", {
        bytes: frame.bytes,
        max: MAX_LINE_BYTES,
      });
    }
    if (frame.kind === "invalid_utf8") return this.#error("invalid_utf8");
    if (!this.#allow()) return;
    if (this.#id === null) return this.#handshake(frame.text);
    if (this.#text) return this.#textLine(frame.text);
    let value: unknown;
    try {
      value = JSON.parse(frame.text);
    } catch {
      return this.#error("bad_json");
    }
    if (this.#ctx.room.receive(this.#id, value)) this.#errors = 0;
    else this.#countError();
  }

  #handshake(text: string): void {
    const trimmed = text.trim();
    let req: JoinRequest;
    let textMode = false;
    if (trimmed.startsWith("{")) {
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
      req = {
        nickname: r.data.nickname,
        protocol: r.data.protocol,
        lang: this.#lang,
        mode: "json",
        hostKey: r.data.hostKey,
        bot: r.data.client === "lanplay-bot",
      };
    } else {
      textMode = true;
      req = {
        nickname: trimmed,
        protocol: PROTOCOL_VERSION,
        lang: this.#lang,
        mode: "text",
      };
    }
    const session = textMode
      ? new TextSession(this.#ctx.games, this.#lang, trimmed)
      : null;
    const port: MemberPort = {
      send: (msg) => this.#send(msg),
      close: (reason, message) => void this.close(reason, message),
    };
    // The text session must render the welcome the room sends during join.
    this.#text = session;
    const result = this.#ctx.room.join(req, port);
    if (result.ok) {
      this.#id = result.id;
      this.#errors = 0;
      this.#ctx.log?.(t(this.#ctx.defaultLang, "log.joined", {
        nickname: req.nickname,
        mode: req.mode,
        remote: this.remote,
      }));
      return;
    }
    this.#text = null;
    if (textMode) {
      this.#out.push(`! ${result.message}\n`);
    } else {
      this.#send({ type: "error", code: result.code, message: result.message });
    }
    if (result.fatal || ++this.#attempts >= 5) {
      if (textMode) {
        this.#text = new TextSession(this.#ctx.games, this.#lang, "");
      }
      this.close(
        result.fatal ? result.code : "handshake",
        result.fatal ? result.message : t(this.#lang, "bye.handshake"),
      );
    } else if (textMode) {
      this.#out.push(t(this.#lang, "ask_nickname") + "\n");
    }
  }

  #textLine(text: string): void {
    this.#errors = 0; // any readable line breaks a run of bad frames
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
        this.#ctx.room.receive(this.#id!, input.message);
    }
  }
}
