import assert from "node:assert/strict";
import { GAMES } from "../games/registry.ts";
import { playRoom } from "../client/app.ts";
import type { Session } from "../client/session.ts";
import { LineClient, startHost } from "./support.ts";
import { startRelay } from "./rejoin_proxy.ts";
import { captureTerminal, joinWithReconnect } from "./rejoin_support.ts";

const quick = { firstMs: 10, maxMs: 40 };
const heartbeat = { intervalMs: 100, timeoutMs: 600 };

Deno.test("player: a connection the host side closes abruptly is taken back, the log kept", async () => {
  const host = startHost();
  const relay = startRelay(host.port);
  try {
    const ana = await joinWithReconnect({
      port: relay.port,
      nickname: "ana",
      heartbeat,
    });
    const term = captureTerminal();
    const playing = playRoom({
      session: ana.session,
      games: GAMES,
      lang: "en",
      terminal: term,
      reconnect: ana.reconnect,
      backoff: quick,
      intro: ["intro-line"],
    });
    await host.until((s) => s.players === 1);
    term.type("before-the-cut");
    await term.until((all) => all.includes("[ana] before-the-cut"));
    (await relay.connection(0)).cut("both");
    await term.until((all) => all.includes("Back in the room."));
    assert.match(term.text(), /Connection lost — reconnecting… \(attempt 1\)/);
    assert.deepEqual(ana.attempts, [ana.session.seat.token]);
    // The same seat: same id, told it was given back.
    const back = ana.sessions[1];
    assert.equal(back.seat.rejoined, true);
    assert.equal(back.welcome.you.id, ana.session.welcome.you.id);
    assert.ok(!term.text().includes("your seat was not kept"));
    await host.until((s) => s.players === 1);
    term.type("after-the-cut");
    await term.until((all) => all.includes("[ana] after-the-cut"));
    // The chat tail a rejoin may send again is not shown twice.
    assert.equal(term.text().split("[ana] before-the-cut").length, 2);
    term.type("/quit");
    const { end } = await playing;
    assert.equal(end, "quit");
  } finally {
    await relay.close();
    await host.close();
  }
});

Deno.test("player: moves typed while disconnected are refused, not queued", async () => {
  const host = startHost();
  const relay = startRelay(host.port);
  const chat = await LineClient.connect(host.port);
  try {
    await chat.next(); // banner
    await chat.send("watcher");
    const ana = await joinWithReconnect({
      port: relay.port,
      nickname: "ana",
      heartbeat,
    });
    let open!: () => void;
    const gate = new Promise<void>((r) => open = r);
    const term = captureTerminal();
    const playing = playRoom({
      session: ana.session,
      games: GAMES,
      lang: "en",
      terminal: term,
      reconnect: async (token) => {
        await gate;
        return await ana.reconnect(token);
      },
      backoff: quick,
    });
    await host.until((s) => s.players === 2);
    (await relay.connection(0)).cut("both");
    await term.until((all) => all.includes("reconnecting"));
    term.type("lost-words");
    await term.until((all) =>
      all.includes("Not connected to the room: try again in a moment.")
    );
    open();
    await term.until((all) => all.includes("Back in the room"));
    term.type("found-words");
    // The watcher (nc) sees the words typed after, never those before.
    while (true) {
      const line = await chat.next();
      assert.ok(line !== null, "the watcher is still there");
      assert.ok(!line.includes("lost-words"), line);
      if (line.includes("found-words")) break;
    }
    term.press({ kind: "interrupt" });
    assert.equal((await playing).end, "quit");
  } finally {
    await chat.close();
    await relay.close();
    await host.close();
  }
});

Deno.test("player: JSON mode says reconnecting and reconnected", async () => {
  const host = startHost();
  const relay = startRelay(host.port);
  try {
    const ana = await joinWithReconnect({
      port: relay.port,
      nickname: "ana",
      heartbeat,
    });
    const term = captureTerminal();
    const playing = playRoom({
      session: ana.session,
      games: GAMES,
      lang: "en",
      terminal: term,
      json: true,
      reconnect: ana.reconnect,
      backoff: quick,
    });
    await host.until((s) => s.players === 1);
    (await relay.connection(0)).cut("both");
    await term.until((all) => all.includes('"type":"reconnected"'));
    const events = term.text().split("\n").filter(Boolean).map((l) =>
      JSON.parse(l)
    );
    const reconnecting = events.find((e) => e.type === "reconnecting");
    assert.equal(reconnecting.attempt, 1);
    assert.equal(reconnecting.reason, "eof");
    const reconnected = events.find((e) => e.type === "reconnected");
    assert.equal(reconnected.attempts, 1);
    assert.equal(reconnected.rejoined, true);
    assert.ok(!events.some((e) => e.type === "pong"), "no heartbeat noise");
    term.press({ kind: "interrupt" });
    assert.equal((await playing).end, "quit");
  } finally {
    await relay.close();
    await host.close();
  }
});

Deno.test("player: a silent host is seen gone and the player comes back", async () => {
  const host = startHost();
  const relay = startRelay(host.port);
  try {
    const ana = await joinWithReconnect({
      port: relay.port,
      nickname: "ana",
      heartbeat,
    });
    const term = captureTerminal();
    const playing = playRoom({
      session: ana.session,
      games: GAMES,
      lang: "en",
      terminal: term,
      json: true,
      reconnect: ana.reconnect,
      backoff: quick,
    });
    await host.until((s) => s.players === 1);
    (await relay.connection(0)).cut("silent");
    await term.until((all) => all.includes('"type":"reconnected"'));
    assert.match(
      term.text(),
      /"type":"reconnecting","attempt":1,"reason":"silent"/,
    );
    term.press({ kind: "interrupt" });
    assert.equal((await playing).end, "quit");
  } finally {
    await relay.close();
    await host.close();
  }
});

Deno.test("player: Ctrl-C while reconnecting quits at once", async () => {
  const host = startHost();
  const relay = startRelay(host.port);
  try {
    const ana = await joinWithReconnect({
      port: relay.port,
      nickname: "ana",
      heartbeat,
    });
    const term = captureTerminal();
    let attempts = 0;
    const playing = playRoom({
      session: ana.session,
      games: GAMES,
      lang: "en",
      terminal: term,
      // Attempts that never answer (a host that vanished).
      reconnect: () => {
        attempts++;
        return new Promise<Session>(() => {});
      },
      backoff: quick,
    });
    await host.until((s) => s.players === 1);
    (await relay.connection(0)).cut("both");
    await term.until((all) => all.includes("reconnecting"));
    term.press({ kind: "interrupt" });
    assert.equal((await playing).end, "quit");
    assert.equal(attempts, 1);
  } finally {
    await relay.close();
    await host.close();
  }
});

Deno.test("player: not coming back within the grace ends as lost, with the last known scores", async () => {
  const host = startHost();
  const relay = startRelay(host.port);
  try {
    const ana = await joinWithReconnect({
      port: relay.port,
      nickname: "ana",
      heartbeat,
    });
    const term = captureTerminal();
    let attempts = 0;
    const playing = playRoom({
      session: ana.session,
      games: GAMES,
      lang: "en",
      terminal: term,
      reconnect: () => {
        attempts++;
        return Promise.reject(new Error("connection refused"));
      },
      backoff: quick,
      reconnectForMs: 400,
    });
    await host.until((s) => s.players === 1);
    await term.until((all) => all.includes("ana"));
    (await relay.connection(0)).cut("both");
    const outcome = await playing;
    assert.equal(outcome.end, "lost");
    assert.ok(attempts >= 5, `${attempts} attempts in 400 ms`);
    assert.match(
      term.text(),
      /Could not get back into the room after \d+ attempts/,
    );
    assert.equal(outcome.final, false);
    assert.deepEqual(outcome.standings?.map((s) => s.nickname), ["ana"]);
  } finally {
    await relay.close();
    await host.close();
  }
});

Deno.test("player: a room that keeps no seat: back, but told the seat is new", async () => {
  const host = startHost({ graceMs: 0 });
  const relay = startRelay(host.port);
  try {
    const ana = await joinWithReconnect({
      port: relay.port,
      nickname: "ana",
      heartbeat,
    });
    const term = captureTerminal();
    const playing = playRoom({
      session: ana.session,
      games: GAMES,
      lang: "fr",
      terminal: term,
      reconnect: ana.reconnect,
      backoff: quick,
    });
    await host.until((s) => s.players === 1);
    (await relay.connection(0)).cut("both");
    await term.until((all) =>
      all.includes(
        "De retour dans la salle, mais votre place n'a pas été gardée",
      )
    );
    assert.notEqual(ana.sessions[1].welcome.you.id, ana.session.welcome.you.id);
    term.press({ kind: "interrupt" });
    assert.equal((await playing).end, "quit");
  } finally {
    await relay.close();
    await host.close();
  }
});

Deno.test("player: a bye ends for good, without coming back", async () => {
  const host = startHost();
  try {
    const ana = await joinWithReconnect({
      port: host.port,
      nickname: "ana",
      heartbeat,
    });
    const term = captureTerminal();
    const playing = playRoom({
      session: ana.session,
      games: GAMES,
      lang: "en",
      terminal: term,
      reconnect: ana.reconnect,
      backoff: quick,
    });
    await host.until((s) => s.players === 1);
    host.room.close();
    const outcome = await playing;
    assert.equal(outcome.end, "host_closed");
    assert.deepEqual(ana.attempts, []);
    // The host's final standings come with its goodbye.
    assert.equal(outcome.final, true);
    assert.deepEqual(outcome.standings, [
      { id: ana.session.welcome.you.id, nickname: "ana", score: 0, rank: 1 },
    ]);
  } finally {
    await host.close();
  }
});
