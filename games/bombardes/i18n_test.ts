import assert from "node:assert/strict";
import { catalogProblems } from "../../i18n/check.ts";
import { catalog, error, windText } from "./i18n.ts";

Deno.test("i18n: the catalog has the same keys and placeholders in fr and en", () => {
  assert.deepEqual(catalogProblems(catalog), []);
});

Deno.test("i18n: every rule error code has a sentence", () => {
  for (
    const code of [
      "not_playing",
      "game_over",
      "destroyed",
      "not_your_turn",
      "invalid_move",
      "out_of_range",
    ]
  ) {
    for (const lang of ["fr", "en"] as const) {
      assert.ok(
        Object.hasOwn(catalog[lang], `error.${code}`),
        `${lang} ${code}`,
      );
      assert.doesNotMatch(error(code, { angle: 1, charge: 2 }, lang), /\{/);
    }
  }
});

Deno.test("i18n: the wind in words", () => {
  assert.equal(windText(4, "fr"), "vent → 4");
  assert.equal(windText(-1, "en"), "wind ← 1");
  assert.equal(windText(0, "en"), "no wind");
});
