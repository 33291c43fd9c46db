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
  const mine = { phase: "playing", you: "X", yourTurn: true };
  assert.deepEqual(key("5", mine), { type: "play", cell: 5 });
  assert.equal(key("x", mine), null);
  assert.equal(key("0", mine), null);
});

Deno.test("input: a cell digit out of turn is dropped with a notice", () => {
  const theirs = { phase: "playing", you: "O", yourTurn: false };
  const watching = { phase: "playing", you: null, yourTurn: false };
  const between = { phase: "pause", you: "X", yourTurn: false };
  for (let n = 1; n <= 9; n++) {
    assert.deepEqual(key(String(n), theirs), { notice: "not_your_turn" });
    assert.deepEqual(key(String(n), watching), { notice: "spectator" });
    assert.deepEqual(key(String(n), between), { notice: "game_over" });
  }
  // Other keys are typed (chat), whoever's turn it is.
  for (const view of [theirs, watching, between]) {
    assert.equal(key("s", view), null);
    assert.equal(key("0", view), null);
  }
  assert.deepEqual(key("5", null), { notice: "spectator" }, "joined late");
  assert.equal(key("s", null), null);
});
