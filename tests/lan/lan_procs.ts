/**
 * Helpers of the LAN discovery tests: start the announce/discover entry
 * scripts inside namespaces and wait for what they print.
 *
 * @module
 */
import type { FoundHost } from "../../discovery/room_table.ts";
import type { LanNode, LanProcess } from "./lan_harness.ts";
import { run } from "./lan_harness.ts";
import { seededRoomKey } from "./seeded_key.ts";

const here = new URL(".", import.meta.url).pathname;

/** Absolute path of the announce entry script. */
export const ANNOUNCE_MAIN = `${here}announce_main.ts`;

/** Absolute path of the discover entry script. */
export const DISCOVER_MAIN = `${here}discover_main.ts`;

/** Absolute path of the forger entry script. */
export const FORGE_MAIN = `${here}forge_main.ts`;

/**
 * A host as discover_main.ts prints it: a `FoundHost`, as JSON, except that
 * `hostId` is the `--id` label the test gave the host when it is known (the
 * real room id, derived from the label's key, is in `roomId`).
 */
export type PrintedHost = FoundHost & { roomId: string };

/** Room id → the label it was derived from (hosts started here). */
const labels = new Map<string, string>();

/** The room id of the host started with `--id label` (seeded_key.ts). */
export async function roomIdOfLabel(label: string): Promise<string> {
  const id = (await seededRoomKey(label)).id;
  labels.set(id, label);
  return id;
}

/** Caches the entry scripts' dependencies (namespaces have no registry). */
export async function cacheEntries(): Promise<void> {
  const r = await run([
    "deno",
    "cache",
    ANNOUNCE_MAIN,
    DISCOVER_MAIN,
    FORGE_MAIN,
  ]);
  if (r.code !== 0) throw new Error(`deno cache failed: ${r.stderr}`);
}

/** Starts a host; resolves when it printed `ready`. */
export async function startHost(
  node: LanNode,
  args: string[],
): Promise<LanProcess> {
  const label = args[args.indexOf("--id") + 1];
  if (args.includes("--id")) await roomIdOfLabel(label);
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
    if (v.event !== "hosts") return null;
    return (v.hosts as FoundHost[]).map((h) => ({
      ...h,
      roomId: h.hostId,
      hostId: labels.get(h.hostId) ?? h.hostId,
    }));
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
