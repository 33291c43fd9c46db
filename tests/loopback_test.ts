/**
 * Integration over real TCP on loopback: a headless host, bots, a text-mode
 * (nc-like) player, bad frames, a slow reader.
 */
import assert from "node:assert/strict";
import { GAMES } from "../games/registry.ts";
import { Session } from "../client/session.ts";
import { runPlayer } from "../client/app.ts";
import { realClock } from "../host/clock.ts";
import { FakeClock } from "../host/room_testing.ts";
import {
  fakeTerminal,
  jsonEvents,
  LineClient,
  seeded,
  startHost,
} from "./support.ts";

type Event = { type: string; [k: string]: unknown };

async function botPlayer(port: number, name: string, seed: number, games = 1) {
  const session = await Session.join({
    host: "127.0.0.1",
    port,
    nickname: name,
    lang: "en",
  });
  const term = fakeTerminal();
  const end = runPlayer({
    session,
    games: GAMES,
    lang: "en",
    terminal: term,
    json: true,
    bot: true,
    gamesLimit: games,
    random: seeded(seed),
  });
  return {
    term,
    end: end.then((e) => {
      term.end();
      return e;
    }),
  };
}

Deno.test("three bots finish a juste prix game and agree on the ranking", async () => {
  const host = startHost({
    autostart: 3,
    gameOptions: { justeprix: { rounds: 2, max: 1000, pauseSec: 0 } },
  });
  try {
    const bots = await Promise.all(
      [1, 2, 3].map((i) => botPlayer(host.port, `bot${i}`, i)),
    );
    const ends = await Promise.all(bots.map((b) => b.end));
    assert.deepEqual(ends, ["games_done", "games_done", "games_done"]);
    const finals = bots.map((b) =>
      jsonEvents(b.term.out).find((e) => e.type === "game_end") as Event
    );
    for (const f of finals) assert.ok(f, "every bot saw the end of the game");
    assert.deepEqual(finals[1].ranking, finals[0].ranking);
    assert.deepEqual(finals[2].ranking, finals[0].ranking);
    const ranking = finals[0].ranking as {
      nickname: string;
      rank: number;
      points: number;
    }[];
    assert.deepEqual(ranking.map((r) => r.nickname).sort(), [
      "bot1",
      "bot2",
      "bot3",
    ]);
    // Every bot found the secret in both rounds: bisection always finds.
    const roundEnds = jsonEvents(bots[0].term.out).filter((e) =>
      e.type === "round_end"
    );
    assert.equal(roundEnds.length, 2);
    for (const r of roundEnds) {
      for (const p of r.ranking as { found: boolean }[]) {
        assert.equal(p.found, true);
      }
    }
    // Points rank the players: a better rank never has fewer points.
    for (let i = 1; i < ranking.length; i++) {
      assert.ok(ranking[i - 1].points >= ranking[i].points);
    }
    // No bot ever saw another player's guesses or the secret before the round ended.
    for (const b of bots) {
      const events = jsonEvents(b.term.out);
      const me = (events.find((e) =>
        e.type === "welcome"
      ) as unknown as { you: { nickname: string } }).you.nickname;
      for (const e of events) {
        if (e.type === "hint") {
          assert.ok(typeof e.guess === "number");
        }
        if (e.type === "progress") {
          assert.ok(
            !JSON.stringify(e).includes('"guess'),
            `progress leaks guesses to ${me}`,
          );
        }
      }
    }
  } finally {
    await host.close();
  }
});

Deno.test("a text-mode player (nc) joins, chats and plays juste prix to the end", async () => {
  const host = startHost({
    autostart: 2,
    gameOptions: { justeprix: { rounds: 1, max: 100 } },
  });
  const nc = await LineClient.connect(host.port);
  try {
    const banner = await nc.next();
    assert.match(banner!, /^LANPLAY\/1 Test room :: /);
    await nc.send("Zoé");
    await nc.waitFor((l) => l.startsWith("Welcome Zoé"));
    const bot = await botPlayer(host.port, "bot", 7);
    await nc.waitFor((l) => l.includes("bot joined"));
    await nc.send("salut tout le monde");
    await nc.waitFor((l) => l === "[Zoé] salut tout le monde");
    // The game starts by itself at 2 players; play by bisection from the text hints.
    const between = (l: string) => /between (\d+) and (\d+)/.test(l);
    let line = nc.lines.findLast(between) ?? await nc.waitFor(between);
    let found = false;
    while (!found) {
      const [, lo, hi] = /between (\d+) and (\d+)/.exec(line)!;
      const guess = Math.floor((Number(lo) + Number(hi)) / 2);
      await nc.send(String(guess));
      line = await nc.waitFor((l) => l.startsWith(`${guess} → `));
      found = line.includes("Found it");
    }
    await nc.waitFor((l) => l.includes("is over — ranking"));
    await bot.end;
    const botEvents = jsonEvents(bot.term.out);
    assert.ok(
      botEvents.some((e) =>
        e.type === "chat" && e.from === "Zoé" &&
        e.text === "salut tout le monde"
      ),
    );
    const end = botEvents.find((e) => e.type === "game_end") as unknown as {
      ranking: { nickname: string }[];
    };
    assert.deepEqual(end.ranking.map((r) => r.nickname).sort(), ["Zoé", "bot"]);
    await nc.send("FIN");
    await nc.waitFor((l) => l.startsWith("Disconnected"));
    assert.equal(
      await nc.next(),
      null,
      "the host closes the connection after FIN",
    );
  } finally {
    await nc.close();
    await host.close();
  }
});

Deno.test("bad frames get errors while the game goes on for the others", async () => {
  const host = startHost({
    autostart: 2,
    gameOptions: { justeprix: { rounds: 2, max: 1000, pauseSec: 1 } },
  });
  const raw = await LineClient.connect(host.port);
  try {
    const bots = await Promise.all(
      [1, 2].map((i) => botPlayer(host.port, `bot${i}`, 10 + i)),
    );
    await host.until((s) => s.state === "playing");
    await raw.next(); // banner
    await raw.send(
      JSON.stringify({
        type: "hello",
        nickname: "mallory",
        protocol: 1,
        lang: "en",
      }),
    );
    await raw.waitFor((l) => l.includes('"welcome"'));
    const expectError = async (code: string) => {
      const line = await raw.waitFor((l) => l.includes('"type":"error"'));
      const e = JSON.parse(line);
      assert.equal(e.code, code, line);
      assert.ok(e.message.length > 10, "a sentence for people");
    };
    await raw.send("this is not json");
    await expectError("bad_json");
    await raw.send("x".repeat(70 * 1024));
    await expectError("oversize");
    await raw.send(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d, 0x0a]));
    await expectError("invalid_utf8");
    await raw.send(JSON.stringify({ type: "dance" }));
    await expectError("unknown_type");
    await raw.send(JSON.stringify({ type: "guess", value: "fifty" }));
    await expectError("invalid_message");
    await raw.send(JSON.stringify([1, 2]));
    await expectError("no_type");
    await raw.send(JSON.stringify({ type: "guess", value: 5 }));
    await expectError("not_playing"); // mallory came after the start: a spectator
    await raw.send(JSON.stringify({ type: "chat", text: "still here" }));
    await raw.waitFor((l) => l.includes('"still here"'));
    const ends = await Promise.all(bots.map((b) => b.end));
    assert.deepEqual(ends, ["games_done", "games_done"]);
  } finally {
    await raw.close();
    await host.close();
  }
});

Deno.test("a reader that does not keep up is cut without delaying the others", async () => {
  // Behind by more than 64 KiB for 5 s of the connections' clock: cut.
  const clock = new FakeClock();
  const host = startHost({
    rate: 1e9,
    slowBytes: 64 * 1024,
    slowMs: 5000,
    outboundLimit: 1 << 30, // so that only time can cut
    serverClock: clock,
  });
  const slow = await LineClient.connect(host.port, false);
  try {
    await slow.send(
      JSON.stringify({ type: "hello", nickname: "slow", protocol: 1 }),
    );
    const fast = await Session.join({
      host: "127.0.0.1",
      port: host.port,
      nickname: "fast",
      lang: "en",
    });
    const flood = await Session.join({
      host: "127.0.0.1",
      port: host.port,
      nickname: "flood",
      lang: "en",
    });
    const seen: string[] = [];
    let cut = false;
    let progress = (): void => {};
    const reading = (async () => {
      for await (const m of fast.messages()) {
        if (m.type === "chat") seen.push(m.text as string);
        // Cut: the seat is held for it to come back (a reconnecting client).
        if (m.type === "away" && m.nickname === "slow") cut = true;
        progress();
      }
      cut = cut || seen.length === 0; // the stream ended: let the loop below fail
      progress();
    })();
    const draining = (async () => {
      for await (const _ of flood.messages()) { /* keep reading */ }
    })();
    const text = "y".repeat(290);
    let sent = 0;
    for (let batch = 0; batch < 200 && !cut; batch++) {
      for (let i = 0; i < 200; i++) {
        flood.send({ type: "chat", text: `${sent++} ${text}` });
      }
      // Await the fast reader catching up with this batch (an event, not a sleep).
      while (seen.length < sent && !cut) {
        await new Promise<void>((r) => progress = r);
      }
      clock.advance(1000); // the fast reader caught up: only the slow one is behind
    }
    assert.ok(cut, `the slow reader was not cut after ${sent} messages`);
    flood.send({ type: "chat", text: "END" });
    while (!seen.includes("END")) await new Promise<void>((r) => progress = r);
    assert.equal(seen.length, sent + 1, "the fast reader got every message");
    assert.ok(
      seen.slice(0, sent).every((s, i) => s.startsWith(`${i} `)),
      "in order",
    );
    assert.deepEqual(host.room.nicknames(), ["slow", "fast", "flood"]);
    assert.equal(
      host.room.standings().length,
      3,
      "the slow reader's seat is held",
    );
    await fast.close();
    await flood.close();
    await reading;
    await draining;
  } finally {
    await slow.close();
    await host.close();
  }
});

Deno.test("a client that keeps sending invalid messages is closed; valid ones reset the count", async () => {
  const host = startHost({ rate: 1e9 });
  const raw = await LineClient.connect(host.port);
  try {
    await raw.next(); // banner
    await raw.send(
      JSON.stringify({
        type: "hello",
        nickname: "noisy",
        protocol: 1,
        lang: "fr",
      }),
    );
    await raw.waitFor((l) => l.includes('"welcome"'));
    // 49 bad messages, then a good one: still connected.
    for (let i = 0; i < 49; i++) {
      await raw.send(JSON.stringify({ type: "dance" }));
    }
    await raw.send(JSON.stringify({ type: "chat", text: "ok" }));
    await raw.waitFor((l) => l.includes('"text":"ok"'));
    // The player switches language: connection-level errors follow.
    await raw.send(JSON.stringify({ type: "lang", lang: "en" }));
    await raw.send("not json");
    const err = JSON.parse(await raw.waitFor((l) => l.includes('"bad_json"')));
    assert.match(err.message, /not valid JSON/);
    for (let i = 0; i < 49; i++) {
      await raw.send(JSON.stringify({ type: "dance" }));
    }
    const bye = JSON.parse(
      await raw.waitFor((l) => l.includes('"type":"bye"')),
    );
    assert.equal(bye.reason, "too_many_errors");
    assert.equal(await raw.next(), null);
  } finally {
    await raw.close();
    await host.close();
  }
});

Deno.test("a burst of chat is cut by the rate limit, then the tokens come back", async () => {
  // Frozen time: the bucket holds exactly 2 × rate tokens until we move on.
  let now = 1_000_000;
  const clock = { now: () => now, after: realClock.after };
  const host = startHost({ rate: 5, clock });
  const raw = await LineClient.connect(host.port);
  try {
    await raw.next(); // banner
    await raw.send(
      JSON.stringify({ type: "hello", nickname: "fast", protocol: 1 }),
    ); // the hello takes one token of ten
    await raw.waitFor((l) => l.includes('"welcome"'));
    const burst = Array.from(
      { length: 20 },
      (_, i) => JSON.stringify({ type: "chat", text: `c${i}` }) + "\n",
    ).join("");
    const seen = raw.lines.length;
    await raw.send(new TextEncoder().encode(burst));
    // Invalid UTF-8 is answered before the limiter: once its error is
    // back, the whole burst has been handled.
    await raw.send(new Uint8Array([0xff, 0x0a]));
    await raw.waitFor((l) => l.includes('"invalid_utf8"'));
    const during = raw.lines.slice(seen).map((l) => JSON.parse(l));
    const chats = during.filter((m) => m.type === "chat");
    const limited = during.filter((m) => m.code === "rate_limited");
    assert.deepEqual(
      chats.map((m) => m.text),
      Array.from({ length: 9 }, (_, i) => `c${i}`),
    );
    assert.equal(limited.length, 1, "one warning per second, not per line");
    assert.match(limited[0].message, /slow down/);
    now += 1000; // five tokens earned back
    await raw.send(JSON.stringify({ type: "chat", text: "later" }));
    await raw.waitFor((l) => l.includes('"text":"later"'));
  } finally {
    await raw.close();
    await host.close();
  }
});

Deno.test("the host's log speaks the host's language", async () => {
  const log: string[] = [];
  const host = startHost({ lang: "fr", log: (l) => log.push(l) });
  const raw = await LineClient.connect(host.port);
  try {
    await raw.next(); // banner
    await raw.send("zoe");
    await raw.waitFor((l) => l.includes("Bienvenue zoe"));
    assert.equal(log.length, 1);
    assert.match(log[0], /^arrivée : zoe \(text\) depuis 127\.0\.0\.1:\d+$/);
  } finally {
    await raw.close();
    await host.close();
  }
});
