import assert from "node:assert/strict";
import { FakeClock } from "./room_testing.ts";
import {
  CONTENT_SECURITY_POLICY,
  hostAllowed,
  sameOrigin,
} from "./web_server.ts";
import {
  startWebHost,
  until,
  WAIT_MS,
  WsClient,
} from "../tests/web_support.ts";

async function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = "GET",
): Promise<Response> {
  return await fetch(`http://127.0.0.1:${port}${path}`, { headers, method });
}

/** The status of a GET / sent with this Host header (fetch would set its own). */
async function statusFor(port: number, hostHeader: string): Promise<number> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(new TextEncoder().encode(
      `GET / HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`,
    ));
    const buf = new Uint8Array(64);
    const n = await conn.read(buf);
    const line = new TextDecoder().decode(buf.subarray(0, n ?? 0));
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(line)?.[1]);
  } finally {
    conn.close();
  }
}

Deno.test("web server: the pages, script and style, with a policy, an ETag and gzip", async () => {
  const host = startWebHost();
  try {
    for (
      const [path, type] of [
        ["/", "text/html"],
        ["/screen", "text/html"],
        ["/app.js", "text/javascript"],
        ["/app.css", "text/css"],
      ]
    ) {
      const r = await get(host.webPort, path, {
        "accept-encoding": "identity",
      });
      assert.equal(r.status, 200, path);
      assert.ok(r.headers.get("content-type")?.startsWith(type), path);
      assert.equal(
        r.headers.get("content-security-policy"),
        CONTENT_SECURITY_POLICY,
      );
      assert.equal(r.headers.get("x-content-type-options"), "nosniff");
      const etag = r.headers.get("etag")!;
      const body = await r.text();
      assert.ok(body.length > 100, path);
      const again = await get(host.webPort, path, { "if-none-match": etag });
      assert.equal(again.status, 304, path);
      await again.body?.cancel();
    }
    const page = await (await get(host.webPort, "/")).text();
    assert.match(page, /<script id="boot" type="application\/json">/);
    assert.match(page, /<script src="\/app.js\?v=[0-9a-f]+" defer>/);
    const zipped = await get(host.webPort, "/app.js", {
      "accept-encoding": "gzip, br",
    });
    assert.equal(zipped.headers.get("content-encoding"), "gzip");
    await zipped.body?.cancel();
    const missing = await get(host.webPort, "/etc/passwd");
    assert.equal(missing.status, 404);
    await missing.body?.cancel();
    const post = await get(host.webPort, "/", {}, "POST");
    assert.equal(post.status, 405);
    await post.body?.cancel();
  } finally {
    await host.close();
  }
});

Deno.test("web server: what a phone loads is at most 100 KB compressed", async () => {
  const host = startWebHost();
  try {
    const sizes = await host.web.sizes();
    const player = sizes["/"] + sizes["/app.js"] + sizes["/app.css"];
    const screen = sizes["/screen"] + sizes["/app.js"] + sizes["/app.css"];
    assert.ok(player <= 100_000, `player page: ${player} bytes`);
    assert.ok(screen <= 100_000, `projector page: ${screen} bytes`);
  } finally {
    await host.close();
  }
});

Deno.test("web server: a name that is not this machine's is refused (DNS rebinding)", async () => {
  const host = startWebHost({}, { hostNames: ["salle-12"] });
  try {
    for (
      const [name, status] of [
        ["evil.example", 421],
        ["salle-12", 200],
        ["salle-12.local", 200],
        ["localhost", 200],
      ] as const
    ) {
      const got = await statusFor(host.webPort, `${name}:${host.webPort}`);
      assert.equal(got, status, name);
    }
  } finally {
    await host.close();
  }
  assert.equal(hostAllowed("[::1]:50028", []), true);
  assert.equal(hostAllowed("127.0.0.1", []), true);
  assert.equal(hostAllowed(null, []), false);
  assert.equal(hostAllowed("a.local.evil.example", []), false);
});

Deno.test("web server: a WebSocket from another origin, or none, is refused", async () => {
  const host = startWebHost();
  try {
    await assert.rejects(
      WsClient.connect(host.webPort, { origin: "http://evil.example" }),
    );
    await assert.rejects(WsClient.connect(host.webPort, { origin: null }));
    const plain = await get(host.webPort, "/ws");
    assert.equal(plain.status, 426);
    await plain.body?.cancel();
    // The page's own origin plays.
    const ws = await WsClient.connect(host.webPort);
    await ws.join("ana");
    await ws.close();
    assert.equal(host.room.nicknames().length, 1); // the seat is held
    assert.equal(host.room.summary().players, 0); // …and not here
  } finally {
    await host.close();
  }
  assert.equal(
    sameOrigin("https://198.18.0.1:50028", "198.18.0.1:50028"),
    true,
  );
  assert.equal(sameOrigin("null", "198.18.0.1:50028"), false);
  assert.equal(sameOrigin("file://x", "x"), false);
});

Deno.test("web server: WebSockets are capped per address", async () => {
  const host = startWebHost({}, { maxPerAddress: 2 });
  try {
    const a = await WsClient.connect(host.webPort);
    const b = await WsClient.connect(host.webPort);
    await assert.rejects(WsClient.connect(host.webPort));
    await a.close();
    await until(() => host.web.connections === 1, WAIT_MS, "a closed");
    const c = await WsClient.connect(host.webPort);
    await b.close();
    await c.close();
  } finally {
    await host.close();
  }
});

Deno.test("web server: a page comes back to its seat with its token after its socket dropped", async () => {
  const host = startWebHost();
  try {
    const ws = await WsClient.connect(host.webPort);
    const first = await ws.join("Zoé", { capabilities: ["heartbeat"] });
    const tcpPeer = await WsClient.connect(host.webPort);
    await tcpPeer.join("bob");
    ws.ws.close(); // the phone slept
    const away = await tcpPeer.waitFor((m) => m.type === "away");
    assert.equal(away.nickname, "Zoé");
    const again = await WsClient.connect(host.webPort);
    const back = await again.join("Zoé", { token: first.token });
    assert.equal(back.rejoined, true);
    assert.equal(back.you.id, first.you.id);
    assert.equal(
      (await tcpPeer.waitFor((m) => m.type === "back")).nickname,
      "Zoé",
    );
    // Without the token the nickname is taken while the seat is held.
    await again.close();
    const other = await WsClient.connect(host.webPort);
    other.send({ type: "hello", nickname: "Zoé", protocol: 1 });
    assert.equal((await other.next())?.code, "nickname_held");
    await other.close();
    await tcpPeer.close();
  } finally {
    await host.close();
  }
});

Deno.test("web server: a silent page is taken as away after the heartbeat timeout", async () => {
  const clock = new FakeClock();
  const host = startWebHost({}, {
    webClock: clock,
    heartbeat: { intervalMs: 2000, timeoutMs: 6000 },
  });
  try {
    const peer = await WsClient.connect(host.webPort);
    await peer.join("bob");
    const ws = await WsClient.connect(host.webPort);
    await ws.join("Zoé", { capabilities: ["heartbeat"] });
    const ping = await ws.waitFor((m) => m.type === "ping");
    ws.send({ type: "pong", id: ping.id });
    ws.send({ type: "ping", id: "barrier" });
    await ws.waitFor((m) => m.type === "pong" && m.id === "barrier");
    clock.advance(5999);
    assert.equal(peer.messages.some((m) => m.type === "away"), false);
    clock.advance(1); // six seconds without a word from the page
    assert.equal(
      (await peer.waitFor((m) => m.type === "away")).nickname,
      "Zoé",
    );
    await ws.closed;
    await peer.close();
  } finally {
    await host.close();
  }
});

Deno.test("web server: the projector joins as a watcher: every broadcast, no seat", async () => {
  const host = startWebHost();
  try {
    const player = await WsClient.connect(host.webPort);
    await player.join("ana");
    const screen = await WsClient.connect(host.webPort, {
      path: "/ws?role=screen",
    });
    const welcome = await screen.join("whatever");
    assert.match(welcome.you.id, /^w/);
    const lobby = await screen.waitFor((m) => m.type === "lobby");
    assert.deepEqual(
      lobby.players.map((p: { nickname: string }) => p.nickname),
      ["ana"],
    );
    player.send({ type: "chat", text: "hello wall" });
    assert.equal(
      (await screen.waitFor((m) => m.type === "chat")).text,
      "hello wall",
    );
    screen.send({ type: "chat", text: "I am a wall" });
    assert.equal(
      (await screen.waitFor((m) => m.type === "error")).code,
      "watcher",
    );
    assert.equal(host.room.summary().players, 1);
    await screen.close();
    await player.close();
  } finally {
    await host.close();
  }
});
