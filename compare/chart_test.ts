import assert from "node:assert/strict";
import { fakeReport } from "./testing.ts";
import { niceStep, renderChart } from "./chart.ts";

Deno.test("the chart draws both series and marks each lost message", () => {
  const report = fakeReport({
    count: 200,
    udp: { lost: [3, 50, 199] },
    tcp: { rtt: (seq) => (seq === 120 ? 210 : 0.3) },
  });
  const svg = renderChart(report, "en");
  assert.ok(svg.startsWith("<svg"));
  assert.ok(svg.trimEnd().endsWith("</svg>"));
  const path = (attr: string) =>
    new RegExp(`<path ${attr} d="([^"]*)"`).exec(svg)?.[1] ?? "";
  assert.equal(path('data-series="udp"').split("M").length - 1, 197);
  assert.equal(path('data-series="tcp"').split("M").length - 1, 200);
  assert.equal(path('data-lost="udp"').split("M").length - 1, 3);
  assert.equal(svg.includes('data-lost="tcp"'), false);
  assert.match(svg, />200 ms</);
  assert.match(svg, /round trip \(ms, log scale\)/);
});

Deno.test("the chart speaks French and escapes text", () => {
  const svg = renderChart(fakeReport({ count: 5, udp: {}, tcp: {} }), "fr");
  assert.match(svg, /aller-retour \(ms, échelle log\)/);
  assert.equal(/<text[^>]*>[^<]*&(?!amp;|lt;|gt;)/.test(svg), false);
});

Deno.test("niceStep rounds up to 1, 2 or 5 × 10^k", () => {
  assert.equal(niceStep(199.8), 200);
  assert.equal(niceStep(3), 5);
  assert.equal(niceStep(0.4), 1);
  assert.equal(niceStep(0), 1);
  assert.equal(niceStep(11), 20);
});
