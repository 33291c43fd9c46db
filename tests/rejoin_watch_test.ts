/**
 * Issue 12 item 4 on the full screen: a player who arrives while a game
 * runs gets the game's own screen marked as watching (not the lobby
 * panel); a player who comes back to their seat gets their own player
 * screen.
 */
import assert from "node:assert/strict";
import { GAMES } from "../games/registry.ts";
import { playRoom } from "../client/app.ts";
import { LineClient, startHost } from "./support.ts";
import { startRelay } from "./rejoin_proxy.ts";
import { captureTerminal, joinWithReconnect } from "./rejoin_support.ts";

const title = (screen: string) => screen.split("\n")[0];

Deno.test("screen: a late joiner sees the running game's screen, marked as watching", async () => {
  const host = startHost({
    game: "justeprix",
    autostart: 1,
    gameOptions: { justeprix: { rounds: 1, timeLimitSec: 60 } },
  });
  const bob = await LineClient.connect(host.port);
  try {
    await bob.next();
    await bob.send("bob");
    await host.until((s) => s.state === "playing");
    for (const lang of ["en", "fr"] as const) {
      const late = await joinWithReconnect({
        port: host.port,
        nickname: `late-${lang}`,
        lang,
      });
      const term = captureTerminal({ tty: true });
      const playing = playRoom({
        session: late.session,
        games: GAMES,
        lang,
        terminal: term,
      });
      const [label, spectator, lobby] = lang === "en"
        ? ["playing · watching", "You are watching.", "Players ("]
        : ["en jeu · spectateur", "Vous regardez la partie.", "Joueurs ("];
      await term.untilScreen((s) => s.includes(spectator));
      const screen = term.screen();
      assert.ok(title(screen).includes(label), title(screen));
      assert.ok(!screen.includes(lobby), "not the lobby panel:\n" + screen);
      term.press({ kind: "interrupt" });
      await playing;
    }
  } finally {
    await bob.close();
    await host.close();
  }
});

Deno.test("screen: a player back in their seat during a game gets their own screen", async () => {
  const host = startHost({
    game: "justeprix",
    autostart: 2,
    gameOptions: { justeprix: { rounds: 1, timeLimitSec: 60 } },
  });
  const relay = startRelay(host.port);
  const bob = await LineClient.connect(host.port);
  try {
    await bob.next();
    await bob.send("bob");
    const ana = await joinWithReconnect({
      port: relay.port,
      nickname: "ana",
      heartbeat: { intervalMs: 100, timeoutMs: 600 },
    });
    const term = captureTerminal({ tty: true });
    const playing = playRoom({
      session: ana.session,
      games: GAMES,
      lang: "en",
      terminal: term,
      reconnect: ana.reconnect,
      backoff: { firstMs: 10, maxMs: 40 },
    });
    await host.until((s) => s.state === "playing");
    await term.untilScreen((s) => s.includes("Round 1/1"));
    term.type("50"); // a guess: the seat's view shows it
    await term.untilScreen((s) => s.includes("50 →"));
    (await relay.connection(0)).cut("both");
    await term.until((all) => all.includes("Back in the room."));
    await term.untilScreen((s) =>
      s.includes("Back in the room.") && s.includes("50 →")
    );
    const screen = term.screen();
    assert.ok(!title(screen).includes("watching"), title(screen));
    assert.ok(!screen.includes("You are watching."), screen);
    term.press({ kind: "interrupt" });
    await playing;
  } finally {
    await bob.close();
    await relay.close();
    await host.close();
  }
});

Deno.test("screen: a restarted player (its token) back in its seat during a game gets its own screen", async () => {
  const host = startHost({
    game: "justeprix",
    autostart: 2,
    gameOptions: { justeprix: { rounds: 1, timeLimitSec: 60 } },
  });
  const relay = startRelay(host.port);
  const bob = await LineClient.connect(host.port);
  try {
    await bob.next();
    await bob.send("bob");
    const first = await joinWithReconnect({
      port: relay.port,
      nickname: "ana",
    });
    const term1 = captureTerminal({ tty: true });
    // No reconnection: this program is "killed" with its connection.
    const killed = playRoom({
      session: first.session,
      games: GAMES,
      lang: "en",
      terminal: term1,
    });
    await host.until((s) => s.state === "playing");
    await term1.untilScreen((s) => s.includes("Round 1/1"));
    term1.type("50");
    await term1.untilScreen((s) => s.includes("50 →"));
    (await relay.connection(0)).cut("both");
    assert.equal((await killed).end, "lost");

    const again = await joinWithReconnect({
      port: host.port,
      nickname: "ana",
      token: first.session.seat.token,
    });
    assert.equal(again.session.seat.rejoined, true);
    const term = captureTerminal({ tty: true });
    const playing = playRoom({
      session: again.session,
      games: GAMES,
      lang: "en",
      terminal: term,
    });
    await term.untilScreen((s) => s.includes("50 →"));
    const screen = term.screen();
    assert.ok(title(screen).includes("playing"), title(screen));
    assert.ok(!title(screen).includes("watching"), title(screen));
    term.press({ kind: "interrupt" });
    await playing;
  } finally {
    await bob.close();
    await relay.close();
    await host.close();
  }
});

Deno.test("screen: back in a room that kept no seat, during a game: watching it", async () => {
  const host = startHost({
    game: "justeprix",
    autostart: 2,
    graceMs: 0,
    gameOptions: { justeprix: { rounds: 1, timeLimitSec: 60 } },
  });
  const relay = startRelay(host.port);
  const bob = await LineClient.connect(host.port);
  try {
    await bob.next();
    await bob.send("bob");
    const ana = await joinWithReconnect({ port: relay.port, nickname: "ana" });
    const term = captureTerminal({ tty: true });
    const playing = playRoom({
      session: ana.session,
      games: GAMES,
      lang: "en",
      terminal: term,
      reconnect: ana.reconnect,
      backoff: { firstMs: 10, maxMs: 40 },
    });
    await term.untilScreen((s) => s.includes("Round 1/1"));
    assert.ok(!title(term.screen()).includes("watching"));
    (await relay.connection(0)).cut("both");
    await term.until((all) => all.includes("your seat was not kept"));
    await term.untilScreen((s) =>
      title(s).includes("playing · watching") && s.includes("You are watching.")
    );
    term.press({ kind: "interrupt" });
    await playing;
  } finally {
    await bob.close();
    await relay.close();
    await host.close();
  }
});
