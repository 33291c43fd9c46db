/**
 * A small hand-written SVG: round-trip time of each message (x = sequence
 * number, y = ms on a log scale) for UDP and TCP, lost messages as marks
 * under the axis, and the "late" threshold as a dashed line. Pure.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import type { CompareReport } from "./report.ts";
import { formatNumber } from "./format.ts";
import { t } from "./translator.ts";

/** Series colors: UDP blue, TCP orange. */
export const COLORS = { udp: "#1f77b4", tcp: "#e8710a" } as const;

const W = 900;
const H = 440;
const LEFT = 70;
const RIGHT = 20;
const TOP = 50;
const BOTTOM = 90;

/**
 * Draws the chart of a report.
 *
 * @example
 * ```ts
 * import { renderChart } from "./chart.ts";
 * import { fakeReport } from "./testing.ts";
 * const report = fakeReport({ count: 10, udp: { lost: [3] }, tcp: {} });
 * const svg = renderChart(report, "en");
 * svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'); // true
 * ```
 */
export function renderChart(report: CompareReport, lang: Lang): string {
  const { workload } = report;
  const series = { udp: report.udp.rttSeriesMs, tcp: report.tcp.rttSeriesMs };
  const all = [...series.udp, ...series.tcp].filter(
    (v): v is number => v !== null && v > 0,
  );
  const lo = all.length ? all.reduce((m, v) => Math.min(m, v)) : 0.01;
  const hi = all.reduce((m, v) => Math.max(m, v), workload.lateMs);
  const d0 = Math.floor(Math.log10(lo));
  const d1 = Math.max(d0 + 1, Math.ceil(Math.log10(hi)));
  const count = Math.max(series.udp.length, series.tcp.length, 2);
  const pw = W - LEFT - RIGHT;
  const ph = H - TOP - BOTTOM;
  const x = (i: number) => LEFT + (i / (count - 1)) * pw;
  const y = (ms: number) => {
    const v = Math.log10(Math.max(ms, 10 ** d0));
    return TOP + ph - ((v - d0) / (d1 - d0)) * ph;
  };
  const r = (v: number) => Math.round(v * 10) / 10;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${
      esc(t(lang, "chart.title", {
        count: formatNumber(workload.count, lang),
        size: workload.size,
        rate: formatNumber(workload.rate, lang, 1),
      }))
    }</text>`,
  );
  // Horizontal grid: one line per decade.
  for (let d = d0; d <= d1; d++) {
    const yy = r(y(10 ** d));
    parts.push(
      `<line x1="${LEFT}" y1="${yy}" x2="${
        W - RIGHT
      }" y2="${yy}" stroke="#ddd"/>`,
      `<text x="${LEFT - 6}" y="${yy + 4}" text-anchor="end">${
        esc(formatNumber(10 ** d, lang, Math.max(0, -d)))
      }</text>`,
    );
  }
  // Vertical ticks: round steps of the sequence (1, 2 or 5 × 10^k).
  const step = niceStep((count - 1) / 5);
  for (let i = 0; i <= count - 1; i += step) {
    const xx = r(x(i));
    parts.push(
      `<line x1="${xx}" y1="${TOP + ph}" x2="${xx}" y2="${
        TOP + ph + 4
      }" stroke="#333"/>`,
      `<text x="${xx}" y="${TOP + ph + 40}" text-anchor="middle">${i}</text>`,
    );
  }
  parts.push(
    `<rect x="${LEFT}" y="${TOP}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`,
    `<text x="${LEFT + pw / 2}" y="${H - 28}" text-anchor="middle">${
      esc(t(lang, "chart.x"))
    }</text>`,
    `<text transform="translate(16 ${
      TOP + ph / 2
    }) rotate(-90)" text-anchor="middle">${esc(t(lang, "chart.y"))}</text>`,
  );
  const lateY = r(y(workload.lateMs));
  parts.push(
    `<line x1="${LEFT}" y1="${lateY}" x2="${
      W - RIGHT
    }" y2="${lateY}" stroke="#c00" stroke-dasharray="6 4"/>`,
    `<text x="${W - RIGHT - 4}" y="${
      lateY - 4
    }" text-anchor="end" fill="#c00">${
      esc(
        t(lang, "chart.late", { late: formatNumber(workload.lateMs, lang, 1) }),
      )
    }</text>`,
  );
  (["udp", "tcp"] as const).forEach((name, k) => {
    let dots = "";
    let lost = "";
    const markY = TOP + ph + 8 + 10 * k;
    series[name].forEach((v, i) => {
      if (v === null) lost += `M${r(x(i))} ${markY}v7`;
      else dots += `M${r(x(i))} ${r(y(v))}h0`;
    });
    parts.push(
      `<path data-series="${name}" d="${dots}" stroke="${
        COLORS[name]
      }" stroke-width="3" stroke-linecap="round" fill="none"/>`,
    );
    if (lost) {
      parts.push(
        `<path data-lost="${name}" d="${lost}" stroke="${
          COLORS[name]
        }" stroke-width="1"/>`,
      );
    }
    const lx = LEFT + 10 + 90 * k;
    parts.push(
      `<circle cx="${lx}" cy="${TOP - 12}" r="4" fill="${COLORS[name]}"/>`,
      `<text x="${lx + 8}" y="${TOP - 8}">${name.toUpperCase()}</text>`,
    );
  });
  parts.push(
    `<text x="${LEFT + 190}" y="${TOP - 8}" fill="#555">${
      esc(t(lang, "chart.lost"))
    }</text>`,
    `</svg>`,
  );
  return parts.join("\n") + "\n";
}

/**
 * The round step (1, 2 or 5 × 10^k) nearest above `raw`.
 *
 * @example
 * ```ts
 * import { niceStep } from "./chart.ts";
 * niceStep(199.8); // 200
 * niceStep(3); // 5
 * ```
 */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const decade = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) {
    if (m * decade >= raw) return Math.max(1, m * decade);
  }
  return 10 * decade;
}

function esc(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(
    ">",
    "&gt;",
  );
}
