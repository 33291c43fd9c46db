/**
 * Smoke test of `deno task bench` (tests/bench.ts): the harness runs end to
 * end with tiny rooms (`--quick`: 6 players, 1 question; the same quiz for
 * 4 WebSocket players, as phones; 4 chatters for 1 s; 20 idle players),
 * against the host and the reference relay, and its
 * figures hold together. Speed goals live in docs/benchmarks.md, not here.
 * As root, a tiny lecture hall too (`--only hall`: namespaces, a shaped
 * link), whose first question cannot cross faster than the link allows;
 * and a load's hello carries `--capabilities` when asked.
 */
import assert from "node:assert/strict";
import { hallSkipReason, linkFloorMs } from "./bench/hall.ts";

Deno.test("the bench harness runs end to end (--quick)", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--v8-flags=--expose-gc",
      new URL("./bench.ts", import.meta.url).pathname,
      "--quick",
      "--json",
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.ok(out.success, stderr);
  const r = JSON.parse(new TextDecoder().decode(out.stdout));
  assert.equal(r.qcm.length, 1);
  assert.equal(r.web.length, 1, "a tiny web room");
  for (const target of ["lanplay", "relay"]) {
    const q = r.qcm[0][target];
    assert.equal(q.players, 6);
    assert.deepEqual([q.finished, q.cut, q.errors], [6, 0, 0], target);
    assert.equal(q.spreads.length, 1, "one question, one spread");
    assert.equal(q.fanouts.length, 1, "the server wrote one question");
    for (const x of [q.spread, q.ackP50, q.ackP99, q.rss, q.bytesPerPlayer]) {
      assert.ok(Number.isFinite(x) && x >= 0, `${target}: ${x}`);
    }
    assert.ok(q.bytesByType.question > 0, "questions were counted");
    const w = r.web[0][target];
    assert.equal(w.web, true);
    assert.equal(w.players, 4);
    assert.deepEqual([w.finished, w.cut, w.errors], [4, 0, 0], target);
    assert.equal(w.spreads.length, 1, "one question on the web");
    assert.ok(Number.isFinite(w.fanout), `${target}: web fan-out seen`);
    assert.ok(w.bytesByType.question > 0 && w.bytesByType.answer_ack > 0);
    assert.ok(w.leaveCpuMs >= 0 && w.leaveMs >= 0, "the pages all left");
    const c = r.chat[0][target];
    assert.equal(c.sent, 4 * 5);
    assert.equal(c.received, c.expected, `${target}: every line delivered`);
    assert.equal(c.expected, 4 * 20);
    assert.ok(Number.isFinite(c.p99));
    const i = r.idle[0][target];
    assert.equal(i.players, 20);
    assert.ok(Number.isFinite(i.rssPerPlayer));
  }
  // The host sends views and the relay does not: more bytes per player.
  assert.ok(r.qcm[0].lanplay.bytesPerPlayer > r.qcm[0].relay.bytesPerPlayer);
  // And the page's feed lines besides.
  assert.ok(r.web[0].lanplay.bytesByType.lines > 0, "web players get lines");
  assert.equal(r.start, null, "no LAN in a quick run");
});

Deno.test("a load's JSON players declare --capabilities in their hello, none by default", async (t) => {
  const { Child } = await import("./bench/child.ts");
  const load = new URL("./bench/load_main.ts", import.meta.url).pathname;
  /** The hello a one-player load sends to a listener of ours. */
  async function helloOf(extra: string[]): Promise<Record<string, unknown>> {
    using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const child = Child.start(load, [
      "--port",
      String(listener.addr.port),
      "--count",
      "1",
      "--mode",
      "idle",
      ...extra,
    ], { label: "load" });
    try {
      const conn = await listener.accept();
      try {
        let text = "";
        const buf = new Uint8Array(4096);
        while (!text.includes("\n")) {
          const n = await conn.read(buf);
          if (n === null) break;
          text += new TextDecoder().decode(buf.subarray(0, n));
        }
        await child.next("connected");
        return JSON.parse(text.slice(0, text.indexOf("\n")));
      } finally {
        await child.stop();
        conn.close();
      }
    } catch (e) {
      await child.kill();
      throw e;
    }
  }
  await t.step("declared when asked", async () => {
    const hello = await helloOf(["--capabilities", "patch, zip"]);
    assert.equal(hello.type, "hello");
    assert.deepEqual(hello.capabilities, ["patch", "zip"]);
  });
  await t.step("absent by default", async () => {
    const hello = await helloOf([]);
    assert.equal(hello.type, "hello");
    assert.equal("capabilities" in hello, false);
  });
});

const hallSkip = await hallSkipReason();
if (hallSkip) console.error(`skipping the hall's bench test: ${hallSkip}`);

Deno.test({
  name:
    "a hall's link holds the question back (--only hall): lanplay's spread is at least its bytes × players ÷ rate",
  ignore: hallSkip !== null,
  async fn() {
    // 1 Mbit/s: 10 players' first question (the message and a view, ≈ 1.2
    // KiB each: the game's start went out during « Préparez-vous ») takes
    // ≈ 100 ms to cross; on loopback it takes ≈ 5.
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--v8-flags=--expose-gc",
        new URL("./bench.ts", import.meta.url).pathname,
        "--only",
        "hall",
        "--hall-players",
        "10",
        "--hall-rate",
        "1mbit",
        "--questions",
        "1",
        "--json",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.ok(out.success, stderr);
    const r = JSON.parse(new TextDecoder().decode(out.stdout));
    assert.equal(r.hall.length, 1, "one rate");
    assert.equal(r.hall[0].rate, "1mbit");
    const [pair] = r.hall[0].pairs;
    for (const target of ["lanplay", "relay"]) {
      const h = pair[target];
      assert.equal(h.players, 10);
      assert.deepEqual([h.finished, h.cut, h.errors], [10, 0, 0], target);
      assert.equal(h.bitsPerSecond, 1e6);
      assert.ok(h.linkBytes > 10 * h.openBytes[0], `${target}: link counted`);
      assert.ok(h.writeBytes[0] >= h.openBytes[0] - 1, `${target}: written`);
      assert.ok(
        h.quizLinkBytes > 0 && h.quizLinkBytes < h.linkBytes,
        `${target}: the quiz's bytes, a part of the run's`,
      );
    }
    const l = pair.lanplay;
    const floor = linkFloorMs(l.writeBytes[0], l.players, l.bitsPerSecond);
    assert.ok(floor > 50, `a floor worth measuring: ${floor} ms`);
    // The bucket's burst (32 kbit) goes at once: allow for it, and more.
    assert.ok(l.spread >= floor / 2, `spread ${l.spread} ms, floor ${floor}`);
    assert.ok(r.qcm.length === 0 && r.start === null, "the hall only");
  },
});
