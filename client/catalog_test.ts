import assert from "node:assert/strict";
import type { Catalog } from "../i18n/translate.ts";
import { catalogProblems } from "../i18n/check.ts";
import catalog from "./catalog.json" with { type: "json" };
import hostList from "./host_list_catalog.json" with { type: "json" };

Deno.test("client catalogs: same keys, placeholders and plural forms in fr and en", () => {
  assert.deepEqual(catalogProblems(catalog as Catalog), []);
  assert.deepEqual(catalogProblems(hostList as Catalog), []);
});

Deno.test("client catalog: every key the client uses exists", async () => {
  const keys = new Set<string>();
  for (const dir of ["./", "../cli/"]) {
    for await (const entry of Deno.readDir(new URL(dir, import.meta.url))) {
      if (!entry.name.endsWith(".ts") || entry.name.endsWith("_test.ts")) {
        continue;
      }
      const text = await Deno.readTextFile(
        new URL(dir + entry.name, import.meta.url),
      );
      for (const m of text.matchAll(/\bct\(\s*[\w.]+,\s*"([\w.]+)"/g)) {
        keys.add(m[1]);
      }
    }
  }
  assert.ok(keys.size >= 20, `found only ${[...keys]}`);
  for (const key of keys) {
    for (const lang of ["fr", "en"] as const) {
      assert.ok(Object.hasOwn(catalog[lang], key), `${lang}: ${key}`);
    }
  }
});
