import assert from "node:assert/strict";
import { fakeReport } from "./testing.ts";
import { renderMarkdown, renderTable, tableRows } from "./table.ts";

const report = fakeReport({
  count: 1000,
  udp: { lost: Array.from({ length: 49 }, (_, i) => i * 20) },
  tcp: { rtt: (seq) => (seq % 100 === 0 ? 230 : 0.4) },
});

Deno.test("rows hold the measured values, one explanation each", () => {
  const rows = tableRows(report, "en");
  const row = (key: string) => rows.find((r) => r.key === key)!;
  assert.deepEqual([row("lost").udp, row("lost").tcp], ["49", "0"]);
  assert.deepEqual([row("delivered").udp, row("delivered").tcp], [
    "951",
    "1,000",
  ]);
  assert.deepEqual([row("setup").udp, row("setup").tcp], ["—", "0.5 ms"]);
  assert.equal(row("late").tcp, "10");
  assert.equal(row("late").label, "late (> 200 ms)");
  assert.equal(row("rtt_max").tcp, "230 ms");
  assert.equal(row("rtt_p50").tcp, "0.4 ms");
  assert.equal(row("retrans").tcp, "n/a");
  assert.ok(rows.every((r) => r.help.length > 10 && !r.help.includes("{")));
  assert.equal(rows.some((r) => r.key.startsWith("stale")), false);
});

Deno.test("the stream profile adds the staleness rows", () => {
  const stream = fakeReport({
    count: 100,
    profile: "stream",
    udp: {},
    tcp: {},
  });
  const keys = tableRows(stream, "fr").map((r) => r.key);
  assert.ok(keys.includes("stale_p50") && keys.includes("stale_p99"));
});

Deno.test("text table: two columns, French labels", () => {
  const text = renderTable(report, "fr");
  assert.match(text, /UDP │ +TCP/);
  assert.match(text, /^perdus +49 │ +0$/m);
  assert.match(text, /profil « jeu »/);
});

Deno.test("Markdown table: one line per row plus the header", () => {
  const md = renderMarkdown(report, "en").split("\n");
  assert.equal(md.length, 2 + tableRows(report, "en").length);
  assert.equal(md[0], "| metric | UDP | TCP | meaning |");
  assert.ok(md.includes(
    "| lost | 49 | 0 | sent − delivered, after waiting 2000 ms for late ones |",
  ));
});
