import assert from "node:assert/strict";
import type { Catalog } from "../i18n/translate.ts";
import { catalogProblems } from "../i18n/check.ts";
import catalog from "./catalog.json" with { type: "json" };
import { t } from "./translator.ts";

Deno.test("French and English have the same keys, placeholders and plural forms", () => {
  assert.deepEqual(catalogProblems(catalog as Catalog), []);
});

Deno.test("counts pick their plural form", () => {
  const lost = (lang: "fr" | "en", n: number) =>
    t(lang, "verdict.game.udp_lost", { n, lost: n, sent: 10, pct: "x" });
  assert.equal(lost("en", 1), "UDP lost 1 answer out of 10 (x).");
  assert.equal(lost("en", 2), "UDP lost 2 answers out of 10 (x).");
  assert.equal(lost("fr", 1), "UDP a perdu 1 réponse sur 10 (x).");
  assert.equal(lost("fr", 2), "UDP a perdu 2 réponses sur 10 (x).");
});

Deno.test("every error code thrown has a sentence in both languages", async () => {
  const codes = new Set<string>();
  for await (const entry of Deno.readDir(new URL(".", import.meta.url))) {
    if (!entry.name.endsWith(".ts") || entry.name.endsWith("_test.ts")) {
      continue;
    }
    const text = await Deno.readTextFile(new URL(entry.name, import.meta.url));
    for (const m of text.matchAll(/new CompareError\(\s*"(\w+)"/g)) {
      codes.add(m[1]);
    }
  }
  assert.ok(codes.size >= 8, `found only ${[...codes]}`);
  for (const code of codes) {
    for (const lang of ["fr", "en"] as const) {
      assert.notEqual(
        t(lang, `error.${code}`),
        `error.${code}`,
        `${lang} ${code}`,
      );
    }
  }
});
