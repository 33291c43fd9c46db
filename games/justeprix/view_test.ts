import assert from "node:assert/strict";
import fc from "fast-check";
import { LANGS } from "../../protocol/constants.ts";
import type { GameMessage, Outgoing, Seat } from "../types.ts";
import catalogJson from "./catalog.json" with { type: "json" };
import type { JustePrixView } from "./messages.ts";
import {
  type JustePrixOptions,
  justePrixRules as rules,
  type JustePrixState,
} from "./rules.ts";
import { displayWidth } from "./text.ts";
import { justePrixView as view } from "./view.ts";

const SEATS: Seat[] = [
  { id: "a", nickname: "Ana" },
  { id: "b", nickname: "Bob" },
  { id: "c", nickname: "Cyrille_le_grand" },
  { id: "d", nickname: "太郎" },
];

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
/** A catalog key left untranslated (the translator's last fallback). */
const RAW_KEY =
  /\b(line|screen|error|reason|hint)\.[a-z_]+|attempts_(one|other)|ordinal_[123n]/;

/** Plays a scripted game and keeps every message and some views. */
function scenario(opts: Partial<JustePrixOptions> = {}) {
  let now = 0;
  const env = () => ({ now, random: () => 0.415 }); // secret 42 of 100
  const o = rules.optionsSchema.parse({ rounds: 2, ...opts });
  const messages: Outgoing[] = [];
  const views: JustePrixView[] = [];
  let { state, out } = rules.start(SEATS, o, env());
  messages.push(...out);
  const snap = (s: JustePrixState) => {
    for (const seat of ["a", "b", "c", "d", "spectator"]) {
      views.push(rules.view(s, seat, now) as JustePrixView);
    }
  };
  snap(state);
  const plays: [string, number][] = [
    ["a", 50],
    ["b", 30],
    ["a", 25],
    ["a", 37],
    ["a", 43],
    ["a", 40],
    ["a", 42],
    ["c", 42],
    ["b", 99],
  ];
  for (const [seat, value] of plays) {
    now += 1_000;
    ({ state, out } = rules.move(state, seat, { type: "guess", value }, env()));
    messages.push(...out);
    snap(state);
  }
  ({ state, out } = rules.leave(state, "d", env()));
  messages.push(...out);
  now = rules.deadline(state) ?? now;
  ({ state, out } = rules.tick(state, env())); // time up (or nothing)
  messages.push(...out);
  snap(state);
  now += 2_000;
  snap(state);
  return { messages, views, state };
}

Deno.test("lines: what a text-mode player reads, in French and English", () => {
  const { messages } = scenario();
  const read = (lang: "fr" | "en", me: string) =>
    messages
      .filter((o) => o.to === "all" || o.to === "a")
      .flatMap((o) => view.lines(o.message, lang, me));
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
  const { messages } = scenario({ rounds: 1 });
  const progress = messages.find((o) => o.message.type === "progress")!;
  assert.deepEqual(view.lines(progress.message, "fr", "Ana"), []);
  const noLimit = scenario({ timeLimitSec: 0 }).messages[0].message;
  assert.equal(noLimit.endsIn, null);
  assert.equal(
    view.lines(noLimit, "en", "Ana")[1],
    "No time limit. Type a number and press Enter.",
  );
  const end = messages.find((o) => o.message.type === "round_end")!;
  assert.equal(
    view.lines(end.message, "en", "Ana").at(-1),
    "That was the last round.",
  );
  const junk: GameMessage[] = [
    { type: "hint" },
    { type: "hint", round: 1, guess: "50", hint: "plus" },
    { type: "round_end", secret: 42 },
    { type: "welcome" },
  ];
  for (const m of junk) assert.deepEqual(view.lines(m, "fr", "Ana"), []);
});

Deno.test("screen: the playing panel shows interval, guesses, countdown, progress", () => {
  const { views } = scenario();
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
  const { views } = scenario({ timeLimitSec: 0 });
  const lines = view.screen(views[0], "fr", 50, false);
  assert.ok(lines.includes("Pas de limite de temps"));
  assert.ok(!lines.some((l) => l.includes("█") || l.includes("░")));
});

Deno.test("screen: after a round, the secret and the ranking; at the end, game over", () => {
  const { views } = scenario();
  const pause = views.findLast((x) => x.me?.id === "b")!;
  assert.equal(pause.phase, "pause");
  const fr = view.screen(pause, "fr", 60, false);
  assert.ok(fr.includes("Manche 1/2 terminée"));
  assert.ok(fr.includes("Le nombre était 42"));
  assert.ok(fr.includes("Manche suivante dans 2 s"));
  assert.ok(fr.includes("Classement général"));
  assert.ok(fr.some((l) => /^3\. ▸Bob +2 +✗ +0$/.test(l)), fr.join("\n"));
  const over = scenario({ rounds: 1 }).views.at(-1)!;
  assert.equal(over.phase, "over");
  assert.ok(view.screen(over, "en", 60, false).includes("Game over"));
});

Deno.test("screen: never wider than asked, no ANSI without color", () => {
  const { views } = scenario();
  const noLimit = scenario({ timeLimitSec: 0, rounds: 1 }).views;
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
          assert.ok(displayWidth(plain) <= width, `${width}: ${plain}`);
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

Deno.test("parseInput: an integer is a guess, anything else is chat", () => {
  assert.deepEqual(view.parseInput("42", null), { type: "guess", value: 42 });
  assert.deepEqual(view.parseInput("  7 ", null), { type: "guess", value: 7 });
  assert.deepEqual(view.parseInput("-3", null), { type: "guess", value: -3 });
  assert.deepEqual(view.parseInput("007", null), { type: "guess", value: 7 });
  for (const chat of ["", "abc", "4.2", "42 !", "1e3", "50?", "cinq"]) {
    assert.equal(view.parseInput(chat, null), null, chat);
  }
});

Deno.test("error sentences for every rule code, in both languages", () => {
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

Deno.test("help in both languages", () => {
  assert.equal(view.help("fr"), "Tapez un nombre puis Entrée");
  assert.equal(view.help("en"), "Type a number and press Enter");
});

Deno.test("catalog: every language has the same keys and placeholders", () => {
  const cat = catalogJson as Record<string, Record<string, string>>;
  const keys = (lang: string) => Object.keys(cat[lang]).sort();
  assert.deepEqual(Object.keys(cat).sort(), [...LANGS].sort());
  for (const lang of LANGS) assert.deepEqual(keys(lang), keys("en"), lang);
  const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
  for (const key of keys("en")) {
    assert.deepEqual(holes(cat.fr[key]), holes(cat.en[key]), key);
    assert.ok(cat.fr[key].trim() && cat.en[key].trim(), key);
  }
});
