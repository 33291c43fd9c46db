import assert from "node:assert/strict";
import fc from "fast-check";
import { center, charWidth, fit, truncate, visibleWidth } from "./width.ts";

Deno.test("width: ANSI takes no room, CJK two columns, combining marks none", () => {
  assert.equal(visibleWidth("\x1b[1;36mX\x1b[0m"), 1);
  assert.equal(visibleWidth("漢字"), 4);
  assert.equal(visibleWidth("e\u0301"), 1);
  assert.equal(visibleWidth("┌─╳─┐"), 5);
  assert.equal(charWidth(0x1b), 0);
});

Deno.test("width: truncate cuts by columns and closes styles", () => {
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

Deno.test("width: truncate never exceeds the width (property)", () => {
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
      },
    ),
  );
});
