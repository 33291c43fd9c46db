import assert from "node:assert/strict";
import fc from "fast-check";
import stringWidth from "string-width";
import { cut, pad, stripAnsi, styler, visibleWidth, wrap } from "./layout.ts";

/** Emoji of every kind: wide, skin tone, ZWJ family, flag, keycap, VS16. */
const EMOJI = ["✅", "⭐", "👍🏽", "👨‍👩‍👧", "🇫🇷", "1️⃣", "❤️", "🎮", "🏳️‍🌈"];
/** Styles and other ANSI sequences. */
const ANSI = ["\x1b[7m", "\x1b[1;31m", "\x1b[0m", "\x1b[2K"];

/** Pieces that exercise every width rule, ANSI styles included. */
const piece = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: "grapheme", maxLength: 4 }),
  fc.constantFrom(
    ...EMOJI,
    "漢",
    "太郎",
    "한국",
    "é",
    "e\u0301",
    "🔒",
    "a\u200db",
    "╳",
    " ",
    "\u00a0",
    "🏽", // a skin tone alone: joins the character before it
    "\u200d", // a joiner alone
    ...ANSI,
  ),
);
const styled = fc.array(piece, { maxLength: 16 }).map((p) => p.join(""));
/** Text without any escape character. */
const plain = styled.map((s) => s.replaceAll("\x1b", ""));
/** Plain text, then ANSI styles put between its grapheme clusters. */
const styledAtBoundaries = fc.tuple(
  plain,
  fc.array(fc.constantFrom(...ANSI), { maxLength: 40 }),
).map(([text, styles]) =>
  clustersOf(text).map((c, i) => (styles[i] ?? "") + c).join("")
);

const segmenter = new Intl.Segmenter();
function clustersOf(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

Deno.test("visibleWidth", async (t) => {
  await t.step("ANSI sequences take no room", () => {
    assert.equal(visibleWidth(styler(true)("abc", "bold", "red")), 3);
    assert.equal(visibleWidth("\x1b[1;36mX\x1b[0m"), 1);
    assert.equal(visibleWidth("\x1b[1mhé\x1b[0m"), 2);
    assert.equal(visibleWidth("\x1b[2K\x1b[?25lab"), 2);
    assert.equal(visibleWidth("\x1b]8;;https://x.org\x07lien\x1b]8;;\x07"), 4);
    assert.equal(stripAnsi("\x1b[1mhi\x1b[0m"), "hi");
  });
  await t.step("emoji and emoji sequences take two columns", () => {
    assert.equal(visibleWidth("✅"), 2);
    assert.equal(visibleWidth("⭐"), 2);
    assert.equal(visibleWidth("👍🏽"), 2); // skin tone
    assert.equal(visibleWidth("👨‍👩‍👧"), 2); // ZWJ family
    assert.equal(visibleWidth("🇫🇷"), 2); // flag
    assert.equal(visibleWidth("❤\ufe0f"), 2); // emoji presentation (VS16)
    assert.equal(visibleWidth("🎮 Salle ✅ des champions 👍🏽"), 28);
  });
  await t.step("wide CJK takes two columns", () => {
    assert.equal(visibleWidth("日本"), 4);
    assert.equal(visibleWidth("漢字"), 4);
    assert.equal(visibleWidth("한국어"), 6);
    assert.equal(visibleWidth("🔒 Salle"), 8);
    assert.equal(visibleWidth("🥇🚀"), 4);
    assert.equal(visibleWidth("ｈｉ"), 4); // fullwidth forms
  });
  await t.step("combining marks, joiners and selectors take none", () => {
    assert.equal(visibleWidth("e\u0301"), 1);
    assert.equal(visibleWidth("a\u200db"), 2); // zero-width joiner
    assert.equal(visibleWidth("a\u200bb"), 2); // zero-width space
    assert.equal(visibleWidth("❤"), 1); // a text symbol without VS16
    assert.equal(visibleWidth("\ufeffx"), 1); // byte order mark
    assert.equal(visibleWidth("\x07a"), 1); // control character
  });
  await t.step("box drawing, blocks and symbols take one", () => {
    assert.equal(visibleWidth("abc"), 3);
    assert.equal(visibleWidth("é"), 1);
    assert.equal(visibleWidth("Zoé █░✓→"), 8);
    assert.equal(visibleWidth("█░✓▲◆●■┌─┐"), 10);
    assert.equal(visibleWidth("┌─╳─┐"), 5);
    assert.equal(visibleWidth("⠹›…★"), 4);
    assert.equal(visibleWidth(""), 0);
  });
  await t.step("stays right past the size of its cache", () => {
    const texts = Array.from({ length: 10_000 }, (_, i) => `${i} ⭐ 👍🏽`);
    texts.forEach((text, i) => {
      assert.equal(visibleWidth(text), String(i).length + 6);
    });
    for (const text of texts.slice(0, 100)) {
      assert.equal(visibleWidth(text), stringWidth(text));
    }
  });
  await t.step("is string-width's count, shortcuts included (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          styled,
          fc.string({ unit: "binary", maxLength: 20 }),
          fc.string({ unit: "grapheme-composite", maxLength: 10 }),
        ),
        (text) => assert.equal(visibleWidth(text), stringWidth(text)),
      ),
      { numRuns: 500 },
    );
  });
});

Deno.test("cut", async (t) => {
  await t.step("ends with an ellipsis when something was cut", () => {
    assert.equal(cut("bonjour", 4), "bon…");
    assert.equal(cut("hello", 10), "hello");
    assert.equal(cut("hello world", 6), "hello…");
    assert.equal(cut("abc", 3), "abc");
    assert.equal(cut("abc", 1), "…");
    assert.equal(cut("abc", 0), "");
    assert.equal(cut("abc", -2), "");
  });
  await t.step("never splits a wide character", () => {
    assert.equal(cut("太郎太郎", 5), "太郎…");
    assert.equal(cut("中文中文", 5), "中文…");
    assert.equal(cut("漢字漢", 3, ""), "漢");
    assert.equal(cut("漢字", 1), "…");
  });
  await t.step("keeps a combining mark with its letter", () => {
    assert.equal(cut("e\u0301te\u0301", 2), "e\u0301…");
  });
  await t.step("never splits an emoji sequence", () => {
    assert.equal(cut("👍🏽👍🏽", 3), "👍🏽…");
    assert.equal(cut("👨‍👩‍👧👨‍👩‍👧", 3, ""), "👨‍👩‍👧");
    assert.equal(cut("ab🇫🇷", 3, ""), "ab");
    assert.equal(cut("✅⭐", 3), "✅…");
    assert.equal(cut("🎮 Salle", 1), "…");
  });
  await t.step("a plain cut has no ellipsis", () => {
    assert.equal(cut("morpion", 4, ""), "morp");
    assert.equal(cut("short", 10, ""), "short");
  });
  await t.step("keeps ANSI sequences whole and closes them", () => {
    assert.equal(cut("\x1b[1mbold\x1b[0m", 3), "\x1b[1mbo…\x1b[0m");
    assert.equal(cut("\x1b[1mbold\x1b[0m", 2, ""), "\x1b[1mbo\x1b[0m");
    assert.equal(cut("\x1b[1;31mab\x1b[0m", 2), "\x1b[1;31mab\x1b[0m");
    // No style was kept: nothing to close.
    assert.equal(cut("abcd\x1b[1mef\x1b[0m", 3), "ab…");
  });
});

Deno.test("pad", async (t) => {
  await t.step("cuts then pads to exactly the width", () => {
    assert.equal(pad("ab", 4), "ab  ");
    assert.equal(pad("Ana", 5), "Ana  ");
    assert.equal(pad("Cyrille", 4), "Cyr…");
    assert.equal(pad("Cyrille", 4, { ellipsis: "" }), "Cyri");
    assert.equal(pad("太郎太郎", 6), "太郎… "); // a wide char left a gap
    assert.equal(pad("abc", 0), "");
    for (let w = 1; w < 12; w++) {
      assert.ok(visibleWidth(cut("太郎 and Zoé", w)) <= w);
      assert.equal(visibleWidth(pad("太郎 and Zoé", w)), w);
    }
  });
  await t.step("aligns right on request", () => {
    assert.equal(pad("7", 3, { align: "right" }), "  7");
    // A stray skin tone joins the space before it into one column.
    assert.equal(pad("🏽", 3, { align: "right" }), "   🏽");
    assert.equal(pad("1234", 3, { align: "right" }), "12…");
  });
});

Deno.test("cut and pad fit the width (property)", () => {
  fc.assert(
    fc.property(
      fc.oneof(styled, styledAtBoundaries),
      fc.integer({ min: 0, max: 30 }),
      (text, width) => {
        assert.ok(visibleWidth(cut(text, width)) <= width);
        assert.ok(visibleWidth(cut(text, width, "")) <= width);
        assert.equal(visibleWidth(pad(text, width)), width);
        const right = pad(text, width, { align: "right", ellipsis: "" });
        assert.equal(visibleWidth(right), width);
        if (visibleWidth(text) <= width) assert.equal(cut(text, width), text);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("cut keeps whole grapheme clusters (property)", () => {
  fc.assert(
    fc.property(
      fc.oneof(plain, styledAtBoundaries),
      fc.integer({ min: 0, max: 30 }),
      fc.constantFrom("", "…"),
      (text, width, ellipsis) => {
        const whole = clustersOf(stripAnsi(text));
        let kept = stripAnsi(cut(text, width, ellipsis));
        if (ellipsis && kept !== whole.join("")) {
          assert.ok(kept === "" || kept.endsWith(ellipsis), kept);
          kept = kept.slice(0, kept.length - ellipsis.length);
        }
        const parts = clustersOf(kept);
        assert.deepEqual(parts, whole.slice(0, parts.length));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("no ANSI out when none goes in and colour is off (property)", () => {
  const off = styler(false);
  fc.assert(
    fc.property(plain, fc.integer({ min: 0, max: 30 }), (text, width) => {
      const outs = [
        cut(text, width),
        cut(text, width, ""),
        pad(text, width),
        off(text, "bold", "inverse", "bgRed"),
        ...wrap(text, width),
      ];
      for (const out of outs) assert.ok(!out.includes("\x1b"), out);
    }),
  );
});

Deno.test("wrap", async (t) => {
  await t.step("breaks at spaces, keeps line breaks", () => {
    assert.deepEqual(wrap("un deux trois", 7), ["un deux", "trois"]);
    assert.deepEqual(wrap("the quick brown fox", 9), [
      "the quick",
      "brown fox",
    ]);
    assert.deepEqual(wrap("a\nb", 10), ["a", "b"]);
    assert.deepEqual(wrap("a\r\nb", 10), ["a", "b"]);
    assert.deepEqual(wrap("", 10), [""]);
    assert.deepEqual(wrap("a  b\tc", 10), ["a b c"]);
  });
  await t.step("no-break spaces hold", () => {
    assert.deepEqual(wrap("prix\u00a0: 10\u202f€", 7), [
      "prix\u00a0:",
      "10\u202f€",
    ]);
  });
  await t.step("cuts words longer than a line, by columns", () => {
    assert.deepEqual(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    assert.deepEqual(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
    assert.deepEqual(wrap("中中中", 4), ["中中", "中"]);
    assert.deepEqual(wrap("中a", 1), ["中", "a"]); // too wide: alone
  });
  await t.step("cuts between emoji, never inside one", () => {
    assert.deepEqual(wrap("👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", 5), ["👨‍👩‍👧👨‍👩‍👧", "👨‍👩‍👧"]);
    assert.deepEqual(wrap("ok 👍🏽👍🏽 ⭐", 4), ["ok", "👍🏽👍🏽", "⭐"]);
    assert.deepEqual(wrap("漢字 ✅ bien", 7), ["漢字 ✅", "bien"]);
  });
  await t.step("the lines are the caller's to change", () => {
    const lines = wrap("un deux", 4);
    lines.push("trois");
    assert.deepEqual(wrap("un deux", 4), ["un", "deux"]);
  });
  await t.step("carries styles over lines", () => {
    const lines = wrap("\x1b[1mun deux\x1b[0m", 3);
    assert.deepEqual(lines.map(stripAnsi), ["un", "deu", "x"]);
    for (const line of lines) {
      assert.ok(line.startsWith("\x1b[1m"), JSON.stringify(line));
      assert.ok(/\[(22|0)m$/.test(line), JSON.stringify(line));
    }
  });
  await t.step("keeps words and width (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { maxLength: 20 }),
        fc.integer({ min: 2, max: 20 }),
        (words, w) => {
          const lines = wrap(words.join(" "), w);
          for (const line of lines) assert.ok(visibleWidth(line) <= w);
          const short = words.filter((x) => x.length <= w);
          for (const word of short) {
            assert.ok(lines.some((l) => l.split(" ").includes(word)), word);
          }
        },
      ),
    );
  });
  await t.step("every line fits, emoji and styles too (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(styled, styledAtBoundaries),
        fc.integer({ min: 2, max: 30 }),
        (text, width) => {
          const lines = wrap(text, width);
          assert.ok(lines.length > 0);
          for (const line of lines) {
            // A cluster wider than the box can only have a line of its own.
            const alone = clustersOf(stripAnsi(line)).length === 1;
            assert.ok(
              visibleWidth(line) <= width || alone,
              JSON.stringify(line),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
  await t.step("never overflows, loses no character (property)", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            "a",
            "é",
            " ",
            "中",
            "\n",
            "bb",
            "e\u0301",
            "⭐",
            "👍🏽",
            "👨‍👩‍👧",
          ),
          maxLength: 60,
        }),
        fc.integer({ min: 2, max: 30 }),
        (text, width) => {
          const lines = wrap(text, width);
          for (const l of lines) {
            assert.ok(visibleWidth(l) <= width, JSON.stringify(l));
          }
          // wrap-ansi hands text back in Unicode NFC (e + ◌́ becomes é).
          assert.equal(
            lines.join("").replace(/\s/g, ""),
            text.normalize().replace(/\s/g, ""),
          );
        },
      ),
    );
  });
});

Deno.test("styler", async (t) => {
  await t.step("no colour means no escape codes", () => {
    assert.equal(styler(false)("x", "bold"), "x");
    assert.equal(styler(false)("x", "bgGreen", "inverse"), "x");
  });
  await t.step("styles join into one sequence and a reset", () => {
    const st = styler(true);
    assert.equal(st("x", "bold", "red"), "\x1b[1;31mx\x1b[0m");
    assert.equal(st("x", "inverse"), "\x1b[7mx\x1b[0m");
    assert.equal(st("x", "magenta", "cyan"), "\x1b[35;36mx\x1b[0m");
    assert.equal(stripAnsi(st("x", "bgGreen")), "x");
  });
  await t.step("no style or empty text stays as is", () => {
    assert.equal(styler(true)("x"), "x");
    assert.equal(styler(true)("", "bold"), "");
  });
});
