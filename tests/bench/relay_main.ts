/**
 * The reference relay of the bench: the least a server can do for the same
 * workload, in Deno, over the same loopback TCP. Per connection it keeps one
 * coalescing queue (everything pushed in one event-loop turn goes out in one
 * write); a broadcast is encoded once and the same bytes are queued for
 * everyone. No rooms, no validation, no views: a floor to compare with.
 *
 *   deno run -A tests/bench/relay_main.ts --mode chat|qcm|idle [--text]
 *     [--autostart N] [--count 3] [--time 5] [--pause 2] [--web]
 *     [--hostname 127.0.0.1]
 *
 * It listens on `--hostname` (127.0.0.1 by default; an address of a
 * namespace's link for a lecture hall's bench).
 *
 * `--web` also serves WebSockets (`Deno.serve` and `Deno.upgradeWebSocket`,
 * any path, no Host or Origin check) on a port of their own, each message
 * one line without its newline: a broadcast is serialized once and the
 * same string sent on every socket.
 *
 * - `chat`: the first line of a connection is its nickname (`--text`) or a
 *   JSON hello; every later line is sent to everyone as `[nick] text` (text)
 *   or a JSON `chat` message.
 * - `qcm`: once `--autostart` players said hello (or a `start` line comes),
 *   `--count` questions (the size of a real one) go to everyone; each answer gets an `answer_ack`;
 *   when all answered (or time is up) a `reveal`, a pause, the next; at the
 *   end `quiz_end` and `game_end`.
 * - `idle`: connections are accepted and kept.
 *
 * Prints `{"event":"ready","port":N}` (and `"webPort":M` with `--web`); commands: `cpu`, `rss`, `players`, `connected`,
 * `fanout` (as tests/bench/host_main.ts), `quit`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { setImmediate } from "node:timers";
import { commands, cpuMs, emit, memory } from "./child.ts";
import { FanOut, watchSends } from "./fanout.ts";

const fanOut = new FanOut();

const { values } = parseArgs({
  args: Deno.args,
  options: {
    mode: { type: "string", default: "chat" },
    text: { type: "boolean" },
    autostart: { type: "string", default: "0" },
    count: { type: "string", default: "3" },
    time: { type: "string", default: "5" },
    pause: { type: "string", default: "2" },
    web: { type: "boolean" },
    hostname: { type: "string", default: "127.0.0.1" },
  },
});
const hostname = values.hostname!;
const MODE = values.mode!;
const TEXT = !!values.text;
const enc = new TextEncoder();

/** A message for everyone: the line, its bytes encoded once when asked. */
class Out {
  readonly line: string;
  #bytes: Uint8Array | null = null;
  #text: string | null = null;

  constructor(line: string) {
    this.line = line;
  }

  /** The line's bytes (TCP). */
  get bytes(): Uint8Array {
    return this.#bytes ??= enc.encode(this.line);
  }

  /** The line without its newline (a WebSocket message). */
  get text(): string {
    return this.#text ??= this.line.slice(0, -1);
  }
}

/** What the relay needs of a client, whatever its transport. */
interface Client {
  name: string | null;
  push(out: Out): void;
}

/** One WebSocket client of the relay. */
class WsPeer implements Client {
  readonly ws: WebSocket;
  name: string | null = null;

  constructor(ws: WebSocket) {
    this.ws = ws;
  }

  push(out: Out): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(out.text);
  }
}

/** One TCP client of the relay. */
class Peer implements Client {
  readonly conn: Deno.TcpConn;
  name: string | null = null;
  #pending: Uint8Array[] = [];
  #size = 0;
  #busy = false;

  constructor(conn: Deno.TcpConn) {
    this.conn = conn;
  }

  push(out: Out): void {
    const bytes = out.bytes;
    this.#pending.push(bytes);
    this.#size += bytes.length;
    if (!this.#busy) {
      this.#busy = true;
      setImmediate(() => this.#flush());
    }
  }

  async #flush(): Promise<void> {
    while (this.#pending.length > 0) {
      let out: Uint8Array;
      if (this.#pending.length === 1) out = this.#pending[0];
      else {
        out = new Uint8Array(this.#size);
        let at = 0;
        for (const b of this.#pending) {
          out.set(b, at);
          at += b.length;
        }
      }
      this.#pending = [];
      this.#size = 0;
      try {
        if (MODE === "qcm") fanOut.saw(out, performance.now());
        while (out.length > 0) out = out.subarray(await this.conn.write(out));
      } catch {
        this.#pending = [];
        break;
      }
      if (this.#pending.length > 0) {
        await new Promise((r) => setImmediate(r));
      }
    }
    this.#busy = false;
  }
}

const peers = new Set<Client>();
const named = () => [...peers].filter((p) => p.name !== null).length;

function broadcast(line: string): void {
  const out = new Out(line);
  for (const p of peers) if (p.name !== null) p.push(out);
}

// --- QCM ---------------------------------------------------------------
const QUESTIONS = Number(values.count);
const AUTOSTART = Number(values.autostart);
let index = 0;
let open = false;
let answers = 0;
let closeTimer: ReturnType<typeof setTimeout> | undefined;

function question(i: number): string {
  return JSON.stringify({
    type: "question",
    index: i,
    total: QUESTIONS,
    text: {
      fr: "Quel protocole de transport garantit l'ordre des octets ?",
      en: "Which transport protocol guarantees the order of bytes?",
    },
    answers: {
      fr: ["TCP", "UDP", "ICMP", "ARP"],
      en: ["TCP", "UDP", "ICMP", "ARP"],
    },
    multiple: false,
    timeLimitMs: Number(values.time) * 1000,
    endsIn: Number(values.time) * 1000,
    commitment:
      "11a75d07fb8b00289d1999ae1eb6716a866c7fd0f11ec4520473f240397fd23a",
  }) + "\n";
}

function ask(): void {
  index++;
  open = true;
  answers = 0;
  broadcast(question(index));
  closeTimer = setTimeout(reveal, Number(values.time) * 1000);
}

function reveal(): void {
  clearTimeout(closeTimer);
  open = false;
  broadcast(
    JSON.stringify({
      type: "reveal",
      index,
      total: QUESTIONS,
      correct: [1],
      counts: [answers, 0, 0, 0],
      leaderboard: [],
      nextIn: Number(values.pause) * 1000,
      last: index === QUESTIONS,
    }) + "\n",
  );
  setTimeout(() => {
    if (index < QUESTIONS) return ask();
    broadcast('{"type":"quiz_end","podium":[],"ranking":[]}\n');
    broadcast('{"type":"game_end","game":"qcm","ranking":[],"scores":[]}\n');
  }, Number(values.pause) * 1000);
}

function onLine(peer: Client, line: string): void {
  if (peer.name === null) {
    if (TEXT) peer.name = line.trim();
    else peer.name = String(JSON.parse(line).nickname);
    if (MODE === "qcm" && named() === AUTOSTART && index === 0) ask();
    return;
  }
  if (MODE === "chat") {
    if (TEXT) broadcast(`[${peer.name}] ${line}\n`);
    else {
      const m = JSON.parse(line);
      broadcast(
        JSON.stringify({
          type: "chat",
          from: peer.name,
          text: m.text,
          at: Date.now(),
        }) + "\n",
      );
    }
  } else if (MODE === "qcm" && index === 0 && line.includes('"start"')) {
    ask();
  } else if (MODE === "qcm" && open) {
    peer.push(
      new Out(`{"type":"answer_ack","index":${index},"choices":[1]}\n`),
    );
    if (++answers === named()) reveal();
  }
}

async function serve(conn: Deno.TcpConn): Promise<void> {
  conn.setNoDelay(true);
  const peer = new Peer(conn);
  peers.add(peer);
  const buf = new Uint8Array(16384);
  const dec = new TextDecoder();
  let rest = "";
  try {
    while (true) {
      const n = await conn.read(buf);
      if (n === null) break;
      rest += dec.decode(buf.subarray(0, n), { stream: true });
      let nl: number;
      while ((nl = rest.indexOf("\n")) >= 0) {
        const line = rest.slice(0, nl);
        rest = rest.slice(nl + 1);
        if (line) onLine(peer, line);
      }
    }
  } catch { /* reset */ }
  peers.delete(peer);
  try {
    conn.close();
  } catch { /* closed */ }
}

/** Serves one WebSocket: each message is a line. */
function serveWs(req: Request): Response {
  const { socket, response } = Deno.upgradeWebSocket(req, { idleTimeout: 0 });
  const peer = new WsPeer(socket);
  socket.onopen = () => peers.add(peer);
  socket.onmessage = (event) => {
    if (typeof event.data === "string" && event.data) {
      onLine(peer, event.data);
    }
  };
  socket.onclose = () => peers.delete(peer);
  return response;
}

const web = values.web
  ? Deno.serve({ hostname, port: 0, onListen() {} }, serveWs)
  : null;
if (web && MODE === "qcm") watchSends(fanOut);
const listener = Deno.listen({ hostname, port: 0 });
emit("ready", {
  port: (listener.addr as Deno.NetAddr).port,
  ...(web ? { webPort: web.addr.port } : {}),
});
(async () => {
  for await (const conn of listener) void serve(conn);
})().catch(() => {});
for await (const command of commands()) {
  if (command === "rss") emit("rss", memory());
  else if (command === "cpu") emit("cpu", { ms: cpuMs() });
  else if (command === "fanout") {
    emit("fanout", {
      // JSON has no NaN: null for a question never seen.
      ms: fanOut.spreads(Number(values.count)).map((x) => isNaN(x) ? null : x),
      bytes: fanOut.writeBytes(Number(values.count)).map((x) =>
        isNaN(x) ? null : x
      ),
    });
  } else if (command === "players") emit("players", { n: named() });
  else if (command === "connected") emit("connected", { n: named() });
  else if (command === "quit") break;
}
Deno.exit(0);
