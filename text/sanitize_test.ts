import assert from "node:assert/strict";
import fc from "fast-check";
import { isClean, sanitize } from "./sanitize.ts";

// deno-lint-ignore no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

Deno.test("sanitize makes every terminal control visible", async (t) => {
  await t.step("ESC, CSI, OSC and BEL", () => {
    assert.equal(sanitize("\x1b]0;pwned\x07"), "␛]0;pwned␇");
    assert.equal(sanitize("\x1b[2J\x1b[H[admin] hi"), "␛[2J␛[H[admin] hi");
  });
  await t.step("line breaks, tab, NUL, DEL", () => {
    assert.equal(sanitize("a\r\nb\tc\0d\x7f"), "a␍␊b␉c␀d␡");
  });
  await t.step("C1 controls and bidi overrides", () => {
    assert.equal(sanitize("x\u009b2Jy"), "x�2Jy");
    assert.equal(sanitize("\u202eevil\u202c \u2066a\u2069"), "�evil� �a�");
  });
  await t.step("lone surrogates", () => {
    assert.equal(sanitize("a\ud800b"), "a\ufffdb");
  });
  await t.step("letters, accents, CJK and emoji are kept", () => {
    for (const s of ["Zoé", "Chloë", "日本語", "👨‍👩‍👧 👍🏽 ✅", "Ａｌｉｃｅ"]) {
      assert.equal(sanitize(s), s);
      assert.ok(isClean(s));
    }
  });
});

Deno.test("sanitize: nothing unsafe survives, clean text is unchanged (property)", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 64 }), (s) => {
      const out = sanitize(s);
      assert.ok(!UNSAFE.test(out), JSON.stringify(out));
      assert.ok(out.isWellFormed());
      assert.equal(isClean(out), true);
      assert.equal(sanitize(out), out);
      if (isClean(s)) assert.equal(out, s);
    }),
    { numRuns: 2000 },
  );
});
