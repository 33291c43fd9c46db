/**
 * Test support for the rejoin tests: a terminal whose output can be
 * awaited (a TTY or not), and a player joined through a relay with its
 * reconnection wired the way `join` wires it.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import type { Key } from "../client/keys.ts";
import type { Terminal } from "../client/terminal.ts";
import { Session } from "../client/session.ts";

/** A terminal for tests: output captured and awaitable, keys fed by hand. */
export interface CaptureTerminal extends Terminal {
  /** Everything written. */
  readonly out: string[];
  /** Everything written, as one string. */
  text(): string;
  /** The last full screen drawn (TTY mode), its lines joined by `\n`. */
  screen(): string;
  /** Presses a key. */
  press(key: Key): void;
  /** Types a line and Enter. */
  type(line: string): void;
  /** Ends the input (stdin closed). */
  end(): void;
  /** Resolves once everything written so far matches. */
  until(pred: (all: string) => boolean): Promise<void>;
  /** Resolves once the last screen matches (TTY mode). */
  untilScreen(pred: (screen: string) => boolean): Promise<void>;
}

/** The screen's own drawing sequences (cursor, clear to end of line). */
// deno-lint-ignore no-control-regex
const OWN = /\x1b\[(\?25[lh]|H|K|J|\d+;\d+H)/g;

/**
 * Makes a capture terminal.
 *
 * @example
 * ```ts ignore
 * const term = captureTerminal({ tty: true });
 * await term.untilScreen((s) => s.includes("watching"));
 * ```
 *
 * @param o TTY or not, and the size
 */
export function captureTerminal(
  o: { tty?: boolean; columns?: number; rows?: number } = {},
): CaptureTerminal {
  const out: string[] = [];
  const keys: Key[] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  const waiters: { pred: () => boolean; resolve: () => void }[] = [];
  let all = "";
  let last = "";
  const check = () => {
    for (const w of [...waiters]) {
      if (w.pred()) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const wait = (pred: () => boolean) =>
    pred()
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ pred, resolve }));
  return {
    tty: o.tty ?? false,
    color: false,
    out,
    size: () => ({ columns: o.columns ?? 100, rows: o.rows ?? 40 }),
    write(text) {
      out.push(text);
      all += text;
      if (text.startsWith("\x1b[?25l\x1b[H")) {
        last = text.replace(OWN, "").split("\r\n").join("\n");
      }
      check();
    },
    async *input() {
      while (true) {
        while (keys.length) yield keys.shift()!;
        if (ended) {
          yield { kind: "eof" };
          return;
        }
        await new Promise<void>((r) => wake = r);
      }
    },
    enter() {},
    leave() {},
    onResize: () => () => {},
    text: () => all,
    screen: () => last,
    press(k) {
      keys.push(k);
      wake?.();
    },
    type(line) {
      keys.push({ kind: "char", text: line }, { kind: "enter" });
      wake?.();
    },
    end() {
      ended = true;
      wake?.();
    },
    until: (pred) => wait(() => pred(all)),
    untilScreen: (pred) => wait(() => pred(last)),
  };
}

/** How a test player joins. */
export interface TestJoin {
  /** The port to join (a relay's, usually). */
  port: number;
  nickname: string;
  lang?: Lang;
  /** Heartbeat timing (short in tests). */
  heartbeat?: { intervalMs: number; timeoutMs: number };
  /** A seat's token (a restarted player). */
  token?: string;
}

/**
 * Joins as `join` does, and makes the one-attempt reconnection `join`
 * gives the player's program (same address, the seat's token).
 *
 * @example
 * ```ts ignore
 * const { session, reconnect } = await joinWithReconnect({ port, nickname: "ana" });
 * ```
 *
 * @param o where and who
 */
export async function joinWithReconnect(o: TestJoin): Promise<{
  session: Session;
  reconnect: (token: string) => Promise<Session>;
  attempts: string[];
  sessions: Session[];
}> {
  const attempts: string[] = [];
  const sessions: Session[] = [];
  const join = (token?: string) =>
    Session.join({
      host: "127.0.0.1",
      port: o.port,
      nickname: o.nickname,
      lang: o.lang ?? "en",
      heartbeat: o.heartbeat,
      handshakeMs: 5000,
      timeoutMs: 2000,
      ...(token ? { token } : {}),
    });
  const session = await join(o.token);
  sessions.push(session);
  return {
    session,
    attempts,
    sessions,
    reconnect: async (token) => {
      attempts.push(token);
      const s = await join(token);
      sessions.push(s);
      return s;
    },
  };
}
