import assert from "node:assert/strict";
import {
  bar,
  displayWidth,
  padEnd,
  paint,
  stripAnsi,
  truncate,
  wrap,
} from "./text.ts";

Deno.test("text helpers", async (t) => {
  await t.step("the view's names for the shared helpers", () => {
    assert.equal(displayWidth("\x1b[1;31m中b\x1b[0m"), 3);
    assert.equal(truncate("abcdef", 4), "abc…");
    assert.equal(padEnd(paint("ab", "red", true), 3), "\x1b[31mab\x1b[0m ");
    assert.deepEqual(wrap("the quick brown fox", 9), [
      "the quick",
      "brown fox",
    ]);
  });

  await t.step("bar and paint", () => {
    assert.equal(bar(0.5, 4), "██░░");
    assert.equal(bar(2, 3), "███");
    assert.equal(bar(NaN, 2, " "), "  ");
    assert.equal(paint("x", "bold", false), "x");
    assert.equal(paint("x", "bgYellow", true), "\x1b[43;30mx\x1b[0m");
    assert.equal(paint("", "bold", true), "");
    assert.equal(stripAnsi(paint("x", "bgGreen", true)), "x");
  });
});
