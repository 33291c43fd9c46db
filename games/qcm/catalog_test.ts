import assert from "node:assert/strict";
import catalog from "./catalog.json" with { type: "json" };
import quizFileCatalog from "./quiz_file_catalog.json" with { type: "json" };

const placeholders = (s: string) =>
  [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

for (
  const [name, cat] of [["catalog.json", catalog], [
    "quiz_file_catalog.json",
    quizFileCatalog,
  ]] as const
) {
  Deno.test(`${name}: fr and en have the same keys and placeholders`, () => {
    const fr = cat.fr as Record<string, string>;
    const en = cat.en as Record<string, string>;
    assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      assert.deepEqual(placeholders(fr[key]), placeholders(en[key]), key);
      assert.ok(fr[key].trim() !== "" && en[key].trim() !== "", key);
    }
  });
}
