/**
 * A TCP relay on loopback between players and a host, that breaks
 * connections on demand the ways a network does: both ends closed (a
 * reset seen at once by both), only the player's end (the host sees
 * nothing: a later rejoin replaces the old connection), or a black hole
 * (nothing goes through any more, nobody is told: only heartbeats can see
 * it).
 *
 * @module
 */

/** How a relayed connection is broken. */
export type Break = "both" | "player" | "silent";

/** One relayed connection. */
export interface Relayed {
  /** Its number, from 0, in the order players connected. */
  readonly index: number;
  /** True once broken or ended. */
  readonly ended: boolean;
  /** Breaks it. */
  cut(how: Break): void;
}

/** A running relay. */
export interface Relay {
  /** The port players connect to (127.0.0.1). */
  readonly port: number;
  /** Every connection so far. */
  readonly connections: readonly Relayed[];
  /** Resolves when connection `index` exists. */
  connection(index: number): Promise<Relayed>;
  /** Stops accepting, breaks every connection and waits for them. */
  close(): Promise<void>;
}

/**
 * Starts a relay to `127.0.0.1:hostPort`.
 *
 * @example
 * ```ts ignore
 * const relay = startRelay(host.port);
 * (await relay.connection(0)).cut("both");
 * await relay.close();
 * ```
 *
 * @param hostPort the host's port on 127.0.0.1
 */
export function startRelay(hostPort: number): Relay {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const connections: (Relayed & { done: Promise<void>; kill(): void })[] = [];
  const waiters = new Map<number, ((r: Relayed) => void)[]>();
  const accepting = (async () => {
    try {
      for await (const player of listener) {
        const index = connections.length;
        let host: Deno.TcpConn;
        try {
          host = await Deno.connect({ hostname: "127.0.0.1", port: hostPort });
        } catch {
          player.close();
          continue;
        }
        let ended = false;
        let silent = false;
        const closeOne = (c: Deno.TcpConn) => {
          try {
            c.close();
          } catch { /* closed */ }
        };
        const pump = async (from: Deno.TcpConn, to: Deno.TcpConn) => {
          const buf = new Uint8Array(64 * 1024);
          try {
            while (true) {
              const n = await from.read(buf);
              if (n === null) break;
              if (silent || ended) continue; // swallowed: a black hole
              let rest = buf.subarray(0, n);
              while (rest.length) rest = rest.subarray(await to.write(rest));
            }
          } catch { /* reset or closed */ }
          if (!silent) {
            // One side ended on its own: end the other, as a network would.
            ended = true;
            closeOne(from);
            closeOne(to);
          }
        };
        const relayed = {
          index,
          get ended() {
            return ended;
          },
          kill() {
            ended = true;
            closeOne(player);
            closeOne(host);
          },
          cut(how: Break) {
            if (ended) return;
            if (how === "silent") {
              silent = true;
              return;
            }
            ended = true;
            closeOne(player);
            if (how === "both") closeOne(host);
            else {
              // The host's end stays open and quiet until the host closes
              // it (a rejoin replaces it) or the relay closes.
              silent = true;
            }
          },
          done: Promise.resolve(),
        };
        relayed.done = Promise.all([pump(player, host), pump(host, player)])
          .then(() => {});
        connections.push(relayed);
        for (const w of waiters.get(index) ?? []) w(relayed);
        waiters.delete(index);
      }
    } catch { /* listener closed */ }
  })();
  return {
    port: (listener.addr as Deno.NetAddr).port,
    connections,
    connection(index) {
      if (connections[index]) return Promise.resolve(connections[index]);
      return new Promise((resolve) => {
        const list = waiters.get(index) ?? [];
        list.push(resolve);
        waiters.set(index, list);
      });
    },
    async close() {
      try {
        listener.close();
      } catch { /* closed already */ }
      await accepting;
      for (const c of connections) c.kill();
      await Promise.all(connections.map((c) => c.done));
    },
  };
}
