import assert from "node:assert/strict";
import fc from "fast-check";
import { LANGS } from "../../protocol/constants.ts";
import { GameRuleError } from "../errors.ts";
import type { GameMessage, Seat } from "../types.ts";
import type { QcmState } from "./phases.ts";
import { qcmRules as rules } from "./rules.ts";
import { qcmOptionsSchema } from "./wire.ts";
import { visibleWidth as displayWidth } from "../../text/layout.ts";
import { parseChoices, qcmView as view } from "./view.ts";
import type { QcmView } from "./wire.ts";
import { QUIZ, seeded } from "./testing.ts";

const SEATS: Seat[] = [
  { id: "a", nickname: "Ana" },
  { id: "b", nickname: "Bob" },
  { id: "c", nickname: "Cyd" },
  { id: "d", nickname: "Dédé" },
  { id: "e", nickname: "Eve" },
];

const options = qcmOptionsSchema.parse({ questions: QUIZ, shuffle: false });
const env = (now: number) => ({ now, random: seeded(now) });

/** A game at question 1: Ana answered 2 (right) at 3 s, Bob 1 at 5 s. */
function openRound(): { state: QcmState; messages: GameMessage[] } {
  let { state, out } = rules.start(SEATS, options, env(0));
  const messages = out.map((o) => o.message);
  for (
    const [seat, choice, now] of [["a", 2, 3_000], ["b", 1, 5_000]] as const
  ) {
    const step = rules.move(
      state,
      seat,
      { type: "answer", choices: [choice] },
      env(now),
    );
    state = step.state;
    messages.push(...step.out.map((o) => o.message));
  }
  return { state, messages };
}

function revealed(): { state: QcmState; messages: GameMessage[] } {
  const { state, messages } = openRound();
  const step = rules.tick(state, env(20_000));
  return {
    state: step.state,
    messages: [...messages, ...step.out.map((o) => o.message)],
  };
}

const plain = (lines: string[]) => lines.join("\n");

Deno.test("qcm view: text lines", async (t) => {
  await t.step("a question with numbered answers and how to answer", () => {
    const { messages } = openRound();
    assert.deepEqual(view.lines(messages[0], "fr", "Ana"), [
      "━━ Question 1/3 · 20 s pour répondre ━━",
      "Port de HTTPS ?",
      "  1) 80",
      "  2) 443",
      "  3) 22",
      "  4) 21",
      "Tapez le numéro de votre réponse (1-4 ou A-D) puis Entrée.",
    ]);
    assert.match(plain(view.lines(messages[0], "en", "Ana")), /HTTPS port\?/);
  });

  await t.step("answer saved, someone answered", () => {
    const { messages } = openRound();
    assert.deepEqual(view.lines(messages[1], "fr", "Ana"), [
      "Réponse enregistrée : 2",
    ]);
    assert.deepEqual(view.lines(messages[2], "en", "Ana"), [
      "Ana answered (1/5)",
    ]);
  });

  await t.step("the reveal: key, bar chart, my points, leaderboard", () => {
    const { messages } = revealed();
    const reveal = messages.at(-1)!;
    assert.deepEqual(view.lines(reveal, "fr", "Ana"), [
      "━━ Réponse — question 1/3 ━━",
      "Bonne réponse : 2) 443",
      "  1) 80  ████████████ 1",
      "✓ 2) 443 ████████████ 1",
      "  3) 22               0",
      "  4) 21               0",
      "Bravo ! +925 points",
      "Classement :",
      "  1. Ana : 925 (vous)",
      "  2. Bob : 0",
      "  2. Cyd : 0",
      "  2. Dédé : 0",
      "  2. Eve : 0",
      "Question suivante dans 6 s",
    ]);
    assert.ok(view.lines(reveal, "en", "Bob").includes("Wrong: 0 points"));
    assert.ok(view.lines(reveal, "en", "Cyd").includes("No answer: 0 points"));
  });

  await t.step("the podium at the end", () => {
    let { state } = revealed();
    let last: GameMessage[] = [];
    while (!rules.over(state)) {
      const step = rules.tick(state, env(rules.deadline(state)!));
      state = step.state;
      last = step.out.map((o) => o.message);
    }
    const lines = view.lines(last[0], "en", "Ana");
    assert.equal(lines[0], "━━ Quiz over · Podium ━━");
    assert.equal(lines[1], "  1. Ana: 925 (you)");
    assert.ok(lines.includes("Final ranking:"));
    assert.equal(lines.at(-1), "  2. Eve: 0");
  });

  await t.step("other messages give no lines", () => {
    assert.deepEqual(view.lines({ type: "chat" }, "fr", "Ana"), []);
  });
});

Deno.test("qcm view: the panel", async (t) => {
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
            let { state } = rules.start(SEATS, o, { now: 0, random });
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
});

Deno.test("qcm view: input", async (t) => {
  await t.step("answer keys become moves", () => {
    const table: [string, number[] | null][] = [
      ["1", [1]],
      ["4", [4]],
      [" 2 ", [2]],
      ["b", [2]],
      ["D", [4]],
      ["13", [1, 3]],
      ["1 3", [1, 3]],
      ["3,1", [1, 3]],
      ["1;2;2", [1, 2]],
      ["a c", [1, 3]],
      ["A, C", [1, 3]],
      ["5", null],
      ["0", null],
      ["", null],
      ["bad", null],
      ["ac", null],
      ["salut", null],
      ["1 a", null],
      ["12abc", null],
    ];
    for (const [line, choices] of table) {
      assert.deepEqual(parseChoices(line), choices, line);
      assert.deepEqual(
        view.parseInput(line, null),
        choices ? { type: "answer", choices } : null,
        line,
      );
    }
  });

  await t.step("after the game, typing is chat", () => {
    assert.equal(view.parseInput("1", { game: "qcm", phase: "over" }), null);
  });

  await t.step(
    "every refusal of the rules has a sentence in both languages",
    () => {
      const { state } = openRound();
      const codes = new Set<string>();
      const tries: [string, number[], number][] = [
        ["zed", [1], 6_000],
        ["a", [1], 6_000],
        ["c", [9], 6_000],
        ["c", [1, 2], 6_000],
        ["c", [1], 20_000],
      ];
      for (const [seat, choices, now] of tries) {
        try {
          rules.move(state, seat, { type: "answer", choices }, env(now));
        } catch (e) {
          if (!(e instanceof GameRuleError)) throw e;
          codes.add(e.code);
          for (const lang of LANGS) {
            const sentence = view.error(e.code, e.params, lang);
            assert.ok(!sentence.includes("{"), sentence);
            assert.ok(!sentence.includes(e.code), sentence);
          }
        }
      }
      const closed = rules.tick(state, env(20_000)).state;
      try {
        rules.move(closed, "c", { type: "answer", choices: [1] }, env(20_001));
      } catch (e) {
        if (e instanceof GameRuleError) codes.add(e.code);
      }
      assert.deepEqual([...codes].sort(), [
        "already_answered",
        "bad_choice",
        "no_question",
        "not_playing",
        "single_answer",
        "time_up",
      ]);
      assert.equal(
        view.error("bad_choice", { choice: "9", max: 4 }, "fr"),
        "Il n'y a pas de réponse 9 : choisissez entre 1 et 4.",
      );
      assert.match(view.error("weird", {}, "en"), /weird/);
    },
  );

  await t.step("help in both languages", () => {
    assert.match(view.help("fr"), /1 à 4/);
    assert.match(view.help("en"), /1 to 4/);
  });
});

Deno.test("qcm view: one key answers a single-answer question", () => {
  const qv = {
    game: "qcm",
    phase: "question",
    index: 1,
    total: 3,
    question: {
      text: { fr: "Q", en: "Q" },
      answers: { fr: ["a", "b", "c"], en: ["a", "b", "c"] },
      multiple: false,
      timeLimitMs: 20000,
    },
    remainingMs: 10000,
    answeredCount: 0,
    playerCount: 2,
    me: {
      nickname: "ana",
      score: 0,
      streak: 0,
      rank: 1,
      choices: null,
      result: null,
    },
    reveal: null,
    leaderboard: [],
    ranking: null,
  };
  const key = view.key!;
  assert.deepEqual(key("2", qv), { type: "answer", choices: [2] });
  assert.deepEqual(key("C", qv), { type: "answer", choices: [3] });
  assert.equal(key("4", qv), null, "only 3 answers");
  assert.equal(key("x", qv), null);
  const answered = { ...qv, me: { ...qv.me, choices: [1] } };
  assert.equal(key("2", answered), null, "already answered: keys type text");
  const multiple = { ...qv, question: { ...qv.question, multiple: true } };
  assert.equal(
    key("1", multiple),
    null,
    "several answers are typed then Enter",
  );
  assert.equal(key("1", { ...qv, phase: "reveal" }), null);
});
