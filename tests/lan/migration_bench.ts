/**
 * Host migration bench (a script, not a test): `--runs N` times, a QCM
 * with 5 `join --bot --json` clients on a namespace LAN, the host killed
 * (SIGKILL) at a random moment of question 2 while the bots answer. For
 * each client it measures the time from the kill to `reconnected` and to
 * its next game message, and counts the answers lost: `answer_ack`s the old
 * host sent that the final reveals do not show. Prints p50/p99/max and a
 * Markdown table.
 *
 *     deno run -A tests/lan/migration_bench.ts --runs 20
 *
 * Needs root (namespaces); nothing leaves them.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { createLan, type LanProcess, lanSkipReason } from "./lan_harness.ts";
import {
  cacheProgram,
  events,
  finalPoints,
  lostAnswers,
  type Msg,
  msUntil,
  parse,
  percentile,
  qcmRevealPoints,
  startBot,
  startHost,
  waitEvent,
  welcomeOf,
} from "./migration_rig.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { runs: { type: "string", default: "20" } },
});
const RUNS = Number(values.runs);

const QUIZ = {
  title: "bench",
  questions: [1, 2, 3].map((k) => ({
    question: { fr: `Q${k}?`, en: `Q${k}?` },
    answers: { fr: ["a", "b", "c", "d"], en: ["a", "b", "c", "d"] },
    correct: k,
    keepOrder: true,
  })),
};

const skip = await lanSkipReason();
if (skip) {
  console.error(`cannot run: ${skip}`);
  Deno.exit(1);
}
await cacheProgram();

interface RunResult {
  back: number[];
  next: number[];
  acksOld: number;
  lost: number;
  consistent: boolean;
}

const isGame = (m: Msg) =>
  ["question", "answered", "answer_ack", "reveal"].includes(m.type);

async function oneRun(run: number): Promise<RunResult> {
  const dir = await Deno.makeTempDir({ prefix: "lanplay-mig-bench-" });
  const lan = await createLan([
    { name: "teacher" },
    { name: "c1" },
    { name: "c2" },
  ]);
  const procs: LanProcess[] = [];
  try {
    const quiz = `${dir}/quiz.json`;
    await Deno.writeTextFile(quiz, JSON.stringify(QUIZ));
    const room = `Bench${run}`;
    const host = await startHost(lan.node("teacher"), room, [
      "--game",
      "qcm",
      "--players",
      "5",
      "--questions",
      quiz,
      "--set",
      "qcm.timeSec=10",
      "--set",
      "qcm.pauseSec=2",
      "--set",
      "qcm.shuffle=false",
    ]);
    procs.push(host);
    const bots: LanProcess[] = [];
    for (const [i, node] of ["c1", "c1", "c2", "c2", "c2"].entries()) {
      const b = startBot(lan.node(node), room, `b${i + 1}`, dir);
      procs.push(b);
      bots.push(b);
      if (i < 2) await welcomeOf(b);
    }
    const watched = bots[4];
    await waitEvent(
      watched,
      (m) => m.type === "question" && m.index === 2,
      60_000,
    );
    // A random moment of the bots' answers (they answer 0.1–1.5 s in).
    await new Promise((r) => setTimeout(r, Math.random() * 1500));
    const at = bots.map((b) => b.stdout.lines.length);
    host.kill("SIGKILL");
    const t0 = performance.now();
    const times = await Promise.all(bots.map(async (b, i) => {
      const back = await msUntil(
        b,
        (m) => m.type === "reconnected",
        t0,
        at[i],
        20_000,
      );
      const from = b.stdout.lines.findIndex((l, k) =>
        k >= at[i] && parse(l)?.type === "reconnected"
      );
      const next = await msUntil(b, isGame, t0, from, 20_000);
      return { back, next };
    }));
    let acksOld = 0, lost = 0, consistent = true;
    for (const [i, b] of bots.entries()) {
      await waitEvent(b, (m) => m.type === "game_end", 60_000);
      const all = events(b);
      const cut = all.findIndex((m) => m.type === "reconnecting");
      const acks = all.slice(0, cut).filter((m) => m.type === "answer_ack");
      acksOld += acks.length;
      const id = (await welcomeOf(b)).you.id;
      lost += lostAnswers(acks, all, id).length;
      const sums = qcmRevealPoints(all).points;
      const fin = finalPoints(b);
      const sorted = (m: Map<string, number>) => JSON.stringify([...m].sort());
      if (sorted(fin) !== sorted(sums)) {
        consistent = false;
        console.error(`run ${run} b${i + 1}: final != reveals`);
      }
    }
    return {
      back: times.map((t) => t.back),
      next: times.map((t) => t.next),
      acksOld,
      lost,
      consistent,
    };
  } finally {
    for (const p of procs) p.kill("SIGKILL");
    await Promise.allSettled(procs.map((p) => p.done()));
    await lan.close();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

const results: RunResult[] = [];
for (let run = 1; run <= RUNS; run++) {
  try {
    const r = await oneRun(run);
    results.push(r);
    console.log(
      `run ${run}: reconnected ${
        r.back.map((x) => x.toFixed(0)).join(" ")
      } ms; next ${r.next.map((x) => x.toFixed(0)).join(" ")} ms; ` +
        `acks from the old host ${r.acksOld}, lost ${r.lost}` +
        (r.consistent ? "" : " (final != reveals)"),
    );
  } catch (e) {
    console.log(`run ${run}: FAILED ${(e as Error).message.split("\n")[0]}`);
  }
}

const back = results.flatMap((r) => r.back);
const next = results.flatMap((r) => r.next);
const row = (name: string, v: number[]) =>
  `| ${name} | ${v.length} | ${percentile(v, 50).toFixed(0)} | ${
    percentile(v, 99).toFixed(0)
  } | ${Math.max(...v).toFixed(0)} |`;
const acks = results.reduce((s, r) => s + r.acksOld, 0);
const lost = results.reduce((s, r) => s + r.lost, 0);
console.log(`
${results.length}/${RUNS} runs completed, ${
  results.filter((r) => r.consistent).length
} with final scores = the reveals' sums; ${Deno.build.os}, ${navigator.hardwareConcurrency} CPUs, ${
  new Date().toISOString().slice(0, 10)
}

| kill → (ms) | samples | p50 | p99 | max |
| --- | ---: | ---: | ---: | ---: |
${row("`reconnected`", back)}
${row("next game message", next)}

Answers acknowledged by the old host (questions 1 and 2): ${acks}; missing from the final reveals: ${lost} (${
  acks ? (100 * lost / acks).toFixed(1) : "0"
} %).`);
