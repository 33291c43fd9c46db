import assert from "node:assert/strict";
import { catalogProblems } from "../../i18n/check.ts";
import { catalog, error } from "./i18n.ts";

Deno.test("i18n: same keys and placeholders in fr and en; every error has a sentence", () => {
  assert.deepEqual(catalogProblems(catalog), []);
  for (const code of ["already_thrown", "not_playing", "game_over"]) {
    assert.ok(Object.hasOwn(catalog.en, `error.${code}`), code);
  }
  assert.equal(error("odd", {}, "fr"), "Coup refusé (odd).");
});
