/**
 * The serve side of `compare`: a reflector. Over UDP it sends each valid
 * datagram back to its sender; over TCP it sends each valid message back on
 * the same connection (one write per read). Anything that is not a compare
 * message is ignored (UDP) or ends the connection (TCP).
 *
 * @module
 */
import dgram from "node:dgram";
import { decodeProbe, FrameDecoder } from "./packet.ts";
import { CompareError } from "./errors.ts";

/** A running reflector. */
export interface EchoServer {
  /** Address it listens on. */
  hostname: string;
  /** UDP port (the same number as the TCP port). */
  udpPort: number;
  /** TCP port. */
  tcpPort: number;
  /** Stops listening, closes every connection, resolves when all is closed. */
  close(): Promise<void>;
}

/** Options of {@linkcode startEchoServer}. */
export interface EchoServerOptions {
  /** Address to listen on, e.g. "127.0.0.1" or "0.0.0.0". */
  hostname: string;
  /** Port for both UDP and TCP; 0 picks a free one (the same for both). */
  port: number;
  /** Most TCP connections served at once (default 16); more are closed. */
  maxConnections?: number;
}

/**
 * Starts the UDP and TCP reflector.
 *
 * @example
 * ```ts
 * import { startEchoServer } from "./echo_server.ts";
 * const server = await startEchoServer({ hostname: "127.0.0.1", port: 0 });
 * console.log(server.udpPort, server.tcpPort);
 * await server.close();
 * ```
 */
export async function startEchoServer(
  options: EchoServerOptions,
): Promise<EchoServer> {
  const { hostname, port } = options;
  const maxConnections = options.maxConnections ?? 16;
  // With port 0, TCP picks a free port and UDP takes the same number (a few
  // tries, in case that UDP port is taken), so one port serves both.
  let bound: { listener: Deno.TcpListener; udp: dgram.Socket } | undefined;
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < (port === 0 ? 8 : 1) && !bound; attempt++) {
    let listener: Deno.TcpListener;
    try {
      listener = Deno.listen({ hostname, port, transport: "tcp" });
    } catch (err) {
      lastError = err as Error;
      break;
    }
    const udp = dgram.createSocket("udp4");
    try {
      await new Promise<void>((resolve, reject) => {
        udp.once("error", reject);
        udp.bind((listener.addr as Deno.NetAddr).port, hostname, () => {
          udp.off("error", reject);
          resolve();
        });
      });
      bound = { listener, udp };
    } catch (err) {
      lastError = err as Error;
      listener.close();
      await new Promise<void>((resolve) => {
        try {
          udp.close(() => resolve());
        } catch {
          resolve(); // never bound: nothing to close
        }
      });
    }
  }
  if (!bound) {
    const reason = lastError?.message ?? "unknown error";
    throw new CompareError(
      "listen_failed",
      `Cannot listen on ${hostname}:${port} (${reason}): choose another --port or --bind.`,
      { host: hostname, port, reason },
    );
  }
  const { listener, udp } = bound;
  const tcpPort = (listener.addr as Deno.NetAddr).port;
  udp.on("error", () => {/* a send failed: the peer counts it as lost */});
  udp.on("message", (msg, rinfo) => {
    if (decodeProbe(msg) === null) return;
    udp.send(msg, rinfo.port, rinfo.address);
  });

  const conns = new Set<Deno.TcpConn>();
  const tasks = new Set<Promise<void>>();
  const accepting = (async () => {
    try {
      for await (const conn of listener) {
        if (conns.size >= maxConnections) {
          conn.close();
          continue;
        }
        conns.add(conn);
        const task = echoTcp(conn).finally(() => {
          conns.delete(conn);
          tasks.delete(task);
        });
        tasks.add(task);
      }
    } catch {
      // The listener was closed.
    }
  })();

  let closing: Promise<void> | undefined;
  return {
    hostname,
    udpPort: udp.address().port,
    tcpPort,
    close() {
      closing ??= (async () => {
        try {
          listener.close();
        } catch { /* already closed */ }
        await accepting;
        for (const conn of conns) {
          try {
            conn.close();
          } catch { /* already closed */ }
        }
        await Promise.all([...tasks]);
        await new Promise<void>((resolve) => udp.close(() => resolve()));
      })();
      return closing;
    },
  };
}

async function echoTcp(conn: Deno.TcpConn): Promise<void> {
  const decoder = new FrameDecoder();
  const buffer = new Uint8Array(64 * 1024);
  try {
    conn.setNoDelay(true);
    while (true) {
      const n = await conn.read(buffer);
      if (n === null) break;
      const frames = decoder.push(buffer.subarray(0, n));
      if (frames.length) await writeAll(conn, concat(frames));
      if (decoder.broken) break;
    }
  } catch {
    // Reset by the peer or closed by close(): either way, this echo is over.
  } finally {
    try {
      conn.close();
    } catch { /* already closed */ }
  }
}

/**
 * Writes every byte (a single `write` may take only part of them).
 *
 * @example
 * ```ts
 * import { writeAll } from "./echo_server.ts";
 * // await writeAll(conn, new Uint8Array([1, 2, 3]));
 * ```
 */
export async function writeAll(
  conn: Deno.Conn,
  bytes: Uint8Array,
): Promise<void> {
  let at = 0;
  while (at < bytes.length) at += await conn.write(bytes.subarray(at));
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
