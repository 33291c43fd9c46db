import assert from "node:assert/strict";
import {
  displayWidth,
  fit,
  ordinalCategory,
  pad,
  pluralCategory,
} from "./text.ts";

Deno.test("the view's names for the shared width helpers", () => {
  assert.equal(displayWidth("Zoé █░✓→"), 8);
  assert.equal(displayWidth("太郎"), 4);
  assert.equal(fit("Manche 2/3", 8), "Manche …");
  assert.equal(pad("Ana", 5), "Ana  ");
  assert.equal(pad("Cyrille", 4), "Cyr…");
  assert.equal(pad("7", 3, true), "  7");
  assert.equal(pad("12345", 3, true), "12…");
});

Deno.test("ordinal and plural categories", () => {
  const en = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map((n) =>
    ordinalCategory(n, "en")
  );
  assert.deepEqual(en, [
    "1",
    "2",
    "3",
    "n",
    "n",
    "n",
    "n",
    "1",
    "2",
    "3",
    "1",
    "n",
  ]);
  assert.deepEqual([1, 2, 21].map((n) => ordinalCategory(n, "fr")), [
    "1",
    "n",
    "n",
  ]);
  assert.deepEqual([0, 1, 2].map((n) => pluralCategory(n, "fr")), [
    "one",
    "one",
    "other",
  ]);
  assert.deepEqual([0, 1, 2].map((n) => pluralCategory(n, "en")), [
    "other",
    "one",
    "other",
  ]);
});
