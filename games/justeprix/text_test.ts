import assert from "node:assert/strict";
import {
  displayWidth,
  fit,
  ordinalCategory,
  pad,
  pluralCategory,
} from "./text.ts";

Deno.test("displayWidth counts columns", () => {
  assert.equal(displayWidth("abc"), 3);
  assert.equal(displayWidth("Zoé █░✓→"), 8);
  assert.equal(displayWidth("太郎"), 4);
  assert.equal(displayWidth("e\u0301"), 1); // e + combining acute
  assert.equal(displayWidth(""), 0);
});

Deno.test("fit and pad never exceed the width", () => {
  assert.equal(fit("hello", 10), "hello");
  assert.equal(fit("hello world", 6), "hello…");
  assert.equal(fit("太郎太郎", 5), "太郎…");
  assert.equal(fit("abc", 0), "");
  assert.equal(pad("Ana", 5), "Ana  ");
  assert.equal(pad("7", 3, true), "  7");
  assert.equal(pad("Cyrille", 4), "Cyr…");
  for (let w = 1; w < 12; w++) {
    assert.ok(displayWidth(fit("太郎 and Zoé", w)) <= w);
    assert.equal(displayWidth(pad("太郎 and Zoé", w)), w);
  }
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
