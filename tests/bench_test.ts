/**
 * Smoke test of `deno task bench` (tests/bench.ts): the harness runs end to
 * end with tiny rooms (`--quick`: 6 players, 1 question; the same quiz for
 * 4 WebSocket players, as phones; 4 chatters for 1 s; 20 idle players),
 * against the host and the reference relay, and its
 * figures hold together. Speed goals live in docs/benchmarks.md, not here.
 */
import assert from "node:assert/strict";

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
