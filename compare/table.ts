/**
 * The side-by-side table (UDP | TCP, one explanation per row), as plain text
 * for the terminal or as Markdown for the docs. Pure.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import type { CompareReport, TransportReport } from "./report.ts";
import type { Distribution } from "./stats.ts";
import { formatMs, formatNumber } from "./format.ts";
import { t } from "./translator.ts";
import { wrap } from "../text/layout.ts";

/**
 * Columns the terminal text is wrapped to (at word boundaries), unless told:
 * the usual terminal width, so that no line is broken mid-word by the
 * terminal.
 *
 * @example
 * ```ts
 * import { TEXT_WIDTH } from "./table.ts";
 * TEXT_WIDTH; // 80
 * ```
 */
export const TEXT_WIDTH = 80;

/**
 * `text` wrapped to `width` columns, each line after `indent`; a French
 * quotation (`profil « jeu »`) stays on one line with the word before it.
 */
function wrapped(text: string, indent: string, width: number): string[] {
  const room = Math.max(20, width - indent.length);
  const held = text.replace(/ ?« ([^»]*?) »/g, (q) => q.replaceAll(" ", NBSP));
  return wrap(held, room).map((l) => indent + l.replaceAll(NBSP, " "));
}

const NBSP = "\u00a0";

/** One row: a label, the UDP and TCP values, and what the row means. */
export interface Row {
  /** Catalog key of the row (`row.<key>`, `help.<key>`). */
  key: string;
  /** Translated label. */
  label: string;
  /** UDP value, formatted. */
  udp: string;
  /** TCP value, formatted. */
  tcp: string;
  /** One-line explanation. */
  help: string;
}

/**
 * The rows of a report, translated; the staleness rows only for the stream
 * profile.
 *
 * @example
 * ```ts
 * import { tableRows } from "./table.ts";
 * import { fakeReport } from "./testing.ts";
 * const report = fakeReport({ count: 10, udp: { lost: [3] }, tcp: {} });
 * const delivered = tableRows(report, "en").find((r) => r.key === "delivered");
 * [delivered?.udp, delivered?.tcp]; // ["9", "10"]
 * ```
 */
export function tableRows(report: CompareReport, lang: Lang): Row[] {
  const { udp, tcp, workload } = report;
  const params = {
    late: formatNumber(workload.lateMs, lang, 1),
    drain: workload.drainMs,
  };
  const none = t(lang, "none");
  const ms = (v: number | null | undefined) =>
    v === null || v === undefined
      ? none
      : t(lang, "unit.ms", { v: formatMs(v, lang) });
  const int = (v: number) => formatNumber(v, lang);
  const dist = (pick: (d: Distribution) => number) => (r: TransportReport) =>
    ms(r.rttMs ? pick(r.rttMs) : null);
  const stale = (pick: (d: Distribution) => number) => (r: TransportReport) =>
    ms(r.stalenessMs ? pick(r.stalenessMs) : null);
  const defs: [string, (r: TransportReport) => string][] = [
    ["setup", (r) => ms(r.setupMs)],
    ["sent", (r) => int(r.sent)],
    ["delivered", (r) => int(r.delivered)],
    ["lost", (r) => int(r.lost)],
    ["duplicated", (r) => int(r.duplicated)],
    ["reordered", (r) => int(r.reordered)],
    ["rtt_p50", dist((d) => d.p50)],
    ["rtt_p95", dist((d) => d.p95)],
    ["rtt_p99", dist((d) => d.p99)],
    ["rtt_max", dist((d) => d.max)],
    ["late", (r) => int(r.late)],
    [
      "goodput",
      (r) =>
        t(lang, "unit.kbps", { v: formatNumber(r.goodputBps / 1000, lang, 1) }),
    ],
    [
      "wire",
      (r) =>
        t(lang, "unit.bytes", { v: formatNumber(r.wire.perMessage, lang, 0) }),
    ],
    [
      "retrans",
      (r) =>
        r.transport === "udp"
          ? none
          : r.retransSegs === null
          ? t(lang, "unknown")
          : int(r.retransSegs),
    ],
  ];
  if (workload.profile === "stream") {
    defs.push(["stale_p50", stale((d) => d.p50)], [
      "stale_p99",
      stale((d) => d.p99),
    ]);
  }
  return defs.map(([key, value]) => ({
    key,
    label: t(lang, `row.${key}`, params),
    udp: value(udp),
    tcp: value(tcp),
    help: t(lang, `help.${key}`, {
      ...params,
      source: t(lang, `source.${tcp.wire.source}`),
    }),
  }));
}

/**
 * The title line of a report.
 *
 * @example
 * ```ts
 * import { reportTitle } from "./table.ts";
 * import { fakeReport } from "./testing.ts";
 * const report = fakeReport({ count: 10, udp: { lost: [3] }, tcp: {} });
 * reportTitle(report, "en");
 * // 'lanplay compare: UDP vs TCP, 10 messages of 64 bytes at 200/s, profile "game", both ends on this machine (127.0.0.1)'
 * ```
 */
export function reportTitle(report: CompareReport, lang: Lang): string {
  const { workload, target } = report;
  return t(lang, "title", {
    count: formatNumber(workload.count, lang),
    size: workload.size,
    rate: formatNumber(workload.rate, lang, 1),
    profile: t(lang, `profile.${workload.profile}`),
    where: t(lang, `where.${target.mode}`, { ...target }),
  });
}

/**
 * The table as terminal text: a label column, UDP, TCP, and the
 * explanation on the next line; the title and the explanations are wrapped
 * at word boundaries to `width` columns.
 *
 * @example
 * ```ts
 * import { renderTable } from "./table.ts";
 * import { fakeReport } from "./testing.ts";
 * const report = fakeReport({ count: 10, udp: { lost: [3] }, tcp: {} });
 * const lines = renderTable(report, "en").split("\n");
 * lines.find((l) => l.endsWith("TCP")); // "                               UDP │          TCP"
 * lines.every((l) => l.length <= 80); // true
 * ```
 */
export function renderTable(
  report: CompareReport,
  lang: Lang,
  width: number = TEXT_WIDTH,
): string {
  const rows = tableRows(report, lang);
  const w0 = Math.max(...rows.map((r) => r.label.length));
  const w1 = Math.max(3, ...rows.map((r) => r.udp.length));
  const w2 = Math.max(3, ...rows.map((r) => r.tcp.length));
  const line = (a: string, b: string, c: string) =>
    `${a.padEnd(w0)}  ${b.padStart(w1)} │ ${c.padStart(w2)}`;
  const out = [
    ...wrapped(reportTitle(report, lang), "", width),
    "",
    line("", "UDP", "TCP"),
    `${"".padEnd(w0)}  ${"─".repeat(w1)}─┼─${"─".repeat(w2)}`,
  ];
  for (const r of rows) {
    out.push(line(r.label, r.udp, r.tcp));
    out.push(...wrapped(r.help, "    ", width));
  }
  return out.join("\n");
}

/**
 * The verdict as terminal text: its title, then each sentence indented and
 * wrapped at word boundaries to `width` columns.
 *
 * @example
 * ```ts
 * import { renderVerdict } from "./table.ts";
 * renderVerdict(["UDP lost 3 of 10 messages.", "TCP lost none."], "en");
 * // "Verdict\n  UDP lost 3 of 10 messages.\n  TCP lost none."
 * ```
 */
export function renderVerdict(
  sentences: readonly string[],
  lang: Lang,
  width: number = TEXT_WIDTH,
): string {
  return [
    t(lang, "verdict.title"),
    ...sentences.flatMap((s) => wrapped(s, "  ", width)),
  ].join("\n");
}

/**
 * The table as Markdown (for docs/udp-vs-tcp.md).
 *
 * @example
 * ```ts
 * import { renderMarkdown } from "./table.ts";
 * import { fakeReport } from "./testing.ts";
 * const report = fakeReport({ count: 10, udp: { lost: [3] }, tcp: {} });
 * renderMarkdown(report, "en").split("\n")[0]; // "| metric | UDP | TCP | meaning |"
 * ```
 */
export function renderMarkdown(report: CompareReport, lang: Lang): string {
  const esc = (s: string) => s.replaceAll("|", "\\|");
  const out = [
    `| ${t(lang, "col.metric")} | UDP | TCP | ${t(lang, "col.meaning")} |`,
    "|---|--:|--:|---|",
  ];
  for (const r of tableRows(report, lang)) {
    out.push(
      `| ${esc(r.label)} | ${esc(r.udp)} | ${esc(r.tcp)} | ${esc(r.help)} |`,
    );
  }
  return out.join("\n");
}
