import assert from "node:assert/strict";
import fc from "fast-check";
import { LANGS } from "../../protocol/constants.ts";
import { visibleWidth } from "../../text/layout.ts";
import { playScenario, RAW_KEY } from "./testing.ts";
import { justePrixView as view } from "./view.ts";

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

Deno.test("screen: the playing panel shows interval, guesses, countdown, progress", () => {
  const { views } = playScenario();
  // Ana's view after her 4th guess (43: lower): interval 38..42.
  const v = views.find((x) => x.me?.id === "a" && x.me.attempts === 4)!;
  const fr = view.screen(v, "fr", 60, false);
  assert.equal(fr[0], "Juste prix — Manche 1/2");
  assert.ok(fr.includes("Un nombre entre 1 et 100"));
  assert.ok(fr.includes("Votre intervalle : entre 38 et 42"));
  assert.ok(fr.includes("  43 → C'est moins !"));
  assert.match(fr.join("\n"), /█+░* \d+ s/);
  assert.ok(fr.some((l) => l.startsWith("▸ Ana") && /\b4$/.test(l)));
  const found = views.find((x) => x.me?.id === "a" && x.me.found)!;
  assert.ok(
    view.screen(found, "en", 60, false).includes(
      "✓ Found in 6 attempts — 1st!",
    ),
  );
  const spectator = views.find((x) => x.me === null && x.phase === "playing")!;
  const sp = view.screen(spectator, "en", 60, false);
  assert.ok(sp.includes("You are watching."));
  assert.ok(!sp.some((l) => l.startsWith("▸")));
});

Deno.test("screen: without a time limit there is no countdown bar", () => {
  const { views } = playScenario({ timeLimitSec: 0 });
  const lines = view.screen(views[0], "fr", 50, false);
  assert.ok(lines.includes("Pas de limite de temps"));
  assert.ok(!lines.some((l) => l.includes("█") || l.includes("░")));
});

Deno.test("screen: after a round, the secret and the ranking; at the end, game over", () => {
  const { views } = playScenario();
  const pause = views.findLast((x) => x.me?.id === "b")!;
  assert.equal(pause.phase, "pause");
  const fr = view.screen(pause, "fr", 60, false);
  assert.ok(fr.includes("Manche 1/2 terminée"));
  assert.ok(fr.includes("Le nombre était 42"));
  assert.ok(fr.includes("Manche suivante dans 2 s"));
  assert.ok(fr.includes("Classement général"));
  assert.ok(fr.some((l) => /^3\. ▸Bob +2 +✗ +0$/.test(l)), fr.join("\n"));
  const over = playScenario({ rounds: 1 }).views.at(-1)!;
  assert.equal(over.phase, "over");
  assert.ok(view.screen(over, "en", 60, false).includes("Game over"));
});

Deno.test("screen: never wider than asked, no ANSI without color", () => {
  const { views } = playScenario();
  const noLimit = playScenario({ timeLimitSec: 0, rounds: 1 }).views;
  const all = [...views, ...noLimit];
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: all.length - 1 }),
      fc.integer({ min: 1, max: 140 }),
      fc.constantFrom(...LANGS),
      fc.boolean(),
      (i, width, lang, color) => {
        const lines = view.screen(all[i], lang, width, color);
        assert.ok(lines.length > 0);
        for (const line of lines) {
          if (!color) assert.ok(!line.includes("\x1b"), line);
          const plain = line.replace(ANSI, "");
          assert.ok(!plain.includes("\x1b"), "only SGR escapes");
          assert.ok(visibleWidth(plain) <= width, `${width}: ${plain}`);
          assert.doesNotMatch(plain, RAW_KEY);
        }
      },
    ),
    { numRuns: 300 },
  );
  const colored = view.screen(views[0], "fr", 60, true);
  assert.ok(colored.some((l) => l.includes("\x1b[")), "color=true styles");
});

Deno.test("screen: something that is not a view shows a waiting line", () => {
  assert.deepEqual(view.screen(null, "fr", 40, false), [
    "En attente de la partie…",
  ]);
  assert.deepEqual(view.screen({ phase: "playing" }, "en", 10, false), [
    "Waiting f…",
  ]);
});
