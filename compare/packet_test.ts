import assert from "node:assert/strict";
import fc from "fast-check";
import {
  decodeProbe,
  encodeProbe,
  FrameDecoder,
  HEADER_BYTES,
  MAX_MESSAGE_BYTES,
} from "./packet.ts";
import { CompareError } from "./errors.ts";

Deno.test("a probe survives encoding and decoding", () => {
  fc.assert(fc.property(
    fc.nat({ max: 0xffffffff }),
    fc.nat({ max: 0xffffffff }),
    fc.integer({ min: HEADER_BYTES, max: MAX_MESSAGE_BYTES }),
    (run, seq, size) => {
      const bytes = encodeProbe({ run, seq, size });
      assert.equal(bytes.length, size);
      assert.deepEqual(decodeProbe(bytes), { run, seq, size });
    },
  ));
});

Deno.test("the header layout is the documented one", () => {
  const bytes = encodeProbe({ run: 0x01020304, seq: 0x0a0b0c0d, size: 16 });
  assert.deepEqual(
    [...bytes],
    [0x4c, 0x43, 0, 16, 1, 2, 3, 4, 0x0a, 0x0b, 0x0c, 0x0d, 0, 0, 0, 0],
  );
});

Deno.test("sizes outside 12..1472 are refused with a CompareError", () => {
  for (const size of [0, 11, 1473, 1.5]) {
    assert.throws(
      () => encodeProbe({ run: 1, seq: 1, size }),
      (e) => e instanceof CompareError && e.code === "bad_size",
    );
  }
});

Deno.test("decodeProbe refuses what is not a probe", () => {
  const good = encodeProbe({ run: 1, seq: 2, size: 20 });
  assert.equal(decodeProbe(good.subarray(0, 11)), null);
  const badMagic = good.slice();
  badMagic[0] = 0;
  assert.equal(decodeProbe(badMagic), null);
  assert.equal(decodeProbe(good.subarray(0, 19)), null); // length field says 20
  assert.equal(decodeProbe(new TextEncoder().encode("hello, world!")), null);
});

Deno.test("FrameDecoder finds the same frames whatever the chunking", () => {
  fc.assert(fc.property(
    fc.array(fc.integer({ min: HEADER_BYTES, max: 100 }), {
      minLength: 1,
      maxLength: 20,
    }),
    fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 30 }),
    (sizes, cuts) => {
      const frames = sizes.map((size, seq) =>
        encodeProbe({ run: 9, seq, size })
      );
      const stream = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
      let at = 0;
      for (const f of frames) {
        stream.set(f, at);
        at += f.length;
      }
      const decoder = new FrameDecoder();
      const got: Uint8Array[] = [];
      let pos = 0;
      let k = 0;
      while (pos < stream.length) {
        const end = Math.min(stream.length, pos + cuts[k++ % cuts.length]);
        got.push(...decoder.push(stream.subarray(pos, end)));
        pos = end;
      }
      assert.deepEqual(got, frames);
      assert.equal(decoder.broken, false);
    },
  ));
});

Deno.test("FrameDecoder breaks on a stream that is not probes", () => {
  const decoder = new FrameDecoder();
  const good = encodeProbe({ run: 1, seq: 0, size: 16 });
  const bytes = new Uint8Array([
    ...good,
    ...new TextEncoder().encode("GET / HTTP/1.1\r\n"),
  ]);
  assert.equal(decoder.push(bytes).length, 1);
  assert.equal(decoder.broken, true);
  assert.deepEqual(decoder.push(good), []);
});
