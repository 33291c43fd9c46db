import assert from "node:assert/strict";
import { LANGS } from "../../protocol/constants.ts";
import { RAW_KEY } from "./testing.ts";
import { justePrixView as view } from "./view.ts";

Deno.test("view: error sentences for every rule code, in both languages", () => {
  assert.equal(
    view.error("out_of_range", { min: 1, max: 100 }, "fr"),
    "Proposez un nombre entier entre 1 et 100.",
  );
  assert.equal(
    view.error("out_of_range", { min: 1, max: 50 }, "en"),
    "Guess a whole number between 1 and 50.",
  );
  for (const code of ["already_found", "round_over", "not_playing"]) {
    for (const lang of LANGS) {
      const s = view.error(code, {}, lang);
      assert.doesNotMatch(s, RAW_KEY);
      assert.notEqual(s, view.error("other", { code }, lang));
    }
  }
  assert.equal(view.error("weird", {}, "en"), "Move refused (weird).");
});

Deno.test("view: help in both languages", () => {
  assert.equal(view.help("fr"), "Tapez un nombre puis Entrée");
  assert.equal(view.help("en"), "Type a number and press Enter");
});

Deno.test("view: typed lines and messages come from the game's parts", () => {
  assert.deepEqual(view.parseInput("42", null), { type: "guess", value: 42 });
  assert.deepEqual(
    view.lines({ type: "round_end" }, "en", "Ana"),
    [],
    "junk gives no line",
  );
  assert.deepEqual(view.screen(null, "en", 40, false), [
    "Waiting for the game…",
  ]);
});
