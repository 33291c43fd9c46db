import assert from "node:assert/strict";
import type { Lang } from "../../protocol/constants.ts";
import { morpionView as V } from "./view.ts";

Deno.test("view: rule errors read as sentences in both languages", () => {
  for (const lang of ["fr", "en"] as Lang[]) {
    for (
      const code of [
        "not_your_turn",
        "occupied",
        "bad_cell",
        "game_over",
        "spectator",
      ]
    ) {
      const text = V.error(code, { cell: 5, min: 1, max: 9 }, lang);
      assert.ok(!text.includes("error.") && !text.includes("{"), text);
    }
    assert.match(V.error("occupied", { cell: 5 }, lang), /5/);
    assert.match(V.error("weird_code", {}, lang), /weird_code/);
    assert.ok(V.help(lang).includes("1 2 3"));
  }
});

Deno.test("view: typed lines, one keys and the grid come from the game's parts", () => {
  assert.deepEqual(V.parseInput(" 3 ", null), { type: "play", cell: 3 });
  assert.deepEqual(V.key!("9", { yourTurn: true }), { type: "play", cell: 9 });
  assert.deepEqual(V.grid, { columns: 3, rows: 3 });
  assert.deepEqual(V.panelOnly, ["board"]);
  assert.match(V.help("en"), /cell number/);
});
