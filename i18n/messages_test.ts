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
  await s.step("counts pick a plural form, never “(s)”", () => {
    assert.equal(
      t("fr", "err.too_few_players", { n: 1, game: "Morpion" }),
      "Il faut au moins 1 joueur pour Morpion.",
    );
    assert.equal(
      t("en", "err.too_few_players", { n: 2, game: "Morpion" }),
      "Morpion needs at least 2 players.",
    );
    assert.equal(
      t("en", "err.room_full", { n: 1 }),
      "The room is full (1 player): try again later.",
    );
    for (const lang of ["fr", "en"] as const) {
      for (const [key, tpl] of Object.entries(sharedCatalog[lang])) {
        const forms = typeof tpl === "string" ? [tpl] : Object.values(tpl);
        for (const f of forms) assert.ok(!f.includes("(s)"), `${lang} ${key}`);
      }
    }
  });
  await s.step("language comes from the flag, then the environment", () => {
    assert.equal(pickLang("en", { LANG: "fr_FR.UTF-8" }), "en");
    assert.equal(pickLang(undefined, { LANG: "fr_FR.UTF-8" }), "fr");
    assert.equal(pickLang(undefined, { LC_ALL: "C", LANG: "fr_FR" }), "en");
    assert.equal(pickLang("xx", {}), "en");
  });
});
