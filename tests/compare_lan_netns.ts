/**
 * A throw-away LAN for `compare`: two network namespaces ("serve" and
 * "peer") joined by veth pairs to a bridge that lives in a third namespace
 * (so nothing touches the machine's own interfaces), addressed in
 * 198.18.0.0/24 (the benchmarking range, RFC 2544). Needs root, `ip` and,
 * for packet loss, `iptables`. Always call {@linkcode Lan.close}.
 *
 * @module
 */

/** Addresses of the two ends. */
export const SERVE_ADDR = "198.18.0.1";
/** Address of the measuring end. */
export const PEER_ADDR = "198.18.0.2";

/** A LAN of two namespaces. */
export interface Lan {
  /** Namespace of the reflector. */
  serve: string;
  /** Namespace of the measuring side. */
  peer: string;
  /** Namespace holding the bridge. */
  bridge: string;
  /** Drops incoming packets at random in the serve namespace (0 removes the rule). */
  setLoss(probability: number): Promise<void>;
  /** Deletes the three namespaces (and with them every veth). */
  close(): Promise<void>;
}

/**
 * Why a LAN cannot be built here (not root, `ip` or `iptables` missing,
 * namespaces not allowed), or `null` when it can.
 *
 * @example
 * ```ts
 * import { lanUnavailable } from "./compare_lan_netns.ts";
 * const reason = await lanUnavailable();
 * if (reason) console.log(`skipped: ${reason}`);
 * ```
 */
export async function lanUnavailable(
  needs: { iptables: boolean } = { iptables: true },
): Promise<string | null> {
  if (Deno.build.os !== "linux") return "network namespaces need Linux";
  if (Deno.uid() !== 0) return "building network namespaces needs root";
  if (!(await works("ip", ["-V"]))) {
    return "the `ip` command is missing (Debian: apt-get install -y iproute2)";
  }
  if (needs.iptables && !(await works("iptables", ["--version"]))) {
    return "the `iptables` command is missing (Debian: apt-get install -y iptables)";
  }
  // Root without CAP_NET_ADMIN (some containers) cannot make namespaces.
  const probe = `lpcprobe${Deno.pid}`;
  try {
    await sh("ip", ["netns", "add", probe]);
  } catch (err) {
    return `cannot create a network namespace here: ${(err as Error).message}`;
  } finally {
    await sh("ip", ["netns", "del", probe]).catch(() => {});
  }
  return null;
}

/**
 * Runs a command, throws with its stderr when it fails.
 *
 * @example
 * ```ts
 * import { sh } from "./compare_lan_netns.ts";
 * await sh("ip", ["netns", "list"]);
 * ```
 */
export async function sh(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, {
    args,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(
      `${cmd} ${args.join(" ")} failed: ${
        new TextDecoder().decode(out.stderr).trim()
      }`,
    );
  }
  return new TextDecoder().decode(out.stdout);
}

async function works(cmd: string, args: string[]): Promise<boolean> {
  try {
    return (await new Deno.Command(cmd, {
      args,
      stdout: "null",
      stderr: "null",
    })
      .output()).success;
  } catch {
    return false;
  }
}

/**
 * Builds the LAN. Names are unique per call (`lpc<pid><random>s|p|b`).
 * On failure, whatever was built is removed before the error propagates.
 *
 * @example
 * ```ts
 * import { createLan } from "./compare_lan_netns.ts";
 * const lan = await createLan();
 * try {
 *   await lan.setLoss(0.05);
 * } finally {
 *   await lan.close();
 * }
 * ```
 */
export async function createLan(): Promise<Lan> {
  const tag = `lpc${Deno.pid % 100000}${Math.floor(Math.random() * 1000)}`;
  const serve = `${tag}s`;
  const peer = `${tag}p`;
  const bridge = `${tag}b`;
  const made: string[] = [];
  const close = async () => {
    for (const ns of made.splice(0).reverse()) {
      await sh("ip", ["netns", "del", ns]).catch(() => {});
    }
  };
  try {
    for (const ns of [bridge, serve, peer]) {
      await sh("ip", ["netns", "add", ns]);
      made.push(ns);
      await sh("ip", ["-n", ns, "link", "set", "lo", "up"]);
    }
    await sh("ip", ["-n", bridge, "link", "add", "br0", "type", "bridge"]);
    await sh("ip", ["-n", bridge, "link", "set", "br0", "up"]);
    for (
      const [ns, addr, port] of [[serve, SERVE_ADDR, "ps"], [
        peer,
        PEER_ADDR,
        "pp",
      ]]
    ) {
      // Both ends of the veth are created directly inside the namespaces.
      await sh("ip", [
        "-n",
        ns,
        "link",
        "add",
        "eth0",
        "type",
        "veth",
        "peer",
        "name",
        port,
        "netns",
        bridge,
      ]);
      await sh("ip", [
        "-n",
        bridge,
        "link",
        "set",
        port,
        "master",
        "br0",
        "up",
      ]);
      await sh("ip", ["-n", ns, "addr", "add", `${addr}/24`, "dev", "eth0"]);
      await sh("ip", ["-n", ns, "link", "set", "eth0", "up"]);
    }
  } catch (err) {
    await close();
    throw err;
  }
  return {
    serve,
    peer,
    bridge,
    async setLoss(probability) {
      await sh("ip", ["netns", "exec", serve, "iptables", "-F", "INPUT"]);
      if (probability > 0) {
        await sh("ip", [
          "netns",
          "exec",
          serve,
          "iptables",
          "-A",
          "INPUT",
          "-m",
          "statistic",
          "--mode",
          "random",
          "--probability",
          String(probability),
          "-j",
          "DROP",
        ]);
      }
    },
    close,
  };
}

/** A `compare --serve` running in the serve namespace. */
export interface Reflector {
  /** Port of the reflector (UDP and TCP). */
  port: number;
  /** Stops it (SIGTERM) and waits for its exit. */
  stop(): Promise<void>;
}

const ENTRY = new URL("../compare/cli.ts", import.meta.url).pathname;

/** Environment of the deno processes started in the namespaces. */
const DENO_ENV = { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };

/**
 * Starts `compare --serve --json` in the serve namespace and resolves once
 * it printed its ready line.
 *
 * @example
 * ```ts
 * import { createLan, startReflector } from "./compare_lan_netns.ts";
 * const lan = await createLan();
 * const reflector = await startReflector(lan, 50028);
 * await reflector.stop();
 * await lan.close();
 * ```
 */
export async function startReflector(
  lan: Lan,
  port: number,
): Promise<Reflector> {
  const child = new Deno.Command("ip", {
    args: [
      "netns",
      "exec",
      lan.serve,
      Deno.execPath(),
      "run",
      "-A",
      ENTRY,
      "--serve",
      "--json",
      "--bind",
      SERVE_ADDR,
      "--port",
      String(port),
    ],
    env: DENO_ENV,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  let ready = false;
  while (!ready) {
    const { value, done } = await lines.read();
    if (done) break;
    text += value;
    ready = text.includes('"ready":true');
  }
  const rest = (async () => {
    while (!(await lines.read()).done) { /* drain */ }
  })();
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch { /* already gone */ }
    await child.status;
    await rest;
    await stderr;
  };
  if (!ready) {
    await stop();
    throw new Error(`the reflector did not start: ${text} ${await stderr}`);
  }
  return { port, stop };
}

/**
 * Runs `compare --peer … --json` in the peer namespace and returns the
 * parsed report (`extra` are more compare options, e.g. `--count 500`).
 *
 * @example
 * ```ts
 * import { createLan, runPeer, startReflector } from "./compare_lan_netns.ts";
 * const lan = await createLan();
 * const reflector = await startReflector(lan, 50028);
 * const report = await runPeer(lan, 50028, ["--count", "100"]);
 * console.log(report.udp.lost);
 * await reflector.stop();
 * await lan.close();
 * ```
 */
export async function runPeer(
  lan: Lan,
  port: number,
  extra: string[],
  // deno-lint-ignore no-explicit-any
): Promise<any> {
  const args = peerArgs(lan, port, extra);
  const out = await new Deno.Command("ip", {
    args,
    env: DENO_ENV,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout).trim();
  if (!out.success) {
    throw new Error(
      `compare --peer failed (${out.code}): ${text} ${
        new TextDecoder().decode(out.stderr)
      }`,
    );
  }
  return JSON.parse(text.split("\n").at(-1)!);
}

/**
 * The command line {@linkcode runPeer} uses (for printing it in the docs).
 *
 * @example
 * ```ts
 * import { peerArgs } from "./compare_lan_netns.ts";
 * // ["netns", "exec", "lpc1s", "/usr/bin/deno", "run", "-A", ".../compare/cli.ts", "--peer", ...]
 * ```
 */
export function peerArgs(lan: Lan, port: number, extra: string[]): string[] {
  return [
    "netns",
    "exec",
    lan.peer,
    Deno.execPath(),
    "run",
    "-A",
    ENTRY,
    "--peer",
    `${SERVE_ADDR}:${port}`,
    "--json",
    ...extra,
  ];
}
