import assert from "node:assert/strict";
import type { Outgoing } from "../types.ts";
import { morpionRules as R } from "./rules.ts";
import { asciiBoard, messageLines } from "./lines.ts";
import { seatsOf, seeded } from "./testing.ts";

const env = { now: 0, random: seeded(1) };

function game(cells: number[]): Outgoing[] {
  let { state, out } = R.start(
    seatsOf("Alice", "Bob"),
    R.optionsSchema.parse({}),
    env,
  );
  const all = [...out];
  for (const cell of cells) {
    const pair = state.schedule[state.match];
    const x = state.board.filter((c) => c === "X").length;
    const o = state.board.filter((c) => c === "O").length;
    ({ state, out } = R.move(state, x === o ? pair.x : pair.o, {
      type: "play",
      cell,
    }, env));
    all.push(...out);
  }
  return all;
}

Deno.test("text: the small board shows numbers in empty cells", () => {
  assert.deepEqual(asciiBoard(["X", "", "", "", "O", "", "", "", ""], null), [
    "  X | 2 | 3",
    " ---+---+---",
    "  4 | O | 6",
    " ---+---+---",
    "  7 | 8 | 9",
  ]);
  assert.equal(
    asciiBoard(["X", "X", "X", "O", "O", "", "", "", ""], [1, 2, 3])[0],
    " [X]|[X]|[X]",
  );
});

Deno.test("text: match start, moves and turns, as each player reads them (fr)", () => {
  const out = game([5, 1]);
  const alice = out.flatMap((o) => messageLines(o.message, "fr", "p1"));
  const bob = out.flatMap((o) => messageLines(o.message, "fr", "p2"));
  assert.equal(alice[0], "Match 1/3 : Alice (X) contre Bob (O)");
  assert.ok(
    alice.includes("À vous de jouer (X) : tapez un numéro de case 1-9"),
  );
  assert.ok(bob.includes("Au tour d'Alice (X)."));
  assert.ok(alice.includes("Alice (X) a joué 5"));
  assert.ok(alice.includes("Bob (O) a joué 1"));
  assert.ok(bob.includes("À vous de jouer (O) : tapez un numéro de case 1-9"));
  assert.ok(alice.includes("  O | 2 | 3"));
  // `me` may also be a nickname.
  assert.ok(
    out.flatMap((o) => messageLines(o.message, "fr", "Bob")).includes(
      "À vous de jouer (O) : tapez un numéro de case 1-9",
    ),
  );
});

Deno.test("text: a win names the winner and the line; a draw says so", () => {
  const win = game([1, 4, 2, 5, 3]);
  const lines = win.flatMap((o) => messageLines(o.message, "fr", "p2"));
  assert.ok(lines.includes("Alice gagne ! (ligne 1-2-3)"));
  assert.ok(
    lines.some((l) => l.includes("[X]")),
    "the winning cells are bracketed",
  );
  const en = win.flatMap((o) => messageLines(o.message, "en", "p2"));
  assert.ok(en.includes("Alice wins! (line 1-2-3)"));
  const draw = game([1, 2, 3, 5, 4, 6, 8, 7, 9]);
  assert.ok(
    draw.flatMap((o) => messageLines(o.message, "fr", "p1")).includes(
      "Match nul",
    ),
  );
  assert.ok(
    draw.flatMap((o) => messageLines(o.message, "en", "p1")).includes("Draw"),
  );
});

Deno.test("text: forfeit, timeout and the final table", () => {
  let { state } = R.start(
    seatsOf("Alice", "Bob"),
    R.optionsSchema.parse({ moveTimeSec: 5 }),
    env,
  );
  const timeout = R.tick(state, { now: 5000, random: env.random });
  assert.deepEqual(messageLines(timeout.out[0].message, "fr", "p1"), [
    "Temps écoulé pour Alice : Bob gagne le match.",
  ]);
  ({ state } = R.start(
    seatsOf("Alice", "Bob"),
    R.optionsSchema.parse({}),
    env,
  ));
  const left = R.leave(state, "p2", env);
  const lines = left.out.flatMap((o) => messageLines(o.message, "en", "p1"));
  assert.deepEqual(lines, [
    "Bob left the game: Alice wins by forfeit.",
    "Final table:",
    "  1. Alice: 3 pts (1 W, 0 D, 0 L)",
    "  2. Bob: 0 pts (0 W, 0 D, 1 L) (left)",
  ]);
});

Deno.test("text: other and malformed messages give no lines", () => {
  assert.deepEqual(messageLines({ type: "chat", text: "hi" }, "fr", "p1"), []);
  assert.deepEqual(
    messageLines({ type: "board", cells: "nope" }, "fr", "p1"),
    [],
  );
  assert.deepEqual(messageLines({ type: "match_end" }, "en", "p1"), []);
});
