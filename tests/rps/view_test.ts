import assert from "node:assert/strict";
import { catalogProblems } from "../../i18n/check.ts";
import { visibleWidth } from "../../text/layout.ts";
import { rpsBot } from "./bot.ts";
import { catalog } from "./i18n.ts";
import { key, parseInput } from "./input.ts";
import { messageLines } from "./lines.ts";
import { rps } from "./mod.ts";
import { rpsRules as R } from "./rules.ts";
import { renderScreen } from "./screen.ts";
import { playGame, seatsOf, seeded } from "./testing.ts";
import type { RpsView } from "./wire.ts";

Deno.test("i18n: same keys and placeholders in fr and en; every error has a sentence", () => {
  assert.deepEqual(catalogProblems(catalog), []);
  for (const code of ["already_thrown", "not_playing", "game_over"]) {
    assert.ok(Object.hasOwn(catalog.en, `error.${code}`), code);
  }
  assert.equal(rps.view.error("odd", {}, "fr"), "Coup refusé (odd).");
});

Deno.test("input: hands by name in both languages or by number; keys only before throwing", () => {
  assert.deepEqual(parseInput("ROCK"), { type: "throw", hand: "rock" });
  assert.deepEqual(parseInput("feuille"), { type: "throw", hand: "paper" });
  assert.deepEqual(parseInput("3"), { type: "throw", hand: "scissors" });
  for (const chat of ["", "4", "rocks", "hello rock"]) {
    assert.equal(parseInput(chat), null, chat);
  }
  assert.equal(key("1", { mine: "paper" }), null);
  assert.equal(key("r", { mine: null }), null);
  assert.deepEqual(key("1", { mine: null }), { type: "throw", hand: "rock" });
});

Deno.test("lines: a whole game reads well in French and English, with plurals", () => {
  const log = playGame(
    seatsOf("ana", "bob"),
    R.optionsSchema.parse({}),
    (seat) => seat === "p1" ? "paper" : "rock",
  );
  const en = log.out.flatMap((o) => messageLines(o.message, "en", "ana"));
  assert.deepEqual(en.slice(0, 7), [
    "Round 1: rock, paper or scissors? (20 s)",
    "ana threw.",
    "bob threw.",
    "ana: paper",
    "bob: rock",
    "Round 1 to ana.",
    "ana: 1 round",
  ]);
  assert.ok(en.includes("ana: 2 rounds"));
  assert.ok(en.includes("bob: 0 rounds"));
  const fr = log.out.flatMap((o) => messageLines(o.message, "fr", "ana"));
  assert.ok(fr.includes("bob : 0 manche"));
  assert.ok(fr.includes("ana : feuille"));
  assert.deepEqual(messageLines({ type: "welcome" }, "en", "ana"), []);
});

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

Deno.test("bot: one throw a round, nothing once thrown or over", () => {
  const view: RpsView = {
    phase: "playing",
    round: 3,
    wins: 2,
    mine: null,
    players: [],
  };
  const d = rpsBot(view, seeded(1));
  assert.ok(d);
  assert.equal(d.key, "round-3");
  assert.equal(rpsBot({ ...view, mine: "rock" }, seeded(1)), null);
  assert.equal(rpsBot({ ...view, phase: "over" }, seeded(1)), null);
  assert.equal(rpsBot({ type: "not a view" }, seeded(1)), null);
});
