import assert from "node:assert/strict";
import { makeTranslator } from "./translate.ts";
import { eliding } from "./elision.ts";

const t = eliding(makeTranslator({
  fr: {
    turn: "Au tour de {name} ({mark}).",
    more: "Plus fort que {name}, de {count} points.",
    fixed: "Liste de amis de {name}",
    players: { one: "{n} joueur de {name}", other: "{n} joueurs de {name}" },
  },
  en: {
    turn: "{name} ({mark}) to play.",
    more: "Stronger than {name}, by {count} points.",
    fixed: "Friends of {name}",
    players: { one: "{n} player of {name}", other: "{n} players of {name}" },
  },
}));

Deno.test("elision: de and que before a vowel or an h", () => {
  assert.equal(
    t("fr", "turn", { name: "Alice", mark: "X" }),
    "Au tour d'Alice (X).",
  );
  assert.equal(
    t("fr", "turn", { name: "émile", mark: "O" }),
    "Au tour d'émile (O).",
  );
  assert.equal(
    t("fr", "turn", { name: "Hugo", mark: "O" }),
    "Au tour d'Hugo (O).",
  );
  assert.equal(
    t("fr", "turn", { name: "Bob", mark: "O" }),
    "Au tour de Bob (O).",
  );
  assert.equal(
    t("fr", "turn", { name: "Yann", mark: "O" }),
    "Au tour de Yann (O).",
  );
  assert.equal(
    t("fr", "more", { name: "Ana", count: "8" }),
    "Plus fort qu'Ana, de 8 points.",
  );
});

Deno.test("elision: fixed text, numbers and English are left alone", () => {
  assert.equal(t("fr", "fixed", { name: "Bob" }), "Liste de amis de Bob");
  assert.equal(t("fr", "players", { n: 1, name: "Ana" }), "1 joueur d'Ana");
  assert.equal(t("fr", "players", { n: 2, name: "Bo" }), "2 joueurs de Bo");
  assert.equal(
    t("en", "turn", { name: "Alice", mark: "X" }),
    "Alice (X) to play.",
  );
  assert.equal(t("fr", "turn"), "Au tour de {name} ({mark}).");
  // Marker characters inside a value do not leak or confuse the rule.
  assert.equal(
    t("fr", "turn", { name: "\u0001Bob\u0002", mark: "X" }),
    "Au tour de Bob (X).",
  );
});
