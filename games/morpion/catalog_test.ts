import assert from "node:assert/strict";
import { catalog } from "./i18n.ts";
import { catalogProblems } from "../../i18n/check.ts";

Deno.test("catalog: fr and en have the same keys and the same placeholders", () => {
  assert.deepEqual(catalogProblems(catalog), []);
  assert.ok(Object.keys(catalog.fr).length > 20);
});

Deno.test("catalog: every rule error code has a sentence", () => {
  for (
    const code of [
      "not_your_turn",
      "occupied",
      "bad_cell",
      "game_over",
      "spectator",
    ]
  ) {
    assert.ok(`error.${code}` in catalog.en, code);
  }
});
