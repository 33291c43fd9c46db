import assert from "node:assert/strict";
import { key, parseInput } from "./input.ts";

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
