import assert from "node:assert/strict";
import fc from "fast-check";
import { LANGS } from "../../protocol/constants.ts";
import { visibleWidth as displayWidth } from "../../text/layout.ts";
import { GameRuleError } from "../errors.ts";
import { qcmRules as rules } from "./rules.ts";
import { qcmView as view } from "./view.ts";
import { qcmOptionsSchema, type QcmView } from "./wire.ts";
import { asked, openRound, QUIZ, revealed, SEATS, seeded } from "./testing.ts";

const plain = (lines: string[]) => lines.join("\n");

Deno.test("qcm view: the panel", async (t) => {
  await t.step(
    "ready: « Préparez-vous ! », question 1 in N s, how to answer",
    () => {
      const { state } = rules.start(
        SEATS,
        qcmOptionsSchema.parse({ questions: QUIZ, shuffle: false }),
        { now: 0, random: seeded(1) },
      );
      const fr = view.screen(rules.view(state, "a", 1_000), "fr", 80, false);
      const text = plain(fr);
      assert.match(fr[0], /^ +Score 0 · Série 0 · Rang 1$/);
      assert.ok(text.includes("║  PRÉPAREZ-VOUS !  ║"), text);
      assert.match(text, /^Question 1 sur 3 dans 2 s$/m);
      assert.match(text, /^█{51}░{25} 2 s$/m, "the bar: 2/3 of READY_MS left");
      assert.match(text, /touches 1 à 4/);
      assert.match(text, /Joueurs présents : 5/);
      const en = plain(
        view.screen(rules.view(state, "zed", 0), "en", 80, false),
      );
      assert.match(en, /GET READY!/);
      assert.match(en, /Question 1 of 3 in 3 s/);
      assert.match(en, /You are watching/);
      for (const width of [1, 10, 20, 40, 80]) {
        for (
          const l of view.screen(rules.view(state, "a", 0), "fr", width, true)
        ) {
          assert.ok(displayWidth(l) <= width, `${width}: ${l}`);
        }
      }
    },
  );

  await t.step("question: boxes, countdown, who answered, my answer", () => {
    const { state } = openRound();
    const lines = view.screen(rules.view(state, "a", 8_000), "fr", 80, false);
    const text = plain(lines);
    assert.match(lines[0], /^Question 1\/3 +Score 0 · Série 0 · Rang 1$/);
    assert.match(text, /│ 1 ▲ 80 +│ │ 2 ◆ 443 ← +│/);
    assert.match(text, /│ 3 ● 22 +│ │ 4 ■ 21 +│/);
    assert.match(text, /^█{45}░{30} 12 s$/m);
    assert.match(text, /^2\/5 ont répondu +Votre réponse : 2$/m);
    const bob = plain(
      view.screen(rules.view(state, "c", 8_000), "en", 80, false),
    );
    assert.match(bob, /Your turn: type 1-4/);
    const spectator = plain(
      view.screen(rules.view(state, "zed", 8_000), "en", 80, false),
    );
    assert.match(spectator, /You are watching/);
  });

  await t.step("reveal: ✓, counts, my points, top 5", () => {
    const { state } = revealed();
    const text = plain(
      view.screen(rules.view(state, "a", 21_000), "en", 80, false),
    );
    assert.match(text, /│ ✓ 2 ◆ 443 ← +│/);
    assert.match(text, /│ ✗ 1 ▲ 80 +│/);
    assert.match(text, /│ ░{12} 0 +│/);
    assert.match(text, /Right! \+925 points/);
    assert.match(text, /^ 1\. Ana +█+ 925 \(you\)$/m);
    assert.match(text, /Next question in 5 s/);
  });

  await t.step("colours only when allowed", () => {
    const { state } = openRound();
    const v = rules.view(state, "a", 8_000);
    assert.ok(plain(view.screen(v, "en", 80, true)).includes("\x1b["));
    assert.ok(!plain(view.screen(v, "en", 80, false)).includes("\x1b"));
  });

  await t.step("not a QCM view: nothing", () => {
    assert.deepEqual(view.screen({ game: "morpion" }, "fr", 80, true), []);
    assert.deepEqual(view.screen(null, "fr", 80, true), []);
  });

  await t.step(
    "never wider than the width, no ANSI without colour (property)",
    () => {
      const long = {
        id: "long",
        text: {
          fr:
            "Une très longue question avec des mots anticonstitutionnellement longs et un 中文 texte " +
            "x".repeat(80),
          en: "A very long question " + "word ".repeat(40),
        },
        answers: {
          fr: [
            "réponse ".repeat(12).trim(),
            "b",
            "中文中文中文中文中文中文中文中文",
            "d".repeat(100),
          ],
          en: ["answer ".repeat(12).trim(), "b", "c", "d".repeat(100)],
        },
        correct: [0, 2],
      };
      const quiz = [long, ...QUIZ];
      fc.assert(
        fc.property(
          fc.nat(),
          fc.array(
            fc.tuple(fc.nat(4), fc.nat(3), fc.integer({ min: 0, max: 12_000 })),
            {
              maxLength: 30,
            },
          ),
          fc.integer({ min: 1, max: 160 }),
          fc.constantFrom(...LANGS),
          fc.boolean(),
          fc.constantFrom("a", "b", "zed"),
          (seed, moves, width, lang, color, seat) => {
            const random = seeded(seed);
            const o = qcmOptionsSchema.parse({ questions: quiz });
            let { state } = asked(SEATS, o, 0, random);
            let now = 0;
            const check = () => {
              const lines = view.screen(
                rules.view(state, seat, now),
                lang,
                width,
                color,
              );
              assert.ok(lines.length > 0);
              for (const line of lines) {
                assert.ok(
                  displayWidth(line) <= width,
                  `${width}: ${JSON.stringify(line)}`,
                );
                if (!color) {
                  assert.ok(
                    !line.includes("\x1b"),
                    JSON.stringify(line),
                  );
                }
              }
            };
            check();
            for (const [s, c, dt] of moves) {
              if (rules.over(state)) break;
              now += dt;
              if (now >= rules.deadline(state)!) {
                now = rules.deadline(state)!;
                state = rules.tick(state, { now, random }).state;
              } else {
                try {
                  const n =
                    (rules.view(state, "zed", now) as QcmView).question!.answers
                      .en.length;
                  const choices = state.rounds[state.index].correct.length > 1
                    ? [1 + (c % n), 1 + ((c + 1) % n)]
                    : [1 + (c % n)];
                  state = rules.move(
                    state,
                    SEATS[s].id,
                    { type: "answer", choices },
                    {
                      now,
                      random,
                    },
                  ).state;
                } catch (e) {
                  if (!(e instanceof GameRuleError)) throw e;
                }
              }
              check();
            }
            while (!rules.over(state)) {
              now = rules.deadline(state)!;
              state = rules.tick(state, { now, random }).state;
            }
            check();
          },
        ),
        { numRuns: 150 },
      );
    },
  );

  await t.step("emoji in names and texts keep every line in its width", () => {
    const seats = [
      { id: "a", nickname: "Zoé 👍🏽✅⭐" },
      { id: "b", nickname: "👨‍👩‍👧‍👦 famille" },
    ];
    const options = qcmOptionsSchema.parse({
      questions: [{
        id: "e",
        text: { fr: "Quel emoji ? 🎉🎉🎉", en: "Which emoji? 🎉🎉🎉" },
        answers: {
          fr: ["👍🏽", "✅ oui", "⭐", "漢字"],
          en: ["👍🏽", "✅ yes", "⭐", "漢字"],
        },
        correct: [0],
      }],
      shuffle: false,
    });
    let { state } = asked(seats, options, 0, seeded(1));
    const open = rules.view(state, "a", 1_000);
    ({ state } = rules.move(state, "a", { type: "answer", choices: [1] }, {
      now: 2_000,
      random: seeded(2),
    }));
    ({ state } = rules.tick(state, { now: 30_000, random: seeded(3) }));
    const shown = rules.view(state, "b", 31_000);
    for (const width of [20, 44, 80, 100]) {
      for (const v of [open, shown]) {
        for (const color of [false, true]) {
          for (const line of view.screen(v, "en", width, color)) {
            assert.ok(displayWidth(line) <= width, `${width}: ${line}`);
          }
        }
      }
    }
  });
});
