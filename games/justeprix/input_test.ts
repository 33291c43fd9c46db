import assert from "node:assert/strict";
import { parseInput } from "./input.ts";

Deno.test("input: an integer is a guess, anything else is chat", () => {
  assert.deepEqual(parseInput("42"), { type: "guess", value: 42 });
  assert.deepEqual(parseInput("  7 "), { type: "guess", value: 7 });
  assert.deepEqual(parseInput("-3"), { type: "guess", value: -3 });
  assert.deepEqual(parseInput("007"), { type: "guess", value: 7 });
  for (const chat of ["", "abc", "4.2", "42 !", "1e3", "50?", "cinq"]) {
    assert.equal(parseInput(chat), null, chat);
  }
});
