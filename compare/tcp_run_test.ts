import assert from "node:assert/strict";
import { startEchoServer } from "./echo_server.ts";
import { runTcp } from "./tcp_run.ts";
import { CompareError } from "./errors.ts";

Deno.test("a TCP run on loopback delivers every message, counted once", async () => {
  const server = await startEchoServer({ hostname: "127.0.0.1", port: 0 });
  try {
    const run = await runTcp({
      host: "127.0.0.1",
      port: server.tcpPort,
      count: 200,
      size: 100,
      rate: 4000,
      drainMs: 5000,
      lateMs: 200,
    });
    const s = run.summary;
    assert.equal(run.transport, "tcp");
    assert.deepEqual(
      [s.sent, s.delivered, s.lost, s.duplicated, s.reordered, run.receptions],
      [200, 200, 0, 0, 0, 200],
    );
    assert.equal(run.drain, "complete");
    assert.ok(run.setupMs !== null && run.setupMs >= 0);
    assert.equal(s.rttSeries.length, 200);
    if (run.socket) {
      // The kernel saw exactly our bytes, both ways.
      assert.equal(run.socket.bytesSent, 200 * 100);
      assert.equal(run.socket.bytesReceived, 200 * 100);
      assert.ok(run.socket.segsOut >= 2);
    }
  } finally {
    await server.close();
  }
});

Deno.test("runTcp says so when the connection is refused", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  await assert.rejects(
    runTcp({
      host: "127.0.0.1",
      port,
      count: 1,
      size: 64,
      rate: 10,
      drainMs: 10,
      lateMs: 200,
    }),
    (e) => e instanceof CompareError && e.code === "tcp_connect_failed",
  );
});
