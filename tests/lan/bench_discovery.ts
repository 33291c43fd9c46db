/**
 * Discovery benchmark on a namespace LAN (root needed). Measures, over many
 * runs, how long a joining player waits for the first room, how fast a new
 * room appears in a running list, and how fast a room that quits or crashes
 * leaves it. Prints a Markdown table (p50/p99/max in ms).
 *
 *   deno run -A tests/lan/bench_discovery.ts [--runs 30] [--crash-runs 5]
 *
 * Clocks: every process prints `performance.timeOrigin + performance.now()`
 * (same machine, so comparable across processes).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { createLan, type LanProcess, lanSkipReason } from "./lan_harness.ts";
import {
  cacheEntries,
  hostsOf,
  startClient,
  startHost,
  stop,
  waitHosts,
} from "./lan_procs.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    runs: { type: "string", default: "30" },
    "crash-runs": { type: "string", default: "5" },
  },
});
const RUNS = Number(values.runs);
const CRASH_RUNS = Number(values["crash-runs"]);

const skip = await lanSkipReason();
if (skip) {
  console.error(`cannot run the discovery bench: ${skip}`);
  Deno.exit(2);
}

const wall = () => performance.timeOrigin + performance.now();

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const rows: string[] = [];
function report(what: string, xs: number[]) {
  const f = (x: number) => x.toFixed(1);
  rows.push(
    `| ${what} | ${xs.length} | ${f(pct(xs, 50))} | ${f(pct(xs, 99))} | ${
      f(Math.max(...xs))
    } |`,
  );
  console.error(`${what}: p50 ${f(pct(xs, 50))} ms, p99 ${f(pct(xs, 99))} ms`);
}

function atOf(line: string): number {
  return JSON.parse(line).at as number;
}

await cacheEntries();
const lan = await createLan([
  { name: "h1" },
  { name: "h2" },
  { name: "h3" },
  { name: "c1" },
  { name: "c2" },
  { name: "c3" },
  { name: "c4" },
]);
// Each run's client is a fresh process; rotating over 4 addresses keeps the
// hosts' per-source probe limit (8, then 4/s) out of the measure, as in a
// classroom where each player has their own machine.
const clientNode = (r: number) => lan.node(`c${1 + (r % 4)}`);
const procs = new Set<LanProcess>();
try {
  const hostArgs = (i: number) => ["--id", `host-${i}`, "--name", `Salle ${i}`];
  const hosts = await Promise.all(
    [1, 2, 3].map((i) => startHost(lan.node(`h${i}`), hostArgs(i))),
  );
  hosts.forEach((h) => procs.add(h));

  // 1. First room listed after discovery starts (3 rooms already up).
  for (
    const [label, args] of [
      ["first room listed (both channels)", []],
      ["first room listed (broadcast only)", ["--no-mdns"]],
      ["first room listed (mDNS only)", ["--no-broadcast"]],
      ["all 3 rooms listed (both channels)", []],
    ] as [string, string[]][]
  ) {
    const xs: number[] = [];
    const all = label.startsWith("all");
    for (let r = 0; r < RUNS; r++) {
      const c = await startClient(clientNode(r), args);
      procs.add(c);
      const { hosts: list } = await waitHosts(
        c,
        (h) => h.length >= (all ? 3 : 1),
        10000,
      );
      const times = list.map((h) => h.firstSeenMs);
      xs.push(all ? Math.max(...times) : Math.min(...times));
      await stop(c);
      procs.delete(c);
    }
    report(label, xs);
  }

  // 2. A new room appears in a running list; 3. it quits (bye).
  const appear: number[] = [];
  const quit: number[] = [];
  const c = await startClient(lan.node("c1"));
  procs.add(c);
  await waitHosts(c, (h) => h.length === 3, 10000);
  for (let r = 0; r < RUNS; r++) {
    const from = c.stdout.lines.length;
    const h = await startHost(lan.node("h3"), [
      "--id",
      `new-${r}`,
      "--name",
      `Nouvelle ${r}`,
    ]);
    procs.add(h);
    const ready = JSON.parse(
      h.stdout.lines.find((l) => l.includes('"ready"'))!,
    );
    const seen = await waitHosts(
      c,
      (l) => l.some((x) => x.hostId === `new-${r}`),
      10000,
      from,
    );
    appear.push(atOf(c.stdout.lines[seen.index]) - ready.startedAt);
    const from2 = c.stdout.lines.length;
    const t0 = wall();
    h.kill("SIGTERM");
    const gone = await waitHosts(
      c,
      (l) => !l.some((x) => x.hostId === `new-${r}`),
      10000,
      from2,
    );
    quit.push(atOf(c.stdout.lines[gone.index]) - t0);
    await h.done();
    procs.delete(h);
  }
  report("new room appears (from announcer start)", appear);
  report("room quits (SIGTERM → gone)", quit);

  // 4. A room crashes (SIGKILL): it leaves when its records expire.
  const crash: number[] = [];
  for (let r = 0; r < CRASH_RUNS; r++) {
    const h = await startHost(lan.node("h3"), [
      "--id",
      `crash-${r}`,
      "--name",
      `Crash ${r}`,
    ]);
    procs.add(h);
    await waitHosts(
      c,
      (l) => l.some((x) => x.hostId === `crash-${r}` && x.via.length === 2),
      10000,
    );
    const from = c.stdout.lines.length;
    const t0 = wall();
    h.kill("SIGKILL");
    const gone = await waitHosts(
      c,
      (l) => !l.some((x) => x.hostId === `crash-${r}`),
      30000,
      from,
    );
    crash.push(atOf(c.stdout.lines[gone.index]) - t0);
    await h.done();
    procs.delete(h);
  }
  report("room crashes (SIGKILL → gone)", crash);
  const last = c.stdout.lines.map(hostsOf).filter(Boolean).at(-1);
  console.error(`client still lists ${last?.length} rooms`);
} finally {
  await Promise.allSettled([...procs].map((p) => stop(p)));
  await lan.close();
}

console.log("| measure | runs | p50 ms | p99 ms | max ms |");
console.log("| --- | --- | --- | --- | --- |");
for (const r of rows) console.log(r);
