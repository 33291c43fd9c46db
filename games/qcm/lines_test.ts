import assert from "node:assert/strict";
import type { GameMessage } from "../types.ts";
import { qcmRules as rules } from "./rules.ts";
import { makeQcmView } from "./view.ts";
import { readyLines } from "./lines.ts";
import { commitment, CommitmentBook } from "./fairness.ts";
import { env, openRound, revealed } from "./testing.ts";

/** A client's view with its own memory of commitments. */
const fresh = () => makeQcmView(new CommitmentBook());

const plain = (lines: string[]) => lines.join("\n");

Deno.test("qcm view: text lines", async (t) => {
  await t.step("ready: the first question comes in 3 s, said once", () => {
    const { state } = rules.start(
      [{ id: "a", nickname: "Ana" }],
      rules.optionsSchema.parse({ count: 2 }),
      env(0),
    );
    const v = rules.view(state, "a", 0);
    assert.deepEqual(readyLines(v, null, "fr"), [
      "La première question arrive dans 3 s.",
    ]);
    assert.deepEqual(readyLines(v, undefined, "en"), [
      "The first question comes in 3 s.",
    ]);
    assert.deepEqual(readyLines(v, rules.view(state, "a", 500), "fr"), []);
    assert.deepEqual(readyLines(openRound().state, null, "fr"), []);
    assert.deepEqual(readyLines(null, null, "fr"), []);
  });

  await t.step("a question with numbered answers and how to answer", () => {
    const { state, messages } = openRound();
    const view = fresh();
    assert.deepEqual(view.lines(messages[0], "fr", "Ana"), [
      "━━ Question 1/3 · 20 s pour répondre ━━",
      "Port de HTTPS ?",
      "  1) 80",
      "  2) 443",
      "  3) 22",
      "  4) 21",
      "Tapez le numéro de votre réponse (1-4 ou A-D) puis Entrée.",
      "Clé scellée avant vos réponses : sha256 " +
      commitment(1, [2], state.salts[0]),
    ]);
    assert.match(plain(view.lines(messages[0], "en", "Ana")), /HTTPS port\?/);
  });

  await t.step("answer saved, someone answered", () => {
    const { messages } = openRound();
    const view = fresh();
    assert.deepEqual(view.lines(messages[1], "fr", "Ana"), [
      "Réponse enregistrée : 2",
    ]);
    assert.deepEqual(view.lines(messages[2], "en", "Ana"), [
      "Ana answered (1/5)",
    ]);
  });

  await t.step("the reveal: key, bar chart, my points, leaderboard", () => {
    const { state, messages } = revealed();
    const view = fresh();
    view.lines(messages[0], "fr", "Ana"); // the question, with its commitment
    const reveal = messages.at(-1)!;
    assert.deepEqual(view.lines(reveal, "fr", "Ana"), [
      "━━ Réponse — question 1/3 ━━",
      "Bonne réponse : 2) 443",
      "  1) 80  ████████████ 1",
      "✓ 2) 443 ████████████ 1",
      "  3) 22               0",
      "  4) 21               0",
      "✓ clé vérifiée : la même que celle scellée avant les réponses (sel " +
      state.salts[0] + ")",
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
    const view = fresh();
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
    assert.deepEqual(fresh().lines({ type: "chat" }, "fr", "Ana"), []);
  });

  await t.step("progress (a count only: someone away or back): no line", () => {
    const progress = { type: "answer_count", count: 3, of: 40 };
    assert.deepEqual(fresh().lines(progress, "fr", "Ana"), []);
    assert.deepEqual(fresh().lines(progress, "en", "Ana"), []);
  });
});

Deno.test("qcm view: a player's own result in a big room", () => {
  const view = fresh();
  const result = {
    type: "result",
    index: 3,
    id: "p77",
    nickname: "Zoé",
    choices: [2],
    correct: true,
    points: 950,
    streak: 2,
    score: 2900,
    rank: 41,
    of: 500,
  };
  assert.deepEqual(view.lines(result, "en", "Zoé"), [
    "Right! +950 points (streak of 2)",
    "Your rank: 41 of 500",
  ]);
  assert.deepEqual(view.lines(result, "fr", "Zoé"), [
    "Bravo ! +950 points (série de 2)",
    "Votre rang : 41 sur 500",
  ]);
  assert.ok(view.panelOnly?.includes("result"), "the panel shows it already");
});
