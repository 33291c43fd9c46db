/**
 * Summarizes a V8 CPU profile (`deno run --cpu-prof`): the functions that
 * took the most time themselves (self) and with what they called (total),
 * as Markdown tables.
 *
 *   deno run -A tests/bench/profile_top.ts FILE.cpuprofile [--top 20]
 *
 * @module
 */
import { parseArgs } from "node:util";

/** One node of a V8 CPU profile. */
interface ProfileNode {
  id: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
  };
  children?: number[];
}

/** A V8 CPU profile, as `--cpu-prof` writes it. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Time of one function in a profile. */
export interface FunctionTime {
  /** `name file:line`. */
  name: string;
  /** Time spent in the function itself (ms). */
  selfMs: number;
  /** Time spent in it and what it called (ms). */
  totalMs: number;
}

function label(n: ProfileNode): string {
  const f = n.callFrame;
  const file = f.url.replace(/^.*\/(wt\/[^/]+|main)\//, "").replace(
    /^file:\/\//,
    "",
  );
  return `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}`;
}

/**
 * Self and total time per function, most self time first.
 *
 * @example
 * ```ts
 * import { functionTimes } from "./profile_top.ts";
 * const profile = {
 *   nodes: [
 *     { id: 1, callFrame: { functionName: "(root)", url: "", lineNumber: -1 }, children: [2] },
 *     { id: 2, callFrame: { functionName: "work", url: "a.ts", lineNumber: 0 } },
 *   ],
 *   samples: [2, 2, 1], timeDeltas: [1000, 1000, 1000], startTime: 0, endTime: 3000,
 * };
 * functionTimes(profile)[0]; // { name: "work a.ts:1", selfMs: 2, totalMs: 2 }
 * ```
 */
export function functionTimes(profile: CpuProfile): FunctionTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) /
      1000;
    const node = byId.get(id);
    if (!node) return;
    const name = label(node);
    self.set(name, (self.get(name) ?? 0) + dt);
    const seen = new Set<string>();
    for (
      let cur: number | undefined = id;
      cur !== undefined;
      cur = parent.get(cur)
    ) {
      const n = label(byId.get(cur)!);
      if (seen.has(n)) continue;
      seen.add(n);
      total.set(n, (total.get(n) ?? 0) + dt);
    }
  });
  return [...total.keys()].map((name) => ({
    name,
    selfMs: self.get(name) ?? 0,
    totalMs: total.get(name) ?? 0,
  })).sort((a, b) => b.selfMs - a.selfMs);
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    options: { top: { type: "string", default: "20" } },
    allowPositionals: true,
  });
  const top = Number(values.top);
  for (const file of positionals) {
    const profile = JSON.parse(Deno.readTextFileSync(file)) as CpuProfile;
    const times = functionTimes(profile);
    const all = (profile.endTime - profile.startTime) / 1000;
    const idle = times.find((t) => t.name.startsWith("(idle)"))?.selfMs ?? 0;
    console.log(
      `${file}: ${all.toFixed(0)} ms profiled, ${
        (all - idle).toFixed(0)
      } ms busy\n`,
    );
    console.log("| self ms | total ms | function |\n| --- | --- | --- |");
    for (const t of times.slice(0, top)) {
      console.log(
        `| ${t.selfMs.toFixed(0)} | ${t.totalMs.toFixed(0)} | ${t.name} |`,
      );
    }
    console.log("\n| total ms | function |\n| --- | --- |");
    for (
      const t of [...times].sort((a, b) => b.totalMs - a.totalMs).slice(0, top)
    ) {
      console.log(`| ${t.totalMs.toFixed(0)} | ${t.name} |`);
    }
  }
}
