import assert from "node:assert/strict";
import catalog from "./catalog.json" with { type: "json" };
import { t } from "./translator.ts";

Deno.test("French and English have the same keys and placeholders", () => {
  const fr = catalog.fr as Record<string, string>;
  const en = catalog.en as Record<string, string>;
  assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
  const holes = (s: string) =>
    [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(en)) {
    assert.deepEqual(holes(fr[key]), holes(en[key]), key);
  }
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
