/**
 * Test support for the web side: an in-process host with its web server on
 * loopback, and a WebSocket client that records what the host sends.
 *
 * @module
 */
import { GAMES } from "../games/registry.ts";
import { type Clock, realClock } from "../host/clock.ts";
import { WebServer, type WebServerOptions } from "../host/web_server.ts";
import { startHost, type TestHost } from "./support.ts";

/** Longest wait for an expected message (ms). */
export const WAIT_MS = 5000;

/**
 * Polls a condition every 5 ms until it holds; fails after `deadlineMs`.
 * For state no event announces (a fake clock's timers, a browser's DOM).
 *
 * @example
 * ```ts ignore
 * await until(() => clock.timers.length > 0);
 * ```
 */
export async function until(
  pred: () => boolean | Promise<boolean>,
  deadlineMs = WAIT_MS,
  what = "condition",
): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await pred())) {
    if (Date.now() > end) {
      throw new Error(`${what}: not met within ${deadlineMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A message as the page reads it. */
// deno-lint-ignore no-explicit-any
export type Msg = Record<string, any>;

/** A running test host with its web server. */
export interface WebTestHost extends TestHost {
  /** The web server. */
  web: WebServer;
  /** Its port on 127.0.0.1. */
  webPort: number;
}

/**
 * Starts a headless host and its web server on 127.0.0.1 (free ports).
 *
 * @example
 * ```ts ignore
 * const host = startWebHost({}, { rate: 5 });
 * await host.close();
 * ```
 */
export function startWebHost(
  roomOptions: Parameters<typeof startHost>[0] = {},
  webOptions: Partial<WebServerOptions> & { webClock?: Clock } = {},
): WebTestHost {
  const host = startHost(roomOptions);
  const web = WebServer.listen({ hostname: "127.0.0.1", port: 0 }, {
    room: host.room,
    games: roomOptions.games ?? GAMES,
    clock: webOptions.webClock ?? roomOptions.clock ?? realClock,
    defaultLang: roomOptions.lang ?? "en",
    ...webOptions,
  });
  return {
    ...host,
    web,
    webPort: web.port,
    close: async () => {
      await host.close();
      await web.close();
    },
  };
}

/**
 * A WebSocket client like the page: JSON messages in, JSON messages out.
 *
 * @example
 * ```ts ignore
 * const c = await WsClient.connect(host.webPort);
 * c.send({ type: "hello", nickname: "ana", protocol: 1 });
 * await c.waitFor((m) => m.type === "welcome");
 * await c.close();
 * ```
 */
export class WsClient {
  /** The socket. */
  readonly ws: WebSocket;
  /** Every message received, parsed. */
  readonly messages: Msg[] = [];
  /** Resolves when the socket is closed, with its close code. */
  readonly closed: Promise<number>;
  #read = 0;
  #wake: (() => void) | null = null;
  #ended = false;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.onmessage = (e) => {
      this.messages.push(JSON.parse(String(e.data)));
      this.#wake?.();
    };
    this.closed = new Promise((resolve) => {
      ws.addEventListener("close", (e) => {
        this.#ended = true;
        this.#wake?.();
        resolve(e.code);
      });
    });
  }

  /**
   * Opens a socket to the web server; rejects when the host refuses it.
   * @param port the web port on 127.0.0.1
   * @param options Origin header (the page's own by default) and the path
   */
  static connect(
    port: number,
    options: { origin?: string | null; path?: string } = {},
  ): Promise<WsClient> {
    const origin = options.origin === undefined
      ? `http://127.0.0.1:${port}`
      : options.origin;
    const ws = new WebSocket(
      `ws://127.0.0.1:${port}${options.path ?? "/ws"}`,
      { headers: origin === null ? {} : { origin } },
    );
    const client = new WsClient(ws);
    return new Promise((resolve, reject) => {
      ws.onopen = () => resolve(client);
      ws.onerror = () => {
        client.closed.then(() => reject(new Error("websocket refused")));
      };
    });
  }

  /**
   * Sends a value as JSON, or a string as it is.
   * @param value what to send
   */
  send(value: unknown): void {
    this.ws.send(typeof value === "string" ? value : JSON.stringify(value));
  }

  /**
   * The next message not read yet (null once closed); fails after
   * `deadlineMs` without one, so a test whose message never comes fails
   * rather than hangs.
   * @param deadlineMs longest wait
   */
  async next(deadlineMs = WAIT_MS): Promise<Msg | null> {
    while (this.#read >= this.messages.length) {
      if (this.#ended) return null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = await new Promise<boolean>((r) => {
        this.#wake = () => r(false);
        timer = setTimeout(() => r(true), deadlineMs);
      });
      clearTimeout(timer);
      this.#wake = null;
      if (late) {
        throw new Error(
          `no message within ${deadlineMs} ms; last: ${
            JSON.stringify(this.messages.slice(-4)).slice(0, 400)
          }`,
        );
      }
    }
    return this.messages[this.#read++];
  }

  /**
   * Reads until a message matches; fails when the socket closes first.
   * @param pred what to wait for
   */
  async waitFor(pred: (m: Msg) => boolean): Promise<Msg> {
    for (;;) {
      const m = await this.next();
      if (m === null) {
        throw new Error(
          `socket closed before the expected message; last: ${
            JSON.stringify(this.messages.slice(-4))
          }`,
        );
      }
      if (pred(m)) return m;
    }
  }

  /**
   * Joins: hello, then waits for the welcome.
   * @param nickname who
   * @param extra more hello fields
   */
  async join(nickname: string, extra: Msg = {}): Promise<Msg> {
    this.send({ type: "hello", nickname, protocol: 1, lang: "en", ...extra });
    return await this.waitFor((m) => m.type === "welcome");
  }

  /** Closes and waits for the close. */
  async close(): Promise<void> {
    if (this.ws.readyState < WebSocket.CLOSING) this.ws.close();
    await this.closed;
  }
}
