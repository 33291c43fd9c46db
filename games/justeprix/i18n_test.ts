import assert from "node:assert/strict";
import { catalogProblems } from "../../i18n/check.ts";
import { attempts, catalog, ordinal, points, seconds } from "./i18n.ts";

Deno.test("i18n: the catalog has the same keys and placeholders in fr and en", () => {
  assert.deepEqual(catalogProblems(catalog), []);
  assert.ok(Object.keys(catalog.en).length > 40);
});

Deno.test("i18n: ordinals by Intl.PluralRules", () => {
  const ns = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111];
  assert.deepEqual(ns.map((n) => ordinal("en", n)), [
    "1st",
    "2nd",
    "3rd",
    "4th",
    "11th",
    "12th",
    "13th",
    "21st",
    "22nd",
    "23rd",
    "101st",
    "111th",
  ]);
  assert.deepEqual([1, 2, 21].map((n) => ordinal("fr", n)), [
    "1er",
    "2e",
    "21e",
  ]);
});

Deno.test("i18n: attempts take the plural form of their count", () => {
  assert.deepEqual([0, 1, 2].map((n) => attempts("fr", n)), [
    "0 essai",
    "1 essai",
    "2 essais",
  ]);
  assert.deepEqual([0, 1, 2].map((n) => attempts("en", n)), [
    "0 attempts",
    "1 attempt",
    "2 attempts",
  ]);
  assert.equal(points("fr", 1020), "1020 pts");
  assert.equal(seconds(1), 1);
  assert.equal(seconds(4000), 4);
});
