import assert from "node:assert/strict";
import dgram from "node:dgram";
import { startEchoServer, writeAll } from "./echo_server.ts";
import { encodeProbe } from "./packet.ts";
import { CompareError } from "./errors.ts";

Deno.test("port 0 gives UDP and TCP the same port", async () => {
  const server = await startEchoServer({ hostname: "127.0.0.1", port: 0 });
  try {
    assert.ok(server.tcpPort > 0);
    assert.equal(server.udpPort, server.tcpPort);
  } finally {
    await server.close();
  }
});

Deno.test("UDP: probes come back, anything else is ignored", async () => {
  const server = await startEchoServer({ hostname: "127.0.0.1", port: 0 });
  const client = dgram.createSocket("udp4");
  try {
    await new Promise<void>((r) => client.bind(0, "127.0.0.1", () => r()));
    const got = new Promise<Uint8Array>((resolve) =>
      client.once("message", (m) => resolve(new Uint8Array(m)))
    );
    client.send(
      new TextEncoder().encode("not a probe"),
      server.udpPort,
      "127.0.0.1",
    );
    const probe = encodeProbe({ run: 5, seq: 7, size: 40 });
    client.send(probe, server.udpPort, "127.0.0.1");
    // The first datagram back is the probe: the garbage got no answer.
    assert.deepEqual(await got, probe);
  } finally {
    await new Promise<void>((r) => client.close(() => r()));
    await server.close();
  }
});

Deno.test("TCP: messages come back in order, garbage ends the connection", async () => {
  const server = await startEchoServer({ hostname: "127.0.0.1", port: 0 });
  const conn = await Deno.connect({
    hostname: "127.0.0.1",
    port: server.tcpPort,
  });
  try {
    const a = encodeProbe({ run: 1, seq: 0, size: 20 });
    const b = encodeProbe({ run: 1, seq: 1, size: 30 });
    await writeAll(conn, new Uint8Array([...a, ...b]));
    const back = new Uint8Array(50);
    let got = 0;
    while (got < 50) {
      const n = await conn.read(back.subarray(got));
      assert.notEqual(n, null);
      got += n!;
    }
    assert.deepEqual(back, new Uint8Array([...a, ...b]));
    await writeAll(conn, new TextEncoder().encode("GET / HTTP/1.1\r\n\r\n"));
    assert.equal(
      await conn.read(new Uint8Array(10)),
      null,
      "closed by the server",
    );
  } finally {
    conn.close();
    await server.close();
  }
});

Deno.test("close() ends open connections and can be called twice", async () => {
  const server = await startEchoServer({ hostname: "127.0.0.1", port: 0 });
  const conn = await Deno.connect({
    hostname: "127.0.0.1",
    port: server.tcpPort,
  });
  // Make sure the server accepted it before closing.
  await writeAll(conn, encodeProbe({ run: 1, seq: 0, size: 12 }));
  await conn.read(new Uint8Array(12));
  await Promise.all([server.close(), server.close()]);
  assert.equal(await conn.read(new Uint8Array(1)), null);
  conn.close();
});

Deno.test("a taken port is a CompareError listen_failed", async () => {
  const taken = dgram.createSocket("udp4");
  await new Promise<void>((r) => taken.bind(0, "127.0.0.1", () => r()));
  try {
    await assert.rejects(
      startEchoServer({ hostname: "127.0.0.1", port: taken.address().port }),
      (e) => e instanceof CompareError && e.code === "listen_failed",
    );
  } finally {
    await new Promise<void>((r) => taken.close(() => r()));
  }
});
