import assert from "node:assert/strict";
import type { GameMessage } from "../types.ts";
import { messageLines as lines } from "./lines.ts";
import { playScenario, RAW_KEY } from "./testing.ts";

Deno.test("lines: what a text-mode player reads, in French and English", () => {
  const { messages } = playScenario();
  const read = (lang: "fr" | "en", me: string) =>
    messages
      .filter((o) => o.to === "all" || o.to === "a")
      .flatMap((o) => lines(o.message, lang, me));
  const fr = read("fr", "Ana");
  assert.deepEqual(fr.slice(0, 3), [
    "Manche 1/2 — devinez un nombre entre 1 et 100",
    "Vous avez 90 s. Tapez un nombre puis Entrée.",
    "50 → C'est moins ! (1 essai) — entre 1 et 49",
  ]);
  assert.ok(fr.includes("40 → C'est plus ! (5 essais) — entre 41 et 42"));
  assert.ok(fr.includes("42 → Trouvé ! (6 essais)"));
  assert.ok(fr.includes("Bravo ! Vous êtes 1er à trouver."));
  assert.ok(fr.includes("Cyrille_le_grand a trouvé en 1 essai !"));
  assert.ok(fr.includes("Fin de la manche 1/2 : le nombre était 42."));
  assert.ok(fr.includes("Temps écoulé !"));
  assert.ok(fr.includes("1. Ana — 6 essais — +1020 pts"));
  assert.ok(fr.includes("3. Bob — pas trouvé (2 essais)"));
  assert.ok(fr.includes("Votre total : 1020 pts (1er)."));
  assert.ok(fr.includes("Manche suivante dans 4 s."));
  const en = read("en", "Bob");
  assert.ok(en.includes("Round 1/2 — guess a number between 1 and 100"));
  assert.ok(en.includes("50 → It's lower! (1 attempt) — between 1 and 49"));
  assert.ok(en.includes("Ana found it in 6 attempts!"));
  assert.ok(en.includes("2. Cyrille_le_grand — 1 attempt — +970 pts"));
  assert.ok(en.includes("Your total: 0 pts (3rd)."));
  for (const line of [...fr, ...en]) assert.doesNotMatch(line, RAW_KEY);
});

Deno.test("lines: progress is quiet, the last round says so, junk gives nothing", () => {
  const { messages } = playScenario({ rounds: 1 });
  const progress = messages.find((o) => o.message.type === "progress")!;
  assert.deepEqual(lines(progress.message, "fr", "Ana"), []);
  const noLimit = playScenario({ timeLimitSec: 0 }).messages[0].message;
  assert.equal(noLimit.endsIn, null);
  assert.equal(
    lines(noLimit, "en", "Ana")[1],
    "No time limit. Type a number and press Enter.",
  );
  const end = messages.find((o) => o.message.type === "round_end")!;
  assert.equal(
    lines(end.message, "en", "Ana").at(-1),
    "That was the last round.",
  );
  const junk: GameMessage[] = [
    { type: "hint" },
    { type: "hint", round: 1, guess: "50", hint: "plus" },
    { type: "round_end", secret: 42 },
    { type: "welcome" },
  ];
  for (const m of junk) assert.deepEqual(lines(m, "fr", "Ana"), []);
});
