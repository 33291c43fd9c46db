/**
 * The host's transport holds, over real sockets on loopback: containment of
 * failures, accept back-off, connection caps, the handshake deadline, slow
 * readers judged by time, sanitised input, the PIN slow-down and the room
 * key proof.
 */
import assert from "node:assert/strict";
import { GAMES } from "../games/registry.ts";
import { FakeClock } from "../host/room_testing.ts";
import { realClock } from "../host/clock.ts";
import { Room } from "../host/room.ts";
import { GameServer } from "../host/server.ts";
import { type JoinRequest, refusal } from "../host/admission.ts";
import {
  createRoomKey,
  proofData,
  verifyRoomSignature,
} from "../discovery/room_key.ts";
import { isClean } from "../text/sanitize.ts";
import { TextSession } from "../text/session.ts";
import { LineClient, startHost } from "./support.ts";

type Msg = { type: string; [k: string]: unknown };

const hello = (nickname: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: "hello", nickname, protocol: 1, ...extra });

/** A JSON client past the banner and the welcome. */
async function joined(port: number, nickname: string): Promise<LineClient> {
  const c = await LineClient.connect(port);
  await c.next(); // banner
  await c.send(hello(nickname));
  await c.waitFor((l) => l.includes('"welcome"'));
  return c;
}

/** Parsed JSON lines a client got (banner and text lines skipped). */
function messages(c: LineClient): Msg[] {
  return c.lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
}

Deno.test("containment: a failure while serving one connection closes that one only", async (t) => {
  const logs: string[] = [];
  // No grace: a failed connection's seat is freed at once (with a grace it
  // is held like any lost connection's; host/seats_test.ts).
  const host = startHost({ rate: 1e9, log: (l) => logs.push(l), graceMs: 0 });
  const realReceive = host.room.receive.bind(host.room);
  host.room.receive = (id, value) => {
    if ((value as Msg)?.type === "chat" && (value as Msg).text === "boom") {
      throw new Error("a rule that throws");
    }
    return realReceive(id, value);
  };
  try {
    const ana = await joined(host.port, "ana");
    const bob = await joined(host.port, "bob");
    await t.step(
      "JSON: internal_error, bye, closed; the room goes on",
      async () => {
        await ana.send(JSON.stringify({ type: "chat", text: "boom" }));
        await ana.waitFor((l) => l.includes('"internal_error"'));
        await ana.waitFor((l) => l.includes('"bye"'));
        assert.equal(await ana.next(), null, "closed");
        await bob.waitFor((l) => l.includes('"left"') && l.includes("ana"));
        await bob.send(JSON.stringify({ type: "chat", text: "still here" }));
        await bob.waitFor((l) => l.includes("still here"));
        assert.deepEqual(host.room.nicknames(), ["bob"]);
        assert.ok(logs.some((l) => l.includes("a rule that throws")), "logged");
      },
    );
    await t.step(
      "text mode: the same, and new players still get in",
      async () => {
        const nc = await LineClient.connect(host.port);
        await nc.next();
        await nc.send("zoe");
        await nc.waitFor((l) => l.includes("zoe"));
        await nc.send("boom");
        await nc.waitFor((l) => l.startsWith("! "));
        await nc.done;
        const eve = await joined(host.port, "eve");
        assert.deepEqual(host.room.nicknames(), ["bob", "eve"]);
        await eve.close();
        await nc.close();
      },
    );
    await t.step(
      "a failure while rendering for a text-mode player closes theirs only",
      async () => {
        const nc = await LineClient.connect(host.port);
        await nc.next();
        await nc.send("tom");
        await nc.waitFor((l) => l.includes("tom"));
        const render = TextSession.prototype.render;
        TextSession.prototype.render = function (msg) {
          if ((msg as Msg).text === "poison") throw new Error("cannot render");
          return render.call(this, msg);
        };
        try {
          // bob's chat is rendered for tom while the room serves bob.
          await bob.send(JSON.stringify({ type: "chat", text: "poison" }));
          await bob.waitFor((l) => l.includes("poison"));
          await nc.waitFor((l) => l.startsWith("! "));
          await nc.done;
        } finally {
          TextSession.prototype.render = render;
        }
        await bob.waitFor((l) => l.includes('"left"') && l.includes("tom"));
        await bob.send(JSON.stringify({ type: "ping", id: 7 }));
        await bob.waitFor((l) => l.includes('"pong"'));
        assert.deepEqual(host.room.nicknames(), ["bob"]);
        await nc.close();
      },
    );
    await ana.close();
    await bob.close();
  } finally {
    await host.close();
  }
});

Deno.test("the accept loop goes on after errors, with back-off, logging once per streak", async () => {
  const real = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  let failures = 3;
  const listener = {
    accept(): Promise<Deno.TcpConn> {
      if (failures-- > 0) {
        return Promise.reject(new Error("Too many open files (os error 24)"));
      }
      return real.accept();
    },
    close: () => real.close(),
    get addr() {
      return real.addr;
    },
  };
  const waits: number[] = [];
  const clock = {
    now: () => 0,
    after(ms: number, fn: () => void) {
      waits.push(ms);
      queueMicrotask(fn);
      return () => {};
    },
  };
  const logs: string[] = [];
  const room = new Room({
    name: "Test room",
    hostId: "test-host",
    games: GAMES,
    game: "justeprix",
    clock: realClock,
    random: Math.random,
  });
  const server = GameServer.serve(listener, {
    room,
    games: GAMES,
    clock,
    defaultLang: "en",
    log: (l) => logs.push(l),
    handshakeMs: 60_000,
  });
  try {
    const c = await LineClient.connect(server.port);
    assert.match((await c.next())!, /^LANPLAY\/1 /);
    assert.deepEqual(waits.filter((w) => w !== 60_000), [10, 20, 40]);
    assert.equal(logs.filter((l) => l.includes("Too many open")).length, 1);
    await c.close();
  } finally {
    await server.close();
  }
});

Deno.test("connection caps: total and per address", async (t) => {
  await t.step(
    "over the per-address cap: one refusal line, closed",
    async () => {
      const host = startHost({ maxPerAddress: 3, maxConnections: 100 });
      const open = await Promise.all(
        [1, 2, 3].map(() => LineClient.connect(host.port)),
      );
      for (const c of open) await c.next(); // banners: all three are served
      const extra = await LineClient.connect(host.port);
      const line = JSON.parse((await extra.next())!);
      assert.equal(line.code, "too_many_connections");
      assert.equal(await extra.next(), null, "closed at once");
      await open[0].close();
      // One left: there is room again once the server has seen the close
      // (its count has no event: checked every 5 ms, for at most 5 s).
      const deadline = Date.now() + 5_000;
      while (host.server.connections > 2) {
        assert.ok(Date.now() < deadline, "the server never forgot the close");
        await new Promise((r) => setTimeout(r, 5));
      }
      const again = await LineClient.connect(host.port);
      assert.match((await again.next())!, /^LANPLAY\//);
      for (const c of [...open, extra, again]) await c.close();
      await host.close();
    },
  );
  await t.step("over the total cap: the same", async () => {
    const host = startHost({ maxPerAddress: 100, maxConnections: 2 });
    const open = await Promise.all(
      [1, 2].map(() => LineClient.connect(host.port)),
    );
    for (const c of open) await c.next();
    const extra = await LineClient.connect(host.port);
    assert.equal(
      JSON.parse((await extra.next())!).code,
      "too_many_connections",
    );
    assert.equal(await extra.next(), null);
    for (const c of [...open, extra]) await c.close();
    await host.close();
  });
});

Deno.test("handshake deadline: no hello or nickname in time, bye handshake_timeout", async () => {
  const clock = new FakeClock();
  const host = startHost({ serverClock: clock, handshakeMs: 10_000 });
  try {
    const idle = await LineClient.connect(host.port);
    await idle.next(); // banner
    const quick = await joined(host.port, "quick");
    clock.advance(9_999);
    assert.equal(idle.ended, false);
    clock.advance(1);
    const bye = JSON.parse(await idle.waitFor((l) => l.includes('"bye"')));
    assert.equal(bye.reason, "handshake_timeout");
    assert.equal(await idle.next(), null, "closed");
    await quick.send(JSON.stringify({ type: "ping", id: 1 }));
    await quick.waitFor((l) => l.includes('"pong"'));
    assert.deepEqual(host.room.nicknames(), ["quick"], "a joined player stays");
    await quick.close();
    await idle.close();
  } finally {
    await host.close();
  }
});

Deno.test("a normal reader survives a burst of several MB", async () => {
  // Time stands still for the connections: only a size could cut, and the
  // hard bound is set far above the burst; the slow bound (256 KiB) is not.
  const host = startHost({
    rate: 1e9,
    serverClock: new FakeClock(),
    outboundLimit: 64 * 1024 * 1024,
  });
  try {
    // The reader says hello, then looks away while the burst piles up.
    const reader = await LineClient.connect(host.port, false);
    await reader.send(hello("reader"));
    await host.until((s) => s.players === 1);
    const flood = await joined(host.port, "flood");
    const n = 30_000; // more than the kernel's socket buffers take
    const text = "z".repeat(290);
    const lines = Array.from(
      { length: n },
      (_, i) => JSON.stringify({ type: "chat", text: `${i} ${text}` }),
    ).join("\n") + "\n";
    assert.ok(lines.length > 9_000_000, "several MB");
    await flood.send(new TextEncoder().encode(lines));
    await flood.waitFor((l) => l.includes(`"${n - 1} z`)); // all sent out
    reader.resume();
    await reader.waitFor((l) => l.includes(`"${n - 1} z`));
    assert.deepEqual(host.room.nicknames(), ["reader", "flood"]);
    await reader.close();
    await flood.close();
  } finally {
    await host.close();
  }
});

Deno.test("control characters never reach the other players", async () => {
  const host = startHost({ rate: 1e9 });
  try {
    const ana = await joined(host.port, "ana");
    const nc = await LineClient.connect(host.port);
    await nc.next();
    await nc.send("zoe");
    await nc.waitFor((l) => l.includes("zoe"));
    const evil =
      "hi\x1b]0;pwned\x07\x1b[2J\x1b[31m\u009b2J\u202eabc\u2066\x00!";
    await ana.send(JSON.stringify({ type: "chat", text: evil }));
    await ana.send(JSON.stringify({ type: "ping", id: "p\x1b[1m" }));
    const chat = messages(
      await (async () => {
        await ana.waitFor((l) => l.includes('"pong"'));
        return ana;
      })(),
    ).find((m) => m.type === "chat")!;
    assert.ok(isClean(chat.text as string), JSON.stringify(chat.text));
    assert.ok((chat.text as string).startsWith("hi"));
    const pong = messages(ana).find((m) => m.type === "pong")!;
    assert.ok(isClean(pong.id as string));
    const seen = await nc.waitFor((l) => l.includes("hi"));
    assert.ok(isClean(seen), JSON.stringify(seen));
    await nc.send(`text ${evil}`);
    const back = await ana.waitFor((l) => l.includes("text "));
    assert.ok(isClean(JSON.parse(back).text));
    await ana.close();
    await nc.close();
  } finally {
    await host.close();
  }
});

/** A room whose door checks a PIN, as host/admission.ts does in the room wing. */
function lockRoom(room: Room, pin: string, seen: JoinRequest[]): void {
  const realJoin = room.join.bind(room);
  room.join = (req, port) => {
    seen.push(req);
    if (req.pin === undefined) return refusal(req.lang, "pin_required", {});
    if (req.pin !== pin) return refusal(req.lang, "bad_pin", {});
    return realJoin(req, port);
  };
}

Deno.test("PIN: passed with the address, asked in text mode, wrong PINs slowed down", async (t) => {
  const clock = new FakeClock();
  const host = startHost({ serverClock: clock, rate: 1e9, handshakeMs: 1e9 });
  const seen: JoinRequest[] = [];
  lockRoom(host.room, "1234", seen);
  try {
    await t.step("a JSON client sends hello.pin", async () => {
      const c = await LineClient.connect(host.port);
      await c.next();
      await c.send(hello("ana", { pin: "1234" }));
      await c.waitFor((l) => l.includes('"welcome"'));
      assert.equal(seen.at(-1)!.pin, "1234");
      assert.equal(seen.at(-1)!.address, "127.0.0.1");
      await c.close();
    });
    await t.step(
      "a text-mode player is asked the PIN after the nickname",
      async () => {
        const c = await LineClient.connect(host.port);
        await c.next();
        await c.send("zoe");
        await c.waitFor((l) => l === "PIN of the room?");
        await c.send("1234");
        await c.waitFor((l) => l.includes("zoe"));
        assert.equal(seen.at(-1)!.nickname, "zoe");
        assert.equal(seen.at(-1)!.mode, "text");
        await c.close();
      },
    );
    await t.step(
      "after 3 wrong PINs an address waits, 1 s doubling",
      async () => {
        const c = await LineClient.connect(host.port);
        await c.next();
        const codes: string[] = [];
        const tryPin = async (pin: string) => {
          await c.send(hello("eve", { pin }));
          const e = JSON.parse(await c.waitFor((l) => l.includes('"error"')));
          codes.push(e.code);
          return e;
        };
        for (const pin of ["1", "2", "3", "4"]) await tryPin(pin);
        assert.deepEqual(codes, ["bad_pin", "bad_pin", "bad_pin", "bad_pin"]);
        const wait = await tryPin("1234");
        assert.equal(wait.code, "pin_wait", "even the right PIN waits");
        assert.match(wait.message, /1 second/);
        await c.done; // five failed attempts: closed
        const d = await LineClient.connect(host.port);
        await d.next();
        clock.advance(1000);
        await d.send(hello("eve", { pin: "5" }));
        assert.equal(
          JSON.parse(await d.waitFor((l) => l.includes('"error"'))).code,
          "bad_pin",
        );
        await d.send(hello("eve", { pin: "1234" }));
        const e = JSON.parse(await d.waitFor((l) => l.includes('"error"')));
        assert.equal(e.code, "pin_wait");
        assert.match(e.message, /2 seconds/);
        clock.advance(2000);
        await d.send(hello("eve", { pin: "1234" }));
        await d.waitFor((l) => l.includes('"welcome"'));
        await c.close();
        await d.close();
      },
    );
  } finally {
    await host.close();
  }
});

Deno.test("a client sending a nonce gets a welcome whose proof verifies", async () => {
  const key = await createRoomKey();
  const host = startHost({
    hostId: key.id,
    publicKey: key.publicKey,
    proof: (nonce) => key.sign(proofData(nonce)),
  });
  try {
    const c = await LineClient.connect(host.port);
    await c.next();
    const nonce = "n0nce-0123456789";
    await c.send(hello("ana", { nonce }));
    const welcome = JSON.parse(await c.waitFor((l) => l.includes('"welcome"')));
    assert.equal(welcome.room.hostId, key.id);
    assert.equal(welcome.room.key, key.publicKey);
    assert.ok(
      await verifyRoomSignature(
        key.publicKey,
        proofData(nonce),
        welcome.room.proof,
      ),
    );
    assert.equal(
      await verifyRoomSignature(
        key.publicKey,
        proofData("other-nonce"),
        welcome.room.proof,
      ),
      false,
    );
    await c.close();
  } finally {
    await host.close();
  }
});

Deno.test("Object.prototype names in every field that names a game, option or command leave the host up", async () => {
  const host = startHost({ rate: 1e9 });
  const names = Object.getOwnPropertyNames(Object.prototype);
  const lines = names.flatMap((name) => [
    { type: name },
    { type: "choose", game: name },
    { type: "start", game: name },
    { type: "choose", game: "justeprix", options: { [name]: 1 } },
    { type: "start", game: "qcm", options: { [name]: "x" } },
    { type: "lang", lang: name },
    { type: "kick", id: name },
  ]).map((m) => JSON.stringify(m));
  try {
    const witness = await joined(host.port, "witness");
    let leader = await joined(host.port, "leader");
    const silent: string[] = [];
    for (const [i, l] of lines.entries()) {
      const from = leader.lines.length;
      await leader.send(l);
      await leader.send(JSON.stringify({ type: "ping", id: `p${i}` }));
      const end = await leader.waitFor((x) =>
        x.includes(`"p${i}"`) || x.includes('"bye"')
      ).catch(() => "closed");
      const replies = leader.lines.slice(from).filter((x) => x.startsWith("{"))
        .map((x) => JSON.parse(x) as Msg);
      const erred = replies.some((m) => m.type === "error");
      // A game or a command named by a prototype name is refused (options
      // are judged when a game starts); a failure closes this one only.
      if (!erred && !l.includes('"options"')) silent.push(l);
      if (!end.includes(`"p${i}"`)) {
        assert.ok(replies.some((m) => m.code === "internal_error"), l);
        await leader.close();
        leader = await joined(host.port, "leader");
      }
      if (host.room.summary().state === "playing") {
        await leader.send(JSON.stringify({ type: "stop" }));
        await host.until((s) => s.state === "lobby");
      }
    }
    assert.deepEqual(silent, [], "every bad line gets an error");
    await witness.send(JSON.stringify({ type: "ping", id: "alive" }));
    await witness.waitFor((l) => l.includes('"alive"'));
    const late = await joined(host.port, "late");
    await late.close();
    await leader.close();
    await witness.close();
  } finally {
    await host.close();
  }
});
