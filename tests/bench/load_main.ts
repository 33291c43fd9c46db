/**
 * A load process of the bench: many players over real TCP connections to a
 * host (lanplay or the reference relay), each a minimal client that reads
 * lines by their first bytes only (no JSON parsing on the hot path); or,
 * with `--ws`, many browsers: WebSockets to the host's web port, opened and
 * greeted as the page does (web/app/main.ts: `/ws`, the page's Origin, a
 * hello with `heartbeat`, each `ping` answered); `--lead-port P` makes the
 * first player a TCP client of port P (the teacher, who leads).
 *
 *   deno run -A tests/bench/load_main.ts --port P --count N --prefix q \
 *     --mode qcm|chat|idle [--ws] [--text] [--rate 20] [--seconds 5] [--senders N] \
 *     [--hostname 127.0.0.1] [--capabilities a,b]
 *
 * Players connect to `--hostname` (127.0.0.1 by default; the server's
 * address on a namespace's link for a lecture hall's bench). JSON players
 * declare `--capabilities` in their hello (none by default; web players
 * always declare `heartbeat`, as the page does).
 *
 * - `qcm`: JSON players; each answers `1` once every player of this
 *   process has the question (`--answer-at-once`: as soon as its own
 *   `question` line arrives; see {@linkcode arrived}). Records each question's arrival time (wall clock, comparable
 *   across processes), answer → `answer_ack` latency, bytes received; done
 *   at `game_end`. Prints `result` (with the CPU ms used since `connected`),
 *   and per player and question the bytes it got at question open: the
 *   `question` and what came with it (its view, the page's lines).
 * - `chat`: players (text mode with `--text`); on `go`, the first
 *   `--senders` of them send `--rate` lines per second for `--seconds`,
 *   each line carrying its send time; every player times every line it
 *   gets. Prints `result` once nothing more arrives.
 * - `idle`: players join and wait.
 *
 * Prints `connected` once every connection is open and its hello sent.
 * Commands: `go` (chat), `start` (the first player, holding the room's
 * `--host-key`, starts the game, as a teacher would), `quit`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { commands, cpuMs, emit, wall } from "./child.ts";
import { Histogram } from "./histogram.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    port: { type: "string" },
    count: { type: "string", default: "10" },
    prefix: { type: "string", default: "b" },
    mode: { type: "string", default: "qcm" },
    text: { type: "boolean" },
    rate: { type: "string", default: "20" },
    seconds: { type: "string", default: "5" },
    senders: { type: "string" },
    "read-bytes": { type: "string", default: "16384" },
    "host-key": { type: "string" },
    "answer-at-once": { type: "boolean" },
    ws: { type: "boolean" },
    "lead-port": { type: "string" },
    hostname: { type: "string", default: "127.0.0.1" },
    capabilities: { type: "string" },
  },
});
const HOSTNAME = values.hostname!;
/** Capabilities a JSON player declares in its hello (`--capabilities a,b`). */
const CAPABILITIES = (values.capabilities ?? "").split(",").map((c) => c.trim())
  .filter(Boolean);
const PORT = Number(values.port);
const COUNT = Number(values.count);
const MODE = values.mode!;
const TEXT = !!values.text;
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const SENDERS = Math.min(COUNT, Number(values.senders ?? COUNT));
const READ_BYTES = Number(values["read-bytes"]);
const AT_ONCE = !!values["answer-at-once"];
/** Players are browsers: WebSockets to the web port `--port` (qcm, idle). */
const WS = !!values.ws;
/**
 * With `--ws`: the first player (the `--host-key` holder) joins over TCP on
 * this port, as a teacher on the host's own client (the page has no key).
 */
const LEAD_PORT = values["lead-port"] ? Number(values["lead-port"]) : 0;
if (WS && (TEXT || MODE === "chat")) {
  throw new Error("--ws plays the page: JSON, qcm or idle");
}
/**
 * Messages that go out with a question, in the same step (./fanout.ts):
 * each player's view, the page's lines. Counted with it as the bytes of
 * question open, up to the first message of another type.
 */
const WITH_QUESTION = new Set(["view", "lines"]);
/** The longest a process holds its answers back for late arrivals (ms). */
const HOLD_MS = 250;

const enc = new TextEncoder();
const bytesOf = (s: string) => enc.encode(s);
/** The answer `1` (a JSON message; a line on TCP). */
const ANSWER = '{"type":"answer","choices":[1]}';
const ANSWER_LINE = bytesOf(ANSWER + "\n");
const HEAD = 96;
const DEBUG = !!Deno.env.get("BENCH_DEBUG");
const TILDE = 0x7e;
const T = 0x54;

/** The send time (µs) a chat line carries after `~T`, or -1. */
function stamp(buf: Uint8Array, at: number, end: number): number {
  let i = buf.indexOf(TILDE, at);
  while (i >= 0 && i + 1 < end) {
    if (buf[i + 1] === T) {
      let v = 0;
      for (let j = i + 2; j < end; j++) {
        const c = buf[j];
        if (c < 48 || c > 57) break;
        v = v * 10 + (c - 48);
      }
      return v;
    }
    i = buf.indexOf(TILDE, i + 1);
  }
  return -1;
}

/** Bytes received per message type, over all players (`{"type":"…"` lines). */
const bytesByType = new Map<string, number>();
const TYPE_AT = '{"type":"'.length;

/** The message type of a JSON line from its first bytes ("" when none). */
function typeOf(buf: Uint8Array, at: number, end: number): string {
  if (end - at <= TYPE_AT || buf[at] !== 0x7b) return "";
  let stop = at + TYPE_AT;
  while (stop < end && buf[stop] !== 0x22) stop++;
  return String.fromCharCode(...buf.subarray(at + TYPE_AT, stop));
}

const acks = new Histogram();
const chat = new Histogram();
let errors = 0;
let chatReceived = 0;
let chatSent = 0;
let lastChatAt = 0;

/**
 * Players who got the question going out, not answered yet. Hundreds of
 * players share this process where a real hall has one machine each: a
 * player answering (a write, and the host's work it starts on the same two
 * cores) before this process has read its other players' sockets would put
 * that work into their arrival times. So every arrival is stamped first and
 * the answers go when the last player of the process has the question (or
 * {@linkcode HOLD_MS} after the first, for a player cut meanwhile), all in
 * the same turn; answer → ack is timed from each answer's own write.
 * `--answer-at-once` answers in the reading turn instead.
 */
let holding: Player[] = [];
let holdTimer: ReturnType<typeof setTimeout> | undefined;
/** Players of this process still connected when the question began. */
let live = 0;

/** A player got the question: answers go when the process has them all. */
function arrived(p: Player): void {
  holding.push(p);
  if (holding.length === 1) {
    holdTimer = setTimeout(release, HOLD_MS);
    live = players.filter((q) => !q.ended).length;
  }
  if (holding.length >= live) release();
}

/** Every held player answers now. */
function release(): void {
  clearTimeout(holdTimer);
  const batch = holding;
  holding = [];
  for (const p of batch) p.answer();
}

/**
 * One player, whatever carries its messages: it is told each message's
 * type, size and arrival time, and answers through `write`.
 */
class Player {
  readonly name: string;
  bytes = 0;
  questions: number[] = [];
  /** Bytes at each question's open: the question and what came with it. */
  opens: number[] = [];
  #opening = false;
  answeredAt = 0;
  finished = false;
  ended = false;
  byed = false;
  /** Sends one message (a JSON message or a text line, without its newline). */
  write: (message: string) => void = () => {};
  /** Closes the connection. */
  close: () => void = () => {};
  /** Settles once the connection is gone. */
  done: Promise<void> = Promise.resolve();

  constructor(name: string) {
    this.name = name;
  }

  /** Sends the answer `1` now and times it. */
  answer(): void {
    this.answeredAt = performance.now();
    this.write(ANSWER);
  }

  /**
   * One JSON message of `type` came, `size` bytes on the wire, at `at`
   * (wall clock); `text` shows it when debugging an error.
   */
  received(type: string, size: number, at: number, text: () => string): void {
    bytesByType.set(type, (bytesByType.get(type) ?? 0) + size);
    if (this.#opening) {
      if (WITH_QUESTION.has(type)) this.opens[this.opens.length - 1] += size;
      else this.#opening = false;
    }
    switch (type) {
      case "question":
        this.questions.push(at);
        this.opens.push(size);
        this.#opening = true;
        if (AT_ONCE) this.answer();
        else arrived(this);
        break;
      case "answer_ack":
        acks.add(performance.now() - this.answeredAt);
        break;
      case "game_end":
        this.finished = true;
        break;
      case "error":
        errors++;
        if (DEBUG) console.error(text());
        break;
      case "bye":
        this.byed = true;
        break;
      case "ping":
        // As the page does: the host's heartbeat hears its players.
        this.write(pong(text()));
        break;
    }
  }
}

/** The page's answer to the host's `ping`. */
function pong(ping: string): string {
  return JSON.stringify({ type: "pong", id: JSON.parse(ping).id });
}

/**
 * A player's TCP connection, read by chunks: lines are read in place in
 * the chunk; only the first bytes of a line cut by a chunk boundary are
 * kept (copied into the head buffer).
 */
class TcpLink {
  readonly conn: Deno.TcpConn;
  readonly #player: Player;
  readonly #head = new Uint8Array(HEAD);
  #headLen = 0;
  /** Bytes of the line that began in an earlier chunk (0: none). */
  #carried = 0;

  constructor(conn: Deno.TcpConn, player: Player) {
    this.conn = conn;
    this.#player = player;
    player.write = (line) => {
      this.conn.write(line === ANSWER ? ANSWER_LINE : bytesOf(line + "\n"))
        .catch(() => {});
    };
    player.close = () => {
      try {
        conn.close();
      } catch { /* closed */ }
    };
    player.done = this.#read();
  }

  async #read(): Promise<void> {
    const buf = new Uint8Array(READ_BYTES);
    try {
      while (true) {
        const n = await this.conn.read(buf);
        if (n === null) break;
        const at = wall();
        this.#player.bytes += n;
        this.#chunk(buf.subarray(0, n), at);
      }
    } catch { /* reset: counted as ended */ }
    this.#player.ended = true;
  }

  #chunk(chunk: Uint8Array, at: number): void {
    let pos = 0;
    if (this.#carried > 0) {
      const nl = chunk.indexOf(10);
      const end = nl < 0 ? chunk.length : nl;
      const take = Math.min(HEAD - this.#headLen, end);
      if (take > 0) {
        this.#head.set(chunk.subarray(0, take), this.#headLen);
        this.#headLen += take;
      }
      this.#carried += end + (nl < 0 ? 0 : 1);
      if (nl < 0) return;
      this.#line(this.#head, 0, this.#headLen, this.#carried, at);
      this.#carried = 0;
      this.#headLen = 0;
      pos = nl + 1;
    }
    while (pos < chunk.length) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) {
        const take = Math.min(HEAD, chunk.length - pos);
        this.#head.set(chunk.subarray(pos, pos + take), 0);
        this.#headLen = take;
        this.#carried = chunk.length - pos;
        return;
      }
      this.#line(chunk, pos, nl, nl + 1 - pos, at);
      pos = nl + 1;
    }
  }

  /** One line, `buf[from, to)` (its first bytes at least), `size` bytes in all. */
  #line(
    buf: Uint8Array,
    from: number,
    to: number,
    size: number,
    at: number,
  ): void {
    if (MODE === "chat") {
      const sent = stamp(buf, from, to);
      if (sent >= 0) {
        chat.add(at - sent / 1000);
        chatReceived++;
        lastChatAt = at;
      }
      return;
    }
    this.#player.received(
      typeOf(buf, from, to),
      size,
      at,
      () => new TextDecoder().decode(buf.subarray(from, to)),
    );
  }
}

/** Bytes of a WebSocket frame's header from the server (no mask). */
function frameHeader(payload: number): number {
  return payload < 126 ? 2 : payload < 65536 ? 4 : 10;
}

/** UTF-8 length of a string, counted without encoding it. */
function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) n += c < 0x800 ? 1 : c >= 0xd800 && c <= 0xdbff ? 0 : 2;
  }
  return n;
}

/** The message type of a JSON message from its first characters ("" when none). */
function typeOfText(text: string): string {
  if (!text.startsWith('{"type":"')) return "";
  const stop = text.indexOf('"', TYPE_AT);
  return stop < 0 ? "" : text.slice(TYPE_AT, stop);
}

/**
 * A player's WebSocket to the host's web port, as the page opens it: to
 * `/ws`, with the page's Origin (Deno's client sends the headers given;
 * the Host is the address dialled).
 */
function wsLink(player: Player, port: number): Promise<void> {
  const origin = `http://${HOSTNAME}:${port}`;
  const ws = new WebSocket(`ws://${HOSTNAME}:${port}/ws`, {
    headers: { origin },
  });
  player.write = (message) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(message);
  };
  player.close = () => ws.close();
  ws.onmessage = (event) => {
    const at = wall();
    const data = event.data as string;
    const size = utf8Length(data);
    player.bytes += size + frameHeader(size);
    // One JSON message, or several on lines of their own (the page takes both).
    let from = 0;
    while (from < data.length) {
      let nl = data.indexOf("\n", from);
      if (nl < 0) nl = data.length;
      const text = data.slice(from, nl);
      const wire = (from === 0 && nl === data.length)
        ? size + frameHeader(size)
        : utf8Length(text) + 1;
      if (text) player.received(typeOfText(text), wire, at, () => text);
      from = nl + 1;
    }
  };
  player.done = new Promise<void>((resolve) => {
    ws.onclose = () => {
      player.ended = true;
      resolve();
    };
  });
  return new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = (e) =>
      reject(new Error(`${player.name}: ${(e as ErrorEvent).message}`));
  });
}

/** The hello of player `i` (JSON, or a nickname line in text mode). */
function hello(i: number, name: string, web: boolean): string {
  return TEXT ? name : JSON.stringify({
    type: "hello",
    protocol: 1,
    nickname: name,
    lang: "en",
    ...(web ? { client: "lanplay-web" } : {}),
    ...(web || CAPABILITIES.length
      ? {
        capabilities: [
          ...new Set([...(web ? ["heartbeat"] : []), ...CAPABILITIES]),
        ],
      }
      : {}),
    // The first player of this process holds the room's key: it leads.
    ...(i === 0 && values["host-key"] ? { hostKey: values["host-key"] } : {}),
  });
}

async function connect(i: number): Promise<Player> {
  const name = `${values.prefix}${i}`;
  const player = new Player(name);
  // The teacher plays from the host's own client, over TCP (`--lead-port`).
  const web = WS && !(i === 0 && LEAD_PORT);
  if (web) await wsLink(player, PORT);
  else {
    const conn = await Deno.connect({
      hostname: HOSTNAME,
      port: i === 0 && LEAD_PORT ? LEAD_PORT : PORT,
    });
    conn.setNoDelay(true);
    new TcpLink(conn, player);
  }
  player.write(hello(i, name, web));
  return player;
}

const players: Player[] = [];
for (let i = 0; i < COUNT; i += 50) {
  const batch = [];
  for (let j = i; j < Math.min(COUNT, i + 50); j++) batch.push(connect(j));
  players.push(...await Promise.all(batch));
}
const cpuAtConnected = cpuMs();
emit("connected", { n: players.length });

/** Waits until `pred` holds (checked every 20 ms) or `ms` passed. */
async function until(pred: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred() && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
}

if (DEBUG) {
  setInterval(() => {
    const asked = players.map((p) => p.questions.length);
    console.error(
      `questions seen ${Math.min(...asked)}–${Math.max(...asked)}, finished ${
        players.filter((p) => p.finished).length
      }, ended ${players.filter((p) => p.ended).length}, errors ${errors}`,
    );
  }, 2000);
}

async function qcmResult(): Promise<void> {
  await until(() => players.every((p) => p.finished || p.ended), 600_000);
  emit("result", {
    questions: players.map((p) => p.questions),
    opens: players.map((p) => p.opens),
    ack: acks.sparse(),
    ackMax: acks.max,
    bytes: players.map((p) => p.bytes),
    bytesByType: Object.fromEntries(bytesByType),
    finished: players.filter((p) => p.finished).length,
    cut: players.filter((p) => !p.finished).length,
    errors,
    cpuMs: cpuMs() - cpuAtConnected,
  });
}

async function chatRun(): Promise<void> {
  const senders = players.slice(0, SENDERS);
  const total = Math.round(RATE * SECONDS);
  const start = performance.now();
  const sentBy = new Array(senders.length).fill(0);
  // One ticker for all senders, each sender phased evenly over its period.
  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - start;
      let left = false;
      for (let k = 0; k < senders.length; k++) {
        const due = Math.min(
          total,
          Math.floor(elapsed * RATE / 1000 + k / senders.length),
        );
        while (sentBy[k] < due) {
          sentBy[k]++;
          chatSent++;
          const text = `~T${Math.round(wall() * 1000)} ${sentBy[k]}`;
          const line = TEXT ? text : JSON.stringify({ type: "chat", text });
          senders[k].write(line);
        }
        if (sentBy[k] < total) left = true;
      }
      if (left) setTimeout(tick, 2);
      else resolve();
    };
    tick();
  });
  emit("sent", { sent: chatSent });
}

async function chatResult(expected: number): Promise<void> {
  const want = expected * players.length;
  await until(() => chatReceived >= want, 10_000);
  // Nothing more should come; a short quiet spell confirms it.
  await until(() => wall() - lastChatAt > 300, 2_000);
  emit("result", {
    received: chatReceived,
    expected: want,
    chat: chat.sparse(),
    chatMax: chat.max,
    bytes: players.map((p) => p.bytes),
    cut: players.filter((p) => p.ended).length,
    errors,
  });
}

if (MODE === "qcm") void qcmResult();
for await (const command of commands()) {
  if (command === "go" && MODE === "chat") void chatRun();
  else if (command === "start") {
    players[0].write('{"type":"start"}');
  } else if (command.startsWith("expect ")) {
    void chatResult(Number(command.slice(7)));
  } else if (command === "quit") break;
}
for (const p of players) p.close();
await Promise.all(players.map((p) => p.done));
Deno.exit(0);
