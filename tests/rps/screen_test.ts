import assert from "node:assert/strict";
import { visibleWidth } from "../../text/layout.ts";
import { rpsRules as R } from "./rules.ts";
import { renderScreen } from "./screen.ts";
import { seatsOf } from "./testing.ts";

Deno.test("screen: never wider than asked; over, waiting and a spectator", () => {
  const seats = seatsOf("ana", "bob 👍🏽 le très long nom");
  const { state } = R.start(seats, R.optionsSchema.parse({}), {
    now: 0,
    random: Math.random,
  });
  for (const width of [8, 20, 40, 80]) {
    for (const color of [false, true]) {
      for (const seat of ["p1", "spectator"]) {
        const lines = renderScreen(R.view(state, seat, 0), "en", width, color);
        for (const line of lines) {
          assert.ok(visibleWidth(line) <= width, `${width}: ${line}`);
        }
        if (!color) assert.ok(!lines.join("").includes("\x1b"));
      }
    }
  }
  const mine = renderScreen(R.view(state, "p1", 0), "en", 60, false);
  assert.ok(mine.includes("Your move: 1 rock, 2 paper, 3 scissors"));
  const watcher = renderScreen(R.view(state, "zz", 0), "en", 60, false);
  assert.ok(!watcher.some((l) => l.startsWith("Your")));
  assert.deepEqual(renderScreen(null, "fr", 60, false), [
    "En attente de la partie…",
  ]);
});

Deno.test("screen: the countdown bar is the part of the round left", () => {
  const view = {
    phase: "playing",
    round: 1,
    wins: 2,
    roundMs: 20_000,
    remainingMs: 10_000,
    mine: "rock",
    players: [],
  };
  assert.deepEqual(renderScreen(view, "en", 40, false), [
    "Round 1 — 2 wins to take it",
    "Your hand: rock",
    "██████████░░░░░░░░░░ 10 s left",
    "",
  ]);
});
