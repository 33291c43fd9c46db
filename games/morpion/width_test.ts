import assert from "node:assert/strict";
import fc from "fast-check";
import { stripAnsi } from "../../text/layout.ts";
import { center, fit, truncate, visibleWidth } from "./width.ts";

Deno.test("width: truncate cuts by columns, no ellipsis, closes styles", () => {
  assert.equal(truncate("morpion", 4), "morp");
  assert.equal(truncate("漢字漢", 3), "漢");
  assert.equal(truncate("\x1b[1mbold\x1b[0m", 2), "\x1b[1mbo\x1b[0m");
  assert.equal(truncate("short", 10), "short");
  assert.equal(truncate("abc", 0), "");
});

Deno.test("width: fit pads to the exact width, center puts text in the middle", () => {
  assert.equal(fit("ab", 4), "ab  ");
  assert.equal(fit("abcdef", 4), "abcd");
  assert.equal(center("ab", 6), "  ab");
  assert.equal(center("abcdef", 3), "abc");
});

Deno.test("width: truncate and fit never exceed the width (property)", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          fc.string(),
          fc.constantFrom("漢", "\x1b[7m", "\x1b[0m", "╳", "é"),
        ),
        { maxLength: 20 },
      ),
      fc.integer({ min: 0, max: 30 }),
      (parts, width) => {
        const text = parts.join("");
        assert.ok(visibleWidth(truncate(text, width)) <= width);
        assert.equal(visibleWidth(fit(text, width)), width);
        // A plain cut: what shows is the start of what was given.
        assert.ok(stripAnsi(text).startsWith(stripAnsi(truncate(text, width))));
      },
    ),
  );
});
