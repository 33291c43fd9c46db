import assert from "node:assert/strict";
import fc from "fast-check";
import { cut, pad, styler, visibleWidth, wrap } from "./layout.ts";

Deno.test("layout", async (t) => {
  await t.step("width ignores styles and counts wide characters twice", () => {
    assert.equal(visibleWidth(styler(true)("abc", "bold", "red")), 3);
    assert.equal(visibleWidth("日本"), 4);
    assert.equal(visibleWidth("é"), 1);
  });
  await t.step("cut and pad never exceed the width", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.integer({ min: 1, max: 30 }),
        (s, w) => {
          // deno-lint-ignore no-control-regex
          const clean = s.replace(/[\x00-\x1f\x7f]/g, "");
          assert.ok(visibleWidth(cut(clean, w)) <= w);
          assert.equal(visibleWidth(pad(clean, w)), w);
        },
      ),
    );
  });
  await t.step("wrap keeps words and width", () => {
    assert.deepEqual(wrap("un deux trois", 7), ["un deux", "trois"]);
    assert.deepEqual(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { maxLength: 20 }),
        fc.integer({ min: 2, max: 20 }),
        (words, w) => {
          for (const line of wrap(words.join(" "), w)) {
            assert.ok(visibleWidth(line) <= w);
          }
        },
      ),
    );
  });
  await t.step("no color means no escape codes", () => {
    assert.equal(styler(false)("x", "bold"), "x");
  });
});
