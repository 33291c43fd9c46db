import assert from "node:assert/strict";
import { sharedCatalog, t } from "./messages.ts";
import { fill, pickLang } from "./translate.ts";
import { catalogProblems } from "./check.ts";

Deno.test("shared catalog", async (s) => {
  await s.step("fr and en have the same keys and placeholders", () => {
    assert.deepEqual(catalogProblems(sharedCatalog), []);
  });
  await s.step("templates are filled, unknown keys fall back", () => {
    assert.equal(
      t("en", "joined", { nickname: "Zoé" }),
      "→ Zoé joined the room",
    );
    assert.equal(t("fr", "no.such.key"), "no.such.key");
    assert.equal(fill("{a} {b}", { a: 1 }), "1 {b}");
  });
  await s.step("language comes from the flag, then the environment", () => {
    assert.equal(pickLang("en", { LANG: "fr_FR.UTF-8" }), "en");
    assert.equal(pickLang(undefined, { LANG: "fr_FR.UTF-8" }), "fr");
    assert.equal(pickLang(undefined, { LC_ALL: "C", LANG: "fr_FR" }), "en");
    assert.equal(pickLang("xx", {}), "en");
  });
});
