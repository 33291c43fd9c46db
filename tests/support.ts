/**
 * Test support: an in-process host on loopback, raw line clients (like nc),
 * a seeded random source, and a fake terminal for the player's program.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import { readFrames } from "../protocol/read_loop.ts";
import { GAMES } from "../games/registry.ts";
import { type Clock, realClock } from "../host/clock.ts";
import { Room, type RoomOptions, type RoomSummary } from "../host/room.ts";
import { GameServer } from "../host/server.ts";
import type { Key } from "../client/keys.ts";
import type { Terminal } from "../client/terminal.ts";
import { seeded } from "../games/testing_random.ts";

export { seeded };

/** A running test host. */
export interface TestHost {
  room: Room;
  server: GameServer;
  port: number;
  /**
   * Resolves the first time the room's summary matches; rejects after
   * `ms` (default 20 s) with the last summary, so that a wait on a wrong
   * count fails instead of hanging the suite.
   */
  until(pred: (s: RoomSummary) => boolean, ms?: number): Promise<RoomSummary>;
  close(): Promise<void>;
}

/**
 * Starts a headless host on 127.0.0.1 with a free port.
 *
 * @example
 * ```ts ignore
 * const host = startHost({ autostart: 3 });
 * await host.close();
 * ```
 */
export function startHost(
  opts: Partial<RoomOptions> & {
    rate?: number;
    outboundLimit?: number;
    slowBytes?: number;
    slowMs?: number;
    handshakeMs?: number;
    maxConnections?: number;
    maxPerAddress?: number;
    proof?: (nonce: string) => Promise<string>;
    /** The connections' clock (rate, deadlines, slow readers); the room's clock by default. */
    serverClock?: Clock;
    seed?: number;
    /** The host's language (text-mode players and the log); English by default. */
    lang?: Lang;
    /** The host's log lines. */
    log?: (line: string) => void;
    /** Heartbeat timing of the connections (short in tests). */
    heartbeat?: { intervalMs: number; timeoutMs: number };
  } = {},
): TestHost {
  const waiters: {
    pred: (s: RoomSummary) => boolean;
    resolve: (s: RoomSummary) => void;
  }[] = [];
  const room = new Room({
    name: "Test room",
    hostId: "test-host",
    games: GAMES,
    game: "justeprix",
    clock: realClock,
    random: seeded(opts.seed ?? 42),
    ...opts,
    onChange: (s) => {
      for (const w of [...waiters]) {
        if (w.pred(s)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(s);
        }
      }
    },
  });
  const server = GameServer.listen({ hostname: "127.0.0.1", port: 0 }, {
    room,
    games: opts.games ?? GAMES,
    clock: opts.serverClock ?? opts.clock ?? realClock,
    defaultLang: opts.lang ?? "en",
    log: opts.log,
    rate: opts.rate,
    outboundLimit: opts.outboundLimit,
    slowBytes: opts.slowBytes,
    slowMs: opts.slowMs,
    handshakeMs: opts.handshakeMs,
    maxConnections: opts.maxConnections,
    maxPerAddress: opts.maxPerAddress,
    proof: opts.proof,
    heartbeat: opts.heartbeat,
  });
  return {
    room,
    server,
    port: server.port,
    until: (pred, ms = 20_000) => {
      const now = room.summary();
      if (pred(now)) return Promise.resolve(now);
      return new Promise((resolve, reject) => {
        const waiter = {
          pred,
          resolve: (s: RoomSummary) => {
            clearTimeout(timer);
            resolve(s);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(
            new Error(
              `the room never matched in ${ms} ms; last summary: ${
                JSON.stringify(room.summary())
              }`,
            ),
          );
        }, ms);
        waiters.push(waiter);
      });
    },
    close: () => server.close(),
  };
}

/**
 * A raw TCP client that reads lines, like `nc`.
 *
 * @example
 * ```ts ignore
 * const c = await LineClient.connect(port);
 * const banner = await c.next();
 * c.send("zoe");
 * ```
 */
export class LineClient {
  readonly conn: Deno.TcpConn;
  readonly lines: string[] = [];
  #read = 0;
  #waiter: (() => void) | null = null;
  #ended = false;
  #done: Promise<void> | null = null;

  private constructor(conn: Deno.TcpConn, reading: boolean) {
    this.conn = conn;
    if (reading) this.resume();
  }

  /** Resolves when the reader stopped (at once for a client that never read). */
  get done(): Promise<void> {
    return this.#done ?? Promise.resolve();
  }

  /** Starts reading (a client connected with `reading` false reads from now on). */
  resume(): void {
    this.#done ??= this.#pump();
  }

  /**
   * Connects to the host.
   * @param port host port on 127.0.0.1
   * @param reading false for a client that never reads (slow reader)
   */
  static async connect(port: number, reading = true): Promise<LineClient> {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    return new LineClient(conn, reading);
  }

  async #pump(): Promise<void> {
    const frames = readFrames(this.conn, {
      maxLineBytes: 1 << 24,
      bufferBytes: 65536,
    });
    for await (const f of frames) {
      if (f.kind === "line") this.lines.push(f.text);
      this.#waiter?.();
    }
    this.#ended = true;
    this.#waiter?.();
  }

  /** True once the host closed the connection. */
  get ended(): boolean {
    return this.#ended;
  }

  /** The next unread line (null at end of stream). */
  async next(): Promise<string | null> {
    while (this.#read >= this.lines.length) {
      if (this.#ended) return null;
      await new Promise<void>((r) => this.#waiter = r);
      this.#waiter = null;
    }
    return this.lines[this.#read++];
  }

  /**
   * Reads lines until one matches; fails when the stream ends first.
   * @param pred what to wait for
   */
  async waitFor(pred: (line: string) => boolean): Promise<string> {
    while (true) {
      const line = await this.next();
      if (line === null) {
        throw new Error(
          `stream ended before the expected line; last lines:\n${
            this.lines.slice(-8).join("\n")
          }`,
        );
      }
      if (pred(line)) return line;
    }
  }

  /**
   * Sends raw text; a newline is added.
   * @param text a line
   */
  async send(text: string | Uint8Array): Promise<void> {
    const bytes = typeof text === "string"
      ? new TextEncoder().encode(text + "\n")
      : text;
    let rest = bytes;
    while (rest.length) rest = rest.subarray(await this.conn.write(rest));
  }

  /** Closes and waits for the reader to stop. */
  async close(): Promise<void> {
    try {
      this.conn.close();
    } catch { /* closed */ }
    await this.done;
  }
}

/**
 * A terminal for tests: not a TTY, output captured, input fed by hand.
 *
 * @example
 * ```ts ignore
 * const term = fakeTerminal();
 * term.type("50");
 * term.end();
 * ```
 */
export function fakeTerminal(): Terminal & {
  out: string[];
  type(line: string): void;
  end(): void;
} {
  const queue: Key[] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  const out: string[] = [];
  return {
    tty: false,
    color: false,
    out,
    size: () => ({ columns: 80, rows: 24 }),
    write: (text) => void out.push(text),
    async *input() {
      while (true) {
        while (queue.length) yield queue.shift()!;
        if (ended) return;
        await new Promise<void>((r) => wake = r);
      }
    },
    enter() {},
    leave() {},
    onResize: () => () => {},
    type(line) {
      queue.push({ kind: "char", text: line }, { kind: "enter" });
      wake?.();
    },
    end() {
      ended = true;
      wake?.();
    },
  };
}

/**
 * JSON events a fake terminal received (json mode).
 *
 * @example
 * ```ts ignore
 * const events = jsonEvents(term.out);
 * ```
 */
export function jsonEvents(
  out: string[],
): { type: string; [k: string]: unknown }[] {
  return out.join("").split("\n").filter(Boolean).map((l) => JSON.parse(l));
}
