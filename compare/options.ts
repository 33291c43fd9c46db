/**
 * Command-line options of `lanplay compare`, parsed with `node:util`
 * parseArgs and checked; pure (no I/O).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { type Lang, LANGS } from "../protocol/constants.ts";
import { CompareError } from "./errors.ts";
import { HEADER_BYTES, MAX_MESSAGE_BYTES } from "./packet.ts";

/** Default port of `compare --serve`, for UDP and TCP. */
export const COMPARE_PORT = 50028;

/** What the workload stands for. */
export type Profile = "game" | "stream";

/** Default rate per profile, messages per second. */
export const DEFAULT_RATE: Record<Profile, number> = { game: 200, stream: 60 };

/** Checked options. */
export interface CompareOptions {
  /** loopback: both ends here; serve: reflector only; peer: measure a remote reflector. */
  mode: "loopback" | "serve" | "peer";
  /** Remote host (peer mode). */
  host: string;
  /** Port: remote (peer) or to listen on (serve). */
  port: number;
  /** Address the reflector listens on (serve mode). */
  bind: string;
  /** Messages per transport. */
  count: number;
  /** Bytes per message. */
  size: number;
  /** Messages per second. */
  rate: number;
  /** What the messages stand for. */
  profile: Profile;
  /** Wait for stragglers after the last send, ms. */
  drainMs: number;
  /** A round trip above this is late, ms. */
  lateMs: number;
  /** Print one JSON object instead of the table. */
  json: boolean;
  /** Write an SVG chart to this file. */
  chart: string | null;
  /** Print the help. */
  help: boolean;
}

/** The options of `compare`, as `parseArgs` takes them. */
const OPTIONS = {
  serve: { type: "boolean", default: false },
  peer: { type: "string" },
  port: { type: "string" },
  bind: { type: "string", default: "0.0.0.0" },
  count: { type: "string", default: "1000" },
  size: { type: "string", default: "64" },
  rate: { type: "string" },
  profile: { type: "string", default: "game" },
  drain: { type: "string", default: "2000" },
  late: { type: "string", default: "200" },
  json: { type: "boolean", default: false },
  chart: { type: "string" },
  lang: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** What {@linkcode scanCompareArgs} finds before the options are checked. */
export interface CompareArgsScan {
  /** `--lang` when it names a language of lanplay, else `null`. */
  lang: Lang | null;
  /** True when `--peer` is given without an address (to be discovered). */
  barePeer: boolean;
  /** Index in the arguments of a bare `--peer`, else `-1`. */
  peerAt: number;
}

/**
 * Looks at `compare` arguments with `parseArgs` without judging them: the
 * language asked (`--lang fr` or `--lang=fr`, so that even a usage error is
 * said in it) and a `--peer` without an address.
 *
 * @example
 * ```ts
 * import { scanCompareArgs } from "./options.ts";
 * scanCompareArgs(["--lang=fr", "--help"]).lang; // "fr"
 * scanCompareArgs(["--peer", "--count", "10"]).barePeer; // true
 * scanCompareArgs(["--peer", "lan1"]).barePeer; // false
 * ```
 */
export function scanCompareArgs(args: string[]): CompareArgsScan {
  const { values, tokens } = parseArgs({
    args,
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const peer = tokens.find((t) => t.kind === "option" && t.name === "peer");
  const bare = peer?.kind === "option" &&
    (peer.value === undefined ||
      (!peer.inlineValue && peer.value.startsWith("-")));
  const lang = (LANGS as readonly unknown[]).includes(values.lang)
    ? values.lang as Lang
    : null;
  return { lang, barePeer: bare, peerAt: bare ? peer.index : -1 };
}

/**
 * Puts `address` after a bare `--peer`; other arguments are kept (and
 * returned as they are when `--peer` has an address or is absent).
 *
 * @example
 * ```ts
 * import { fillPeer } from "./options.ts";
 * fillPeer(["--peer", "--count", "10"], "198.18.0.1:50028");
 * // ["--peer", "198.18.0.1:50028", "--count", "10"]
 * fillPeer(["--count", "10"], "198.18.0.1:50028"); // ["--count", "10"]
 * ```
 */
export function fillPeer(args: string[], address: string): string[] {
  const { peerAt } = scanCompareArgs(args);
  if (peerAt < 0) return args;
  return [...args.slice(0, peerAt + 1), address, ...args.slice(peerAt + 1)];
}

/**
 * Parses and checks `compare` arguments (`--lang` is accepted here and read
 * by {@linkcode scanCompareArgs}); throws a {@linkcode CompareError}
 * naming the bad option and the accepted range.
 *
 * @example
 * ```ts
 * import { parseCompareArgs } from "./options.ts";
 * const o = parseCompareArgs(["--peer", "198.18.0.1:5000", "--count", "500"]);
 * console.log(o.mode, o.host, o.port, o.count); // "peer" "198.18.0.1" 5000 500
 * ```
 */
export function parseCompareArgs(args: string[]): CompareOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: OPTIONS,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new CompareError(
      "bad_args",
      `${(err as Error).message}: see "lanplay compare --help".`,
      { reason: (err as Error).message },
    );
  }
  const profile = values.profile;
  if (profile !== "game" && profile !== "stream") {
    throw new CompareError(
      "bad_profile",
      `--profile must be "game" or "stream", not "${profile}".`,
      { value: profile },
    );
  }
  if (values.serve && values.peer !== undefined) {
    throw new CompareError(
      "serve_and_peer",
      "--serve and --peer exclude each other: --serve on one machine, --peer HOST on the other.",
    );
  }
  let port = values.port === undefined
    ? COMPARE_PORT
    : integer("port", values.port, values.serve ? 0 : 1, 65535);
  let host = "127.0.0.1";
  if (values.peer !== undefined) {
    const peer = parsePeer(values.peer);
    host = peer.host;
    if (peer.port !== null) port = peer.port;
  }
  return {
    mode: values.serve
      ? "serve"
      : values.peer !== undefined
      ? "peer"
      : "loopback",
    host,
    port,
    bind: values.bind,
    count: integer("count", values.count, 1, 100_000),
    size: integer("size", values.size, HEADER_BYTES, MAX_MESSAGE_BYTES),
    rate: values.rate === undefined
      ? DEFAULT_RATE[profile]
      : number("rate", values.rate, 0.1, 100_000),
    profile,
    drainMs: integer("drain", values.drain, 0, 600_000),
    lateMs: number("late", values.late, 0.001, 600_000),
    json: values.json,
    chart: values.chart ?? null,
    help: values.help,
  };
}

/**
 * Splits `HOST[:PORT]`; the port is `null` when absent.
 *
 * @example
 * ```ts
 * import { parsePeer } from "./options.ts";
 * parsePeer("salle-b12:50028"); // { host: "salle-b12", port: 50028 }
 * parsePeer("10.0.0.7"); // { host: "10.0.0.7", port: null }
 * ```
 */
export function parsePeer(text: string): { host: string; port: number | null } {
  const match = /^([A-Za-z0-9.\-_]+)(?::(\d+))?$/.exec(text.trim());
  if (!match) {
    throw new CompareError(
      "bad_peer",
      `--peer wants HOST or HOST:PORT (IPv4 address or name), not "${text}".`,
      { value: text },
    );
  }
  return {
    host: match[1],
    port: match[2] === undefined ? null : integer("peer", match[2], 1, 65535),
  };
}

function number(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n < min || n > max) {
    throw new CompareError(
      "bad_number",
      `--${name} must be a number from ${min} to ${max}, not "${text}".`,
      { option: name, value: text, min, max },
    );
  }
  return n;
}

function integer(name: string, text: string, min: number, max: number): number {
  const n = number(name, text, min, max);
  if (!Number.isInteger(n)) {
    throw new CompareError(
      "bad_number",
      `--${name} must be a whole number from ${min} to ${max}, not "${text}".`,
      { option: name, value: text, min, max },
    );
  }
  return n;
}
