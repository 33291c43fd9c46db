/**
 * Bombardes on screen, played like people play: the real `host` (French)
 * and a `join` (English) full screen in 80×24 tmux windows, keys typed,
 * assertions on what the SCREENS show: the landscape in blocks, whose turn
 * it is with its countdown, a refused shot in words, the shell flying on
 * the other player's screen (animated from the host's times), the impact
 * in words, and a player who leaves: the last cannon standing wins. Loopback only
 * (127.0.0.1, `--no-announce`); skipped, with the reason, without tmux.
 *
 * @module
 */
import assert from "node:assert/strict";
import { tmuxSkipReason } from "./tmux.ts";
import { joinCommand, openRoom } from "./tmux_room.ts";

const skip = await tmuxSkipReason();
if (skip) console.warn(`SKIP tmux bombardes test: ${skip}`);

/** The 12 landscape rows under the panel's first line. */
function landscapeOf(screen: string): string[] {
  return screen.split("\n").slice(2, 14);
}

Deno.test({
  name: "tmux: bombardes at 80×24, host in French, a joiner in English",
  ignore: skip !== null,
}, async () => {
  const { tmux, host, port } = await openRoom([
    "--nickname",
    "ana",
    "--lang",
    "fr",
    "--game",
    "bombardes",
    "--set",
    "bombardes.rounds=1",
    "--set",
    "bombardes.turnSec=60",
  ], { columns: 80, rows: 24 });
  try {
    await host.waitForText(["Jeu : Bombardes", "tapez /start"]);
    const zoe = await tmux.open(
      "zoe",
      joinCommand(port, ["--name", "zoe", "--lang", "en"]),
    );
    await zoe.waitForText(["lobby · 2 players · zoe"], 20_000);
    await host.waitForText(["Joueurs (2)"]);
    await host.line("/start");

    // ana fires first: her screen says so with a countdown; zoe waits.
    let s = await host.waitForText([
      /Manche 1\/1 · (pas de vent|vent [←→] \d)/,
      "1 ana 0 pt  2 zoe 0 pt",
      "À vous ! Tapez angle charge (ex. 45 70)",
    ]);
    assert.match(s, /[█░]{10} À vous/, "a countdown bar");
    const ground = landscapeOf(s);
    assert.equal(ground.length, 12);
    assert.ok(ground.at(-1)!.trim().startsWith("████"), s);
    assert.ok(ground.join("\n").includes("1"), "ana's cannon");
    assert.ok(s.split("\n").every((l) => [...l].length <= 80));
    s = await zoe.waitForText([
      /Round 1\/1 · (no wind|wind [←→] \d)/,
      "1 ana 0 pts  2 zoe 0 pts",
      "ana is aiming…",
      "ana's turn to fire (60 s).",
    ]);

    // A shot out of range is refused in words; zoe cannot fire yet.
    await host.line("200 40");
    await host.waitForText(["Angle 200 ou charge 40 hors limites"]);
    await zoe.line("45 70");
    await zoe.waitForText(["It is not your turn to fire"]);

    // ana fires short of zoe (never on a cannon, whatever the wind): zoe sees the shell fly, then the impact in words.
    await host.line("60 40");
    s = await zoe.waitForText(["ana's shell is flying…", "●"], 5_000);
    assert.match(s, /ana fires: 60°, charge 40\./);
    s = await zoe.waitForText([
      /Impact at \d+|Hit! |ana's shell flies off the map|ana destroys their own cannon/,
    ], 10_000);
    await host.waitForText([
      /Impact en \d+|Touché|sort de la carte|détruit son propre canon/,
    ]);
    assert.ok(s.includes("zoe's turn") || s.includes("Your turn"), s);
    s = await zoe.waitForText(["Your turn! Type angle charge (e.g. 45 70)"]);
    assert.match(s, /Your turn to fire! Type angle and charge/);
    s = await host.waitForText([
      "zoe vise…",
      "Votre dernier tir : 60° charge 40",
    ]);

    // zoe leaves: her cannon is lost, and with one cannon left the game ends.
    await zoe.line("/quit");
    // (Its "cannon lost" line scrolls off the chat at once: the round's
    // result, the ranking and the session scores follow.)
    // (The podium screen lasts 8 s, then the lobby: wait for what the log
    // keeps, not for one of the two screens.)
    await host.waitForText([
      "ana — 50 pts",
      "ana : 50 points",
      "zoe : 0 point",
      "■ Fin de Bombardes — classement :",
    ], 10_000);
  } finally {
    await tmux.close();
  }
});
