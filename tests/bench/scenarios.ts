/**
 * The bench's room scenarios. Each runs one workload against a server
 * process (the lanplay host, tests/bench/host_main.ts, or the reference
 * relay, tests/bench/relay_main.ts) with the load in other processes
 * (tests/bench/load_main.ts), over TCP on 127.0.0.1 (or, for a QCM on
 * phones, WebSockets to the web port), and returns figures. A QCM can
 * also run with its server and its load in other places (network
 * namespaces joined by a shaped link: ./hall.ts), see {@linkcode Placement}.
 *
 * @module
 */
import { Child } from "./child.ts";
import { Histogram, percentile, type SparseHistogram } from "./histogram.ts";

const here = new URL(".", import.meta.url).pathname;
const HOST = `${here}host_main.ts`;
const RELAY = `${here}relay_main.ts`;
const LOAD = `${here}load_main.ts`;

/** Which server a scenario runs against. */
export type Target = "lanplay" | "relay";

/** Settings shared by every scenario of a run. */
export interface RunSettings {
  /** Extra `deno run` flags for the lanplay host process (e.g. `--cpu-prof`). */
  hostFlags?: string[];
  /** Load processes per scenario (default 2: one per core of the machine measured). */
  loads?: number;
  /** Extra `deno run` flags for the load processes (e.g. `--cpu-prof`). */
  loadFlags?: string[];
  /**
   * QCM: start when the last player joins (autostart), instead of a leader
   * starting it once the room is settled (the default, as a teacher would).
   */
  autostart?: boolean;
  /**
   * QCM: each player answers in the turn its question is read, before its
   * process reads the next socket (the first harness's way; its own work
   * then enters the other players' arrival times). By default a load
   * process stamps all its players' arrivals first, then answers them all.
   */
  answerAtOnce?: boolean;
  /**
   * Capabilities the JSON players declare in their hello (load_main.ts
   * `--capabilities`); none by default.
   */
  capabilities?: string[];
}

/**
 * Where a scenario's processes run, when not all on 127.0.0.1: each kind
 * started behind a command prefix (`ip netns exec NS`), the server
 * listening on `address`, which the players dial.
 */
export interface Placement {
  /** Before the server's `deno run` (e.g. `["ip", "netns", "exec", NS]`). */
  serverPrefix: string[];
  /** Before each load process's `deno run`. */
  loadPrefix: string[];
  /** The server's address, where the players connect. */
  address: string;
}

/** QCM: time between the last join and the leader's start (ms). */
export const SETTLE_MS = 1000;
const HOST_KEY = "bench-teacher-key";

/** Players per load process: `most` processes, fewer for small rooms. */
function split(total: number, most: number, perProcess = 50): number[] {
  const n = Math.max(1, Math.min(most, Math.ceil(total / perProcess)));
  const out = new Array(n).fill(Math.floor(total / n));
  for (let i = 0; i < total % n; i++) out[i]++;
  return out;
}

function server(
  target: Target,
  args: { host: string[]; relay: string[] },
  settings: RunSettings,
  placement?: Placement,
): Child {
  const at = placement ? ["--hostname", placement.address] : [];
  const prefix = placement?.serverPrefix;
  return target === "lanplay"
    ? Child.start(HOST, [...args.host, ...at], {
      denoFlags: ["--v8-flags=--expose-gc", ...(settings.hostFlags ?? [])],
      label: "lanplay host",
      prefix,
    })
    : Child.start(RELAY, [...args.relay, ...at], {
      denoFlags: ["--v8-flags=--expose-gc"],
      label: "reference relay",
      prefix,
    });
}

/** CPU time a server process has used so far (ms). */
async function cpu(child: Child): Promise<number> {
  await child.send("cpu");
  return (await child.next("cpu")).ms as number;
}

async function rss(child: Child): Promise<{ rss: number; heap: number }> {
  await child.send("rss");
  const e = await child.next("rss");
  return { rss: e.rss as number, heap: e.heap as number };
}

/** Waits until the server counts no connected player (polled every 20 ms). */
async function noneConnected(child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    await child.send("connected");
    const e = await child.next("connected");
    if ((e.n as number) === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`${child.label}: ${e.n} players still connected`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until the server counts `n` players (polled every 50 ms). */
async function players(child: Child, n: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    await child.send("players");
    const e = await child.next("players");
    if ((e.n as number) >= n) return;
    if (Date.now() > deadline) {
      throw new Error(`${child.label}: ${e.n} of ${n} players joined`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function loads(
  port: number,
  total: number,
  tag: string,
  extra: string[],
  settings: RunSettings,
  first: string[] = [],
  placement?: Placement,
): Promise<Child[]> {
  const parts = split(total, settings.loads ?? 2);
  const capabilities = settings.capabilities ?? [];
  const children = parts.map((count, i) =>
    Child.start(LOAD, [
      "--port",
      String(port),
      "--count",
      String(count),
      "--prefix",
      `${tag}${i}_`,
      ...(placement ? ["--hostname", placement.address] : []),
      ...(capabilities.length
        ? ["--capabilities", capabilities.join(",")]
        : []),
      ...extra,
      ...(i === 0 ? first : []),
    ], {
      label: `load ${i}`,
      denoFlags: settings.loadFlags,
      prefix: placement?.loadPrefix,
    })
  );
  await Promise.all(children.map((c) => c.next("connected", 300_000)));
  return children;
}

async function stopAll(children: Child[]): Promise<void> {
  await Promise.all(children.map((c) => c.stop()));
}

/**
 * Prints, per load process and question, when its players got the question
 * (first, then median, p90 and last after the first): `BENCH_SPREAD=1`.
 * A spread inside one process is that process's own scheduling.
 */
function logSpreads(
  target: Target,
  results: Record<string, unknown>[],
  questions: number,
): void {
  results.forEach((r, i) => {
    const qs = r.questions as number[][];
    for (let k = 0; k < questions; k++) {
      const a = qs.map((q) => q[k]).filter((x) => x !== undefined)
        .sort((x, y) => x - y);
      if (a.length === 0) continue;
      const after = (p: number) =>
        (a[Math.min(a.length - 1, Math.floor(a.length * p))] - a[0]).toFixed(1);
      console.error(
        `${target} load ${i} question ${k + 1}: first ${
          a[0].toFixed(1)
        }, p50 +${after(0.5)}, p90 +${after(0.9)}, last +${after(1)} ms`,
      );
    }
  });
}

/** Figures of one QCM run. */
export interface QcmFigures {
  target: Target;
  /** The players were browsers (WebSockets to the web port), not TCP clients. */
  web: boolean;
  players: number;
  questions: number;
  /** First → last arrival of each question at the players (ms). */
  spreads: number[];
  /**
   * First → last socket write of each question by the server (ms); NaN
   * when not seen (queued behind more than 64 KiB: tests/bench/fanout.ts).
   */
  fanouts: number[];
  /**
   * Mean bytes of the server's socket writes that carried each question
   * (TCP; NaN when not seen): what a player's connection queued at once
   * at question open, coalesced (./fanout.ts).
   */
  writeBytes: number[];
  /** Answer → answer_ack (ms). */
  ackP50: number;
  ackP99: number;
  ackMax: number;
  /** Mean bytes received per player over the whole game. */
  bytesPerPlayer: number;
  /**
   * Mean bytes a player got at each question's open: the `question` and
   * what came with it (its view; the page's lines), as load_main.ts counts.
   */
  openBytes: number[];
  /** Of which, per message type (mean per player). */
  bytesByType: Record<string, number>;
  /** Server RSS at the end (bytes). */
  rss: number;
  /**
   * CPU time (user + system) of the server process from the start of the
   * quiz to its end, ms: what the server costs, whatever else the machine
   * runs (wall-clock figures here depend on it).
   */
  serverCpuMs: number;
  /** CPU time of all the load processes from joined to the end, ms. */
  loadCpuMs: number;
  /** Players who saw the game end / were cut before it. */
  finished: number;
  cut: number;
  errors: number;
  /** Wall time of the game (first question → last player done), ms. */
  seconds: number;
  /**
   * Web runs: every page closes at once after the game (a hall leaving,
   * or its Wi-Fi dropping): the server's CPU time (ms) and wall time (ms)
   * until none is connected — each departure is told to those still
   * there. NaN for TCP runs.
   */
  leaveCpuMs: number;
  leaveMs: number;
}

/**
 * A QCM of `questions` questions for `n` JSON players who all answer at
 * once (autostart when the last one joins).
 *
 * @param target lanplay host or reference relay
 * @param n players
 * @param questions questions of the quiz
 * @param settings run settings
 * @param how `web`: the players are browsers, on the page's WebSocket;
 *   `placement`: where the server and the loads run (127.0.0.1 without);
 *   `beforeStart`: awaited once the room is settled, just before the
 *   leader starts the quiz (not with autostart)
 */
export async function qcm(
  target: Target,
  n: number,
  questions: number,
  settings: RunSettings = {},
  how: {
    web?: boolean;
    placement?: Placement;
    beforeStart?: () => Promise<void>;
  } = {},
): Promise<QcmFigures> {
  const web = !!how.web;
  const placement = how.placement;
  const common = [
    "--count",
    String(questions),
    "--time",
    "20",
    "--pause",
    "2",
    ...(web ? ["--web"] : []),
  ];
  const auto = !!settings.autostart;
  const srv = server(
    target,
    {
      host: [
        "--game",
        "qcm",
        ...(auto ? ["--autostart", String(n)] : ["--host-key", HOST_KEY]),
        "--capacity",
        String(n + 16),
        ...common,
      ],
      relay: [
        "--mode",
        "qcm",
        ...(auto ? ["--autostart", String(n)] : []),
        ...common,
      ],
    },
    settings,
    placement,
  );
  const children: Child[] = [];
  try {
    const ready = await srv.next("ready");
    const started = performance.now();
    children.push(
      ...await loads(
        (web ? ready.webPort : ready.port) as number,
        n,
        "q",
        [
          "--mode",
          "qcm",
          ...(settings.answerAtOnce ? ["--answer-at-once"] : []),
          ...(web ? ["--ws"] : []),
        ],
        settings,
        [
          // The first player of the first process leads (the teacher; on
          // the web, from the host's own client over TCP).
          "--host-key",
          HOST_KEY,
          ...(web && !auto ? ["--lead-port", String(ready.port)] : []),
        ],
        placement,
      ),
    );
    let cpuAtStart = 0;
    if (!auto) {
      await players(srv, n, 300_000);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      cpuAtStart = await cpu(srv);
      await how.beforeStart?.();
      await children[0].send("start");
    }
    const results = await Promise.all(
      children.map((c) => c.next("result", 600_000)),
    );
    const seconds = (performance.now() - started) / 1000;
    const serverCpuMs = await cpu(srv) - cpuAtStart;
    await srv.send("fanout");
    const fanout = await srv.next("fanout");
    const fanouts = (fanout.ms as (number | null)[]).map((x) => x ?? NaN);
    const writeBytes = ((fanout.bytes ?? []) as (number | null)[]).map((x) =>
      x ?? NaN
    );
    const end = await rss(srv);
    let leaveCpuMs = NaN, leaveMs = NaN;
    if (web) {
      const cpuBefore = await cpu(srv);
      const before = performance.now();
      await stopAll(children.splice(0));
      await noneConnected(srv, 120_000);
      leaveMs = performance.now() - before;
      leaveCpuMs = await cpu(srv) - cpuBefore;
    }
    const acks = new Histogram();
    const arrivals: number[][] = Array.from({ length: questions }, () => []);
    const opens: number[][] = Array.from({ length: questions }, () => []);
    let bytes = 0, finished = 0, cut = 0, errors = 0, loadCpuMs = 0;
    const byType: Record<string, number> = {};
    if (Deno.env.get("BENCH_SPREAD")) logSpreads(target, results, questions);
    for (const r of results) {
      for (const [k, v] of Object.entries(r.bytesByType as object)) {
        byType[k] = (byType[k] ?? 0) + v / n;
      }
      acks.merge(r.ack as SparseHistogram, r.ackMax as number);
      for (const qs of r.questions as number[][]) {
        qs.forEach((at, k) => arrivals[k]?.push(at));
      }
      for (const os of r.opens as number[][]) {
        os.forEach((b, k) => opens[k]?.push(b));
      }
      bytes += (r.bytes as number[]).reduce((a, b) => a + b, 0);
      finished += r.finished as number;
      cut += r.cut as number;
      errors += r.errors as number;
      loadCpuMs += r.cpuMs as number;
    }
    const spreads = arrivals.filter((a) => a.length > 0).map((a) =>
      Math.max(...a) - Math.min(...a)
    );
    return {
      target,
      web,
      players: n,
      questions,
      spreads,
      fanouts,
      writeBytes,
      ackP50: acks.percentile(50),
      ackP99: acks.percentile(99),
      ackMax: acks.max,
      bytesPerPlayer: bytes / n,
      openBytes: opens.filter((a) => a.length > 0).map((a) =>
        a.reduce((x, y) => x + y, 0) / a.length
      ),
      bytesByType: Object.fromEntries(
        Object.entries(byType).sort((a, b) => b[1] - a[1]).map((
          [k, v],
        ) => [k, Math.round(v)]),
      ),
      rss: end.rss,
      serverCpuMs,
      loadCpuMs,
      finished,
      cut,
      errors,
      seconds,
      leaveCpuMs,
      leaveMs,
    };
  } finally {
    await stopAll(children);
    await srv.stop();
  }
}

/** Figures of one chat run. */
export interface ChatFigures {
  target: Target;
  clients: number;
  rate: number;
  seconds: number;
  sent: number;
  received: number;
  expected: number;
  p50: number;
  p99: number;
  max: number;
  cut: number;
}

/**
 * `clients` text-mode players who all send `rate` chat lines per second for
 * `seconds`; every line goes to everyone.
 *
 * @param target lanplay host or reference relay
 * @param clients players
 * @param rate lines per second per player
 * @param seconds how long they send
 * @param settings run settings
 */
export async function chat(
  target: Target,
  clients: number,
  rate: number,
  seconds: number,
  settings: RunSettings = {},
): Promise<ChatFigures> {
  const srv = server(target, {
    host: [
      "--game",
      "justeprix",
      "--capacity",
      String(clients + 16),
      "--rate",
      String(rate * 4 + 100),
    ],
    relay: ["--mode", "chat", "--text"],
  }, settings);
  const children: Child[] = [];
  try {
    const { port } = await srv.next("ready");
    children.push(
      ...await loads(port as number, clients, "c", [
        "--mode",
        "chat",
        "--text",
        "--rate",
        String(rate),
        "--seconds",
        String(seconds),
      ], settings),
    );
    await players(srv, clients, 120_000);
    // Let the join storm's lobby updates settle before timing chat.
    await new Promise((r) => setTimeout(r, 500));
    await Promise.all(children.map((c) => c.send("go")));
    const sent = (await Promise.all(children.map((c) => c.next("sent"))))
      .reduce((a, e) => a + (e.sent as number), 0);
    await Promise.all(children.map((c) => c.send(`expect ${sent}`)));
    const results = await Promise.all(
      children.map((c) => c.next("result", 120_000)),
    );
    const h = new Histogram();
    let received = 0, expected = 0, cut = 0;
    for (const r of results) {
      h.merge(r.chat as SparseHistogram, r.chatMax as number);
      received += r.received as number;
      expected += r.expected as number;
      cut += r.cut as number;
    }
    return {
      target,
      clients,
      rate,
      seconds,
      sent,
      received,
      expected,
      p50: h.percentile(50),
      p99: h.percentile(99),
      max: h.max,
      cut,
    };
  } finally {
    await stopAll(children);
    await srv.stop();
  }
}

/** Figures of one idle-memory run. */
export interface IdleFigures {
  target: Target;
  players: number;
  /** RSS growth per player (bytes). */
  rssPerPlayer: number;
  /** JS heap growth per player (bytes). */
  heapPerPlayer: number;
}

/**
 * `n` JSON players join and stay idle; the server's memory is measured
 * before and after (after a full collection).
 *
 * @param target lanplay host or reference relay
 * @param n players
 * @param settings run settings
 */
export async function idle(
  target: Target,
  n: number,
  settings: RunSettings = {},
): Promise<IdleFigures> {
  const srv = server(target, {
    host: ["--game", "justeprix", "--capacity", String(n + 16)],
    relay: ["--mode", "idle"],
  }, settings);
  const children: Child[] = [];
  try {
    const { port } = await srv.next("ready");
    // Warm up: one player in and out, so that lazily loaded code counts before.
    const warm = await loads(port as number, 1, "w", ["--mode", "idle"], {});
    await players(srv, 1, 30_000);
    await stopAll(warm);
    await new Promise((r) => setTimeout(r, 300));
    const before = await rss(srv);
    children.push(
      ...await loads(port as number, n, "i", ["--mode", "idle"], settings),
    );
    await players(srv, n, 120_000);
    await new Promise((r) => setTimeout(r, 500));
    const after = await rss(srv);
    return {
      target,
      players: n,
      rssPerPlayer: (after.rss - before.rss) / n,
      heapPerPlayer: (after.heap - before.heap) / n,
    };
  } finally {
    await stopAll(children);
    await srv.stop();
  }
}

export { percentile };
