import assert from "node:assert/strict";
import { key, parseInput } from "./input.ts";

Deno.test("input: a single digit 1-9 is a move, anything else is chat", () => {
  for (let n = 1; n <= 9; n++) {
    assert.deepEqual(parseInput(String(n)), { type: "play", cell: n });
  }
  assert.deepEqual(parseInput("  7 "), { type: "play", cell: 7 });
  for (
    const chat of ["0", "10", "55", "a", "5a", "", " ", "salut 5", "-1", "٥"]
  ) {
    assert.equal(parseInput(chat), null, chat);
  }
});

Deno.test("input: one key plays a cell only on your turn", () => {
  assert.deepEqual(key("5", { yourTurn: true }), { type: "play", cell: 5 });
  assert.equal(key("5", { yourTurn: false }), null);
  assert.equal(key("x", { yourTurn: true }), null);
});
