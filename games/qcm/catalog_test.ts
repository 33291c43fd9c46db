import assert from "node:assert/strict";
import { catalogProblems } from "../../i18n/check.ts";
import type { Catalog } from "../../i18n/translate.ts";
import catalog from "./catalog.json" with { type: "json" };
import quizFileCatalog from "./quiz_file_catalog.json" with { type: "json" };

Deno.test("qcm catalogs", async (t) => {
  for (
    const [name, cat] of [
      ["catalog.json", catalog],
      ["quiz_file_catalog.json", quizFileCatalog],
    ] as const
  ) {
    await t.step(`${name}: fr and en agree (keys, placeholders)`, () => {
      assert.deepEqual(catalogProblems(cat as Catalog), []);
    });
    await t.step(`${name}: no "(s)" plural in any text`, () => {
      const texts = JSON.stringify(cat);
      assert.doesNotMatch(texts, /\(s\)/);
    });
  }

  await t.step("every rule error has a sentence, and error.unknown", () => {
    for (
      const code of [
        "not_playing",
        "no_question",
        "time_up",
        "already_answered",
        "bad_choice",
        "single_answer",
        "unknown",
      ]
    ) {
      assert.ok(Object.hasOwn(catalog.en, `error.${code}`), code);
    }
  });
});
