import assert from "node:assert/strict";
import type { Seat, Step } from "../types.ts";
import { progressIntervalMs, type QcmState } from "./phases.ts";
import { qcmRules as rules } from "./rules.ts";
import type { QcmView } from "./wire.ts";
import { asked, env, QUIZ_OPTIONS, SEATS } from "./testing.ts";

const answer = (s: QcmState, seat: string, now: number) =>
  rules.move(s, seat, { type: "answer", choices: [2] }, env(now));

/** The `answered` messages of a step, as "count/of by nickname". */
const told = (step: Step<QcmState>) =>
  step.out.filter((o) => o.message.type === "answered").map((o) =>
    `${o.message.count}/${o.message.of} ${o.message.nickname}`
  );

Deno.test("qcm answered progress", async (t) => {
  await t.step("the first answer is told at once", () => {
    const { state } = asked(SEATS, QUIZ_OPTIONS, 0);
    assert.deepEqual(told(answer(state, "a", 1_000)), ["1/5 Ana"]);
  });

  await t.step("answers within 100 ms are told once, at the end of it", () => {
    let { state } = asked(SEATS, QUIZ_OPTIONS, 0);
    state = answer(state, "a", 1_000).state; // told at once
    const bob = answer(state, "b", 1_020);
    assert.deepEqual(told(bob), [], "not again within 100 ms");
    assert.deepEqual(bob.views, ["b"], "Bob's own only");
    assert.equal(bob.patchable, true, "and none for a client that patches");
    const cyd = answer(bob.state, "c", 1_050);
    assert.deepEqual(told(cyd), []);
    assert.equal(rules.deadline(cyd.state), 1_100, "a tick is due");
    // Views still say 1 answered: the count everyone was told.
    const v = rules.view(cyd.state, "d", 1_060) as QcmView;
    assert.equal(v.answeredCount, 1);
    const early = rules.tick(cyd.state, env(1_099));
    assert.deepEqual(early.out, []);
    assert.deepEqual(early.views, [], "an early tick changes no view");
    const tick = rules.tick(cyd.state, env(1_100));
    assert.deepEqual(told(tick), ["3/5 Cyd"]);
    assert.deepEqual(tick.views, [], "no view: clients patch the count in");
    assert.equal(
      (rules.view(tick.state, "d", 1_100) as QcmView).answeredCount,
      3,
    );
    assert.equal(rules.deadline(tick.state), 20_000, "nothing more due");
  });

  await t.step("an answer after a quiet spell is told at once", () => {
    let { state } = asked(SEATS, QUIZ_OPTIONS, 0);
    state = answer(state, "a", 1_000).state;
    assert.deepEqual(told(answer(state, "b", 1_100)), ["2/5 Bob"]);
  });

  await t.step(
    "the last answer closes the round; the reveal has the counts",
    () => {
      const two: Seat[] = SEATS.slice(0, 2);
      let { state } = asked(two, QUIZ_OPTIONS, 0);
      state = answer(state, "a", 1_000).state;
      const last = answer(state, "b", 1_010);
      assert.deepEqual(last.out.map((o) => o.message.type), [
        "answer_ack",
        "reveal",
      ]);
      assert.equal(last.state.phase, "reveal");
    },
  );

  await t.step("time up with an untold answer: the reveal, not a count", () => {
    let { state } = asked(SEATS, QUIZ_OPTIONS, 0);
    state = answer(state, "a", 19_950).state;
    state = answer(state, "b", 19_990).state;
    assert.equal(rules.deadline(state), 20_000);
    const end = rules.tick(state, env(20_000));
    assert.deepEqual(end.out.map((o) => o.message.type), ["reveal"]);
  });

  await t.step(
    "a count told after a player left never exceeds who is here",
    () => {
      let { state } = asked(SEATS, QUIZ_OPTIONS, 0);
      state = answer(state, "a", 1_000).state;
      state = answer(state, "b", 1_010).state; // untold
      state = rules.leave(state, "b", env(1_020)).state;
      const v = rules.view(state, "c", 1_030) as QcmView;
      assert.deepEqual([v.answeredCount, v.playerCount], [1, 4]);
      assert.equal(rules.deadline(state), 1_100, "who is here is untold");
      state = answer(state, "c", 1_030).state;
      assert.deepEqual(told(rules.tick(state, env(1_100))), ["2/4 Cyd"]);
    },
  );

  await t.step(
    "a player who left with nothing else untold: a count, no name",
    () => {
      let { state } = asked(SEATS, QUIZ_OPTIONS, 0);
      state = answer(state, "a", 1_000).state;
      state = answer(state, "b", 1_010).state; // untold
      state = rules.leave(state, "b", env(1_020)).state;
      const tick = rules.tick(state, env(1_100));
      assert.deepEqual(tick.out.map((o) => o.message), [
        { type: "answer_count", count: 1, of: 4 },
      ], "Bob's answer no longer counts: not told as an answer");
      assert.deepEqual(tick.views, []);
      assert.equal(rules.deadline(tick.state), 20_000, "nothing more due");
    },
  );

  await t.step(
    "presence changes are told at most once an interval",
    () => {
      let { state } = asked(SEATS, QUIZ_OPTIONS, 0);
      const first = rules.presence!(state, "a", false, env(1_000));
      assert.equal(first.out.length, 1, "the first at once");
      state = first.state;
      for (
        const [seat, here, now] of [["b", false, 1_010], [
          "a",
          true,
          1_050,
        ]] as const
      ) {
        const step = rules.presence!(state, seat, here, env(now));
        assert.deepEqual(step.out, []);
        assert.deepEqual(step.views, []);
        state = step.state;
      }
      assert.equal(rules.deadline(state), 1_100);
      assert.deepEqual(rules.tick(state, env(1_099)).out, []);
      assert.deepEqual(
        rules.tick(state, env(1_100)).out.map((o) => o.message),
        [
          { type: "answer_count", count: 0, of: 4 },
        ],
      );
    },
  );

  await t.step("the interval grows with the room: 0.1 ms per player", () => {
    assert.equal(progressIntervalMs(5), 100);
    assert.equal(progressIntervalMs(1000), 100);
    assert.equal(progressIntervalMs(5000), 500);
  });
});
