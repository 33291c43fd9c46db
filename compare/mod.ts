/**
 * `lanplay compare`: the same workload over UDP and over TCP, measured side
 * by side on loopback (default), or across the LAN with `--serve` on one
 * machine and `--peer HOST[:PORT]` on another.
 *
 * @example
 * ```ts
 * import { runCompare } from "./mod.ts";
 * const code = await runCompare(["--count", "50", "--rate", "500"], {
 *   stdout: (s) => console.log(s),
 *   lang: "en",
 * });
 * ```
 *
 * @module
 */
import { lookup } from "node:dns/promises";
import type { Lang } from "../protocol/constants.ts";
import { CompareError } from "./errors.ts";
import {
  type CompareOptions,
  parseCompareArgs,
  scanCompareArgs,
} from "./options.ts";
import { startEchoServer } from "./echo_server.ts";
import { runUdp } from "./udp_run.ts";
import { runTcp } from "./tcp_run.ts";
import { buildReport, type CompareReport, type Target } from "./report.ts";
import { renderTable, renderVerdict } from "./table.ts";
import { verdict } from "./verdict.ts";
import { renderChart } from "./chart.ts";
import { formatNumber } from "./format.ts";
import { t } from "./translator.ts";

export { CompareError } from "./errors.ts";

/** Where `runCompare` writes, and in which language. */
export interface CompareIO {
  /** Receives each block of output text (no trailing newline). */
  stdout: (s: string) => void;
  /** Language of the output, unless the arguments say `--lang`. */
  lang: Lang;
  /** Stops `--serve` (default: SIGINT or SIGTERM). */
  signal?: AbortSignal;
}

/**
 * Runs `lanplay compare` with its own arguments (after the word `compare`)
 * and returns the exit code: 0 done, 1 the measurement failed (peer not
 * answering, port taken...), 2 bad options. Every message goes to
 * `io.stdout`, translated: in the language of `--lang` when the arguments
 * have one, else in `io.lang`.
 *
 * @example
 * ```ts
 * import { runCompare } from "./mod.ts";
 * const out: string[] = [];
 * const code = await runCompare(["--count", "20", "--rate", "1000", "--json"], {
 *   stdout: (s) => out.push(s),
 *   lang: "fr",
 * });
 * console.log(code, JSON.parse(out.at(-1)!).udp.sent); // 0 20
 * ```
 */
export async function runCompare(
  args: string[],
  given: CompareIO,
): Promise<number> {
  const io = { ...given, lang: scanCompareArgs(args).lang ?? given.lang };
  let options: CompareOptions;
  try {
    options = parseCompareArgs(args);
  } catch (err) {
    io.stdout(describeError(err, io.lang));
    return 2;
  }
  if (options.help) {
    io.stdout(t(io.lang, "help"));
    return 0;
  }
  try {
    if (options.mode === "serve") await serve(options, io);
    else await measure(options, io);
    return 0;
  } catch (err) {
    if (err instanceof CompareError) {
      io.stdout(describeError(err, io.lang));
      return 1;
    }
    throw err;
  }
}

/** Measures both transports and returns the report, without printing. */
async function measureBoth(
  options: CompareOptions,
): Promise<CompareReport> {
  const server = options.mode === "loopback"
    ? await startEchoServer({ hostname: "127.0.0.1", port: 0 })
    : null;
  try {
    const host = server ? server.hostname : await resolve(options.host);
    const target: Target = {
      mode: server ? "loopback" : "peer",
      host,
      udpPort: server ? server.udpPort : options.port,
      tcpPort: server ? server.tcpPort : options.port,
    };
    const base = {
      host,
      count: options.count,
      size: options.size,
      rate: options.rate,
      drainMs: options.drainMs,
      lateMs: options.lateMs,
    };
    const udp = await runUdp({ ...base, port: target.udpPort });
    const tcp = await runTcp({ ...base, port: target.tcpPort });
    return buildReport(
      target,
      {
        profile: options.profile,
        count: options.count,
        size: options.size,
        rate: options.rate,
        drainMs: options.drainMs,
        lateMs: options.lateMs,
      },
      udp,
      tcp,
    );
  } finally {
    await server?.close();
  }
}

async function measure(options: CompareOptions, io: CompareIO): Promise<void> {
  const lang = io.lang;
  if (!options.json) {
    io.stdout(t(lang, "progress.start", {
      n: options.count,
      count: formatNumber(options.count, lang),
      rate: formatNumber(options.rate, lang, 1),
      seconds: formatNumber(options.count / options.rate, lang, 1),
    }));
  }
  const report = await measureBoth(options);
  if (options.chart !== null) {
    try {
      await Deno.writeTextFile(options.chart, renderChart(report, lang));
    } catch (err) {
      throw new CompareError(
        "chart_failed",
        `Cannot write the chart to ${options.chart} (${
          (err as Error).message
        }): choose another path.`,
        { file: options.chart, reason: (err as Error).message },
      );
    }
  }
  const sentences = verdict(report, lang);
  if (options.json) {
    io.stdout(JSON.stringify({ ...report, verdict: sentences, lang }));
    return;
  }
  io.stdout(renderTable(report, lang));
  io.stdout(`\n${renderVerdict(sentences, lang)}`);
  if (options.chart !== null) {
    io.stdout(t(lang, "progress.chart", { file: options.chart }));
  }
}

async function serve(options: CompareOptions, io: CompareIO): Promise<void> {
  const server = await startEchoServer({
    hostname: options.bind,
    port: options.port,
  });
  try {
    if (options.json) {
      io.stdout(JSON.stringify({
        kind: "lanplay-compare-serve",
        ready: true,
        host: server.hostname,
        udpPort: server.udpPort,
        tcpPort: server.tcpPort,
      }));
    } else {
      io.stdout(t(io.lang, "serve.ready", {
        host: server.hostname,
        port: server.tcpPort,
      }));
    }
    await stopped(io.signal);
  } finally {
    await server.close();
  }
  if (!options.json) io.stdout(t(io.lang, "serve.stopped"));
}

/** Resolves when `signal` aborts, or on SIGINT / SIGTERM without a signal. */
function stopped(signal: AbortSignal | undefined): Promise<void> {
  if (signal) {
    return signal.aborted
      ? Promise.resolve()
      : new Promise((resolve) =>
        signal.addEventListener("abort", () => resolve(), { once: true })
      );
  }
  return new Promise((resolve) => {
    const names = ["SIGINT", "SIGTERM"] as const;
    const stop = () => {
      for (const name of names) Deno.removeSignalListener(name, stop);
      resolve();
    };
    for (const name of names) Deno.addSignalListener(name, stop);
  });
}

async function resolve(host: string): Promise<string> {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host;
  try {
    return (await lookup(host, { family: 4 })).address;
  } catch (err) {
    throw new CompareError(
      "resolve_failed",
      `Cannot find the address of "${host}" (${
        (err as Error).message
      }): give an IPv4 address with --peer.`,
      { host, reason: (err as Error).message },
    );
  }
}

function describeError(err: unknown, lang: Lang): string {
  if (err instanceof CompareError) {
    return t(lang, `error.${err.code}`, err.params);
  }
  throw err;
}
