/**
 * Support for the fuzz test of the live host: hostile line generators
 * (fast-check for the structured part, a seeded byte mutator for the rest),
 * an oracle that says which lines must get an `error`, fuzzing clients that
 * send lines in batches closed by a sync line, and lean bots that play a
 * game without keeping what they read (so memory stays flat).
 *
 * @module
 */
import fc from "fast-check";
import { GAMES } from "../games/registry.ts";
import { lobbySchemas } from "../protocol/messages.ts";
import { MAX_LINE_BYTES } from "../protocol/constants.ts";
import { readFrames } from "../protocol/read_loop.ts";
import { isClean } from "../text/sanitize.ts";
import { TextSession } from "../text/session.ts";
import { Room, type RoomOptions } from "../host/room.ts";
import { seeded } from "./support.ts";

/** Every own property name of `Object.prototype`, plus `__proto__` and `prototype`. */
export const PROTO_NAMES: readonly string[] = [
  ...new Set([
    ...Object.getOwnPropertyNames(Object.prototype),
    "__proto__",
    "prototype",
    "constructor",
  ]),
];

/** Who sends the lines: the oracle depends on it. */
export type FuzzRole = "member" | "leader" | "text";

/**
 * What the host must do with one line: `bad`, answer with an `error`; `ok`,
 * accept it without one; `any`, either (it depends on the game's state).
 * `drop`: the role must not send it.
 */
export type Verdict = "bad" | "ok" | "any" | "drop";

/** One generated line, without its newline. */
export interface FuzzLine {
  /** The bytes sent (a newline is added). */
  bytes: Uint8Array;
  /** What the host must do with it (see {@linkcode Verdict}). */
  verdict: Exclude<Verdict, "drop">;
}

const encoder = new TextEncoder();
const strict = new TextDecoder("utf-8", { fatal: true });
const LOBBY_TYPES = new Set(Object.keys(lobbySchemas));
const REAL_GAMES = new Set(Object.keys(GAMES));

/** Strings meant to break a terminal, a lookup or a parser. */
const HOSTILE = [
  "\x1b]0;pwned\x07",
  "\x1b[2J\x1b[H[admin] the room closes, type /quit",
  "\x1b[31mred\x1b[0m",
  "\x9b2J",
  "\u202eevil\u202c",
  "\u2066iso\u2069",
  "\x00nul",
  "\x07bell",
  "a\nb",
  "\r\n! fake error",
  "\ud800lone",
  "\udc00",
  "А" + "lice", // Cyrillic A
  "Ａｌｉｃｅ",
  "𝐀𝐥𝐢𝐜𝐞",
  "%s%n%x",
  "${7*7}",
  "{nickname}",
  "../../etc/passwd",
  "1e309",
  "",
  " ",
  "x".repeat(41),
  "y".repeat(301),
];

const protoName = fc.constantFrom(...PROTO_NAMES);
const hostileString = fc.oneof(
  { weight: 3, arbitrary: protoName },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...REAL_GAMES, "fr", "en", "quit", "ping"),
  },
);
const hugeNumber = fc.oneof(
  fc.constantFrom(
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MIN_VALUE,
    -0,
    1e21,
    0.5,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: hugeNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
  },
);
const options = fc.oneof(
  fc.dictionary(
    fc.oneof(protoName, fc.constantFrom("max", "rounds", "count", "pauseSec")),
    anyValue,
    { maxKeys: 4 },
  ),
  anyValue,
);

/** Every message a client may send, with hostile values in every field. */
const message: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ type: fc.constant("chat"), text: anyValue }),
  fc.record({ type: fc.constant("ping"), id: anyValue }, {
    requiredKeys: ["type"],
  }),
  fc.record({ type: fc.constant("ready"), ready: anyValue }, {
    requiredKeys: ["type"],
  }),
  fc.record({ type: fc.constant("lang"), lang: anyValue }),
  fc.record({ type: fc.constant("start"), game: anyValue, options }, {
    requiredKeys: ["type"],
  }),
  fc.record({ type: fc.constant("choose"), game: anyValue, options }, {
    requiredKeys: ["type"],
  }),
  fc.record({ type: fc.constant("kick"), id: anyValue }, {
    requiredKeys: ["type"],
  }),
  fc.record({ type: fc.constant("stop") }),
  fc.record({ type: fc.constant("quit") }),
  fc.record({ type: fc.constant("guess"), value: anyValue }),
  fc.record({ type: fc.constant("answer"), choices: anyValue }),
  fc.record({ type: fc.constant("play"), cell: anyValue }),
  fc.record({
    type: fc.constant("hello"),
    nickname: anyValue,
    protocol: anyValue,
    lang: anyValue,
    token: anyValue,
    pin: anyValue,
    nonce: anyValue,
    hostKey: anyValue,
    client: anyValue,
    capabilities: anyValue,
  }, { requiredKeys: ["type"] }),
  fc.record({ type: hostileString }),
  fc.dictionary(hostileString, anyValue, { maxKeys: 4 }),
);

/** A text-mode line: commands with hostile arguments, guesses, chat. */
const textLine: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(
    fc.constantFrom(
      "/start",
      "/go",
      "/game",
      "/jeu",
      "/stop",
      "/ready",
      "/players",
      "/lang",
      "/kick",
      "/",
    ),
    hostileString,
  ).map(([c, a]) => `${c} ${a}`),
  hostileString,
  fc.integer().map(String),
  fc.constantFrom(...PROTO_NAMES.map((n) => `/${n}`)),
);

function deepJson(depth: number, kind: number): string {
  switch (kind) {
    case 0:
      return "[".repeat(depth) + "]".repeat(depth);
    case 1:
      return '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
    case 2:
      return `{"type":"chat","text":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    default:
      return `{"type":"choose","game":"justeprix","options":{"max":${
        "[".repeat(depth)
      }5${"]".repeat(depth)}}}`;
  }
}

/**
 * A seeded, endless source of hostile lines for one role: a corpus made by
 * fast-check (valid shapes with hostile values), then mutated bytes, random
 * bytes, deep JSON, huge numbers, over-long lines and invalid UTF-8. Lines
 * the role must not send (a `quit`, the leader's `stop` or `kick`, a text
 * `/help` that would be taken for the sync line) are skipped.
 *
 * @example
 * ```ts
 * import { LineSource } from "./fuzz_support.ts";
 * const src = new LineSource(1, "member", 50);
 * src.next().bytes.length >= 1; // true
 * ```
 */
export class LineSource {
  readonly #random: () => number;
  readonly #role: FuzzRole;
  readonly #corpus: Uint8Array[];
  readonly #corpusLines: FuzzLine[];
  readonly #deepLines: FuzzLine[];
  readonly #numberLines: FuzzLine[];
  readonly #oversizeLines: FuzzLine[];
  /** Lines generated so far. */
  generated = 0;

  /**
   * @param seed seed of fast-check and of the mutator
   * @param role who sends (the oracle depends on it)
   * @param corpusSize structured lines made by fast-check
   */
  constructor(seed: number, role: FuzzRole, corpusSize = 4000) {
    this.#random = seeded(seed);
    this.#role = role;
    const values = role === "text"
      ? fc.sample(textLine, { seed, numRuns: corpusSize })
      : fc.sample(message, { seed, numRuns: corpusSize }).map((m) =>
        JSON.stringify(m)
      );
    this.#corpus = values.map((s) => encoder.encode(s.replaceAll("\n", " ")));
    const pool = (lines: Uint8Array[]) =>
      lines.flatMap((b) => this.#judged(b) ?? []);
    this.#corpusLines = pool(this.#corpus);
    this.#deepLines = pool(
      Array.from({ length: 32 }, (_, i) =>
        encoder.encode(
          deepJson(
            10 + this.#int(role === "text" ? 300 : i % 8 ? 2_000 : 12_000),
            i % 4,
          ),
        )),
    );
    this.#numberLines = pool(
      Array.from({ length: 48 }, () => this.#hugeNumbers()),
    );
    // Over the line limit: each is 64 KiB on the wire, so they are rare.
    this.#oversizeLines = pool(Array.from({ length: 4 }, (_, i) => {
      const b = new Uint8Array(MAX_LINE_BYTES + 1 + 1000 * i);
      b.fill(0x41);
      b[0] = 0x7b;
      return b;
    }));
  }

  /** The next line the role may send, with what the host must do. */
  next(): FuzzLine {
    while (true) {
      const line = this.#make();
      this.generated++;
      if (line) return line;
    }
  }

  /** A line, or null when the role must not send it. */
  #make(): FuzzLine | null {
    const r = this.#random();
    if (r < 0.35) return this.#from(this.#corpusLines);
    if (r < 0.88) return this.#judged(this.#mutate(this.#pick()));
    if (r < 0.96) {
      const b = new Uint8Array(1 + this.#int(120));
      for (let i = 0; i < b.length; i++) b[i] = this.#int(256);
      return this.#judged(b.map((x) => x === 0x0a ? 0x20 : x));
    }
    if (r < 0.985) return this.#from(this.#numberLines);
    if (r < 0.995) return this.#from(this.#deepLines);
    if (r < 0.999) return this.#from(this.#corpusLines);
    return this.#from(this.#oversizeLines);
  }

  #judged(bytes: Uint8Array): FuzzLine | null {
    const verdict = judge(bytes, this.#role);
    return verdict === "drop" ? null : { bytes, verdict };
  }

  #from(pool: readonly FuzzLine[]): FuzzLine {
    return pool[this.#int(pool.length)];
  }

  #pick(): Uint8Array {
    return this.#corpus[this.#int(this.#corpus.length)];
  }

  #int(n: number): number {
    return Math.floor(this.#random() * n);
  }

  #hugeNumbers(): Uint8Array {
    const n = [
      "1e400",
      "-1e400",
      "1" + "0".repeat(400),
      "0." + "0".repeat(500) + "1",
      "123456789012345678901234567890",
      "-0",
      "1E+308",
      "9007199254740993",
    ][
      this.#int(8)
    ];
    const shapes = [
      `{"type":"guess","value":${n}}`,
      `{"type":"ping","id":${n}}`,
      `{"type":"choose","game":"justeprix","options":{"max":${n},"rounds":${n}}}`,
      `{"type":"start","options":{"count":${n}}}`,
      `{"type":"answer","choices":[${n},${n}]}`,
      `{"type":"play","cell":${n}}`,
    ];
    return encoder.encode(shapes[this.#int(shapes.length)]);
  }

  #mutate(src: Uint8Array): Uint8Array {
    let b = src;
    const ops = 1 + this.#int(3);
    for (let k = 0; k < ops; k++) {
      const at = this.#int(b.length + 1);
      switch (this.#int(8)) {
        case 0: { // flip a byte
          if (!b.length) break;
          b = b.slice();
          b[Math.min(at, b.length - 1)] = this.#int(256);
          break;
        }
        case 1: { // delete a range
          const end = Math.min(b.length, at + 1 + this.#int(8));
          b = concat(b.subarray(0, at), b.subarray(end));
          break;
        }
        case 2: { // a prototype name, quoted or not
          const name = PROTO_NAMES[this.#int(PROTO_NAMES.length)];
          b = concat(
            b.subarray(0, at),
            encoder.encode(this.#random() < 0.5 ? `"${name}"` : name),
            b.subarray(at),
          );
          break;
        }
        case 3: { // every string value becomes a prototype name
          const name = PROTO_NAMES[this.#int(PROTO_NAMES.length)];
          const text = new TextDecoder().decode(b).replace(
            /:"(?:[^"\\]|\\.)*"/g,
            (m) => m.startsWith(':"type') ? m : `:"${name}"`,
          );
          b = encoder.encode(text);
          break;
        }
        case 4: { // duplicate a range
          const end = Math.min(b.length, at + 1 + this.#int(16));
          b = concat(b.subarray(0, end), b.subarray(at, end), b.subarray(end));
          break;
        }
        case 5: { // invalid UTF-8
          const bad = [[0xff], [0xc0, 0x80], [0x80], [0xed, 0xa0, 0x80], [
            0xf4,
            0x90,
          ]][this.#int(5)];
          b = concat(b.subarray(0, at), Uint8Array.from(bad), b.subarray(at));
          break;
        }
        case 6: // truncate
          b = b.subarray(0, at);
          break;
        default: // splice with another line
          b = concat(b.subarray(0, at), this.#pick().subarray(this.#int(8)));
      }
    }
    return b.map((x) => x === 0x0a ? 0x20 : x);
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The oracle: what the host must do with `bytes` sent by `role` once joined,
 * conservatively (`bad` only when every correct host answers with an
 * `error`). Members are neither leaders nor seated in the running game.
 *
 * @example
 * ```ts
 * import { judge } from "./fuzz_support.ts";
 * const enc = (s: string) => new TextEncoder().encode(s);
 * judge(enc('{"type":"chat","text":"hi"}'), "member"); // "ok"
 * judge(enc('{"type":"choose","game":"toString"}'), "leader"); // "bad"
 * judge(enc('{"type":"quit"}'), "member"); // "drop"
 * ```
 *
 * @param bytes the line, without its newline
 * @param role who sends it
 */
export function judge(bytes: Uint8Array, role: FuzzRole): Verdict {
  let len = bytes.length;
  if (len > 0 && bytes[len - 1] === 0x0d) len--;
  if (len > MAX_LINE_BYTES) return "bad";
  if (len === 0) return "drop";
  let text: string;
  try {
    text = strict.decode(bytes.subarray(0, len));
  } catch {
    return "bad";
  }
  if (text.trim() === "") return "drop";
  return role === "text" ? judgeText(text) : judgeJson(text, role);
}

function judgeJson(text: string, role: FuzzRole): Verdict {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "bad";
  }
  if (
    typeof value !== "object" || value === null || Array.isArray(value) ||
    typeof (value as { type?: unknown }).type !== "string"
  ) return "bad";
  const v = value as Record<string, unknown>;
  const type = (v.type as string).slice(0, 40);
  if (!LOBBY_TYPES.has(type)) return "bad"; // unknown, hello, or a move from no seat
  if (hasProtoKey(v)) return "bad"; // the room refuses `__proto__` (top or one level down)
  switch (type) {
    case "quit":
      return "drop";
    case "chat": {
      const text = v.text;
      if (typeof text !== "string") return "bad";
      const n = text.trim().length;
      return n >= 1 && n <= 300 ? "ok" : "bad";
    }
    case "ping":
      return v.id === undefined ||
          (typeof v.id === "string" && v.id.length <= 64) ||
          (typeof v.id === "number" && Number.isFinite(v.id))
        ? "ok"
        : "bad";
    case "ready":
      return v.ready === undefined || typeof v.ready === "boolean"
        ? "ok"
        : "bad";
    case "lang":
      return v.lang === "fr" || v.lang === "en" ? "ok" : "bad";
  }
  if (role === "member") return "bad"; // start, choose, stop, kick: not the leader
  // The leader: nothing that would end or empty the bots' game.
  if (type === "stop" || type === "kick") return "drop";
  if (type === "start" || type === "choose") {
    if (v.game === undefined) return type === "start" ? "drop" : "bad";
    if (typeof v.game !== "string") return "bad";
    if (REAL_GAMES.has(v.game)) return type === "start" ? "drop" : "any";
    return "bad";
  }
  return "bad";
}

/** A `__proto__` own key in the message or in one of its object fields. */
function hasProtoKey(v: Record<string, unknown>): boolean {
  return Object.hasOwn(v, "__proto__") ||
    Object.values(v).some((inner) =>
      typeof inner === "object" && inner !== null &&
      Object.hasOwn(inner, "__proto__")
    );
}

function judgeText(line: string): Verdict {
  const text = line.trim();
  const upper = text.toUpperCase();
  if (upper === "FIN" || upper === "/QUIT" || upper === "/EXIT") return "drop";
  if (text.startsWith("/")) {
    const [cmd, ...args] = text.slice(1).split(/\s+/);
    switch (cmd.toLowerCase()) {
      case "help":
      case "aide":
        return "drop"; // the sync line
      case "start":
      case "go":
      case "stop":
      case "game":
      case "jeu":
        return "bad";
      case "lang":
        return args[0] === "fr" || args[0] === "en" ? "ok" : "bad";
      case "ready":
      case "pret":
      case "prêt":
      case "players":
      case "joueurs":
        return "ok";
    }
  }
  // A guess from no seat or a chat line over the limit: an error either way.
  return text.length > 300 ? "bad" : "any";
}

/** What the host answered to one batch. */
export interface BatchResult {
  /** `error` messages (or `! ` lines in text mode) received. */
  errors: number;
  /** Of which `rate_limited`: the batch was cut by the rate limit. */
  rateLimited: number;
  /** Lines received while the batch was handled. */
  received: number;
  /** Received lines that are not clean text (text mode only). */
  unclean: string[];
  /** The connection ended before the sync line came back. */
  closed: boolean;
}

/**
 * A fuzzing connection: joins as `role`, then sends batches of lines, each
 * closed by a sync line (`ping` in JSON mode, `/help` in text mode) whose
 * answer says the host handled the whole batch.
 */
export class FuzzClient {
  readonly role: FuzzRole;
  readonly nickname: string;
  readonly #conn: Deno.TcpConn;
  readonly #pump: Promise<void>;
  #sync = 0;
  #current: BatchResult | null = null;
  #wake: (() => void) | null = null;
  #seen = new Set<number>();
  #ended = false;
  #welcome: (() => void) | null = null;
  #helpTexts: string[];
  /** The `bye` reason, when the host said goodbye. */
  bye: string | null = null;

  private constructor(
    conn: Deno.TcpConn,
    role: FuzzRole,
    nickname: string,
    helpTexts: string[],
  ) {
    this.#conn = conn;
    this.role = role;
    this.nickname = nickname;
    this.#helpTexts = helpTexts;
    this.#pump = this.#read();
  }

  /**
   * Connects and joins (JSON `hello`, or the nickname in text mode).
   * @param port host port on 127.0.0.1
   * @param role member, leader (sends the host key) or text
   * @param nickname the nickname to join with
   * @param hostKey the room's host key (for the leader)
   * @param helpTexts the first `/help` line in each language (text sync)
   */
  static async join(
    port: number,
    role: FuzzRole,
    nickname: string,
    hostKey: string,
    helpTexts: string[],
  ): Promise<FuzzClient> {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    const c = new FuzzClient(conn, role, nickname, helpTexts);
    const welcomed = new Promise<void>((r) => c.#welcome = r);
    await c.#write(encoder.encode(
      (role === "text" ? nickname : JSON.stringify({
        type: "hello",
        nickname,
        protocol: 1,
        lang: "en",
        ...(role === "leader" ? { hostKey } : {}),
      })) + "\n",
    ));
    await Promise.race([welcomed, c.#pump]);
    if (c.#ended) throw new Error(`${nickname} could not join`);
    return c;
  }

  async #write(bytes: Uint8Array): Promise<void> {
    let rest = bytes;
    while (rest.length) rest = rest.subarray(await this.#conn.write(rest));
  }

  async #read(): Promise<void> {
    const text = this.role === "text";
    for await (
      const f of readFrames(this.#conn, {
        maxLineBytes: 1 << 24,
        bufferBytes: 1 << 16,
      })
    ) {
      if (f.kind !== "line") continue;
      const line = f.text;
      if (this.#welcome) {
        // JSON: the welcome. Text: the help line that follows the welcome
        // (so that it is not taken for the answer to the first sync).
        if (
          text
            ? this.#helpTexts.includes(line)
            : line.startsWith('{"type":"welcome"')
        ) {
          this.#welcome();
          this.#welcome = null;
        }
        continue;
      }
      const b = this.#current;
      if (b) {
        b.received++;
        if (text) {
          if (line.startsWith("! ")) b.errors++;
          if (!isClean(line) && b.unclean.length < 5) b.unclean.push(line);
        } else if (line.startsWith('{"type":"error"')) {
          b.errors++;
          if (line.includes('"code":"rate_limited"')) b.rateLimited++;
        }
      }
      if (text) {
        if (this.#helpTexts.includes(line)) {
          this.#seen.add(this.#sync);
          this.#wake?.();
        }
      } else if (line.startsWith('{"type":"pong","id":"~sync~')) {
        this.#seen.add(Number(line.slice(27, line.indexOf('"', 27))));
        this.#wake?.();
      } else if (line.startsWith('{"type":"bye"')) {
        this.bye = JSON.parse(line).reason;
      }
    }
    this.#ended = true;
    this.#wake?.();
  }

  /** True once the host closed the connection. */
  get ended(): boolean {
    return this.#ended;
  }

  /**
   * Sends `lines` then the sync line; resolves when the host answered it.
   * @param lines the batch
   */
  async batch(lines: readonly FuzzLine[]): Promise<BatchResult> {
    const id = ++this.#sync;
    const sync = this.role === "text"
      ? "/help"
      : `{"type":"ping","id":"~sync~${id}"}`;
    const parts = lines.flatMap((l) => [l.bytes, NL]);
    parts.push(encoder.encode(sync + "\n"));
    const result: BatchResult = {
      errors: 0,
      rateLimited: 0,
      received: 0,
      unclean: [],
      closed: false,
    };
    this.#current = result;
    const writing = this.#write(concat(...parts)).catch(() => {});
    while (!this.#seen.has(id) && !this.#ended) {
      await new Promise<void>((r) => this.#wake = r);
      this.#wake = null;
    }
    await writing;
    this.#current = null;
    result.closed = !this.#seen.delete(id);
    return result;
  }

  /** Closes the connection and waits for the reader. */
  async close(): Promise<void> {
    try {
      this.#conn.close();
    } catch { /* closed */ }
    await this.#pump;
  }
}

const NL = Uint8Array.of(0x0a);

/** What a lean bot saw. */
export interface BotReport {
  /** Ranking of the first game that ended. */
  ranking: { nickname: string; rank: number; points: number }[] | null;
  /** Lines read. */
  lines: number;
  /** Bytes read. */
  bytes: number;
  /** Chat lines and nicknames that were not clean text. */
  unclean: number;
  /** An example of them. */
  uncleanExample: string | null;
  /** Errors the bot itself got (its own moves refused). */
  errors: string[];
  /** The `bye` reason if the host said goodbye. */
  bye: string | null;
  /** True when the connection ended before the bot closed it. */
  cut: boolean;
}

/**
 * A player on a raw JSON connection whose moves come from the game's bot.
 * It keeps only counters (no lines), so a flood costs it no memory.
 */
export class LeanBot {
  readonly nickname: string;
  readonly report: BotReport = {
    ranking: null,
    lines: 0,
    bytes: 0,
    unclean: 0,
    uncleanExample: null,
    errors: [],
    bye: null,
    cut: false,
  };
  /** Resolves with the ranking of the first game that ends. */
  readonly gameEnd: Promise<BotReport["ranking"]>;
  readonly #conn: Deno.TcpConn;
  readonly #pump: Promise<void>;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #closing = false;
  #ended!: (r: BotReport["ranking"]) => void;
  #failed!: (e: Error) => void;

  private constructor(conn: Deno.TcpConn, nickname: string, seed: number) {
    this.#conn = conn;
    this.nickname = nickname;
    this.gameEnd = new Promise((resolve, reject) => {
      this.#ended = resolve;
      this.#failed = reject;
    });
    this.gameEnd.catch(() => {});
    this.#pump = this.#read(seeded(seed));
  }

  /**
   * Joins `port` as `nickname` and plays whatever game runs.
   * @param port host port on 127.0.0.1
   * @param nickname its nickname
   * @param seed seed of its bot's choices
   */
  static async join(
    port: number,
    nickname: string,
    seed: number,
  ): Promise<LeanBot> {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    const bot = new LeanBot(conn, nickname, seed);
    await bot.#send({ type: "hello", nickname, protocol: 1, lang: "en" });
    return bot;
  }

  async #send(value: unknown): Promise<void> {
    let rest = encoder.encode(JSON.stringify(value) + "\n");
    try {
      while (rest.length) rest = rest.subarray(await this.#conn.write(rest));
    } catch { /* the reader sees the end */ }
  }

  async #read(random: () => number): Promise<void> {
    const sent = new Set<string>();
    const r = this.report;
    for await (
      const f of readFrames(this.#conn, {
        maxLineBytes: 1 << 24,
        bufferBytes: 1 << 16,
      })
    ) {
      if (f.kind !== "line") continue;
      r.lines++;
      r.bytes += f.text.length + 1;
      if (!f.text.startsWith("{")) continue; // the banner
      const e = JSON.parse(f.text);
      switch (e.type) {
        case "chat":
          if (!isClean(e.from) || !isClean(e.text)) {
            r.unclean++;
            r.uncleanExample ??= JSON.stringify(e);
          }
          break;
        case "joined":
          if (!isClean(e.nickname)) r.unclean++;
          break;
        case "game_start":
          sent.clear();
          break;
        case "view": {
          const d = GAMES[e.game]?.bot(e.view, random);
          if (d && !sent.has(d.key)) {
            sent.add(d.key);
            const timer = setTimeout(() => {
              this.#timers.delete(timer);
              this.#send(d.move);
            }, d.delayMs ?? 0);
            this.#timers.add(timer);
          }
          break;
        }
        case "game_end":
          r.ranking ??= e.ranking;
          this.#ended(e.ranking);
          break;
        case "error":
          if (r.errors.length < 10) r.errors.push(e.code);
          break;
        case "bye":
          r.bye = e.reason;
      }
    }
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    if (!this.#closing) r.cut = true;
    this.#failed(
      new Error(`${this.nickname}'s connection ended (bye: ${r.bye})`),
    );
  }

  /** Closes the connection and waits for the reader. */
  async close(): Promise<void> {
    this.#closing = true;
    try {
      this.#conn.close();
    } catch { /* closed */ }
    await this.#pump;
  }
}

/**
 * Shows a line for a report: as JSON text, cut at 300 bytes.
 *
 * @example
 * ```ts
 * import { showLine } from "./fuzz_support.ts";
 * showLine(new TextEncoder().encode("hi")); // '"hi"'
 * ```
 *
 * @param bytes the line
 */
export function showLine(bytes: Uint8Array): string {
  const text = new TextDecoder().decode(bytes.subarray(0, 300));
  return JSON.stringify(text) +
    (bytes.length > 300 ? `…(${bytes.length} B)` : "");
}

/**
 * Replays lines, one at a time, straight into a {@linkcode Room} set up like
 * the fuzzed one (three bots playing, the fuzzers joined, a text-mode
 * player rendering), and returns the lines that make it throw, with the
 * stack: what to report when the live host crashed.
 *
 * @example
 * ```ts
 * import { findCrashingLines } from "./fuzz_support.ts";
 * const line = { bytes: new TextEncoder().encode('{"type":"ping"}'), verdict: "ok" as const };
 * findCrashingLines({ name: "R", hostId: "r", game: "justeprix", hostKey: "k" }, [{ role: "member", lines: [line] }]); // []
 * ```
 *
 * @param options the room's options (games, clock and random are set here)
 * @param batches the lines each role had in flight
 */
export function findCrashingLines(
  options: Omit<RoomOptions, "games" | "clock" | "random">,
  batches: readonly { role: FuzzRole; lines: readonly FuzzLine[] }[],
): string[] {
  const found = new Map<string, string>();
  const room = new Room({
    ...options,
    games: GAMES,
    clock: { now: () => Date.now(), after: () => () => {} },
    random: seeded(1),
  });
  const quiet = { send() {}, close() {} };
  for (const name of ["bot1", "bot2", "bot3"]) {
    room.join({ nickname: name, protocol: 1, lang: "en", mode: "json" }, quiet);
  }
  const session = new TextSession(GAMES, "en", "texter");
  const ids = new Map<FuzzRole, string>();
  const join = (role: FuzzRole, nickname: string) => {
    const r = room.join(
      {
        nickname,
        protocol: 1,
        lang: "en",
        mode: role === "text" ? "text" : "json",
        ...(role === "leader" ? { hostKey: options.hostKey } : {}),
      },
      role === "text"
        ? { send: (m) => void session.render(m), close() {} }
        : quiet,
    );
    if (r.ok) ids.set(role, r.id);
  };
  join("member", "member");
  join("leader", "leader");
  join("text", "texter");
  for (const { role, lines } of batches) {
    for (const line of lines) {
      let text: string;
      try {
        text = strict.decode(line.bytes);
      } catch {
        continue; // never reaches the room
      }
      if (line.bytes.length > MAX_LINE_BYTES) continue;
      try {
        let value: unknown;
        if (role === "text") {
          const input = session.parse(text);
          if (input.kind !== "send") continue;
          value = input.message;
        } else {
          try {
            value = JSON.parse(text);
          } catch {
            continue;
          }
        }
        room.receive(ids.get(role)!, value);
      } catch (e) {
        const stack = e instanceof Error ? e.stack ?? String(e) : String(e);
        const where = stack.split("\n").slice(0, 2).join(" ");
        if (!found.has(where)) {
          found.set(
            where,
            `${role} sends ${showLine(line.bytes)}:\n${
              stack.split("\n").slice(0, 8).join("\n")
            }`,
          );
        }
      }
    }
  }
  room.close();
  return [...found.values()];
}

/** One fuzzing connection of a plan. */
export interface FuzzerSpec {
  /** member, leader (holds the host key) or text. */
  role: FuzzRole;
  /** Nickname it joins with (a prototype name, on purpose). */
  nickname: string;
  /** Its share of the lines. */
  share: number;
}

/** What the fuzzers are to do. */
export interface FuzzPlan {
  /** Host port on 127.0.0.1. */
  port: number;
  /** Seed of every line source. */
  seed: number;
  /** Lines to send in all. */
  lines: number;
  /** Lines a batch (each closed by a sync line). */
  batch: number;
  /** The room's host key (the leader fuzzer sends it). */
  hostKey: string;
  /** The first `/help` line in each language (text-mode sync). */
  helpTexts: string[];
  /** The connections. */
  fuzzers: FuzzerSpec[];
}

/** What the fuzzers saw. */
export interface Tally {
  /** Lines sent. */
  lines: number;
  /** Of which the oracle said `bad`. */
  bad: number;
  /** Errors received (JSON `error`, text `! ` lines). */
  errors: number;
  /** Batches cut by the rate limit (handled, not checked line by line). */
  rateLimitedBatches: number;
  /** Fuzzer connections the host closed, with the bye reason. */
  closed: string[];
  /** Bad lines that got no error (up to 5). */
  missing: { role: FuzzRole; line: string }[];
  /** Lines the oracle says are fine that got an error (up to 5). */
  unexpected: { role: FuzzRole; line: string }[];
  /** Batches that got more errors than lines (JSON mode). */
  excess: number;
  /** Unclean lines a text-mode fuzzer received (up to 5). */
  unclean: string[];
  /** Seconds from the first batch to the last answer. */
  seconds: number;
}

/**
 * Runs a plan: every fuzzer joins, then sends its share in batches,
 * checking each batch against the oracle; a fuzzer the host closes joins
 * again under a new nickname. `stop()` ends it early (the host crashed).
 *
 * @example
 * ```ts ignore
 * const run = runFuzzers(plan, () => false);
 * const tally = await run.done;
 * ```
 *
 * @param plan what to do
 * @param stop true when the run must end now
 */
export function runFuzzers(
  plan: FuzzPlan,
  stop: () => boolean,
): {
  done: Promise<Tally>;
  inFlight: () => { role: FuzzRole; lines: readonly FuzzLine[] }[];
} {
  const tally: Tally = {
    lines: 0,
    bad: 0,
    errors: 0,
    rateLimitedBatches: 0,
    closed: [],
    missing: [],
    unexpected: [],
    excess: 0,
    unclean: [],
    seconds: 0,
  };
  const inFlight = new Map<
    number,
    { role: FuzzRole; lines: readonly FuzzLine[] }
  >();
  const join = (spec: FuzzerSpec, nickname: string) =>
    FuzzClient.join(
      plan.port,
      spec.role,
      nickname,
      plan.hostKey,
      plan.helpTexts,
    );
  const drive = async (k: number, first: FuzzClient) => {
    const spec = plan.fuzzers[k];
    const source = new LineSource(plan.seed + 100 * k, spec.role);
    const quota = Math.round(plan.lines * spec.share);
    let client = first;
    let sent = 0;
    let rejoins = 0;
    try {
      while (sent < quota && !stop()) {
        const lines: FuzzLine[] = [];
        const n = Math.min(plan.batch, quota - sent);
        for (let i = 0; i < n; i++) lines.push(source.next());
        inFlight.set(k, { role: spec.role, lines });
        const r = await client.batch(lines);
        if (stop()) return;
        inFlight.delete(k);
        sent += n;
        tally.lines += n;
        tally.errors += r.errors;
        tally.unclean.push(...r.unclean.slice(0, 5 - tally.unclean.length));
        const bad = lines.filter((l) => l.verdict === "bad").length;
        tally.bad += bad;
        if (r.closed) {
          tally.closed.push(`${client.nickname} (bye: ${client.bye})`);
          await client.close();
          client = await join(
            spec,
            `${spec.nickname.slice(0, 12)}_${++rejoins}`,
          );
          continue;
        }
        if (r.rateLimited > 0) {
          tally.rateLimitedBatches++;
          continue;
        }
        if (spec.role !== "text" && r.errors > n) tally.excess++;
        const any = lines.filter((l) => l.verdict === "any").length;
        // Text mode: another player's chat may still forge a `! ` line.
        const tooMany = spec.role !== "text" && r.errors > bad + any;
        if (
          (r.errors < bad || tooMany) &&
          tally.missing.length + tally.unexpected.length < 5
        ) {
          // Find the culprits: one line, one sync, at a time.
          for (const line of lines) {
            if (tally.missing.length + tally.unexpected.length >= 5) break;
            if (line.verdict === "any") continue;
            const one = await client.batch([line]);
            if (one.closed) break;
            const shown = { role: spec.role, line: showLine(line.bytes) };
            if (line.verdict === "bad" && one.errors === 0) {
              tally.missing.push(shown);
            }
            if (line.verdict === "ok" && one.errors > 0 && tooMany) {
              tally.unexpected.push(shown);
            }
          }
        }
      }
    } finally {
      await client.close();
    }
  };
  const done = (async () => {
    const clients: FuzzClient[] = [];
    for (const spec of plan.fuzzers) {
      clients.push(await join(spec, spec.nickname));
    }
    const started = performance.now();
    await Promise.all(clients.map((c, k) => drive(k, c)));
    tally.seconds = (performance.now() - started) / 1000;
    return tally;
  })();
  return { done, inFlight: () => [...inFlight.values()] };
}
