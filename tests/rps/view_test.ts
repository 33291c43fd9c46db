import assert from "node:assert/strict";
import { rps } from "./mod.ts";
import { rpsView as V } from "./view.ts";

Deno.test("view: assembled from the game's parts, and the game holds it", () => {
  assert.equal(rps.view, V);
  assert.equal(rps.rules.id, "rps");
  assert.deepEqual(V.parseInput("paper", null), {
    type: "throw",
    hand: "paper",
  });
  assert.deepEqual(V.key!("2", { mine: null }), {
    type: "throw",
    hand: "paper",
  });
  assert.deepEqual(
    V.lines({ type: "thrown", round: 1, nickname: "Ana" }, "fr", "Bob"),
    [
      "Ana a joué.",
    ],
  );
  assert.equal(V.error("game_over", {}, "en"), "The game is over.");
  assert.match(V.help("fr"), /pierre, feuille ou ciseaux/);
});
