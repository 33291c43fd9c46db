/**
 * A fake lanplay host for the client's tests, over real loopback sockets:
 * it sends a banner, reads the `hello`, answers with whatever the test
 * scripts (a forged welcome, hostile strings, a refusal), then waits for
 * the client to hang up.
 *
 * @module
 */
import { BANNER_PREFIX, PROTOCOL_VERSION } from "../protocol/constants.ts";
import { readFrames } from "../protocol/read_loop.ts";

/**
 * What the fake host answers to one `hello` (or a text-mode nickname, as
 * `{ text }`): objects are sent as JSON lines, strings as they are.
 */
export type Script = (
  hello: Record<string, unknown>,
) => Promise<unknown[]> | unknown[];

/** A running fake host. */
export interface FakeHost {
  /** Its port on `hostname`. */
  readonly port: number;
  /** Every `hello` received, in order. */
  readonly hellos: Record<string, unknown>[];
  /** Every JSON line received after a `hello`, in order (all connections). */
  readonly received: Record<string, unknown>[];
  /** Resolves once a line received after a `hello` matches. */
  until(
    pred: (line: Record<string, unknown>) => boolean,
  ): Promise<Record<string, unknown>>;
  /** Stops listening and waits for every connection to end. */
  close(): Promise<void>;
}

const encoder = new TextEncoder();

/**
 * Starts a fake host on `hostname` (127.0.0.1 by default) and `port` (a
 * free one by default) that answers every hello with `script`.
 *
 * @example
 * ```ts ignore
 * const host = startFakeHost(() => [{ type: "error", code: "room_full", message: "Full." }]);
 * await host.close();
 * ```
 *
 * @param script the answer to each hello
 * @param at where to listen
 */
export function startFakeHost(
  script: Script,
  at: { hostname?: string; port?: number; banner?: string } = {},
): FakeHost {
  const listener = Deno.listen({
    hostname: at.hostname ?? "127.0.0.1",
    port: at.port ?? 0,
  });
  const hellos: Record<string, unknown>[] = [];
  const received: Record<string, unknown>[] = [];
  const waiters: {
    pred: (line: Record<string, unknown>) => boolean;
    resolve: (line: Record<string, unknown>) => void;
  }[] = [];
  const conns = new Set<Promise<void>>();
  const serve = async (conn: Deno.TcpConn) => {
    try {
      await write(
        conn,
        (at.banner ?? `${BANNER_PREFIX}${PROTOCOL_VERSION} fake`) + "\n",
      );
      let answered = false;
      for await (const f of readFrames(conn, { bufferBytes: 65536 })) {
        if (f.kind !== "line") continue;
        if (answered) {
          try {
            const line = JSON.parse(f.text);
            received.push(line);
            for (const w of [...waiters]) {
              if (w.pred(line)) {
                waiters.splice(waiters.indexOf(w), 1);
                w.resolve(line);
              }
            }
          } catch { /* not JSON */ }
          continue;
        }
        answered = true;
        let hello: Record<string, unknown>;
        try {
          hello = JSON.parse(f.text);
        } catch {
          hello = { text: f.text }; // a text-mode client's nickname
        }
        hellos.push(hello);
        const lines = await script(hello);
        await write(
          conn,
          lines.map((l) =>
            (typeof l === "string" ? l : JSON.stringify(l)) + "\n"
          )
            .join(""),
        );
      }
    } catch {
      // the client hung up mid-write
    } finally {
      try {
        conn.close();
      } catch { /* closed */ }
    }
  };
  const accepting = (async () => {
    try {
      for await (const conn of listener) {
        const p = serve(conn);
        conns.add(p);
        p.finally(() => conns.delete(p));
      }
    } catch { /* closed */ }
  })();
  return {
    port: (listener.addr as Deno.NetAddr).port,
    hellos,
    received,
    until(pred) {
      const found = received.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
    async close() {
      listener.close();
      await accepting;
      await Promise.all([...conns]);
    },
  };
}

async function write(conn: Deno.TcpConn, text: string): Promise<void> {
  let rest = encoder.encode(text);
  while (rest.length) rest = rest.subarray(await conn.write(rest));
}

/**
 * A `welcome` as a host sends it, with `room` fields added.
 *
 * @example
 * ```ts
 * import { welcomeOf } from "./testing_host.ts";
 * welcomeOf("ana", { name: "Salle 12" }).room.name; // "Salle 12"
 * ```
 *
 * @param nickname the player's nickname
 * @param room fields of `welcome.room`
 */
export function welcomeOf(
  nickname: string,
  room: Record<string, unknown> = {},
): {
  type: "welcome";
  protocol: number;
  token: string;
  you: { id: string; nickname: string; leader: boolean };
  room:
    & { name: string; hostId: string; capacity: number }
    & Record<
      string,
      unknown
    >;
  capabilities: string[];
} {
  return {
    type: "welcome",
    protocol: PROTOCOL_VERSION,
    token: "t1",
    you: { id: "p1", nickname, leader: false },
    room: { name: "Fake room", hostId: "fake", capacity: 32, ...room },
    capabilities: [],
  };
}
