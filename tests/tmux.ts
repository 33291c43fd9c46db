/**
 * A small tmux driver for end-to-end tests: runs real programs in panes of a
 * private tmux server (its own socket, `tmux -L <unique>`, so the user's
 * tmux is never touched), types keys, reads the screen, and waits until the
 * screen shows what a test expects.
 *
 * Polling the screen is the event here: a terminal program has no other way
 * to tell the test it drew something. {@linkcode TmuxPane.waitForScreen}
 * polls every 50 ms and fails with the last screen when time runs out.
 *
 * @module
 */

/**
 * How often {@linkcode TmuxPane.waitForScreen} reads the screen, in ms.
 *
 * @example
 * ```ts
 * import { POLL_MS } from "./tmux.ts";
 * POLL_MS; // 50
 * ```
 */
export const POLL_MS = 50;

/**
 * A tmux command failed (the message says which and why).
 *
 * @example
 * ```ts
 * import { TmuxError } from "./tmux.ts";
 * new TmuxError("no window named \"bob\"").name; // "TmuxError"
 * ```
 */
export class TmuxError extends Error {
  /** @param message what failed and what tmux said */
  constructor(message: string) {
    super(message);
    this.name = "TmuxError";
  }
}

/**
 * The screen did not show what was expected in time; the message carries
 * the last screen, framed.
 *
 * @example
 * ```ts
 * import { ScreenTimeoutError } from "./tmux.ts";
 * const e = new ScreenTimeoutError('"Podium"', 10_000, "Question 2/2");
 * e.screen; // "Question 2/2"
 * ```
 */
export class ScreenTimeoutError extends Error {
  /** The last screen read before giving up. */
  readonly screen: string;
  /**
   * @param what description of the awaited screen
   * @param timeoutMs how long the test waited
   * @param screen the last screen
   */
  constructor(what: string, timeoutMs: number, screen: string) {
    super(
      `the screen did not show ${what} within ${timeoutMs} ms; last screen:\n` +
        frame(screen),
    );
    this.name = "ScreenTimeoutError";
    this.screen = screen;
  }
}

/**
 * Options of {@linkcode Tmux.start}.
 *
 * @example
 * ```ts
 * import type { TmuxStartOptions } from "./tmux.ts";
 * const options: TmuxStartOptions = { columns: 100, rows: 40, env: { LANG: "C.UTF-8" } };
 * ```
 */
export interface TmuxStartOptions {
  /** Columns of every window (default 100). */
  columns?: number;
  /** Rows of every window (default 40). */
  rows?: number;
  /** Working directory of the commands (default: current directory). */
  cwd?: string;
  /** Extra environment variables of the commands. */
  env?: Record<string, string>;
}

const decoder = new TextDecoder();
/** The pane title a {@linkcode Tmux.columnsOf} window sets when it printed. */
const DONE = "lanplay-columns-done";

async function tmuxRun(
  socket: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command("tmux", {
    args: ["-L", socket, ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}

/**
 * Why tmux tests cannot run here, or `null` when they can.
 *
 * @example
 * ```ts ignore
 * const skip = await tmuxSkipReason();
 * if (skip) console.warn(`SKIP: ${skip}`);
 * ```
 */
export async function tmuxSkipReason(): Promise<string | null> {
  try {
    const out = await new Deno.Command("tmux", {
      args: ["-V"],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    return out.success ? null : "'tmux -V' failed (is tmux installed?)";
  } catch {
    return "tmux is missing (apt-get install tmux)";
  }
}

/**
 * A private tmux server with one session; each program runs in its own
 * window. Always {@linkcode Tmux.close} it in `finally`.
 *
 * @example
 * ```ts ignore
 * const tmux = await Tmux.start("host", ["deno", "run", "-A", "mod.ts", "host"]);
 * try {
 *   await tmux.pane("host").waitForScreen((s) => s.includes("/start"), 10_000);
 * } finally {
 *   await tmux.close();
 * }
 * ```
 */
export class Tmux {
  /** The socket name (`tmux -L`). */
  readonly socket: string;
  readonly #options: Required<TmuxStartOptions>;
  /** Temporary directory: the config and one exit-status file per window. */
  readonly dir: string;
  readonly #panes = new Map<string, TmuxPane>();
  #closed = false;
  #probes = 0;

  private constructor(
    socket: string,
    options: Required<TmuxStartOptions>,
    dir: string,
  ) {
    this.socket = socket;
    this.#options = options;
    this.dir = dir;
  }

  /**
   * Starts the server and a first window named `name` running `command`.
   * @param name window name, used to find the pane again
   * @param command program and arguments (no shell)
   * @param options size, directory, environment
   */
  static async start(
    name: string,
    command: string[],
    options: TmuxStartOptions = {},
  ): Promise<Tmux> {
    const socket = `lanplay-e2e-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
    const dir = await Deno.makeTempDir({ prefix: "lanplay-tmux-" });
    const config = `${dir}/tmux.conf`;
    await Deno.writeTextFile(
      config,
      [
        // Panes stay after their program ends: a test can read its last
        // screen.
        "set -g remain-on-exit on",
        "set -g history-limit 2000",
        "set -g status off",
        "",
      ].join("\n"),
    );
    const tmux = new Tmux(socket, {
      columns: options.columns ?? 100,
      rows: options.rows ?? 40,
      cwd: options.cwd ?? Deno.cwd(),
      // The programs' seats file in the test's own folder, not the user's.
      env: { XDG_STATE_HOME: `${dir}/state`, ...options.env },
    }, dir);
    try {
      await tmux.#must([
        "-f",
        config,
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-n",
        name,
        "-x",
        String(tmux.#options.columns),
        "-y",
        String(tmux.#options.rows),
        ...tmux.#where(),
        "--",
        ...tmux.#wrap(name, command),
      ]);
    } catch (e) {
      await tmux.close();
      throw e;
    }
    tmux.#panes.set(name, new TmuxPane(tmux, name));
    return tmux;
  }

  /**
   * Runs `command` under a small shell that writes its exit status to a
   * file: tmux may be slow to reap a dead pane's process, a file is not.
   * The shell catches SIGINT with a no-op handler (the program itself gets
   * the default one back) so that it survives a Ctrl-C to write the status.
   */
  #wrap(name: string, command: string[]): string[] {
    return [
      "sh",
      "-c",
      'trap : INT; f=$1; shift; "$@"; echo $? > "$f"',
      "sh",
      this.statusFile(name),
      ...command,
    ];
  }

  /**
   * Where the exit status of the window `name` is written.
   * @param name window name
   */
  statusFile(name: string): string {
    return `${this.dir}/${name.replace(/[^\w.-]/g, "_")}.status`;
  }

  #where(): string[] {
    const env = Object.entries(this.#options.env).flatMap(([k, v]) => [
      "-e",
      `${k}=${v}`,
    ]);
    return ["-c", this.#options.cwd, ...env];
  }

  async #must(args: string[]): Promise<string> {
    const r = await tmuxRun(this.socket, args);
    if (r.code !== 0) {
      throw new TmuxError(
        `'tmux -L ${this.socket} ${
          args.join(" ")
        }' failed (${r.code}): ${r.stderr.trim()}`,
      );
    }
    return r.stdout;
  }

  /**
   * Runs a tmux command on this server and returns its output.
   * @param args tmux arguments after `-L socket`
   */
  command(args: string[]): Promise<string> {
    if (this.#closed) {
      return Promise.reject(
        new TmuxError(`tmux server ${this.socket} is closed`),
      );
    }
    return this.#must(args);
  }

  /**
   * Opens a new window named `name` running `command`, the same size.
   * @param name window name
   * @param command program and arguments (no shell)
   */
  async open(name: string, command: string[]): Promise<TmuxPane> {
    if (this.#panes.has(name)) {
      throw new TmuxError(`a window named "${name}" is already open`);
    }
    await this.command([
      "new-window",
      "-d",
      "-t",
      "e2e:",
      "-n",
      name,
      ...this.#where(),
      "--",
      ...this.#wrap(name, command),
    ]);
    // A new window follows the session's size; make sure of it.
    await this.command([
      "resize-window",
      "-t",
      `e2e:${name}`,
      "-x",
      String(this.#options.columns),
      "-y",
      String(this.#options.rows),
    ]).catch(() => "");
    const pane = new TmuxPane(this, name);
    this.#panes.set(name, pane);
    return pane;
  }

  /**
   * The pane of the window named `name`.
   * @param name window name given to {@linkcode Tmux.start} or {@linkcode Tmux.open}
   */
  pane(name: string): TmuxPane {
    const p = this.#panes.get(name);
    if (!p) throw new TmuxError(`no window named "${name}"`);
    return p;
  }

  /**
   * Columns tmux itself gives `text` (its width table, which may differ from
   * lanplay's for some emoji sequences): a small window prints the text, then
   * sets its pane title as a "done" mark, and the cursor column is read.
   * @param text what to measure, printed as is (no newline); it must fit
   *   on one line of the window
   * @param timeoutMs how long to wait for the printing
   */
  async columnsOf(text: string, timeoutMs = 10_000): Promise<number> {
    const name = `columns-${++this.#probes}`;
    await this.command([
      "new-window",
      "-d",
      "-t",
      "e2e:",
      "-n",
      name,
      ...this.#where(),
      "--",
      "sh",
      "-c",
      'printf \'%s\\033]2;%s\\033\\\\\' "$1" "$2"; exec cat',
      "sh",
      text,
      DONE,
    ]);
    const deadline = Date.now() + timeoutMs;
    try {
      while (true) {
        const [title, x, y] = (await this.command([
          "display-message",
          "-p",
          "-t",
          `e2e:${name}`,
          "#{pane_title}\t#{cursor_x}\t#{cursor_y}",
        ])).trimEnd().split("\t");
        if (title === DONE && y !== "0") {
          throw new TmuxError(
            `${JSON.stringify(text)} is wider than the window: measure parts`,
          );
        }
        if (title === DONE) return Number(x);
        if (Date.now() >= deadline) {
          throw new TmuxError(
            `window "${name}" did not print ${JSON.stringify(text)} within ` +
              `${timeoutMs} ms (pane title "${title}")`,
          );
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } finally {
      await this.command(["kill-window", "-t", `e2e:${name}`]).catch(() => "");
    }
  }

  /** Kills the server (and every program in it); safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const path = await tmuxRun(this.socket, [
      "display-message",
      "-p",
      "#{socket_path}",
    ]).catch(() => null);
    await tmuxRun(this.socket, ["kill-server"]).catch(() => null);
    // tmux leaves its socket file behind after kill-server.
    const socketPath = path?.code === 0 ? path.stdout.trim() : "";
    if (socketPath.endsWith(`/${this.socket}`)) {
      await Deno.remove(socketPath).catch(() => {});
    }
    await Deno.remove(this.dir, { recursive: true }).catch(() => {});
  }
}

/**
 * One pane: type into it, read it, wait for it. Get it from
 * {@linkcode Tmux.pane} or {@linkcode Tmux.open}.
 *
 * @example
 * ```ts ignore
 * const bob = await tmux.open("bob", ["deno", "run", "-A", "mod.ts", "join"]);
 * await bob.line("/start");
 * const screen = await bob.waitForText(["Question 1/2"], 10_000);
 * ```
 */
export class TmuxPane {
  readonly #tmux: Tmux;
  /** Window name. */
  readonly name: string;
  /** The last screen read. */
  last = "";

  /**
   * @param tmux the server
   * @param name window name
   */
  constructor(tmux: Tmux, name: string) {
    this.#tmux = tmux;
    this.name = name;
  }

  get #target(): string {
    return `e2e:${this.name}`;
  }

  /**
   * Types text literally (no key names), without Enter.
   * @param text what to type
   */
  async type(text: string): Promise<void> {
    await this.#tmux.command(["send-keys", "-t", this.#target, "-l", text]);
  }

  /**
   * Presses keys by tmux name (`Enter`, `C-c`, `BSpace`...).
   * @param keys key names
   */
  async press(...keys: string[]): Promise<void> {
    await this.#tmux.command(["send-keys", "-t", this.#target, ...keys]);
  }

  /**
   * Types a line and presses Enter.
   * @param text the line
   */
  async line(text: string): Promise<void> {
    if (text) await this.type(text);
    await this.press("Enter");
  }

  /** The visible screen, one string with `\n` between rows. */
  async screen(): Promise<string> {
    this.last = await this.#tmux.command([
      "capture-pane",
      "-p",
      "-t",
      this.#target,
    ]);
    return this.last;
  }

  /**
   * The screen with up to `lines` rows of scrollback above it (a program's
   * last words after it left the alternate screen may be scrolled up).
   * @param lines rows of history to include
   */
  async scrollback(lines = 200): Promise<string> {
    return await this.#tmux.command([
      "capture-pane",
      "-p",
      "-S",
      String(-lines),
      "-t",
      this.#target,
    ]);
  }

  /**
   * Polls the screen until `predicate` holds; returns that screen. Fails
   * with the last screen after `timeoutMs`.
   * @param predicate what the screen must show
   * @param timeoutMs how long to wait
   * @param what description for the error (default: the predicate's code)
   */
  async waitForScreen(
    predicate: (screen: string) => boolean,
    timeoutMs = 10_000,
    what?: string,
  ): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (true) {
      const s = await this.screen();
      if (predicate(s)) return s;
      if (Date.now() >= deadline) {
        throw new ScreenTimeoutError(
          `${what ?? predicate.toString()} in window "${this.name}"`,
          timeoutMs,
          s,
        );
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  /**
   * Waits until the screen contains every text given.
   * @param texts what must be on screen (strings or patterns)
   * @param timeoutMs how long to wait
   */
  waitForText(
    texts: (string | RegExp)[],
    timeoutMs = 10_000,
  ): Promise<string> {
    return this.waitForScreen(
      (s) =>
        texts.every((t) => typeof t === "string" ? s.includes(t) : t.test(s)),
      timeoutMs,
      texts.map((t) => JSON.stringify(typeof t === "string" ? t : t.source))
        .join(" and "),
    );
  }

  /**
   * The program's exit status once it ended (128 + N when killed by signal
   * N), or null while it runs.
   */
  async exitStatus(): Promise<number | null> {
    try {
      const text = await Deno.readTextFile(this.#tmux.statusFile(this.name));
      return text.endsWith("\n") ? Number(text.trim()) : null;
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return null;
      throw e;
    }
  }

  /**
   * Waits for the program to end; returns its exit status.
   * @param timeoutMs how long to wait
   */
  async waitForExit(timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (true) {
      const status = await this.exitStatus();
      if (status !== null) return status;
      if (Date.now() >= deadline) {
        throw new ScreenTimeoutError(
          `the end of the program in window "${this.name}"`,
          timeoutMs,
          await this.screen(),
        );
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
}

/**
 * A screen inside a frame, for error messages.
 *
 * @example
 * ```ts
 * import { frame } from "./tmux.ts";
 * frame("a\nb").split("\n").length; // 4
 * ```
 */
export function frame(screen: string): string {
  const rows = screen.replace(/\n$/, "").split("\n");
  const width = Math.max(0, ...rows.map((r) => r.length));
  const rule = "+" + "-".repeat(width) + "+";
  return [rule, ...rows.map((r) => "|" + r.padEnd(width) + "|"), rule].join(
    "\n",
  );
}
