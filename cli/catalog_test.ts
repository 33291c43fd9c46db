import assert from "node:assert/strict";
import type { Catalog } from "../i18n/translate.ts";
import { catalogProblems } from "../i18n/check.ts";
import catalog from "./catalog.json" with { type: "json" };
import { t } from "./texts.ts";

Deno.test("cli catalog: same keys, placeholders and plural forms in fr and en", () => {
  assert.deepEqual(catalogProblems(catalog as Catalog), []);
});

Deno.test("cli catalog: every usage error thrown has a sentence", async () => {
  const codes = new Set<string>();
  for await (const entry of Deno.readDir(new URL(".", import.meta.url))) {
    if (!entry.name.endsWith(".ts") || entry.name.endsWith("_test.ts")) {
      continue;
    }
    const text = await Deno.readTextFile(new URL(entry.name, import.meta.url));
    for (const m of text.matchAll(/new UsageError\(\s*"(\w+)"/g)) {
      codes.add(m[1]);
    }
  }
  assert.ok(codes.size >= 10, `found only ${[...codes]}`);
  for (const code of codes) {
    for (const lang of ["fr", "en"] as const) {
      assert.notEqual(t(lang, `error.${code}`), `error.${code}`, code);
    }
  }
});

Deno.test("cli catalog: no sentence pluralizes by hand", () => {
  for (const [lang, texts] of Object.entries(catalog)) {
    for (const [key, text] of Object.entries(texts)) {
      const forms = typeof text === "string" ? [text] : Object.values(text);
      for (const form of forms) {
        assert.doesNotMatch(form, /\(s\)/, `${lang} ${key}`);
      }
    }
  }
});
