import assert from "node:assert/strict";
import { MAX_LINE_BYTES } from "../protocol/constants.ts";
import { LineClient } from "../tests/support.ts";
import {
  startWebHost,
  until,
  WAIT_MS,
  WsClient,
} from "../tests/web_support.ts";
import { FakeClock, FakePort } from "./room_testing.ts";
import { WebConnection, type WebSocketLike } from "./web_connection.ts";
import { type JoinRequest, type MemberPort, Room } from "./room.ts";
import type { HostMessage } from "../protocol/messages.ts";
import { GAMES } from "../games/registry.ts";
import { realClock } from "./clock.ts";

Deno.test("web: a browser joins like a JSON client, chats with a TCP player and gets the feed", async () => {
  const host = startWebHost();
  try {
    const ws = await WsClient.connect(host.webPort);
    const welcome = await ws.join("Zoé");
    assert.equal(welcome.you.nickname, "Zoé");
    await ws.waitFor((m) => m.type === "lobby");
    const nc = await LineClient.connect(host.port);
    await nc.next(); // banner
    await nc.send("bob");
    await nc.waitFor((l) => l.startsWith("Welcome bob"));
    // The page's feed says who came, in the player's language.
    const feed = await ws.waitFor((m) => m.type === "lines");
    assert.deepEqual(feed.lines, ["→ bob joined the room"]);
    ws.send({ type: "chat", text: "salut <b>bob</b>" });
    await nc.waitFor((l) => l === "[Zoé] salut <b>bob</b>");
    await nc.send("hi Zoé");
    const chat = await ws.waitFor((m) => m.type === "chat" && m.from === "bob");
    assert.equal(chat.text, "hi Zoé");
    await nc.close();
    await ws.close();
  } finally {
    await host.close();
  }
});

Deno.test("web: the first message must be a hello; refusals leave the socket open for another", async () => {
  const host = startWebHost();
  try {
    const ws = await WsClient.connect(host.webPort);
    ws.send({ type: "chat", text: "hi" });
    assert.equal((await ws.next())?.code, "hello_first");
    ws.send("not json");
    assert.equal((await ws.next())?.code, "bad_json");
    ws.send({ type: "hello", nickname: "a b", protocol: 1 });
    assert.equal((await ws.next())?.code, "bad_nickname");
    const welcome = await ws.join("ana");
    assert.equal(welcome.you.nickname, "ana");
    await ws.close();
  } finally {
    await host.close();
  }
});

Deno.test("web: a message over 64 KiB is refused as oversize, and the socket goes on", async () => {
  const host = startWebHost();
  try {
    const ws = await WsClient.connect(host.webPort);
    await ws.join("ana");
    const text = "x".repeat(MAX_LINE_BYTES);
    ws.send(JSON.stringify({ type: "chat", text })); // over by the JSON around it
    const err = await ws.waitFor((m) => m.type === "error");
    assert.equal(err.code, "oversize");
    assert.match(err.message, /65536/);
    // Multi-byte text is counted in UTF-8 bytes, not characters.
    ws.send(
      JSON.stringify({ type: "chat", text: "é".repeat(MAX_LINE_BYTES / 2) }),
    );
    assert.equal(
      (await ws.waitFor((m) => m.type === "error")).code,
      "oversize",
    );
    ws.send({ type: "chat", text: "still here" });
    const chat = await ws.waitFor((m) => m.type === "chat");
    assert.equal(chat.text, "still here");
    await ws.close();
  } finally {
    await host.close();
  }
});

Deno.test("web: messages beyond the rate are dropped with one rate_limited error", async () => {
  // The connections' clock stands still: no token comes back during the burst.
  const clock = new FakeClock();
  const host = startWebHost({ graceMs: 0 }, { rate: 5, webClock: clock });
  try {
    const ws = await WsClient.connect(host.webPort);
    await ws.join("ana"); // the hello takes one token of the 10
    const watcher = await WsClient.connect(host.webPort);
    await watcher.join("bob");
    for (let i = 0; i < 30; i++) ws.send({ type: "chat", text: `m${i}` });
    const limited = await ws.waitFor((m) => m.type === "error");
    assert.equal(limited.code, "rate_limited");
    // The host reads a socket in order: once it saw the close, it handled
    // (or dropped) the whole burst.
    await ws.close();
    await watcher.waitFor((m) => m.type === "left" && m.nickname === "ana");
    const chats = watcher.messages.filter((m) => m.type === "chat");
    assert.equal(chats.length, 9);
    assert.equal(
      ws.messages.filter((m) => m.code === "rate_limited").length,
      1,
    );
    await watcher.close();
  } finally {
    await host.close();
  }
});

Deno.test("web: a socket that sends no hello in time gets bye handshake_timeout", async () => {
  const clock = new FakeClock();
  const host = startWebHost({}, { handshakeMs: 3000, webClock: clock });
  try {
    const ws = await WsClient.connect(host.webPort);
    // The deadline is armed when the socket is served: wait until it is.
    await until(() => clock.timers.length > 0, WAIT_MS, "deadline armed");
    clock.advance(2999);
    assert.equal(ws.messages.length, 0);
    clock.advance(1);
    const bye = await ws.waitFor((m) => m.type === "bye");
    assert.equal(bye.reason, "handshake_timeout");
    assert.equal(await ws.closed, 1000);
  } finally {
    await host.close();
  }
});

Deno.test("web: invalid messages in a row (maxErrors) close the socket with too_many_errors", async () => {
  const host = startWebHost({}, { maxErrors: 5 });
  try {
    const ws = await WsClient.connect(host.webPort);
    await ws.join("ana");
    for (let i = 0; i < 5; i++) ws.send({ type: "dance" });
    const bye = await ws.waitFor((m) => m.type === "bye");
    assert.equal(bye.reason, "too_many_errors");
    assert.equal(
      ws.messages.filter((m) => m.code === "unknown_type").length,
      5,
    );
    await ws.closed;
  } finally {
    await host.close();
  }
});

Deno.test("web: binary messages are UTF-8 text like the rest, invalid UTF-8 is refused", async () => {
  const host = startWebHost();
  try {
    const ws = await WsClient.connect(host.webPort);
    ws.ws.send(
      new TextEncoder().encode(
        JSON.stringify({ type: "hello", nickname: "ana", protocol: 1 }),
      ),
    );
    await ws.waitFor((m) => m.type === "welcome");
    ws.ws.send(new Uint8Array([0x7b, 0xff, 0x7d]));
    assert.equal(
      (await ws.waitFor((m) => m.type === "error")).code,
      "invalid_utf8",
    );
    await ws.close();
  } finally {
    await host.close();
  }
});

Deno.test("web: a failure while serving one socket closes it alone; the room goes on", async () => {
  const host = startWebHost({ graceMs: 0 });
  try {
    const a = await WsClient.connect(host.webPort);
    await a.join("ana");
    const b = await WsClient.connect(host.webPort);
    await b.join("bob");
    const receive = host.room.receive.bind(host.room);
    host.room.receive = (id, value) => {
      if ((value as { text?: string }).text === "boom") throw new Error("boom");
      return receive(id, value);
    };
    a.send({ type: "chat", text: "boom" });
    const bye = await a.waitFor((m) => m.type === "bye");
    assert.equal(bye.reason, "internal_error");
    await a.closed;
    await b.waitFor((m) => m.type === "left" && m.nickname === "ana");
    b.send({ type: "chat", text: "still on" });
    assert.equal((await b.waitFor((m) => m.type === "chat")).text, "still on");
    await b.close();
  } finally {
    await host.close();
  }
});

/** A socket whose backlog the test sets. */
class FakeSocket implements WebSocketLike {
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  closedWith: number | null = null;
  #listeners = new Map<string, ((e: Event) => void)[]>();
  send(data: string): void {
    this.sent.push(data);
  }
  close(code?: number): void {
    this.closedWith = code ?? 1000;
    this.readyState = 3;
    this.emit("close", new Event("close"));
  }
  addEventListener(type: string, fn: (e: Event) => void): void {
    this.#listeners.set(type, [...this.#listeners.get(type) ?? [], fn]);
  }
  emit(type: string, e: Event): void {
    for (const fn of this.#listeners.get(type) ?? []) fn(e);
  }
  message(value: unknown): void {
    this.emit(
      "message",
      new MessageEvent("message", { data: JSON.stringify(value) }),
    );
  }
}

Deno.test("web: a browser that stops reading is cut once its backlog stays too big", async () => {
  const clock = new FakeClock();
  const room = new Room({
    name: "R",
    hostId: "h",
    games: GAMES,
    game: "justeprix",
    clock: realClock,
    random: Math.random,
  });
  const socket = new FakeSocket();
  const logs: string[] = [];
  const c = new WebConnection(socket, "198.18.0.9", {
    room,
    games: GAMES,
    clock,
    defaultLang: "en",
    slowBytes: 1000,
    slowMs: 5000,
    log: (l) => logs.push(l),
  });
  const done = c.run();
  socket.message({ type: "hello", nickname: "ana", protocol: 1 });
  assert.equal(room.summary().players, 1);
  const observer = new FakePort();
  room.join(
    { nickname: "bob", protocol: 1, lang: "en", mode: "json" },
    observer,
  );
  socket.bufferedAmount = 5000; // the browser stopped reading
  room.receive("p1", { type: "chat", text: "one" });
  clock.advance(4999);
  assert.equal(socket.closedWith, null);
  clock.advance(1);
  assert.equal(socket.closedWith, 1008);
  await done;
  // The seat is held for the player to come back, not connected.
  assert.equal(room.nicknames().length, 2);
  assert.equal(room.summary().players, 1, "a held seat is not here");
  assert.equal(observer.last("away")?.nickname, "ana");
  assert.match(logs.join("\n"), /slow reader cut: ana/);
  room.close();
});

Deno.test("web: the hard bound of the backlog cuts at once", async () => {
  const room = new Room({
    name: "R",
    hostId: "h",
    games: GAMES,
    game: "justeprix",
    clock: realClock,
    random: Math.random,
  });
  const socket = new FakeSocket();
  const c = new WebConnection(socket, "198.18.0.9", {
    room,
    games: GAMES,
    clock: new FakeClock(),
    defaultLang: "en",
    outboundLimit: 10_000,
  });
  const done = c.run();
  socket.message({ type: "hello", nickname: "ana", protocol: 1 });
  socket.bufferedAmount = 10_001;
  room.receive("p1", { type: "chat", text: "one" });
  assert.equal(socket.closedWith, 1008);
  await done;
  room.close();
});

/**
 * Pages seated in a stand-in room that keeps their ports, so that a test
 * sends one message object to all of them as the room's broadcast does.
 */
function hall(langs: ("fr" | "en")[]) {
  const ports: MemberPort[] = [];
  const room = {
    join(_req: JoinRequest, port: MemberPort) {
      ports.push(port);
      return { ok: true, id: `p${ports.length}` };
    },
    langOf: (id: string) => langs[Number(id.slice(1)) - 1],
    lost() {},
  } as unknown as Room;
  const sockets = langs.map((lang, i) => {
    const socket = new FakeSocket();
    void new WebConnection(socket, "198.18.0.9", {
      room,
      games: GAMES,
      clock: new FakeClock(),
      defaultLang: "en",
    }).run();
    socket.message({ type: "hello", nickname: `p${i}`, protocol: 1, lang });
    return socket;
  });
  const broadcast = (msg: unknown) => {
    for (const p of ports) p.send(msg as HostMessage);
  };
  const close = () => sockets.forEach((s) => s.close());
  return { sockets, broadcast, close };
}

Deno.test("web: a broadcast is serialized once for all the pages", () => {
  const { sockets, broadcast, close } = hall(["fr", "en", "fr", "en"]);
  let serialized = 0;
  const text = {
    toJSON() {
      serialized++;
      return "salut";
    },
  };
  broadcast({ type: "chat", id: "p1", from: "p0", text, at: 1 });
  assert.equal(serialized, 1);
  for (const s of sockets) {
    assert.equal(JSON.parse(s.sent.at(-1)!).text, "salut");
  }
  close();
});

Deno.test("web: feed lines the same for every reader are rendered once per language", () => {
  const { sockets, broadcast, close } = hall(["fr", "en", "fr", "en", "fr"]);
  let rendered = 0;
  const nickname = {
    toString() {
      rendered++;
      return "Zoé";
    },
    toJSON: () => "Zoé",
  };
  broadcast({ type: "away", id: "p9", nickname, graceMs: 120_000 });
  assert.equal(rendered, 2, "once in French, once in English");
  const feeds = sockets.map((s) => JSON.parse(s.sent.at(-1)!));
  assert.deepEqual(feeds[1], feeds[3]);
  assert.equal(feeds[0].type, "lines");
  assert.match(feeds[0].lines[0], /Zoé/);
  assert.notDeepEqual(feeds[0], feeds[1], "each reads its own language");
  // The lead names the reader: each page renders it (and page p2 is told
  // it leads), without a text session made per message.
  broadcast({ type: "leader", id: "p3", nickname: "p2" });
  const leads = sockets.map((s) => JSON.parse(s.sent.at(-1)!).lines[0]);
  assert.notEqual(leads[2], leads[0]);
  assert.doesNotMatch(leads[2], /p2/);
  assert.match(leads[0], /p2/);
  close();
});
