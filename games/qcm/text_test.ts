import assert from "node:assert/strict";
import fc from "fast-check";
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
  await t.step("display width: wide, combining, ANSI", () => {
    assert.equal(displayWidth("abc"), 3);
    assert.equal(displayWidth("é"), 1);
    assert.equal(displayWidth("e\u0301"), 1);
    assert.equal(displayWidth("中文"), 4);
    assert.equal(displayWidth("\x1b[1;31mab\x1b[0m"), 2);
    assert.equal(displayWidth("█░✓▲◆●■┌─┐"), 10);
  });

  await t.step("truncate and pad", () => {
    assert.equal(truncate("abcdef", 4), "abc…");
    assert.equal(truncate("abc", 3), "abc");
    assert.equal(truncate("中文中文", 5), "中文…");
    assert.equal(truncate("abc", 0), "");
    assert.equal(padEnd("ab", 4), "ab  ");
    assert.equal(padEnd(paint("ab", "red", true), 3), "\x1b[31mab\x1b[0m ");
  });

  await t.step("wrap keeps words and never overflows (property)", () => {
    assert.deepEqual(wrap("the quick brown fox", 9), [
      "the quick",
      "brown fox",
    ]);
    assert.deepEqual(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
    assert.deepEqual(wrap("a\nb", 10), ["a", "b"]);
    assert.deepEqual(wrap("", 10), [""]);
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom("a", "é", " ", "中", "\n", "bb"),
          maxLength: 60,
        }),
        fc.integer({ min: 2, max: 30 }),
        (text, width) => {
          const lines = wrap(text, width);
          for (const l of lines) {
            assert.ok(displayWidth(l) <= width, JSON.stringify(l));
          }
          // No visible character is lost.
          assert.equal(
            lines.join("").replace(/\s/g, ""),
            text.replace(/\s/g, ""),
          );
        },
      ),
    );
  });

  await t.step("bar and paint", () => {
    assert.equal(bar(0.5, 4), "██░░");
    assert.equal(bar(2, 3), "███");
    assert.equal(bar(NaN, 2, " "), "  ");
    assert.equal(paint("x", "bold", false), "x");
    assert.equal(stripAnsi(paint("x", "bgGreen", true)), "x");
  });
});
