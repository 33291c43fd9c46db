import assert from "node:assert/strict";
import type { QcmState } from "./phases.ts";
import { qcmRules as rules } from "./rules.ts";
import type { QcmView } from "./wire.ts";
import { asked, env, QUIZ_OPTIONS, SEATS } from "./testing.ts";

const THREE = SEATS.slice(0, 3); // Ana, Bob, Cyd

const answer = (s: QcmState, seat: string, now: number) =>
  rules.move(s, seat, { type: "answer", choices: [2] }, env(now)).state;
const away = (s: QcmState, seat: string, now: number) =>
  rules.presence!(s, seat, false, env(now));
const back = (s: QcmState, seat: string, now: number) =>
  rules.presence!(s, seat, true, env(now));

Deno.test("qcm presence: a seat whose connection is lost", async (t) => {
  await t.step("the round reveals once every present player answered", () => {
    let { state } = asked(THREE, QUIZ_OPTIONS, 0);
    state = away(state, "c", 500).state;
    assert.equal(
      (rules.view(state, "a", 600) as QcmView).playerCount,
      2,
      "Cyd is not counted while away",
    );
    state = answer(state, "a", 1_000);
    const step = rules.move(
      state,
      "b",
      { type: "answer", choices: [1] },
      env(2_000),
    );
    assert.equal(step.state.phase, "reveal", "no wait for Cyd");
    const cyd = step.state.reveal!.results.find((r) => r.id === "c")!;
    assert.deepEqual([cyd.choices, cyd.points], [[], 0]);
    assert.equal(step.state.players.length, 3, "Cyd keeps his seat");
  });

  await t.step("going away when the others answered closes the round", () => {
    let { state } = asked(THREE, QUIZ_OPTIONS, 0);
    state = answer(state, "a", 1_000);
    state = answer(state, "b", 1_100);
    const step = away(state, "c", 1_500);
    assert.deepEqual(step.out.map((o) => o.message.type), ["reveal"]);
  });

  await t.step("back in time: the round waits for them again", () => {
    let { state } = asked(THREE, QUIZ_OPTIONS, 0);
    state = away(state, "c", 500).state;
    state = answer(state, "a", 1_000);
    state = back(state, "c", 1_500).state;
    state = answer(state, "b", 2_000);
    assert.equal(state.phase, "question", "Cyd is back and has not answered");
    state = answer(state, "c", 2_500);
    assert.equal(state.phase, "reveal");
    assert.equal(state.players.find((p) => p.id === "c")!.score > 0, true);
  });

  await t.step(
    "an away player who had answered: counted again when back",
    () => {
      let { state } = asked(THREE, QUIZ_OPTIONS, 0);
      state = answer(state, "a", 1_000);
      const gone = away(state, "a", 1_200);
      assert.deepEqual(gone.out.map((o) => o.message), [
        { type: "answer_count", count: 0, of: 2 },
      ]);
      state = gone.state;
      let v = rules.view(state, "b", 1_300) as QcmView;
      assert.deepEqual([v.answeredCount, v.playerCount], [0, 2]);
      const told = back(state, "a", 1_400);
      assert.deepEqual(told.out.map((o) => o.message), [
        { type: "answer_count", count: 1, of: 3 },
      ], "a count: Ana's answer was told already");
      state = told.state;
      v = rules.view(state, "b", 1_500) as QcmView;
      assert.deepEqual([v.answeredCount, v.playerCount], [1, 3]);
      state = answer(state, "b", 2_000);
      state = answer(state, "c", 2_100);
      assert.equal(state.phase, "reveal");
      assert.equal(
        state.reveal!.results.find((r) => r.id === "a")!.correct,
        true,
        "Ana's answer from before the drop still counts",
      );
    },
  );

  await t.step("everyone away: no early reveal, the game goes on", () => {
    let { state } = asked(THREE, QUIZ_OPTIONS, 0);
    for (const seat of ["a", "b", "c"]) state = away(state, seat, 100).state;
    assert.equal(state.phase, "question");
    assert.equal(rules.over(state), false);
    state = rules.tick(state, env(20_000)).state;
    assert.equal(state.phase, "reveal", "the time limit still runs");
  });

  await t.step(
    "the game ends when the last seat is given up, not before",
    () => {
      let { state } = asked(THREE, QUIZ_OPTIONS, 0);
      state = away(state, "a", 100).state;
      state = rules.leave(state, "b", env(200)).state;
      state = rules.leave(state, "c", env(300)).state;
      assert.equal(rules.over(state), false, "Ana may still come back");
      const end = rules.leave(state, "a", env(120_000));
      assert.equal(rules.over(end.state), true);
      assert.deepEqual(end.out.map((o) => o.message.type), ["quiz_end"]);
    },
  );

  await t.step(
    "the round closes when the last unanswered player goes away or leaves",
    () => {
      for (const drop of ["away", "leave"] as const) {
        let { state } = asked(THREE, QUIZ_OPTIONS, 0);
        state = answer(state, "a", 1_000);
        state = answer(state, "b", 1_010);
        const step = drop === "away"
          ? away(state, "c", 1_020)
          : rules.leave(state, "c", env(1_020));
        assert.equal(step.state.phase, "reveal", drop);
        assert.equal(step.views, undefined, "the reveal: everyone's view");
      }
    },
  );

  await t.step(
    "the round closes when the last present player answers",
    () => {
      let { state } = asked(THREE, QUIZ_OPTIONS, 0);
      state = away(state, "c", 500).state;
      state = answer(state, "a", 1_000);
      const last = rules.move(
        state,
        "b",
        { type: "answer", choices: [2] },
        env(1_010),
      );
      assert.equal(last.state.phase, "reveal");
      assert.equal(last.views, undefined, "the reveal: everyone's view");
    },
  );

  await t.step(
    "during a question, away and back name no view",
    () => {
      let { state } = asked(THREE, QUIZ_OPTIONS, 0);
      state = answer(state, "a", 1_000);
      for (const [here, now] of [[false, 1_200], [true, 1_400]] as const) {
        const step = here ? back(state, "c", now) : away(state, "c", now);
        assert.deepEqual(step.views, []);
        assert.deepEqual(step.out.map((o) => o.message), [
          { type: "answer_count", count: 1, of: here ? 3 : 2 },
        ]);
        state = step.state;
      }
    },
  );

  await t.step(
    "no change, no view: presence of a spectator or twice the same",
    () => {
      const { state } = asked(THREE, QUIZ_OPTIONS, 0);
      const twice = back(state, "a", 100);
      assert.equal(twice.state, state);
      assert.deepEqual(twice.views, []);
      assert.equal(away(state, "nobody", 100).state, state);
    },
  );
});
