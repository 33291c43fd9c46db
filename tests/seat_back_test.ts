/**
 * Seats that survive a drop, over real sockets: the host's heartbeat sees
 * a silent player, a JSON player takes its seat back with its token in the
 * middle of a quiz, a text player with its rejoin code.
 */
import assert from "node:assert/strict";
import { LineClient, startHost } from "./support.ts";

type Msg = Record<string, unknown> & { type: string };
/** The part of a QCM view these tests read. */
type QcmSeatView = {
  phase: string;
  playerCount: number;
  me: { score: number; streak: number };
};

/** A JSON player on a raw socket: banner, hello, then JSON lines. */
async function player(
  port: number,
  nickname: string,
  extra: Record<string, unknown> = {},
): Promise<
  { c: LineClient; welcome: Msg; next: (type: string) => Promise<Msg> }
> {
  const c = await LineClient.connect(port);
  await c.next(); // banner
  await c.send(JSON.stringify({
    type: "hello",
    nickname,
    protocol: 1,
    lang: "en",
    ...extra,
  }));
  const next = async (type: string) =>
    JSON.parse(await c.waitFor((l) => JSON.parse(l).type === type)) as Msg;
  return { c, welcome: await next("welcome"), next };
}

/** `p`, or a failure after `ms` (a test whose limit was removed must fail, not hang). */
async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) =>
    timer = setTimeout(
      () => reject(new Error(`${what}: not within ${ms} ms`)),
      ms,
    )
  );
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Answers every heartbeat ping of the host, as the join client does. */
async function answerPings(c: LineClient): Promise<void> {
  while (true) {
    const line = await c.next();
    if (line === null) return;
    const m = JSON.parse(line);
    if (m.type === "ping") {
      await c.send(JSON.stringify({ type: "pong", id: m.id }));
    }
  }
}

Deno.test("heartbeat: a silent player is seen away; one who answers stays", async () => {
  const heartbeat = { intervalMs: 100, timeoutMs: 400 };
  const host = startHost({ heartbeat, graceMs: 60_000 });
  const watcher = await player(host.port, "watcher", {
    capabilities: ["heartbeat"],
  });
  const pinging = answerPings(watcher.c);
  const observer = await player(host.port, "observer");
  const silent = await player(host.port, "silent", {
    capabilities: ["heartbeat"],
  });
  const quiet = await player(host.port, "quiet"); // no heartbeat: TCP only
  const before = performance.now();
  // `silent` never reads nor answers: only its heartbeat can tell.
  const away = JSON.parse(
    await within(
      5000,
      "away",
      observer.c.waitFor((l) => JSON.parse(l).type === "away"),
    ),
  );
  const seenAfter = performance.now() - before;
  assert.equal(away.nickname, "silent");
  assert.ok(seenAfter >= heartbeat.timeoutMs - 50, `${seenAfter} ms`);
  const lobby = JSON.parse(
    await observer.c.waitFor((l) => {
      const m = JSON.parse(l);
      return m.type === "lobby" &&
        m.players.some((p: Msg) => p.nickname === "silent" && !p.connected);
    }),
  );
  const connected = Object.fromEntries(
    lobby.players.map((p: Msg) => [p.nickname, p.connected]),
  );
  assert.deepEqual(connected, {
    watcher: true,
    observer: true,
    silent: false,
    quiet: true,
  });
  // The host cut the silent socket: it reads the end.
  await silent.c.waitFor(() => false).catch(() => {});
  assert.equal(silent.c.ended, true);
  await silent.c.close();
  for (const p of [watcher, observer, quiet]) await p.c.close();
  await pinging;
  await host.close();
});

Deno.test("rejoin: a JSON player reset mid-quiz comes back to its seat and score", async () => {
  const host = startHost({
    game: "qcm",
    gameOptions: {
      qcm: { count: 2, timeSec: 30, pauseSec: 2, shuffle: false },
    },
    graceMs: 60_000,
  });
  const ana = await player(host.port, "ana");
  const bob = await player(host.port, "bob");
  ana.c.send(JSON.stringify({ type: "start" }));
  await bob.next("question");
  bob.c.send(JSON.stringify({ type: "answer", choices: [1] }));
  await bob.next("answer_ack");
  ana.c.send(JSON.stringify({ type: "answer", choices: [1] }));
  await bob.next("reveal");
  const view = async (p: typeof bob, pred: (v: Msg) => boolean) => {
    while (true) {
      const m = await p.next("view");
      if (pred(m.view as Msg)) return m.view as QcmSeatView;
    }
  };
  const before = await view(bob, (v) => v.phase === "reveal");
  // The connection is reset (no quit): the seat is held.
  await bob.c.close();
  const away = await ana.next("away");
  assert.equal(away.nickname, "bob");
  const t0 = performance.now();
  const back = await player(host.port, "bob", { token: bob.welcome.token });
  const ms = performance.now() - t0;
  assert.equal(back.welcome.rejoined, true);
  assert.deepEqual(back.welcome.you, bob.welcome.you);
  const now = await view(back, () => true);
  assert.equal(now.me.score, before.me.score);
  assert.equal(now.me.streak, before.me.streak);
  assert.equal(now.playerCount, 2, "the view given back counts its player");
  assert.ok(ms < 2000, `rejoined in ${ms.toFixed(0)} ms`);
  assert.equal((await ana.next("back")).nickname, "bob");
  // The next question reaches the returning player, who answers it.
  const q2 = await back.next("question");
  assert.equal(q2.index, 2);
  back.c.send(JSON.stringify({ type: "answer", choices: [1] }));
  assert.equal((await back.next("answer_ack")).index, 2);
  await ana.c.close();
  await back.c.close();
  await host.close();
});

Deno.test("rejoin: a text player takes the seat back with its code", async () => {
  const host = startHost({ graceMs: 60_000 });
  const ana = await player(host.port, "ana");
  const nc = await LineClient.connect(host.port);
  await nc.next();
  await nc.send("chloe");
  const codeLine = await nc.waitFor((l) => l.includes("rejoin code"));
  const code = /code: ([2-9A-Z]{5})/.exec(codeLine)![1];
  await nc.close();
  await ana.next("away");
  const wrong = await LineClient.connect(host.port);
  await wrong.next();
  await wrong.send("chloe");
  assert.match(
    await wrong.waitFor((l) => l.startsWith("!")),
    /type “chloe CODE”/,
  );
  await wrong.close();
  const again = await LineClient.connect(host.port);
  await again.next();
  await again.send(`chloe ${code}`);
  assert.match(await again.waitFor((l) => l.startsWith("Back in")), /chloe/);
  assert.equal((await ana.next("back")).nickname, "chloe");
  await again.close();
  await ana.c.close();
  await host.close();
});

Deno.test("rejoin: wrong codes are slowed down like wrong PINs", async () => {
  const host = startHost({ graceMs: 60_000 });
  const ana = await player(host.port, "ana", {});
  const nc = await LineClient.connect(host.port);
  await nc.next();
  for (let i = 0; i < 4; i++) {
    await nc.send("ana 22222");
    assert.match(await nc.waitFor((l) => l.startsWith("!")), /does not match/);
  }
  await nc.send("ana 33333");
  assert.match(await nc.waitFor((l) => l.startsWith("!")), /wait 1 second/);
  await nc.close();
  await ana.c.close();
  await host.close();
});

Deno.test("rejoin: one's own right code does not clear the wrong-code count", async () => {
  const host = startHost({ graceMs: 60_000 });
  const ana = await player(host.port, "ana");
  const me = await LineClient.connect(host.port);
  await me.next();
  await me.send("mallory");
  const line = await me.waitFor((l) => l.includes("rejoin code"));
  const code = /code: ([2-9A-Z]{5})/.exec(line)![1];
  await me.close();
  await ana.next("away");
  const guess = async (text: string) => {
    const c = await LineClient.connect(host.port);
    await c.next();
    await c.send(text);
    const answer = await c.waitFor((l) =>
      l.startsWith("!") || l.startsWith("Back")
    );
    await c.close();
    return answer;
  };
  for (let i = 0; i < 3; i++) {
    assert.match(await guess("ana 22222"), /does not match/);
  }
  assert.match(await guess(`mallory ${code}`), /^Back in/);
  assert.match(await guess("ana 22222"), /does not match/);
  assert.match(await guess("ana 33333"), /wait 1 second/);
  await ana.c.close();
  await host.close();
});
