import assert from "node:assert/strict";
import { renderTable, renderVerdict, tableRows, TEXT_WIDTH } from "./table.ts";
import { fakeReport } from "./testing.ts";
import { visibleWidth } from "../text/layout.ts";

const report = fakeReport({ count: 1000, udp: { lost: [3, 9] }, tcp: {} });
const LONG = "UDP a perdu 2 messages sur 1000 : un jeu en temps réel préfère " +
  "une position fraîche à une position complète, alors que le chat et les " +
  "réponses d'un QCM doivent toutes arriver, dans l'ordre.";

/** `text` is in `lines`, broken only where it had spaces. */
function wordsWhole(text: string, lines: string[]): void {
  const joined = lines.map((l) => l.trim()).join(" ");
  assert.ok(joined.includes(text.replace(/\s+/g, " ")), text);
}

for (const lang of ["fr", "en"] as const) {
  for (const width of [TEXT_WIDTH, 100, 60]) {
    Deno.test(`compare text (${lang}, ${width} columns): wrapped at word boundaries`, () => {
      const lines = renderTable(report, lang, width).split("\n");
      for (const l of lines) {
        assert.ok(visibleWidth(l) <= width, `too wide (${width}): ${l}`);
      }
      for (const row of tableRows(report, lang)) wordsWhole(row.help, lines);
      const verdict = renderVerdict([LONG, "TCP : 0."], lang, width)
        .split("\n");
      for (const l of verdict) assert.ok(visibleWidth(l) <= width, l);
      assert.ok(verdict.slice(1).every((l) => l.startsWith("  ")));
      wordsWhole(LONG, verdict);
    });
  }
}

Deno.test("compare text: a help longer than the width takes several lines", () => {
  const lines = renderTable(report, "en", 60).split("\n");
  const helps = tableRows(report, "en").map((r) => r.help);
  assert.ok(helps.some((h) => h.length > 56), "a long explanation exists");
  assert.ok(lines.length > 4 + 2 * helps.length, "it was wrapped");
});
