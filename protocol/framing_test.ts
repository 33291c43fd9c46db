import assert from "node:assert/strict";
import fc from "fast-check";
import { encodeMessage, type Frame, LineDecoder, utf8 } from "./framing.ts";
import { MAX_LINE_BYTES } from "./constants.ts";

/** Pushes every chunk in turn and collects the frames. */
function feed(dec: LineDecoder, chunks: Uint8Array[]): Frame[] {
  return chunks.flatMap((c) => dec.push(c));
}

/** Cuts bytes at the given positions (sorted, deduplicated, in range). */
function cut(bytes: Uint8Array, at: number[]): Uint8Array[] {
  const points = [...new Set(at.map((p) => p % (bytes.length + 1)))]
    .sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(bytes.subarray(from, p));
    from = p;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

function lines(frames: Frame[]): string[] {
  return frames.map((f) => {
    assert.equal(f.kind, "line", `unexpected frame ${JSON.stringify(f)}`);
    return (f as { text: string }).text;
  });
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

Deno.test("LineDecoder", async (t) => {
  await t.step("a line split at every byte position decodes the same", () => {
    const text = '{"type":"chat","text":"Zoé dit 👋 à 日本"}';
    const bytes = utf8(text + "\n" + text + "\r\n");
    for (let i = 0; i <= bytes.length; i++) {
      for (const j of [i, Math.min(bytes.length, i + 1), bytes.length]) {
        const dec = new LineDecoder();
        const frames = feed(dec, [
          bytes.subarray(0, i),
          bytes.subarray(i, j),
          bytes.subarray(j),
        ]);
        assert.deepEqual(lines(frames), [text, text], `cut at ${i}, ${j}`);
        assert.equal(dec.buffered, 0);
      }
    }
  });

  await t.step("one byte per push decodes the same", () => {
    const text = '{"type":"chat","text":"é€𝄞"}';
    const dec = new LineDecoder();
    const frames = feed(
      dec,
      [...utf8(text + "\n")].map((b) => Uint8Array.of(b)),
    );
    assert.deepEqual(lines(frames), [text]);
  });

  await t.step(
    "property: JSON lines cut into random chunks come back whole",
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.jsonValue(), { minLength: 1, maxLength: 8 }),
          fc.array(fc.nat(), { maxLength: 20 }),
          (values, at) => {
            const texts = values.map((v) => JSON.stringify(v));
            const bytes = utf8(texts.map((s) => s + "\n").join(""));
            const dec = new LineDecoder();
            assert.deepEqual(lines(feed(dec, cut(bytes, at))), texts);
            assert.equal(dec.buffered, 0);
          },
        ),
        { numRuns: 300 },
      );
    },
  );

  await t.step("property: any text without newlines comes back whole", () => {
    // Lines the decoder keeps as they are: no \n, not blank, no trailing
    // \r (taken as CRLF), no leading BOM (TextDecoder drops it).
    const line = fc.string({ unit: "binary", minLength: 1, maxLength: 40 })
      .map((s) => s.replaceAll("\n", " ").replace(/^\uFEFF/, "x"))
      .filter((s) => s.trim() !== "" && !s.endsWith("\r"));
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.boolean(),
        (texts, at, crlf) => {
          const eol = crlf ? "\r\n" : "\n";
          const bytes = utf8(texts.map((s) => s + eol).join(""));
          const dec = new LineDecoder();
          assert.deepEqual(lines(feed(dec, cut(bytes, at))), texts);
        },
      ),
      { numRuns: 150 },
    );
  });

  await t.step("many lines in one chunk, CRLF, blank lines skipped", () => {
    const dec = new LineDecoder();
    const frames = dec.push(
      utf8('{"a":1}\n\n{"b":2}\r\n   \n\t\r\n\r\n{"c":3}\n \t \n"end'),
    );
    assert.deepEqual(lines(frames), ['{"a":1}', '{"b":2}', '{"c":3}']);
    assert.equal(dec.buffered, 4);
    assert.deepEqual(lines(dec.push(utf8('"\n'))), ['"end"']);
  });

  await t.step("a \\r in the middle of a line is kept", () => {
    const dec = new LineDecoder();
    assert.deepEqual(lines(dec.push(utf8("a\rb\n"))), ["a\rb"]);
  });

  await t.step(
    "surrounding spaces are kept (only blank lines are dropped)",
    () => {
      const dec = new LineDecoder();
      assert.deepEqual(lines(dec.push(utf8('  {"a":1} \n'))), ['  {"a":1} ']);
    },
  );

  await t.step(
    "a line of exactly the limit is accepted, limit + 1 is not",
    () => {
      const max = 32;
      const dec = new LineDecoder(max);
      const exact = "x".repeat(max);
      assert.deepEqual(lines(dec.push(utf8(exact + "\n"))), [exact]);
      assert.deepEqual(lines(dec.push(utf8(exact + "\r\n"))), [exact]);
      assert.deepEqual(dec.push(utf8("y".repeat(max + 1) + "\n")), [
        { kind: "oversize", bytes: max + 1 },
      ]);
      assert.deepEqual(lines(dec.push(utf8("ok\n"))), ["ok"]);
      // Multibyte: the limit counts bytes, not characters.
      const e = "é".repeat(max / 2); // exactly max bytes
      assert.deepEqual(lines(dec.push(utf8(e + "\n"))), [e]);
      const frames = dec.push(utf8(e + "z\n"));
      assert.deepEqual(frames, [{ kind: "oversize", bytes: max + 1 }]);
    },
  );

  await t.step("the default limit is MAX_LINE_BYTES", () => {
    const dec = new LineDecoder();
    const exact = "x".repeat(MAX_LINE_BYTES);
    assert.deepEqual(lines(dec.push(utf8(exact + "\n"))), [exact]);
    assert.deepEqual(dec.push(utf8(exact + "x\n")), [
      { kind: "oversize", bytes: MAX_LINE_BYTES + 1 },
    ]);
  });

  await t.step(
    "a 1 MiB line streamed in 1 KiB chunks: bounded, reported once",
    () => {
      const dec = new LineDecoder();
      const chunk = new Uint8Array(1024).fill(0x61);
      const frames: Frame[] = [];
      for (let i = 0; i < 1024; i++) {
        frames.push(...dec.push(chunk));
        assert.ok(
          dec.buffered <= MAX_LINE_BYTES,
          `buffered ${dec.buffered} > ${MAX_LINE_BYTES} after chunk ${i}`,
        );
      }
      assert.equal(frames.length, 0);
      frames.push(...dec.push(utf8('tail\n{"type":"ping"}\n')));
      assert.deepEqual(frames, [
        { kind: "oversize", bytes: 1024 * 1024 + 4 },
        { kind: "line", text: '{"type":"ping"}' },
      ]);
      assert.equal(dec.buffered, 0);
    },
  );

  await t.step("an oversize line in one chunk, then a normal line", () => {
    const dec = new LineDecoder(8);
    assert.deepEqual(dec.push(utf8("0123456789abcdef\nhello\n")), [
      { kind: "oversize", bytes: 16 },
      { kind: "line", text: "hello" },
    ]);
  });

  await t.step("invalid UTF-8 is reported and the next line is fine", () => {
    const dec = new LineDecoder();
    const cases: [string, number[]][] = [
      ["0xff", [0xff]],
      ["truncated é", [0x7b, 0xc3]],
      ["truncated €", [0xe2, 0x82]],
      ["lone continuation", [0x80, 0x41]],
      ["overlong /", [0xc0, 0xaf]],
      ["UTF-16 surrogate", [0xed, 0xa0, 0x80]],
      ["above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
    ];
    for (const [name, bad] of cases) {
      const frames = dec.push(
        concat(Uint8Array.from(bad), utf8('\n{"ok":true}\n')),
      );
      assert.deepEqual(frames, [
        { kind: "invalid_utf8" },
        { kind: "line", text: '{"ok":true}' },
      ], name);
    }
  });

  await t.step("a truncated multibyte character split over two pushes", () => {
    const dec = new LineDecoder();
    assert.deepEqual(dec.push(Uint8Array.of(0x61, 0xe2, 0x82)), []);
    assert.deepEqual(dec.push(utf8("\nb\n")), [
      { kind: "invalid_utf8" },
      { kind: "line", text: "b" },
    ]);
  });

  await t.step("multibyte characters split across chunks", () => {
    const dec = new LineDecoder();
    const bytes = utf8("€𝄞\n");
    assert.deepEqual(dec.push(bytes.subarray(0, 2)), []);
    assert.deepEqual(dec.push(bytes.subarray(2, 5)), []);
    assert.deepEqual(lines(dec.push(bytes.subarray(5))), ["€𝄞"]);
  });

  await t.step("fuzz: random bytes never throw and stay bounded", () => {
    const max = 64;
    fc.assert(
      fc.property(
        fc.array(
          fc.uint8Array({ maxLength: 200 }).map((b) =>
            // Sprinkle newlines so every path is visited.
            b.map((x) => (x % 17 === 0 ? 0x0a : x))
          ),
          { maxLength: 10 },
        ),
        (chunks) => {
          const dec = new LineDecoder(max);
          for (const c of chunks) {
            for (const f of dec.push(c)) {
              if (f.kind === "line") {
                assert.ok(utf8(f.text).length <= max);
                assert.notEqual(f.text.trim(), "");
              }
              if (f.kind === "oversize") assert.ok(f.bytes > max);
            }
            // The decoder tolerates one extra byte for a possible \r.
            assert.ok(dec.buffered <= max + 1, `buffered ${dec.buffered}`);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

Deno.test("encodeMessage and utf8", () => {
  const line = encodeMessage({ type: "chat", text: "a\nb é" } as {
    type: string;
  });
  assert.equal(line, '{"type":"chat","text":"a\\nb é"}\n');
  assert.equal(line.indexOf("\n"), line.length - 1);
  const dec = new LineDecoder();
  const [frame] = dec.push(utf8(line));
  assert.equal(frame.kind, "line");
  assert.deepEqual(JSON.parse((frame as { text: string }).text), {
    type: "chat",
    text: "a\nb é",
  });
  assert.equal(utf8("é").length, 2);
});
