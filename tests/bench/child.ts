/**
 * The bench's processes: a Deno script started as a child, which prints
 * one JSON event per line on stdout and reads one command per line on
 * stdin. The parent waits for events (with a deadline) and sends commands.
 *
 * @module
 */
import process from "node:process";

/** One event a child printed (`event` says which). */
export type ChildEvent = { event: string } & Record<string, unknown>;

/** How to start a child. */
export interface ChildOptions {
  /** Extra `deno run` flags before the script (e.g. `--cpu-prof`). */
  denoFlags?: string[];
  /** Where a failure's stderr tail is shown (the bench's stderr by default). */
  label?: string;
  /**
   * A command that runs `deno` for us, before it: `["ip", "netns", "exec",
   * NS]` starts the child in a network namespace (`ip netns exec` execs
   * `deno` in its own process: signals reach the child itself).
   */
  prefix?: string[];
}

const encoder = new TextEncoder();

/** `BENCH_DEBUG=1`: every command and event on stderr, timed. */
const DEBUG = (() => {
  try {
    return !!Deno.env.get("BENCH_DEBUG");
  } catch {
    return false;
  }
})();

function debug(...parts: unknown[]): void {
  if (DEBUG) console.error(new Date().toISOString(), ...parts);
}

/**
 * A running bench process.
 *
 * @example
 * ```ts ignore
 * const relay = Child.start("tests/bench/relay_main.ts", ["--mode", "chat"]);
 * const { port } = await relay.next("ready");
 * await relay.stop();
 * ```
 */
export class Child {
  readonly #process: Deno.ChildProcess;
  readonly #events: ChildEvent[] = [];
  readonly #stderr: string[] = [];
  #wake: (() => void) | null = null;
  #ended = false;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly #reading: Promise<void>;
  readonly label: string;

  private constructor(process: Deno.ChildProcess, label: string) {
    this.#process = process;
    this.label = label;
    this.#writer = process.stdin.getWriter();
    this.#reading = Promise.all([this.#readOut(), this.#readErr()]).then(
      () => {},
    );
  }

  /**
   * Starts `[prefix] deno run -A [flags] script args`.
   * @param script path of the script
   * @param args its arguments
   * @param options deno flags, a command prefix and a label
   */
  static start(
    script: string,
    args: string[],
    options: ChildOptions = {},
  ): Child {
    const command = [
      ...(options.prefix ?? []),
      Deno.execPath(),
      "run",
      "-A",
      ...(options.denoFlags ?? []),
      script,
      ...args,
    ];
    const process = new Deno.Command(command[0], {
      args: command.slice(1),
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    return new Child(process, options.label ?? script);
  }

  async #readOut(): Promise<void> {
    let rest = "";
    for await (
      const chunk of this.#process.stdout.pipeThrough(new TextDecoderStream())
    ) {
      rest += chunk;
      let nl: number;
      while ((nl = rest.indexOf("\n")) >= 0) {
        const line = rest.slice(0, nl);
        rest = rest.slice(nl + 1);
        if (!line.startsWith("{")) continue;
        try {
          this.#events.push(JSON.parse(line));
        } catch { /* not an event */ }
        this.#wake?.();
      }
    }
    this.#ended = true;
    this.#wake?.();
  }

  async #readErr(): Promise<void> {
    for await (
      const chunk of this.#process.stderr.pipeThrough(new TextDecoderStream())
    ) {
      this.#stderr.push(chunk);
      if (this.#stderr.length > 200) this.#stderr.shift();
      debug(this.label, "stderr:", chunk.trimEnd());
    }
  }

  /** The last lines the child wrote on stderr. */
  stderrTail(): string {
    return this.#stderr.join("").split("\n").slice(-15).join("\n");
  }

  /**
   * Waits for the next event named `name` (earlier other events are dropped).
   * @param name the event
   * @param timeoutMs deadline
   */
  async next(name: string, timeoutMs = 120_000): Promise<ChildEvent> {
    const deadline = Date.now() + timeoutMs;
    while (true) {
      const i = this.#events.findIndex((e) => e.event === name);
      if (i >= 0) {
        debug(this.label, "->", name);
        return this.#events.splice(0, i + 1).pop()!;
      }
      if (this.#ended) {
        throw new Error(
          `${this.label} ended before "${name}":\n${this.stderrTail()}`,
        );
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `${this.label}: no "${name}" within ${timeoutMs} ms:\n${this.stderrTail()}`,
        );
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        timer = setTimeout(resolve, Math.min(left, 1000));
      });
      clearTimeout(timer);
      this.#wake = null;
    }
  }

  /**
   * Sends one command line.
   * @param command the line (no newline)
   */
  async send(command: string): Promise<void> {
    debug(this.label, "<-", command);
    await this.#writer.write(encoder.encode(command + "\n"));
  }

  /** Asks the child to quit (`quit`), then waits for it to exit; killed after 30 s. */
  async stop(): Promise<Deno.CommandStatus> {
    try {
      await this.send("quit");
      await this.#writer.close();
    } catch { /* already gone */ }
    const timer = setTimeout(() => {
      try {
        this.#process.kill("SIGKILL");
      } catch { /* gone */ }
    }, 30_000);
    const status = await this.#process.status;
    clearTimeout(timer);
    await this.#reading;
    return status;
  }

  /** Kills the child at once (a failed run's cleanup). */
  async kill(): Promise<void> {
    try {
      this.#process.kill("SIGKILL");
    } catch { /* gone */ }
    try {
      await this.#writer.close();
    } catch { /* gone */ }
    await this.#process.status;
    await this.#reading;
  }
}

/**
 * Reads the commands a child gets on stdin, one per line.
 *
 * @example
 * ```ts ignore
 * for await (const command of commands()) if (command === "quit") break;
 * ```
 */
export async function* commands(): AsyncGenerator<string> {
  let rest = "";
  for await (
    const chunk of Deno.stdin.readable.pipeThrough(new TextDecoderStream())
  ) {
    rest += chunk;
    let nl: number;
    while ((nl = rest.indexOf("\n")) >= 0) {
      yield rest.slice(0, nl).trim();
      rest = rest.slice(nl + 1);
    }
  }
}

/**
 * Prints one event for the parent.
 *
 * @example
 * ```ts ignore
 * emit("ready", { port: 4000 });
 * ```
 */
export function emit(
  event: string,
  fields: Record<string, unknown> = {},
): void {
  console.log(JSON.stringify({ event, ...fields }));
}

/** Wall-clock milliseconds comparable across the processes of one machine. */
export const wall = (): number => performance.timeOrigin + performance.now();

/**
 * CPU time this process has used so far (user + system, ms): unlike wall
 * time, what a server costs whatever else the machine is running.
 */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** RSS and heap of this process after a full collection (when `--expose-gc`). */
export function memory(): { rss: number; heap: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = Deno.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}
