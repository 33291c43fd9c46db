/**
 * Helpers of the LAN discovery tests: start the announce/discover entry
 * scripts inside namespaces and wait for what they print.
 *
 * @module
 */
import type { FoundHost } from "../../discovery/room_table.ts";
import type { LanNode, LanProcess } from "./lan_harness.ts";
import { run } from "./lan_harness.ts";

const here = new URL(".", import.meta.url).pathname;

/** Absolute path of the announce entry script. */
export const ANNOUNCE_MAIN = `${here}announce_main.ts`;

/** Absolute path of the discover entry script. */
export const DISCOVER_MAIN = `${here}discover_main.ts`;

/** A host as discover_main.ts prints it: a `FoundHost`, as JSON. */
export type PrintedHost = FoundHost;

/** Caches the entry scripts' dependencies (namespaces have no registry). */
export async function cacheEntries(): Promise<void> {
  const r = await run(["deno", "cache", ANNOUNCE_MAIN, DISCOVER_MAIN]);
  if (r.code !== 0) throw new Error(`deno cache failed: ${r.stderr}`);
}

/** Starts a host; resolves when it printed `ready`. */
export async function startHost(
  node: LanNode,
  args: string[],
): Promise<LanProcess> {
  const p = node.spawn(
    ["deno", "run", "-A", "--cached-only", ANNOUNCE_MAIN, ...args],
    { stdin: true },
  );
  await p.stdout.waitFor((l) => l.includes('"ready"'), 20000).catch(
    async (err) => {
      p.kill("SIGKILL");
      await p.done();
      throw new Error(
        `host on ${node.name} did not start: ${err.message}\n${
          p.stderr.lines.join("\n")
        }`,
      );
    },
  );
  return p;
}

/** Starts a client (discover_main.ts); resolves when it printed `ready`. */
export async function startClient(
  node: LanNode,
  args: string[] = [],
): Promise<LanProcess> {
  const p = node.spawn([
    "deno",
    "run",
    "-A",
    "--cached-only",
    DISCOVER_MAIN,
    ...args,
  ]);
  await p.stdout.waitFor((l) => l.includes('"ready"'), 20000).catch(
    async (err) => {
      p.kill("SIGKILL");
      await p.done();
      throw new Error(
        `client on ${node.name} did not start: ${err.message}\n${
          p.stderr.lines.join("\n")
        }`,
      );
    },
  );
  return p;
}

/** Parses a `hosts` line of discover_main.ts, or null. */
export function hostsOf(line: string): PrintedHost[] | null {
  try {
    const v = JSON.parse(line);
    return v.event === "hosts" ? v.hosts as PrintedHost[] : null;
  } catch {
    return null;
  }
}

/**
 * Waits until the client prints a list satisfying `ok`; returns it.
 * Looks only at lines printed from index `from` on.
 */
export async function waitHosts(
  client: LanProcess,
  ok: (hosts: PrintedHost[]) => boolean,
  timeoutMs: number,
  from = 0,
): Promise<{ hosts: PrintedHost[]; index: number }> {
  const { line, index } = await client.stdout.waitFor(
    (l) => {
      const h = hostsOf(l);
      return h !== null && ok(h);
    },
    timeoutMs,
    from,
  );
  return { hosts: hostsOf(line)!, index };
}

/** Stops a process politely and waits for it. */
export async function stop(p: LanProcess): Promise<void> {
  p.kill("SIGTERM");
  await p.done();
}
