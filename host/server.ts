/**
 * The game server: a TCP listener that hands each connection to a
 * {@linkcode Connection} bound to one {@linkcode Room}.
 *
 * It holds against what would stop it: an error while accepting (e.g. out
 * of file descriptors) is logged once and accepting goes on with back-off
 * (10 ms doubling to 1 s); connections over the total cap or the per-address
 * cap get one `too_many_connections` line and are closed at once; a
 * connection whose run fails is logged and forgotten, nothing else stops.
 *
 * @module
 */
import {
  defaultMaxConnections,
  MAX_PER_ADDRESS,
} from "../protocol/constants.ts";
import { t } from "../i18n/messages.ts";
import { Connection, type ConnectionContext } from "./connection.ts";
import { PinThrottle } from "./pin_throttle.ts";

/** Where to listen. */
export interface ListenOptions {
  /** Address to bind; default `0.0.0.0`. */
  hostname?: string;
  /** TCP port; 0 picks a free one. */
  port: number;
}

/** What the server needs of a listener (a `Deno.TcpListener` is one). */
export interface Listener {
  /** The next connection; throws when the listener is closed or fails. */
  accept(): Promise<Deno.TcpConn>;
  /** Stops listening. */
  close(): void;
  /** Where it listens. */
  readonly addr: Deno.Addr;
}

/** First wait after an accept error (ms); it doubles up to {@linkcode ACCEPT_BACKOFF_MAX_MS}. */
export const ACCEPT_BACKOFF_FIRST_MS = 10;

/** Longest wait between accept tries after errors (ms). */
export const ACCEPT_BACKOFF_MAX_MS = 1000;

/**
 * A running TCP game server.
 *
 * @example
 * ```ts
 * import { GameServer } from "./server.ts";
 * import { Room } from "./room.ts";
 * import { realClock } from "./clock.ts";
 * import { GAMES } from "../games/registry.ts";
 * const room = new Room({ name: "Salle", hostId: "h1", games: GAMES,
 *   game: "justeprix", clock: realClock, random: Math.random });
 * const server = GameServer.listen({ hostname: "127.0.0.1", port: 0 },
 *   { room, games: GAMES, clock: realClock, defaultLang: "en" });
 * server.port > 0; // true
 * await server.close();
 * ```
 */
export class GameServer {
  readonly #listener: Listener;
  readonly #ctx: ConnectionContext;
  readonly #connections = new Set<Connection>();
  readonly #perAddress = new Map<string, number>();
  readonly #pins: PinThrottle;
  readonly #running = new Set<Promise<void>>();
  readonly #accepting: Promise<void>;
  readonly #maxConnections: number;
  readonly #maxPerAddress: number;
  #closed = false;
  #wakeBackoff: (() => void) | null = null;

  private constructor(listener: Listener, ctx: ConnectionContext) {
    this.#listener = listener;
    this.#ctx = ctx;
    this.#pins = ctx.pins ?? new PinThrottle();
    this.#maxConnections = ctx.maxConnections ??
      defaultMaxConnections(ctx.room.capacity);
    this.#maxPerAddress = ctx.maxPerAddress ?? MAX_PER_ADDRESS;
    this.#accepting = this.#accept();
  }

  /**
   * Binds and starts accepting. Throws `Deno.errors.AddrInUse` when the port is taken.
   * @param where address and port
   * @param ctx the room and connection settings
   */
  static listen(where: ListenOptions, ctx: ConnectionContext): GameServer {
    const listener = Deno.listen({
      hostname: where.hostname ?? "0.0.0.0",
      port: where.port,
      transport: "tcp",
    });
    return new GameServer(listener, ctx);
  }

  /**
   * Serves connections from a listener already open (tests inject one).
   * @param listener where connections come from
   * @param ctx the room and connection settings
   */
  static serve(listener: Listener, ctx: ConnectionContext): GameServer {
    return new GameServer(listener, ctx);
  }

  /** The bound port. */
  get port(): number {
    return (this.#listener.addr as Deno.NetAddr).port;
  }

  /** Open connections (handshaking or playing). */
  get connections(): number {
    return this.#connections.size;
  }

  async #accept(): Promise<void> {
    let backoff = 0;
    while (!this.#closed) {
      let conn: Deno.TcpConn;
      try {
        conn = await this.#listener.accept();
      } catch (error) {
        if (this.#closed || error instanceof Deno.errors.BadResource) break;
        if (backoff === 0) {
          this.#ctx.log?.(t(this.#ctx.defaultLang, "log.accept_error", {
            error: error instanceof Error ? error.message : String(error),
          }));
        }
        backoff = backoff === 0
          ? ACCEPT_BACKOFF_FIRST_MS
          : Math.min(ACCEPT_BACKOFF_MAX_MS, backoff * 2);
        await this.#pause(backoff);
        continue;
      }
      backoff = 0;
      if (this.#closed) {
        conn.close();
        break;
      }
      try {
        this.#admit(conn);
      } catch (error) {
        this.#ctx.log?.(t(this.#ctx.defaultLang, "log.internal_error", {
          who: "?",
          error: error instanceof Error ? error.message : String(error),
        }));
        try {
          conn.close();
        } catch { /* already */ }
      }
    }
  }

  /** Waits `ms` on the context's clock, or less if the server closes. */
  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const cancel = this.#ctx.clock.after(ms, () => wake());
      const wake = () => {
        cancel();
        this.#wakeBackoff = null;
        resolve();
      };
      this.#wakeBackoff = wake;
    });
  }

  #admit(conn: Deno.TcpConn): void {
    const address = (conn.remoteAddr as Deno.NetAddr).hostname;
    const fromThere = this.#perAddress.get(address) ?? 0;
    if (
      this.#connections.size >= this.#maxConnections ||
      fromThere >= this.#maxPerAddress
    ) {
      return this.#refuse(conn);
    }
    const c = new Connection(conn, this.#ctx, this.#pins);
    this.#perAddress.set(address, fromThere + 1);
    this.#connections.add(c);
    const p = c.run().catch((error) => {
      this.#ctx.log?.(t(this.#ctx.defaultLang, "log.internal_error", {
        who: c.remote,
        error: error instanceof Error ? error.message : String(error),
      }));
    }).finally(() => {
      this.#connections.delete(c);
      const n = (this.#perAddress.get(address) ?? 1) - 1;
      if (n > 0) this.#perAddress.set(address, n);
      else this.#perAddress.delete(address);
      this.#running.delete(p);
    });
    this.#running.add(p);
  }

  /** One refusal line, then the connection is closed at once. */
  #refuse(conn: Deno.TcpConn): void {
    const lang = this.#ctx.defaultLang;
    const refusal = JSON.stringify({
      type: "error",
      code: "too_many_connections",
      message: t(lang, "err.too_many_connections"),
    }) + "\n";
    const p = conn.write(new TextEncoder().encode(refusal))
      .catch(() => 0)
      .then(() => {
        try {
          conn.close();
        } catch { /* already */ }
      })
      .finally(() => this.#running.delete(p));
    this.#running.add(p);
  }

  /** Tells every player the room closes, closes every socket, waits for all to end. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#ctx.room.close();
    } catch { /* the sockets still close below */ }
    const bye = t(this.#ctx.defaultLang, "bye.host_closed");
    for (const c of this.#connections) c.close("host_closed", bye);
    try {
      this.#listener.close();
    } catch { /* already */ }
    this.#wakeBackoff?.();
    await this.#accepting;
    await Promise.all([...this.#running]);
  }
}
