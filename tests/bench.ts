/**
 * `deno task bench`: the lanplay host under load, each workload run against
 * the host and against a minimal reference relay in the same run, the load
 * in separate processes over TCP on 127.0.0.1 (tests/bench/). Prints
 * Markdown tables (or JSON with `--json`); docs/benchmarks.md quotes them.
 *
 *   deno task bench [--players 100,500,1000] [--huge] [--questions 3]
 *     [--web-players 100,500] [--hall-players 100,500] [--hall-rate 50mbit,20mbit]
 *     [--chat 50x40,200x20] [--chat-seconds 5] [--idle 1000] [--repeat 1]
 *     [--loads 2] [--lan-runs 10] [--no-lan] [--only qcm,web,hall,chat,idle,start,lan]
 *     [--autostart] [--answer-at-once] [--client-capabilities a,b]
 *     [--cpu-prof DIR] [--load-prof DIR] [--quick] [--json] [--out FILE]
 *     [--from SAVED.json]
 *
 * - `qcm`: a quiz of `--questions` questions for each room size, every
 *   player answering at once: question arrival spread (first → last
 *   player), answer → `answer_ack` p50/p99, bytes received per player,
 *   host RSS. Each load process stamps every arrival of a question before
 *   its players answer (all in one burst); `--answer-at-once` answers each
 *   in the turn it was read instead, which puts the load process's own
 *   work into its other players' arrival times. `--huge` adds 5000 players. The leader starts the quiz 1 s
 *   after the last player joined, as a teacher would; with `--autostart`
 *   it starts as the last one joins (the first question then goes out
 *   behind the join storm).
 * - `web`: the same quiz for `--web-players` browsers, as phones in a
 *   lecture hall play it: each player a WebSocket to the host's web port,
 *   opened and greeted as the page does (host/web_server.ts,
 *   host/web_connection.ts: same room, same limits); the relay serves
 *   WebSockets too (a broadcast serialized once). Same figures; the
 *   server fan-out times each `send` of a question. Then every page
 *   closes at once (a hall leaving, its Wi-Fi dropping): the server's CPU
 *   and wall time until none is connected.
 * - `hall` (root only, namespaces): the same quiz in a lecture hall, where
 *   the question goes through a Wi-Fi access point and bytes cost airtime:
 *   the server in one network namespace, `--hall-players` players in
 *   another, the server side's egress shaped to each `--hall-rate` (tc
 *   tbf; tests/bench/hall.ts). Same figures, and the link's arithmetic:
 *   bytes each player gets at question open × players ÷ rate is the least
 *   spread the link allows; the rest is the server's (and the loads').
 * - `chat`: `CLIENTS x LINES_PER_SECOND` text-mode players all chatting
 *   for `--chat-seconds`: share delivered, latency p50/p99/max.
 * - `idle`: host memory per idle player (RSS and JS heap growth).
 * - `start` and `lan` (root only, namespace LAN): host start → room listed
 *   by a running discovery, and the discovery figures of
 *   tests/lan/bench_discovery.ts.
 *
 * `--cpu-prof DIR` profiles the lanplay host processes (V8 CPU profiles in
 * DIR; summarize with `deno run -A tests/bench/profile_top.ts FILE`);
 * `--load-prof DIR` profiles the load processes (of both servers) the same way.
 * `--client-capabilities a,b`: the JSON players declare these capabilities
 * in their hello (none by default; the page's players always `heartbeat`).
 * `--quick` is the harness's smoke test: tiny rooms, no LAN (nor hall;
 * `--no-lan` leaves out every namespace scenario: start, lan, hall). `--from`
 * prints the Markdown of a run saved with `--json`, running nothing.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { Child } from "./bench/child.ts";
import { percentile } from "./bench/histogram.ts";
import {
  hall,
  type HallFigures,
  hallSkipReason,
  linkFloorMs,
} from "./bench/hall.ts";
import {
  chat,
  type ChatFigures,
  idle,
  type IdleFigures,
  qcm,
  type QcmFigures,
  type RunSettings,
  type Target,
} from "./bench/scenarios.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    players: { type: "string", default: "100,500,1000" },
    "web-players": { type: "string", default: "100,500" },
    "hall-players": { type: "string", default: "100,500" },
    "hall-rate": { type: "string", default: "50mbit" },
    "client-capabilities": { type: "string" },
    huge: { type: "boolean" },
    questions: { type: "string", default: "3" },
    chat: { type: "string", default: "50x40,200x20" },
    "chat-seconds": { type: "string", default: "5" },
    idle: { type: "string", default: "1000" },
    repeat: { type: "string", default: "1" },
    loads: { type: "string", default: "2" },
    "lan-runs": { type: "string", default: "10" },
    "no-lan": { type: "boolean" },
    only: { type: "string" },
    "cpu-prof": { type: "string" },
    "load-prof": { type: "string" },
    autostart: { type: "boolean" },
    "answer-at-once": { type: "boolean" },
    quick: { type: "boolean" },
    json: { type: "boolean" },
    out: { type: "string" },
    from: { type: "string" },
  },
});

const quick = !!values.quick;
const only = new Set(
  (values.only ?? "qcm,web,hall,chat,idle,start,lan").split(",").map((s) =>
    s.trim()
  ),
);
if (values["no-lan"] || quick) {
  only.delete("start");
  only.delete("lan");
  only.delete("hall");
}
const sizes = quick ? [6] : [
  ...values.players!.split(",").map(Number),
  ...(values.huge ? [5000] : []),
];
const webSizes = quick ? [4] : values["web-players"]!.split(",").map(Number);
const hallSizes = values["hall-players"]!.split(",").map(Number);
const hallRates = values["hall-rate"]!.split(",").map((r) => r.trim());
const capabilities = (values["client-capabilities"] ?? "").split(",").map((
  c,
) => c.trim()).filter(Boolean);
const questions = quick ? 1 : Number(values.questions);
const chats = (quick ? "4x5" : values.chat!).split(",").map((c) => {
  const [clients, rate] = c.split("x").map(Number);
  return { clients, rate };
});
const chatSeconds = quick ? 1 : Number(values["chat-seconds"]);
const idlePlayers = quick ? 20 : Number(values.idle);
const repeat = quick ? 1 : Math.max(1, Number(values.repeat));
const lanRuns = Number(values["lan-runs"]);
const settings: RunSettings = {
  loads: Number(values.loads),
  autostart: !!values.autostart,
  answerAtOnce: !!values["answer-at-once"],
  ...(capabilities.length ? { capabilities } : {}),
  ...(values["cpu-prof"]
    ? {
      hostFlags: ["--cpu-prof", `--cpu-prof-dir=${values["cpu-prof"]}`],
    }
    : {}),
  ...(values["load-prof"]
    ? {
      loadFlags: ["--cpu-prof", `--cpu-prof-dir=${values["load-prof"]}`],
    }
    : {}),
};
const TARGETS: Target[] = ["lanplay", "relay"];
const here = (path: string) => new URL(path, import.meta.url).pathname;
const log = (line: string) => console.error(line);

const median = (xs: number[]) => percentile(xs, 50);

/** One scenario's figures per target, each the median of the repeats. */
type Pair<F> = Record<Target, F>;

/** The median of each numeric field over some runs of one scenario. */
function medianOf<F extends object>(runs: F[]): F {
  const out = { ...runs[0] } as Record<string, unknown>;
  for (const [k, v] of Object.entries(runs[0])) {
    if (typeof v === "number") {
      out[k] = median(runs.map((r) => (r as Record<string, number>)[k]));
    }
  }
  return out as F;
}

async function repeated<F extends object>(
  what: string,
  run: (target: Target) => Promise<F>,
): Promise<Pair<F>> {
  const runs: Record<Target, F[]> = { lanplay: [], relay: [] };
  for (let i = 0; i < repeat; i++) {
    for (const target of TARGETS) {
      const started = performance.now();
      runs[target].push(await run(target));
      log(
        `${what} · ${target}: ${
          ((performance.now() - started) / 1000).toFixed(1)
        } s`,
      );
    }
  }
  return { lanplay: medianOf(runs.lanplay), relay: medianOf(runs.relay) };
}

/** A QCM run's figures with its worst spread and fan-out. */
type QcmRow = QcmFigures & { spread: number; fanout: number };
/** A QCM in a hall: the same, and the link's. */
type HallRow = HallFigures & QcmRow;

const results: {
  qcm: Pair<QcmRow>[];
  web: Pair<QcmRow>[];
  /** Per rate, its rooms; or why not measured. */
  hall: { rate: string; pairs: Pair<HallRow>[] }[] | string | null;
  chat: Pair<ChatFigures>[];
  idle: Pair<IdleFigures>[];
  start: number[] | string | null;
  lan: string[] | string | null;
} = {
  qcm: [],
  web: [],
  hall: null,
  chat: [],
  idle: [],
  start: null,
  lan: null,
};

const saved = values.from
  ? JSON.parse(await Deno.readTextFile(values.from))
  : null;
if (saved) {
  for (
    const key of ["qcm", "web", "hall", "chat", "idle", "start", "lan"] as const
  ) {
    results[key] = saved[key] ?? (key === "web" ? [] : null);
  }
  only.clear();
}
const startedAt = performance.now();
/** A QCM's figures, with its worst spread and fan-out. */
function worst<F extends QcmFigures>(f: F): F & QcmRow {
  return {
    ...f,
    spread: Math.max(...f.spreads),
    fanout: Math.max(...f.fanouts.filter((x) => !isNaN(x))),
  };
}

/** A QCM run, with its worst spread and fan-out. */
async function qcmRow(
  target: Target,
  n: number,
  web: boolean,
): Promise<QcmRow> {
  return worst(await qcm(target, n, questions, settings, { web }));
}

if (only.has("qcm")) {
  for (const n of sizes) {
    results.qcm.push(
      await repeated(`qcm ${n} players`, (t) => qcmRow(t, n, false)),
    );
  }
}
if (only.has("web")) {
  for (const n of webSizes) {
    results.web.push(
      await repeated(`qcm ${n} web players`, (t) => qcmRow(t, n, true)),
    );
  }
}
if (only.has("hall")) {
  const skip = await hallSkipReason();
  if (skip) {
    log(`hall: skipped (${skip})`);
    results.hall = skip;
  } else {
    const halls: { rate: string; pairs: Pair<HallRow>[] }[] = [];
    results.hall = halls;
    for (const rate of hallRates) {
      const pairs: Pair<HallRow>[] = [];
      halls.push({ rate, pairs });
      for (const n of hallSizes) {
        pairs.push(
          await repeated(
            `qcm ${n} players in a hall (${rate})`,
            async (t) => worst(await hall(t, n, questions, rate, settings)),
          ),
        );
      }
    }
  }
}
if (only.has("chat")) {
  for (const { clients, rate } of chats) {
    results.chat.push(
      await repeated(
        `chat ${clients}×${rate}/s`,
        (target) => chat(target, clients, rate, chatSeconds, settings),
      ),
    );
  }
}
if (only.has("idle")) {
  results.idle.push(
    await repeated(
      `idle ${idlePlayers}`,
      (target) => idle(target, idlePlayers, settings),
    ),
  );
}
if (only.has("start")) {
  log("host start → first announcement (namespace LAN)…");
  results.start = await lanChild(here("./bench/start_announce.ts"), [
    "--runs",
    String(lanRuns),
  ]).then((e) => e.ms as number[]).catch((e) => String(e.message ?? e));
}
if (only.has("lan")) {
  log("discovery on a namespace LAN…");
  results.lan = await discovery();
}
const seconds = saved?.seconds ?? (performance.now() - startedAt) / 1000;

/** Runs a namespace-LAN script as a child and returns its `result` event. */
async function lanChild(script: string, args: string[]) {
  const child = Child.start(script, args, { label: script });
  try {
    return await child.next("result", 600_000);
  } finally {
    await child.stop();
  }
}

async function discovery(): Promise<string[] | string> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      here("./lan/bench_discovery.ts"),
      "--runs",
      String(lanRuns),
      "--crash-runs",
      String(Math.max(1, Math.round(lanRuns / 3))),
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    return new TextDecoder().decode(out.stderr).trim().split("\n").pop() ??
      "failed";
  }
  // Its table's rows, without its header (the report has its own).
  return text.trim().split("\n").filter((l) =>
    l.startsWith("|") && !l.startsWith("| measure") && !l.startsWith("| ---")
  );
}

// --- Report ------------------------------------------------------------

const f1 = (x: number) => Number.isFinite(x) ? x.toFixed(1) : "–";
const f0 = (x: number) => Number.isFinite(x) ? x.toFixed(0) : "–";
const ratio = (a: number, b: number) =>
  Number.isFinite(a / b) && b > 0 ? `×${(a / b).toFixed(1)}` : "–";

function qcmTable(pairs: Pair<QcmRow>[], web = false): string[] {
  const rows = [
    "| players | server | arrival spread ms, worst (each question) | server fan-out ms, worst (each) | answer → ack p50 / p99 ms | KiB received per player | CPU ms, server / loads | host RSS MiB | finished / cut | game s |" +
    (web ? " all pages leave: server CPU ms / ms |" : ""),
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |" +
    (web ? " --- |" : ""),
  ];
  for (const pair of pairs) {
    for (const target of TARGETS) {
      const f = pair[target];
      rows.push(
        `| ${f.players} | ${target} | ${f1(f.spread)} (${
          f.spreads.map(f0).join(" / ")
        }) | ${f1(f.fanout)} (${f.fanouts.map(f1).join(" / ")}) | ${
          f1(f.ackP50)
        } / ${f1(f.ackP99)} | ${f0(f.bytesPerPlayer / 1024)} | ${
          f0(f.serverCpuMs)
        } / ${f0(f.loadCpuMs)} | ${
          f0(f.rss / 2 ** 20)
        } | ${f.finished} / ${f.cut} | ${f1(f.seconds)} |` +
          (web ? ` ${f0(f.leaveCpuMs)} / ${f0(f.leaveMs)} |` : ""),
      );
    }
    const [l, r] = [pair.lanplay, pair.relay];
    rows.push(
      `| ${l.players} | lanplay ÷ relay | ${ratio(l.spread, r.spread)} | ${
        ratio(l.fanout, r.fanout)
      } | ${ratio(l.ackP50, r.ackP50)} / ${ratio(l.ackP99, r.ackP99)} | ${
        ratio(l.bytesPerPlayer, r.bytesPerPlayer)
      } | ${ratio(l.serverCpuMs, r.serverCpuMs)} / ${
        ratio(l.loadCpuMs, r.loadCpuMs)
      } | ${ratio(l.rss, r.rss)} | | |` +
        (web
          ? ` ${ratio(l.leaveCpuMs, r.leaveCpuMs)} / ${
            ratio(l.leaveMs, r.leaveMs)
          } |`
          : ""),
    );
  }
  return rows;
}

/**
 * The link's arithmetic of a hall's rooms: the bytes each player's
 * connection gets at once at question open × players ÷ rate, the least
 * spread the link allows; what the spread has above it is the server's
 * (and the loads'). Those bytes are the server's write that carried the
 * question (the question, the player's view, and what went out with them
 * in the same write: a game's start before its first question); the
 * players' count of the question and what came with it is beside them.
 */
function linkTable(pairs: Pair<HallRow>[]): string[] {
  const rows = [
    "| players | server | player got: question + view, B (each question) | server wrote with the question, B per player (each) | × players ÷ rate = link floor ms (each) | arrival spread ms (each) | above the floor ms, worst question | link KiB per player, quiz / all | frames dropped, quiz / all |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  const kib = (f: HallRow, bytes: number) => f0(bytes / f.players / 1024);
  for (const pair of pairs) {
    for (const target of TARGETS) {
      const f = pair[target];
      const at = (k: number) =>
        Number.isFinite(f.writeBytes[k]) ? f.writeBytes[k] : f.openBytes[k];
      const floors = f.spreads.map((_, k) =>
        linkFloorMs(at(k), f.players, f.bitsPerSecond)
      );
      const above = Math.max(...f.spreads.map((s, k) => s - floors[k]));
      rows.push(
        `| ${f.players} | ${target} | ${f.openBytes.map(f0).join(" / ")} | ${
          f.writeBytes.map(f0).join(" / ")
        } | ${floors.map(f1).join(" / ")} | ${
          f.spreads.map(f1).join(" / ")
        } | ${f1(above)} | ${kib(f, f.quizLinkBytes)} / ${
          kib(f, f.linkBytes)
        } | ${f0(f.quizLinkDrops)} / ${f0(f.linkDrops)} |`,
      );
    }
  }
  return rows;
}

function hallParts(): string[] {
  const h = results.hall;
  if (h === null) return [];
  if (typeof h === "string") {
    return ["### QCM in a lecture hall (shaped link)", `(not measured: ${h})`];
  }
  return h.flatMap(({ rate, pairs }) => [
    `### QCM in a lecture hall: the server's side at ${rate} (tbf)`,
    ...qcmTable(pairs),
    "",
    ...linkTable(pairs),
  ]);
}

function chatTable(): string[] {
  const rows = [
    "| clients × lines/s | server | lines sent | delivered | p50 ms | p99 ms | max ms |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const pair of results.chat) {
    for (const target of TARGETS) {
      const f = pair[target];
      rows.push(
        `| ${f.clients} × ${f.rate} | ${target} | ${f.sent} | ${
          (100 * f.received / f.expected).toFixed(2)
        } % | ${f1(f.p50)} | ${f1(f.p99)} | ${f1(f.max)} |`,
      );
    }
    const [l, r] = [pair.lanplay, pair.relay];
    rows.push(
      `| ${l.clients} × ${l.rate} | lanplay ÷ relay | | | ${
        ratio(l.p50, r.p50)
      } | ${ratio(l.p99, r.p99)} | ${ratio(l.max, r.max)} |`,
    );
  }
  return rows;
}

function idleTable(): string[] {
  const rows = [
    "| idle players | server | RSS KiB per player | JS heap KiB per player |",
    "| --- | --- | --- | --- |",
  ];
  for (const pair of results.idle) {
    for (const target of TARGETS) {
      const f = pair[target];
      rows.push(
        `| ${f.players} | ${target} | ${f0(f.rssPerPlayer / 1024)} | ${
          f1(f.heapPerPlayer / 1024)
        } |`,
      );
    }
    const [l, r] = [pair.lanplay, pair.relay];
    rows.push(
      `| ${l.players} | lanplay ÷ relay | ${
        ratio(l.rssPerPlayer, r.rssPerPlayer)
      } | ${ratio(l.heapPerPlayer, r.heapPerPlayer)} |`,
    );
  }
  return rows;
}

function startTable(): string[] {
  const s = results.start;
  if (typeof s === "string") return [`(not measured: ${s})`];
  if (!s) return [];
  return [
    "| runs | p50 ms | p99 ms | max ms |",
    "| --- | --- | --- | --- |",
    `| ${s.length} | ${f1(percentile(s, 50))} | ${f1(percentile(s, 99))} | ${
      f1(Math.max(...s))
    } |`,
  ];
}

const cpu = (() => {
  try {
    return Deno.readTextFileSync("/proc/cpuinfo").match(
      /model name\s*:\s*(.*)/,
    )?.[1] ?? "?";
  } catch {
    return "?";
  }
})();
const machine = saved?.machine ??
  `${navigator.hardwareConcurrency} cores (${cpu}), ${
    Math.round(Deno.systemMemoryInfo().total / 2 ** 30)
  } GiB, Deno ${Deno.version.deno}`;
const command = saved?.command ??
  `deno task bench ${Deno.args.join(" ")}`.trim();
const when = saved?.when ?? new Date().toISOString().slice(0, 10);

if (values.json) {
  console.log(JSON.stringify(
    { when, machine, command, seconds, ...results },
    null,
    1,
  ));
} else {
  const parts = [
    `Measured ${when} with \`${command}\` (${
      seconds.toFixed(0)
    } s) on ${machine}.`,
  ];
  if (results.qcm.length) {
    parts.push("### QCM fan-out", ...qcmTable(results.qcm));
  }
  if (results.web.length) {
    parts.push(
      "### QCM on phones (WebSocket players)",
      ...qcmTable(results.web, true),
    );
  }
  parts.push(...hallParts());
  if (results.chat.length) parts.push("### Chat", ...chatTable());
  if (results.idle.length) parts.push("### Idle players", ...idleTable());
  if (results.start) {
    parts.push("### Host start → room listed (namespace LAN)", ...startTable());
  }
  if (results.lan) {
    parts.push(
      "### Discovery (namespace LAN)",
      ...(typeof results.lan === "string"
        ? [`(not measured: ${results.lan})`]
        : [
          "| measure | runs | p50 ms | p99 ms | max ms |",
          "| --- | --- | --- | --- | --- |",
          ...results.lan,
        ]),
    );
  }
  const text = parts.join("\n").replace(/\n(###)/g, "\n\n$1").replace(
    /(###[^\n]*)\n/g,
    "$1\n\n",
  ) + "\n";
  if (values.out) await Deno.writeTextFile(values.out, text);
  console.log(text);
}
