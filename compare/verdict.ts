/**
 * The verdict in plain words, computed from the measured numbers only.
 * Pure.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import type { CompareReport } from "./report.ts";
import { formatMs, formatNumber, formatPercent } from "./format.ts";
import { t } from "./translator.ts";

/**
 * Sentences saying what the run showed: UDP's losses (and duplicates,
 * reordering), TCP's losses and lateness (head-of-line blocking), the
 * handshake cost, and for the stream profile which one kept the newest
 * state fresher.
 *
 * @example
 * ```ts
 * import { verdict } from "./verdict.ts";
 * import { fakeReport } from "./testing.ts";
 * const report = fakeReport({ count: 10, udp: { lost: [3] }, tcp: {} });
 * verdict(report, "fr")[0]; // "UDP a perdu 1 réponse sur 10 (10 %)."
 * ```
 */
export function verdict(report: CompareReport, lang: Lang): string[] {
  const { udp, tcp, workload } = report;
  const p = workload.profile;
  const n = (v: number) => formatNumber(v, lang);
  const ms = (v: number) => formatMs(v, lang);
  const pct = (part: number, whole: number) =>
    t(lang, "pct", { v: formatPercent(part, whole, lang) });
  const out: string[] = [];

  out.push(
    udp.lost > 0
      ? t(lang, `verdict.${p}.udp_lost`, {
        n: udp.lost,
        lost: n(udp.lost),
        sent: n(udp.sent),
        pct: pct(udp.lost, udp.sent),
      })
      : t(lang, `verdict.${p}.udp_none`, { n: udp.sent, sent: n(udp.sent) }),
  );
  if (udp.duplicated > 0 || udp.reordered > 0) {
    out.push(
      t(lang, "verdict.udp_mess", {
        dup: n(udp.duplicated),
        reord: n(udp.reordered),
      }),
    );
  }

  let tcpLine = tcp.lost > 0
    ? t(lang, "verdict.tcp_lost", {
      lost: n(tcp.lost),
      drain: n(workload.drainMs),
    })
    : t(lang, "verdict.tcp_none");
  const late = {
    late: formatNumber(workload.lateMs, lang, 1),
    p50: ms(tcp.rttMs?.p50 ?? 0),
    max: ms(tcp.rttMs?.max ?? 0),
  };
  tcpLine += tcp.late > 0
    ? t(lang, "verdict.tcp_late", {
      ...late,
      pct: pct(tcp.late, tcp.delivered),
    })
    : tcp.rttMs
    ? t(lang, "verdict.tcp_prompt", late)
    : ".";
  out.push(tcpLine);
  if (tcp.retransSegs) {
    out.push(t(lang, "verdict.tcp_retrans", {
      n: tcp.retransSegs,
      count: n(tcp.retransSegs),
    }));
  }
  if (tcp.setupMs !== null) {
    out.push(t(lang, "verdict.setup", { ms: ms(tcp.setupMs) }));
  }

  if (p === "game") {
    if (udp.lost > 0 && tcp.lost === 0) {
      out.push(t(lang, "verdict.game.tcp_wins"));
    } else if (udp.lost === 0 && tcp.lost === 0) {
      out.push(t(lang, "verdict.game.clean"));
    }
  } else if (udp.stalenessMs && tcp.stalenessMs) {
    const u = udp.stalenessMs;
    const c = tcp.stalenessMs;
    out.push(t(lang, "verdict.stream.staleness", {
      u50: ms(u.p50),
      u99: ms(u.p99),
      t50: ms(c.p50),
      t99: ms(c.p99),
    }));
    out.push(t(lang, `verdict.stream.${fresher(u.p99, c.p99)}`));
  }
  return out;
}

/**
 * Which transport kept the newest state fresher, from the two p99 ages: a
 * difference under 20 % (or under 2 ms) counts as the same.
 *
 * @example
 * ```ts
 * import { fresher } from "./verdict.ts";
 * fresher(20, 230); // "udp_fresher"
 * fresher(20, 21); // "same"
 * ```
 */
export function fresher(
  udpP99: number,
  tcpP99: number,
): "udp_fresher" | "tcp_fresher" | "same" {
  const diff = tcpP99 - udpP99;
  if (Math.abs(diff) < 2 || Math.abs(diff) < 0.2 * Math.min(udpP99, tcpP99)) {
    return "same";
  }
  return diff > 0 ? "udp_fresher" : "tcp_fresher";
}
