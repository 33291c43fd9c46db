import assert from "node:assert/strict";
import { messageLines } from "./lines.ts";
import { rpsRules as R } from "./rules.ts";
import { playGame, seatsOf } from "./testing.ts";

Deno.test("lines: a whole game reads well in French and English, with plurals", () => {
  const log = playGame(
    seatsOf("ana", "bob"),
    R.optionsSchema.parse({}),
    (seat) => seat === "p1" ? "paper" : "rock",
  );
  const en = log.out.flatMap((o) => messageLines(o.message, "en", "ana"));
  assert.deepEqual(en.slice(0, 7), [
    "Round 1: rock, paper or scissors? (20 s)",
    "ana threw.",
    "bob threw.",
    "ana: paper",
    "bob: rock",
    "Round 1 to ana.",
    "ana: 1 round",
  ]);
  assert.ok(en.includes("ana: 2 rounds"));
  assert.ok(en.includes("bob: 0 rounds"));
  const fr = log.out.flatMap((o) => messageLines(o.message, "fr", "ana"));
  assert.ok(fr.includes("bob : 0 manche"));
  assert.ok(fr.includes("ana : feuille"));
  assert.deepEqual(messageLines({ type: "welcome" }, "en", "ana"), []);
});
