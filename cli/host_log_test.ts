import assert from "node:assert/strict";
import { HostLog } from "./host_log.ts";

function logIn(lang: "fr" | "en") {
  const lines: string[] = [];
  let now = Date.UTC(2026, 0, 1, 20, 15, 7);
  const log = new HostLog(lang, (l) => lines.push(l), () => now);
  return { lines, log, later: (ms: number) => now += ms };
}

Deno.test("host log: games start and end in the host's language, with plurals", async (t) => {
  await t.step("English: 1 player, 2 players", () => {
    const { lines, log, later } = logIn("en");
    log.roomChanged({ state: "playing", game: "qcm", players: 1 });
    later(61_000);
    log.roomChanged({ state: "lobby", game: "qcm", players: 1 });
    log.roomChanged({ state: "playing", game: "morpion", players: 2 });
    assert.deepEqual(lines, [
      "20:15:07 game started: qcm (1 player)",
      "20:16:08 game over: qcm",
      "20:16:08 game started: morpion (2 players)",
    ]);
  });
  await t.step("French: 0 and 1 are singular", () => {
    const { lines, log } = logIn("fr");
    log.roomChanged({ state: "playing", game: "justeprix", players: 0 });
    log.roomChanged({ state: "lobby", game: "justeprix", players: 0 });
    log.roomChanged({ state: "playing", game: "justeprix", players: 3 });
    assert.deepEqual(lines, [
      "20:15:07 partie lancée : justeprix (0 joueur)",
      "20:15:07 partie terminée : justeprix",
      "20:15:07 partie lancée : justeprix (3 joueurs)",
    ]);
  });
});

Deno.test("host log: only a change of state is logged", () => {
  const { lines, log } = logIn("en");
  log.roomChanged({ state: "lobby", game: "qcm", players: 1 });
  log.roomChanged({ state: "lobby", game: "qcm", players: 2 });
  assert.deepEqual(lines, []);
  log.roomChanged({ state: "playing", game: "qcm", players: 2 });
  log.roomChanged({ state: "playing", game: "qcm", players: 3 });
  assert.equal(lines.length, 1);
});

Deno.test("host log: server lines as they are, announcer warnings translated", () => {
  const { lines, log } = logIn("fr");
  log.line("+ bob (198.18.0.2)");
  log.announceWarning("eth1: no IPv4 address");
  assert.deepEqual(lines, [
    "20:15:07 + bob (198.18.0.2)",
    "20:15:07 annonce : eth1: no IPv4 address",
  ]);
});
