import assert from "node:assert/strict";
import type { Game } from "../types.ts";
import { morpion } from "./mod.ts";

Deno.test("mod: morpion is a Game the registry can hold", () => {
  const game: Game = morpion;
  assert.equal(game.rules.id, "morpion");
  assert.deepEqual(game.rules.moveTypes, ["play"]);
  assert.equal(game.rules.minPlayers, 1);
  assert.deepEqual(game.rules.title, { fr: "Morpion", en: "Tic-tac-toe" });
  assert.ok(game.rules.moveSchema.safeParse({ type: "play", cell: 5 }).success);
  assert.ok(!game.rules.moveSchema.safeParse({ type: "play" }).success);
  assert.ok(
    !game.rules.moveSchema.safeParse({ type: "guess", cell: 5 }).success,
  );
});
