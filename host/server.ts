/**
 * The game server: a TCP listener that hands each connection to a
 * {@linkcode Connection} bound to one {@linkcode Room}.
 *
 * @module
 */
import { t } from "../i18n/messages.ts";
import { Connection, type ConnectionContext } from "./connection.ts";

/** Where to listen. */
export interface ListenOptions {
  /** Address to bind; default `0.0.0.0`. */
  hostname?: string;
  /** TCP port; 0 picks a free one. */
  port: number;
}

/**
 * A running TCP game server.
 *
 * @example
 * ```ts ignore
 * const server = GameServer.listen({ hostname: "127.0.0.1", port: 0 }, ctx);
 * console.log(server.port);
 * await server.close();
 * ```
 */
export class GameServer {
  readonly #listener: Deno.TcpListener;
  readonly #ctx: ConnectionContext;
  readonly #connections = new Set<Connection>();
  readonly #running = new Set<Promise<void>>();
  readonly #accepting: Promise<void>;
  #closed = false;

  private constructor(listener: Deno.TcpListener, ctx: ConnectionContext) {
    this.#listener = listener;
    this.#ctx = ctx;
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

  /** The bound port. */
  get port(): number {
    return (this.#listener.addr as Deno.NetAddr).port;
  }

  /** Open connections (handshaking or playing). */
  get connections(): number {
    return this.#connections.size;
  }

  async #accept(): Promise<void> {
    try {
      for await (const conn of this.#listener) {
        if (this.#closed) {
          conn.close();
          break;
        }
        const c = new Connection(conn, this.#ctx);
        this.#connections.add(c);
        const p = c.run().finally(() => {
          this.#connections.delete(c);
          this.#running.delete(p);
        });
        this.#running.add(p);
      }
    } catch {
      // listener closed
    }
  }

  /** Tells every player the room closes, closes every socket, waits for all to end. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#ctx.room.close();
    const bye = t(this.#ctx.defaultLang, "bye.host_closed");
    for (const c of this.#connections) c.close("host_closed", bye);
    try {
      this.#listener.close();
    } catch { /* already */ }
    await this.#accepting;
    await Promise.all([...this.#running]);
  }
}
