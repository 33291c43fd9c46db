import assert from "node:assert/strict";
import { morpionCatalog } from "./i18n.ts";

const placeholders = (s: string) =>
  [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

Deno.test("catalog: fr and en have the same keys and the same placeholders", () => {
  const fr = Object.keys(morpionCatalog.fr).sort();
  const en = Object.keys(morpionCatalog.en).sort();
  assert.deepEqual(fr, en);
  assert.ok(fr.length > 20);
  for (const key of fr) {
    assert.deepEqual(
      placeholders(morpionCatalog.fr[key]),
      placeholders(morpionCatalog.en[key]),
      key,
    );
    assert.ok(morpionCatalog.fr[key].trim() !== "", `fr ${key} is empty`);
    assert.ok(morpionCatalog.en[key].trim() !== "", `en ${key} is empty`);
  }
});

Deno.test("catalog: every rule error code has a sentence", () => {
  for (
    const code of [
      "not_your_turn",
      "occupied",
      "bad_cell",
      "game_over",
      "spectator",
    ]
  ) {
    assert.ok(`error.${code}` in morpionCatalog.en, code);
  }
});
