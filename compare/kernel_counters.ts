/**
 * Real counters from the Linux kernel, when it lets us read them:
 * `ss -tin` for one TCP socket (tcp_info: segments, bytes, retransmissions)
 * and `/proc/net/snmp` for the whole network namespace. Parsers are pure;
 * the two readers are thin and return `null` when the counters cannot be
 * read (not Linux, no `ss`, no permission).
 *
 * @module
 */
import type { TcpSocketCounters } from "./wire_model.ts";

/**
 * Reads the tcp_info counters from `ss -tin` output of one socket; `null`
 * when the text holds no `segs_out` field.
 *
 * @example
 * ```ts
 * import { parseSsInfo } from "./kernel_counters.ts";
 * const c = parseSsInfo("cubic bytes_sent:100 bytes_received:90 segs_out:4 segs_in:3 retrans:0/2");
 * console.log(c?.retransSegs); // 2
 * ```
 */
export function parseSsInfo(text: string): TcpSocketCounters | null {
  const fields = new Map<string, string>();
  for (const token of text.split(/\s+/)) {
    const colon = token.indexOf(":");
    if (colon > 0) fields.set(token.slice(0, colon), token.slice(colon + 1));
  }
  if (!fields.has("segs_out")) return null;
  const num = (key: string) => {
    const n = Number(fields.get(key) ?? 0);
    return Number.isFinite(n) ? n : 0;
  };
  // "retrans:<unacked retransmits>/<total retransmits>"
  const retrans = (fields.get("retrans") ?? "0/0").split("/");
  return {
    segsOut: num("segs_out"),
    segsIn: num("segs_in"),
    bytesSent: num("bytes_sent"),
    bytesReceived: num("bytes_received"),
    bytesRetrans: num("bytes_retrans"),
    retransSegs: Number(retrans[1] ?? retrans[0]) || 0,
  };
}

/**
 * Parses `/proc/net/snmp` (pairs of lines: names, then values) into
 * `{ Tcp: { OutSegs: n, ... }, Udp: { ... } }`.
 *
 * @example
 * ```ts
 * import { parseSnmp } from "./kernel_counters.ts";
 * parseSnmp("Udp: InDatagrams RcvbufErrors\nUdp: 45 2\n").Udp.RcvbufErrors; // 2
 * ```
 */
export function parseSnmp(
  text: string,
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  const lines = text.split("\n").filter((l) => l.includes(":"));
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const [proto, namesText] = lines[i].split(/:\s*/, 2);
    const [proto2, valuesText] = lines[i + 1].split(/:\s*/, 2);
    if (proto !== proto2) {
      i--; // out of step: resynchronize on the next line
      continue;
    }
    const names = namesText.trim().split(/\s+/);
    const values = valuesText.trim().split(/\s+/).map(Number);
    out[proto] = Object.fromEntries(names.map((n, k) => [n, values[k] ?? 0]));
  }
  return out;
}

/**
 * `after − before` for the listed counters of one protocol.
 *
 * @example
 * ```ts
 * import { snmpDelta } from "./kernel_counters.ts";
 * snmpDelta({ Udp: { InErrors: 1 } }, { Udp: { InErrors: 4 } }, "Udp", ["InErrors"]); // { InErrors: 3 }
 * ```
 */
export function snmpDelta(
  before: Record<string, Record<string, number>>,
  after: Record<string, Record<string, number>>,
  proto: string,
  names: readonly string[],
): Record<string, number> {
  return Object.fromEntries(
    names.map((n) => [n, (after[proto]?.[n] ?? 0) - (before[proto]?.[n] ?? 0)]),
  );
}

/**
 * Reads `/proc/net/snmp` of this process's network namespace; `null` when it
 * cannot.
 *
 * @example
 * ```ts
 * import { readSnmp } from "./kernel_counters.ts";
 * const snmp = await readSnmp();
 * console.log(snmp?.Udp?.InDatagrams);
 * ```
 */
export async function readSnmp(): Promise<
  Record<string, Record<string, number>> | null
> {
  try {
    return parseSnmp(await Deno.readTextFile("/proc/net/snmp"));
  } catch {
    return null;
  }
}

/**
 * Asks `ss` for the tcp_info of the established TCP socket from local port
 * `localPort` to remote port `remotePort`; `null` when `ss` is missing or
 * does not show it.
 *
 * @example
 * ```ts
 * import { readSocketCounters } from "./kernel_counters.ts";
 * const counters = await readSocketCounters(40408, 50028);
 * console.log(counters?.retransSegs);
 * ```
 */
export async function readSocketCounters(
  localPort: number,
  remotePort: number,
): Promise<TcpSocketCounters | null> {
  try {
    const out = await new Deno.Command("ss", {
      args: [
        "-tinH",
        "state",
        "established",
        `( sport = :${localPort} and dport = :${remotePort} )`,
      ],
      stdout: "piped",
      stderr: "null",
    }).output();
    if (!out.success) return null;
    return parseSsInfo(new TextDecoder().decode(out.stdout));
  } catch {
    return null;
  }
}
