import assert from "node:assert/strict";
import { formatMs, formatNumber, formatPercent } from "./format.ts";

Deno.test("numbers the French and the English way", () => {
  assert.equal(formatNumber(1234.56, "en", 1), "1,234.6");
  assert.equal(formatNumber(0.5, "fr", 1), "0,5");
  assert.equal(formatNumber(3, "fr"), "3");
});

Deno.test("milliseconds keep sensible precision", () => {
  assert.equal(formatMs(0.04321, "en"), "0.043");
  assert.equal(formatMs(4.321, "en"), "4.32");
  assert.equal(formatMs(43.21, "en"), "43.2");
  assert.equal(formatMs(432.1, "fr"), "432");
});

Deno.test("percentages", () => {
  assert.equal(formatPercent(49, 1000, "fr"), "4,9");
  assert.equal(formatPercent(3, 1000, "en"), "0.3");
  assert.equal(formatPercent(1, 3000, "en"), "0.03");
  assert.equal(formatPercent(0, 1000, "en"), "0");
  assert.equal(formatPercent(1, 0, "en"), "0");
});
