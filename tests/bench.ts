/**
 * `deno task bench`: measures the room on loopback (chat fan-out latency and
 * throughput, memory per connection) and, as root, discovery on a namespace
 * LAN (tests/lan/bench_discovery.ts). Writes docs/benchmarks.md.
 *
 *   deno task bench [--clients 30] [--messages 300] [--idle 200] [--no-lan]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { Session } from "../client/session.ts";
import { startHost } from "./support.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    clients: { type: "string", default: "30" },
    messages: { type: "string", default: "300" },
    idle: { type: "string", default: "200" },
    "no-lan": { type: "boolean" },
    out: { type: "string", default: "docs/benchmarks.md" },
  },
});
const CLIENTS = Number(values.clients);
const MESSAGES = Number(values.messages);
const IDLE = Number(values.idle);

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)
  ];
}
const ms = (n: number) => n.toFixed(2);

/** Joins `n` players named `<prefix>0`… to a host on loopback. */
async function joinAll(
  port: number,
  n: number,
  prefix: string,
): Promise<Session[]> {
  const sessions: Session[] = [];
  for (let i = 0; i < n; i++) {
    sessions.push(
      await Session.join({
        host: "127.0.0.1",
        port,
        nickname: `${prefix}${i}`,
        lang: "en",
      }),
    );
  }
  return sessions;
}

async function fanOut(): Promise<string[]> {
  const host = startHost({ rate: 1e9 });
  const sessions = await joinAll(host.port, CLIENTS, "c");
  const latencies: number[] = [];
  let remaining = CLIENTS * MESSAGES;
  let done!: () => void;
  const finished = new Promise<void>((r) => done = r);
  const readers = sessions.map(async (s) => {
    for await (const m of s.messages()) {
      if (m.type !== "chat") continue;
      const sent = Number(String(m.text).split(" ")[0]);
      latencies.push(performance.now() - sent);
      if (--remaining === 0) done();
    }
  });
  const started = performance.now();
  const sender = sessions[0];
  for (let i = 0; i < MESSAGES; i++) {
    sender.send({ type: "chat", text: `${performance.now()} hello` });
    if (i % 20 === 19) await new Promise((r) => setTimeout(r, 0));
  }
  await finished;
  const elapsed = performance.now() - started;
  for (const s of sessions) await s.close();
  await Promise.all(readers);
  await host.close();
  latencies.sort((a, b) => a - b);
  return [
    `| burst: ${MESSAGES} chat lines sent at once to ${CLIENTS} players | ${
      CLIENTS * MESSAGES
    } deliveries | ` +
    `${Math.round(CLIENTS * MESSAGES / (elapsed / 1000))} deliveries/s | p50 ${
      ms(pct(latencies, 50))
    } ms | ` +
    `p99 ${ms(pct(latencies, 99))} ms | max ${
      ms(latencies[latencies.length - 1])
    } ms |`,
  ];
}

async function paced(): Promise<string[]> {
  const host = startHost({ rate: 1e9 });
  const sessions = await joinAll(host.port, CLIENTS, "p");
  const latencies: number[] = [];
  let waiting = 0;
  let wake = () => {};
  const readers = sessions.map(async (s) => {
    for await (const m of s.messages()) {
      if (m.type !== "chat") continue;
      latencies.push(performance.now() - Number(String(m.text).split(" ")[0]));
      if (--waiting === 0) wake();
    }
  });
  for (let i = 0; i < 100; i++) {
    waiting = CLIENTS;
    const all = new Promise<void>((r) => wake = r);
    sessions[i % CLIENTS].send({
      type: "chat",
      text: `${performance.now()} one`,
    });
    await all;
  }
  for (const s of sessions) await s.close();
  await Promise.all(readers);
  await host.close();
  latencies.sort((a, b) => a - b);
  return [
    `| one chat line at a time to ${CLIENTS} players (100 lines) | ${latencies.length} deliveries | | ` +
    `p50 ${ms(pct(latencies, 50))} ms | p99 ${
      ms(pct(latencies, 99))
    } ms | max ${ms(latencies[latencies.length - 1])} ms |`,
  ];
}

async function memory(): Promise<string[]> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const host = startHost({ capacity: IDLE + 10 });
  gc();
  const before = Deno.memoryUsage();
  const sessions = await joinAll(host.port, IDLE, "m");
  gc();
  const after = Deno.memoryUsage();
  const drains = sessions.map(async (s) => {
    for await (const _ of s.messages()) { /* drain */ }
  });
  for (const s of sessions) await s.close();
  await Promise.all(drains);
  await host.close();
  const perConn = (after.rss - before.rss) / IDLE / 1024;
  const heap = (after.heapUsed - before.heapUsed) / IDLE / 1024;
  return [
    `| ${IDLE} idle players joined (host and clients in one process) | RSS +${
      perConn.toFixed(0)
    } KiB per player | ` +
    `JS heap +${heap.toFixed(0)} KiB per player | | | |`,
  ];
}

async function lan(): Promise<string[]> {
  if (values["no-lan"]) return ["(namespace LAN bench skipped: --no-lan)"];
  const cmd = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "tests/lan/bench_discovery.ts",
      "--runs",
      "30",
      "--crash-runs",
      "5",
    ],
    stdout: "piped",
    stderr: "piped",
  });
  const out = await cmd.output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    return [
      `(namespace LAN bench not run: ${
        new TextDecoder().decode(out.stderr).trim().split("\n").pop()
      })`,
    ];
  }
  return text.trim().split("\n").filter((l) => l.startsWith("|"));
}

const when = new Date().toISOString().slice(0, 10);
const cpu = (() => {
  try {
    return Deno.readTextFileSync("/proc/cpuinfo").match(/model name\s*:\s*(.*)/)
      ?.[1] ?? "?";
  } catch {
    return "?";
  }
})();
console.error("room fan-out…");
const room = [...await paced(), ...await fanOut()];
console.error("memory…");
const mem = await memory();
console.error("discovery on a namespace LAN (a few minutes)…");
const disc = await lan();
const doc = `# Benchmarks

Measured by \`deno task bench\` on ${when}: ${navigator.hardwareConcurrency} cores (${cpu}),
Deno ${Deno.version.deno}. Figures are this machine's; run the command on yours.
Speed goals live here, not in timed tests.

## Room on loopback (tests/bench.ts)

Host and clients run in one process on 127.0.0.1, so the figures include the
clients' own work. Latency = from the sender's \`send\` to each player's
receipt of the chat line (same clock).

| workload | volume | throughput | p50 | p99 | max |
| --- | --- | --- | --- | --- | --- |
${room.join("\n")}
${mem.join("\n")}

## Discovery on a namespace LAN (tests/lan/bench_discovery.ts)

Three hosts and clients in separate network namespaces on one bridge
(198.18.0.0/24). Times from \`discover()\` start (process start-up excluded).
Goals from issue 3: first host listed p50 ≤ 50 ms, p99 ≤ 250 ms; new host
≤ 1.5 s; host that quits ≤ 1.5 s; host that crashes ≤ 5 s (a crashed room
leaves when both channels expire: 4 s mDNS TTL, three missed beacons + 250 ms).

${disc.join("\n")}

## UDP against TCP (compare)

See [udp-vs-tcp.md](udp-vs-tcp.md) for the measured tables under 0–10 % loss
(\`deno run -A tests/compare_lan_table.ts\`).
`;
await Deno.writeTextFile(values.out!, doc);
console.log(doc);
