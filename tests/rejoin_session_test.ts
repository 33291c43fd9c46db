import assert from "node:assert/strict";
import { seatInfo, Session } from "../client/session.ts";
import { startFakeHost, welcomeOf } from "../client/testing_host.ts";
import { startHost } from "./support.ts";
import { startRelay } from "./rejoin_proxy.ts";

Deno.test("session: hello promises heartbeats and carries the token; the host's pings are answered", async () => {
  const host = startFakeHost(() => [
    {
      ...welcomeOf("ana"),
      token: "tok-9",
      rejoined: true,
      graceMs: 30_000,
      heartbeat: { intervalMs: 2000, timeoutMs: 6000 },
    },
    { type: "ping", id: 77, at: 123 },
  ]);
  try {
    const s = await Session.join({
      host: "127.0.0.1",
      port: host.port,
      nickname: "ana",
      lang: "en",
      token: "tok-1",
    });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const m of s.messages()) seen.push(m.type);
    })();
    const pong = await host.until((l) => l.type === "pong");
    assert.deepEqual(pong, { type: "pong", id: 77 });
    await host.until((l) => l.type === "ping"); // our own first ping
    assert.deepEqual(host.hellos[0].capabilities, ["heartbeat", "view-patch"]);
    assert.equal(host.hellos[0].token, "tok-1");
    assert.deepEqual(s.seat, {
      token: "tok-9",
      rejoined: true,
      graceMs: 30_000,
      heartbeat: { intervalMs: 2000, timeoutMs: 6000 },
    });
    await s.close();
    await reading;
    assert.ok(!seen.includes("ping"), "the host's pings are not shown");
    assert.equal(s.end, "closed");
  } finally {
    await host.close();
  }
});

Deno.test("session: without heartbeat, no heartbeat is promised", async () => {
  const host = startFakeHost(() => [welcomeOf("ana")]);
  try {
    const s = await Session.join({
      host: "127.0.0.1",
      port: host.port,
      nickname: "ana",
      lang: "en",
      heartbeat: false,
    });
    assert.deepEqual(host.hellos[0].capabilities, ["view-patch"]);
    assert.equal(host.hellos[0].token, undefined);
    await s.close();
  } finally {
    await host.close();
  }
});

Deno.test("session: a host that falls silent is seen gone within the timeout; a live one never", async () => {
  const host = startHost();
  const relay = startRelay(host.port);
  const timeoutMs = 300;
  try {
    const s = await Session.join({
      host: "127.0.0.1",
      port: relay.port,
      nickname: "ana",
      lang: "en",
      heartbeat: { intervalMs: 50, timeoutMs },
    });
    let pongs = 0;
    let tenPongs!: () => void;
    const alive = new Promise<void>((r) => tenPongs = r);
    let endedAt = 0;
    const reading = (async () => {
      for await (const m of s.messages()) {
        if (m.type === "pong" && ++pongs === 10) tenPongs();
      }
      endedAt = performance.now();
    })();
    // Ten pongs at one every 50 ms: 500 ms, longer than the timeout.
    await alive;
    assert.equal(s.end, null, "a host that answers is never silent");
    assert.ok(s.rttMs !== null && s.rttMs < 100, `rtt ${s.rttMs}`);
    const cutAt = performance.now();
    (await relay.connection(0)).cut("silent");
    await reading;
    const took = endedAt - cutAt;
    assert.equal(s.end, "silent");
    assert.ok(took >= timeoutMs - 60, `seen gone after ${took} ms: too early`);
    assert.ok(took < timeoutMs + 250, `seen gone after ${took} ms: too late`);
    s.drop();
  } finally {
    await relay.close();
    await host.close();
  }
});

Deno.test("session: a connection reset ends the messages as eof, a bye as bye", async () => {
  const host = startHost();
  const relay = startRelay(host.port);
  try {
    const join = (nickname: string) =>
      Session.join({
        host: "127.0.0.1",
        port: relay.port,
        nickname,
        lang: "en",
      });
    const s = await join("ana");
    const reading = (async () => {
      for await (const _ of s.messages()) { /* drain */ }
    })();
    await host.until((r) => r.players === 1);
    (await relay.connection(0)).cut("both");
    await reading;
    assert.equal(s.end, "eof");
    s.drop();

    const s2 = await join("ben"); // ana's seat is held for her
    const types: string[] = [];
    const reading2 = (async () => {
      for await (const m of s2.messages()) types.push(m.type);
    })();
    // ben is here; ana's seat is held, not here.
    await host.until((r) => r.players === 1);
    assert.deepEqual(host.room.nicknames().sort(), ["ana", "ben"]);
    host.room.close();
    await reading2;
    assert.equal(s2.end, "bye");
    assert.equal(types.at(-1), "bye");
    s2.drop();
  } finally {
    await relay.close();
    await host.close();
  }
});

Deno.test("session: a welcome's seat facts are bounded (a hostile host cannot make us ping in a loop)", () => {
  const s = seatInfo({
    token: "x".repeat(500),
    rejoined: "yes",
    graceMs: -5,
    heartbeat: { intervalMs: 0, timeoutMs: Infinity },
  });
  assert.deepEqual(s, {
    token: "",
    rejoined: false,
    graceMs: 0,
    heartbeat: { intervalMs: 100, timeoutMs: 6000 },
  });
  assert.equal(seatInfo({ graceMs: 1e15 }).graceMs, 86_400_000);
  assert.deepEqual(
    seatInfo({ heartbeat: { intervalMs: 5000, timeoutMs: 1000 } }).heartbeat,
    { intervalMs: 5000, timeoutMs: 10_000 },
    "the timeout is at least twice the interval",
  );
});

Deno.test("session: a stall of this program (a busy loop, a laptop asleep) is not a silent host", async () => {
  const host = startHost();
  const timeoutMs = 300;
  try {
    const s = await Session.join({
      host: "127.0.0.1",
      port: host.port,
      nickname: "ana",
      lang: "en",
      heartbeat: { intervalMs: 50, timeoutMs },
    });
    let pongs = 0;
    let next = null as (() => void) | null;
    const reading = (async () => {
      for await (const m of s.messages()) {
        if (m.type === "pong") {
          pongs++;
          next?.();
        }
      }
      pongs = Infinity; // ended: every wait is over, the assert says why
      next?.();
    })();
    const pongsAfter = (n: number) =>
      new Promise<void>((r) => {
        const target = pongs + n;
        next = () => pongs >= target && r();
      });
    await pongsAfter(2);
    // The stall under test: the event loop does not run for 2 timeouts.
    const until = performance.now() + 2 * timeoutMs;
    while (performance.now() < until) { /* stand still */ }
    await pongsAfter(8);
    assert.equal(s.end, null, "still connected after the stall");
    await s.close();
    await reading;
  } finally {
    await host.close();
  }
});
