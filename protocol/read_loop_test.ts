import assert from "node:assert/strict";
import { type ByteReader, readChunks, readFrames } from "./read_loop.ts";
import type { Frame } from "./framing.ts";

/** A reader that hands out `parts` one per read, then ends (or fails). */
function reader(parts: (string | Uint8Array)[], fail = false): ByteReader {
  const queue = parts.map((p) =>
    typeof p === "string" ? new TextEncoder().encode(p) : p
  );
  return {
    read(p) {
      const next = queue.shift();
      if (!next) {
        return fail
          ? Promise.reject(new Error("connection reset"))
          : Promise.resolve(null);
      }
      const n = Math.min(p.length, next.length);
      p.set(next.subarray(0, n));
      if (n < next.length) queue.unshift(next.subarray(n));
      return Promise.resolve(n);
    },
  };
}

async function all<T>(gen: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

Deno.test("read loop", async (t) => {
  await t.step("chunks come as read, then the stream ends", async () => {
    const texts: string[] = [];
    for await (const c of readChunks(reader(["ab", "c"]))) {
      texts.push(new TextDecoder().decode(c)); // a view: use it now
    }
    assert.deepEqual(texts, ["ab", "c"]);
  });
  await t.step("a failing read ends the stream without throwing", async () => {
    const chunks = await all(readChunks(reader(["ab"], true)));
    assert.equal(chunks.length, 1);
  });
  await t.step("frames survive any chunk boundary", async () => {
    const frames = await all(
      readFrames(reader(['{"type":"ch', 'at"}\r\n\nsal', "ut\n"])),
    );
    assert.deepEqual(frames, [
      { kind: "line", text: '{"type":"chat"}' },
      { kind: "line", text: "salut" },
    ]);
  });
  await t.step("oversize and invalid UTF-8 lines are reported", async () => {
    const frames: Frame[] = await all(
      readFrames(
        reader(["x".repeat(20) + "\n", new Uint8Array([0xff, 0x0a]), "ok\n"]),
        { maxLineBytes: 8, bufferBytes: 4 },
      ),
    );
    assert.deepEqual(frames, [
      { kind: "oversize", bytes: 20 },
      { kind: "invalid_utf8" },
      { kind: "line", text: "ok" },
    ]);
  });
});
