/**
 * A throw-away LAN of Linux network namespaces for tests.
 *
 * One "switch" namespace holds one bridge per network; every node is its own
 * namespace with a veth `ethN` plugged into the bridge of network N and an
 * address `198.18.N.i/24` (198.18.0.0/15 is reserved for benchmarking, RFC
 * 2544). Nothing sent inside can reach this machine's real network: the
 * namespaces have no link to it. Every name carries a random suffix so
 * parallel runs do not collide, and {@linkcode Lan.close} removes it all (call
 * it in `finally`).
 *
 * Needs root and `ip` (iproute2); {@linkcode lanSkipReason} says why not.
 *
 * @module
 */

/** One node of the test LAN: a namespace with its own hostname. */
export interface LanNode {
  /** Short name given by the test, also the node's hostname. */
  readonly name: string;
  /** Network namespace name (unique, random suffix). */
  readonly ns: string;
  /** IPv4 address on each network the node is on, first one first. */
  readonly addresses: string[];
  /** Interface names (`eth0`, `eth1`, ...) in the order of `addresses`. */
  readonly interfaces: string[];
  /**
   * Starts a command inside the namespace with the node's hostname (via
   * `unshare -u`). Stdout/stderr are piped; read them with
   * {@linkcode LineReader}.
   */
  spawn(cmd: string[], options?: { stdin?: boolean }): LanProcess;
  /** Runs a command to completion inside the namespace. */
  exec(cmd: string[]): Promise<ExecResult>;
}

/** Result of {@linkcode LanNode.exec}. */
export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A process started in a namespace. */
export interface LanProcess {
  readonly child: Deno.ChildProcess;
  /** Lines of standard output, as they come. */
  readonly stdout: LineReader;
  /** Lines of standard error, as they come. */
  readonly stderr: LineReader;
  /** Writes one line to standard input (when started with `stdin: true`). */
  writeLine(line: string): Promise<void>;
  /** Sends a signal (ignored when the process already ended). */
  kill(signal?: Deno.Signal): void;
  /** Waits for the end (and for both output streams to drain). */
  done(): Promise<Deno.CommandStatus>;
}

/** The LAN: its nodes and how to remove it. */
export interface Lan {
  readonly nodes: LanNode[];
  /** Finds a node by name; throws when absent. */
  node(name: string): LanNode;
  /** Kills what still runs inside and deletes every namespace. */
  close(): Promise<void>;
}

/** Description of one node: its name and the networks it is plugged into. */
export interface NodeSpec {
  name: string;
  /** Network numbers (0..9); default `[0]`. */
  nets?: number[];
}

/**
 * Reads a stream line by line and lets a test wait for a line that matches,
 * with a deadline (no sleeping).
 *
 * @example
 * ```ts ignore
 * const reader = new LineReader(child.stdout);
 * const line = await reader.waitFor((l) => l.includes("ready"), 5000);
 * ```
 */
export class LineReader {
  /** Every line read so far. */
  readonly lines: string[] = [];
  #waiters: Array<() => void> = [];
  #ended = false;
  /** Resolves when the stream has ended. */
  readonly closed: Promise<void>;

  /** @param stream the byte stream to read */
  constructor(stream: ReadableStream<Uint8Array>) {
    this.closed = this.#pump(stream);
  }

  async #pump(stream: ReadableStream<Uint8Array>): Promise<void> {
    let rest = "";
    const decoder = new TextDecoder();
    try {
      for await (const chunk of stream) {
        rest += decoder.decode(chunk, { stream: true });
        let nl: number;
        while ((nl = rest.indexOf("\n")) >= 0) {
          this.lines.push(rest.slice(0, nl));
          rest = rest.slice(nl + 1);
        }
        this.#wake();
      }
    } catch {
      // stream torn down: treat as ended
    }
    if (rest) this.lines.push(rest);
    this.#ended = true;
    this.#wake();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  /**
   * Waits for the first line from index `from` on that satisfies `match`.
   * Rejects when the stream ends or `timeoutMs` passes first.
   */
  async waitFor(
    match: (line: string) => boolean,
    timeoutMs: number,
    from = 0,
  ): Promise<{ line: string; index: number }> {
    const deadline = Date.now() + timeoutMs;
    let i = from;
    while (true) {
      for (; i < this.lines.length; i++) {
        if (match(this.lines[i])) return { line: this.lines[i], index: i };
      }
      if (this.#ended) {
        throw new Error(
          `stream ended before the expected line; last lines:\n${
            this.lines.slice(-5).join("\n")
          }`,
        );
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `no expected line within ${timeoutMs} ms; last lines:\n${
            this.lines.slice(-5).join("\n")
          }`,
        );
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        timer = setTimeout(resolve, left);
      });
      clearTimeout(timer);
    }
  }
}

/**
 * Why the LAN tests cannot run here, or `null` when they can.
 *
 * @example
 * ```ts ignore
 * const reason = await lanSkipReason();
 * if (reason) console.warn(`skipping LAN tests: ${reason}`);
 * ```
 */
export async function lanSkipReason(): Promise<string | null> {
  if (Deno.build.os !== "linux") return "network namespaces need Linux";
  if (Deno.uid() !== 0) return "network namespaces need root (run as root)";
  for (const tool of ["ip", "unshare"]) {
    const r = await run(["sh", "-c", `command -v ${tool}`]).catch(() => null);
    if (!r || r.code !== 0) {
      return `'${tool}' is missing (install iproute2 / util-linux)`;
    }
  }
  const probe = `lpchk${randomSuffix()}`;
  const r = await run(["ip", "netns", "add", probe]);
  if (r.code !== 0) {
    return `cannot create a network namespace: ${r.stderr.trim()}`;
  }
  await run(["ip", "netns", "del", probe]);
  return null;
}

/** Checks that a command exists; returns a skip reason or null. */
export async function missingTool(
  tool: string,
  pkg: string,
): Promise<string | null> {
  const r = await run(["sh", "-c", `command -v ${tool}`]);
  return r.code === 0 ? null : `'${tool}' is missing (apt-get install ${pkg})`;
}

/** Runs a command on this machine and collects its output. */
export async function run(cmd: string[]): Promise<ExecResult> {
  const out = await new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return {
    code: out.code,
    stdout: dec.decode(out.stdout),
    stderr: dec.decode(out.stderr),
  };
}

async function must(cmd: string[]): Promise<void> {
  const r = await run(cmd);
  if (r.code !== 0) {
    throw new Error(`'${cmd.join(" ")}' failed (${r.code}): ${r.stderr}`);
  }
}

function randomSuffix(): string {
  const b = crypto.getRandomValues(new Uint8Array(3));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/**
 * Builds a LAN: nodes get `198.18.N.(i+1)/24` on network N, a default route
 * on their first interface, `lo` up. On failure half-way, what was made is
 * removed before the error is thrown.
 *
 * @example
 * ```ts ignore
 * const lan = await createLan([{ name: "h1" }, { name: "c1" }]);
 * try {
 *   const r = await lan.node("c1").exec(["ping", "-c1", lan.node("h1").addresses[0]]);
 * } finally {
 *   await lan.close();
 * }
 * ```
 */
export async function createLan(specs: NodeSpec[]): Promise<Lan> {
  const tag = `lp${randomSuffix()}`;
  const sw = `${tag}-sw`;
  const made: string[] = [];
  const procs = new Set<LanProcess>();
  const nodes: LanNode[] = [];
  const close = async () => {
    for (const p of procs) p.kill("SIGKILL");
    await Promise.allSettled([...procs].map((p) => p.done()));
    for (const ns of made) {
      // Kill whatever was started inside the namespace (e.g. a daemon).
      const pids = await run(["ip", "netns", "pids", ns]);
      for (const pid of pids.stdout.split(/\s+/).filter(Boolean)) {
        try {
          Deno.kill(Number(pid), "SIGKILL");
        } catch {
          // already gone
        }
      }
      await run(["ip", "netns", "del", ns]);
    }
  };
  try {
    await must(["ip", "netns", "add", sw]);
    made.push(sw);
    const nets = new Set(specs.flatMap((s) => s.nets ?? [0]));
    for (const n of nets) {
      await must(["ip", "-n", sw, "link", "add", `br${n}`, "type", "bridge"]);
      await must(["ip", "-n", sw, "link", "set", `br${n}`, "up"]);
    }
    const hostIndex = new Map<number, number>();
    for (const [i, spec] of specs.entries()) {
      const ns = `${tag}-${i}`;
      await must(["ip", "netns", "add", ns]);
      made.push(ns);
      await must(["ip", "-n", ns, "link", "set", "lo", "up"]);
      const addresses: string[] = [];
      const interfaces: string[] = [];
      for (const [k, net] of (spec.nets ?? [0]).entries()) {
        const port = `p${i}n${net}`;
        const eth = `eth${k}`;
        await must([
          "ip",
          "-n",
          sw,
          "link",
          "add",
          port,
          "type",
          "veth",
          "peer",
          "name",
          eth,
          "netns",
          ns,
        ]);
        await must(["ip", "-n", sw, "link", "set", port, "master", `br${net}`]);
        await must(["ip", "-n", sw, "link", "set", port, "up"]);
        const host = (hostIndex.get(net) ?? 0) + 1;
        hostIndex.set(net, host);
        const addr = `198.18.${net}.${host}`;
        await must(["ip", "-n", ns, "addr", "add", `${addr}/24`, "dev", eth]);
        await must(["ip", "-n", ns, "link", "set", eth, "up"]);
        if (k === 0) {
          await must(["ip", "-n", ns, "route", "add", "default", "dev", eth]);
        }
        addresses.push(addr);
        interfaces.push(eth);
      }
      nodes.push(makeNode(spec.name, ns, addresses, interfaces, procs));
    }
  } catch (err) {
    await close();
    throw err;
  }
  return {
    nodes,
    node(name) {
      const n = nodes.find((x) => x.name === name);
      if (!n) throw new Error(`no node named ${name} in this LAN`);
      return n;
    },
    close,
  };
}

function inNs(ns: string, hostname: string, cmd: string[]): string[] {
  return [
    "ip",
    "netns",
    "exec",
    ns,
    "unshare",
    "-u",
    "sh",
    "-c",
    'hostname "$0"; exec "$@"',
    hostname,
    ...cmd,
  ];
}

function makeNode(
  name: string,
  ns: string,
  addresses: string[],
  interfaces: string[],
  procs: Set<LanProcess>,
): LanNode {
  return {
    name,
    ns,
    addresses,
    interfaces,
    exec: (cmd) => run(inNs(ns, name, cmd)),
    spawn(cmd, options = {}) {
      const full = inNs(ns, name, cmd);
      const child = new Deno.Command(full[0], {
        args: full.slice(1),
        stdin: options.stdin ? "piped" : "null",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const stdout = new LineReader(child.stdout);
      const stderr = new LineReader(child.stderr);
      const writer = options.stdin ? child.stdin.getWriter() : null;
      let ended = false;
      const status = child.status.then((s) => {
        ended = true;
        return s;
      });
      const proc: LanProcess = {
        child,
        stdout,
        stderr,
        async writeLine(line) {
          if (!writer) throw new Error("started without stdin: true");
          await writer.write(new TextEncoder().encode(line + "\n"));
        },
        kill(signal = "SIGTERM") {
          if (ended) return;
          try {
            child.kill(signal);
          } catch {
            // already ended
          }
        },
        async done() {
          const s = await status;
          if (writer) await writer.close().catch(() => {});
          await stdout.closed;
          await stderr.closed;
          procs.delete(proc);
          return s;
        },
      };
      procs.add(proc);
      return proc;
    },
  };
}

/**
 * Pulls (`plugged` false) or plugs back a namespace's cable: every packet in
 * or out of its `eth0` is dropped by iptables — no FIN, no RST, as when a
 * cable is out; its loopback still works. Throws when iptables refuses.
 *
 * @param ns the namespace
 * @param plugged true to plug the cable back
 */
export async function cable(ns: string, plugged: boolean): Promise<void> {
  for (const [chain, side] of [["INPUT", "-i"], ["OUTPUT", "-o"]]) {
    const r = await run([
      "ip",
      "netns",
      "exec",
      ns,
      "iptables",
      plugged ? "-D" : "-A",
      chain,
      side,
      "eth0",
      "-j",
      "DROP",
    ]);
    if (r.code !== 0) {
      throw new Error(`iptables ${chain} in ${ns} failed: ${r.stderr}`);
    }
  }
}
