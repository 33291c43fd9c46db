import assert from "node:assert/strict";
import fc from "fast-check";
import { GameRuleError } from "../errors.ts";
import type { GameMessage, Outgoing, Seat, Step } from "../types.ts";
import { type QcmState, READY_MS } from "./phases.ts";
import { currentAnswerKey, qcmRules as rules } from "./rules.ts";
import { qcmOptionsSchema } from "./wire.ts";
import { BANK } from "./bank.ts";
import type { QcmQuestion } from "./question.ts";
import type { QcmView, RevealMessage } from "./wire.ts";
import { asked, QUIZ, seeded } from "./testing.ts";
import { commitment } from "./fairness.ts";

const SEATS: Seat[] = [
  { id: "a", nickname: "Ana" },
  { id: "b", nickname: "Bob" },
  { id: "c", nickname: "Cyd" },
];

/** Options for the fixed quiz, in file order, no shuffling. */
const fixed = (extra: Record<string, unknown> = {}) =>
  qcmOptionsSchema.parse({ questions: QUIZ, shuffle: false, ...extra });

const env = (now: number, random = seeded(1)) => ({ now, random });

function start(seats = SEATS, options = fixed()): Step<QcmState> {
  return asked(seats, options, 0);
}

function answer(
  state: QcmState,
  seat: string,
  choices: number[],
  now: number,
): Step<QcmState> {
  return rules.move(state, seat, { type: "answer", choices }, env(now));
}

function types(out: Outgoing[]): string[] {
  return out.map((o) => o.message.type);
}

function refusal(fn: () => unknown): GameRuleError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GameRuleError) return e;
    throw e;
  }
  throw new Error("the move should have been refused");
}

function revealOf(out: Outgoing[]): RevealMessage {
  const m = out.find((o) => o.message.type === "reveal");
  assert.ok(m, "a reveal was sent");
  return m.message as unknown as RevealMessage;
}

Deno.test("qcm rules: a round", async (t) => {
  await t.step("start sends the first question to everyone", () => {
    const { state, out } = start();
    assert.equal(state.phase, "question");
    assert.deepEqual(out, [{
      to: "all",
      message: {
        type: "question",
        index: 1,
        total: 3,
        text: QUIZ[0].text,
        answers: QUIZ[0].answers,
        multiple: false,
        timeLimitMs: 20_000,
        endsIn: 20_000,
        of: 3,
        commitment: commitment(1, [2], state.salts[0]),
      },
    }]);
    assert.match(state.salts[0], /^[0-9a-f]{32}$/);
    assert.equal(rules.deadline(state), 20_000);
  });

  await t.step("closes when everyone has answered, not before", () => {
    let { state } = start();
    let step = answer(state, "a", [2], 2_000);
    assert.deepEqual(types(step.out), ["answer_ack", "answered"]);
    // The answerer's view, for a client that does not patch only: the ack
    // and the count say it all to one that does.
    assert.deepEqual(step.views, ["a"]);
    assert.equal(step.patchable, true);
    assert.deepEqual(step.out[0], {
      to: "a",
      message: { type: "answer_ack", index: 1, choices: [2] },
    });
    assert.deepEqual(step.out[1].message, {
      type: "answered",
      nickname: "Ana",
      count: 1,
      of: 3,
    });
    state = step.state;
    state = answer(state, "b", [1], 3_000).state;
    assert.equal(state.phase, "question");
    step = answer(state, "c", [2], 10_000);
    assert.deepEqual(types(step.out), ["answer_ack", "answered", "reveal"]);
    assert.equal(step.state.phase, "reveal");
    assert.equal(step.views, undefined, "the reveal: everyone's view");
    assert.equal(rules.deadline(step.state), 10_000 + 6_000);
  });

  await t.step("closes at the deadline; no answer scores 0", () => {
    let { state } = start();
    state = answer(state, "a", [2], 5_000).state;
    const early = rules.tick(state, env(19_999));
    assert.equal(early.state.phase, "question");
    assert.deepEqual(early.out, []);
    const step = rules.tick(state, env(20_000));
    const reveal = revealOf(step.out);
    assert.deepEqual(
      reveal.results.map((r) => [r.nickname, r.correct, r.points, r.choices]),
      [["Ana", true, 875, [2]], ["Bob", false, 0, []], ["Cyd", false, 0, []]],
    );
  });

  await t.step("the reveal: key, counts, results, leaderboard", () => {
    let { state } = start();
    state = answer(state, "a", [2], 0).state;
    state = answer(state, "b", [1], 4_000).state;
    const step = answer(state, "c", [2], 10_000);
    const reveal = revealOf(step.out);
    assert.deepEqual(reveal, {
      type: "reveal",
      index: 1,
      total: 3,
      text: QUIZ[0].text,
      answers: QUIZ[0].answers,
      correct: [2],
      counts: [1, 2, 0, 0],
      results: [
        {
          id: "a",
          nickname: "Ana",
          choices: [2],
          correct: true,
          points: 1000,
          streak: 1,
          score: 1000,
        },
        {
          id: "b",
          nickname: "Bob",
          choices: [1],
          correct: false,
          points: 0,
          streak: 0,
          score: 0,
        },
        {
          id: "c",
          nickname: "Cyd",
          choices: [2],
          correct: true,
          points: 750,
          streak: 1,
          score: 750,
        },
      ],
      leaderboard: [
        { rank: 1, nickname: "Ana", score: 1000 },
        { rank: 2, nickname: "Cyd", score: 750 },
        { rank: 3, nickname: "Bob", score: 0 },
      ],
      nextIn: 6_000,
      last: false,
      commitment: commitment(1, [2], state.salts[0]),
      salt: state.salts[0],
    });
  });

  await t.step("the leaderboard keeps the top 5", () => {
    const seats = [...Array(7).keys()].map((i) => ({
      id: `p${i}`,
      nickname: `P${i}`,
    }));
    let { state } = start(seats);
    seats.forEach((s, i) => {
      state = answer(state, s.id, [2], i * 1_000).state;
    });
    assert.equal(state.reveal?.leaderboard.length, 5);
    assert.deepEqual(state.reveal?.leaderboard.map((l) => l.nickname), [
      "P0",
      "P1",
      "P2",
      "P3",
      "P4",
    ]);
  });

  await t.step("several right answers: the exact set is needed", () => {
    let { state } = start([SEATS[0], SEATS[1], SEATS[2]]);
    for (const s of SEATS) state = answer(state, s.id, [2], 0).state;
    state = rules.tick(state, env(6_000)).state; // question 2: key [1, 2]
    assert.equal(state.index, 1);
    state = answer(state, "a", [2, 1], 0).state; // both, any order
    state = answer(state, "b", [1], 0).state; // only one of them
    const step = answer(state, "c", [1, 2, 3], 0); // one too many
    const reveal = revealOf(step.out);
    assert.deepEqual(reveal.correct, [1, 2]);
    assert.deepEqual(reveal.counts, [3, 2, 1]);
    assert.deepEqual(reveal.results.map((r) => r.correct), [
      true,
      false,
      false,
    ]);
    assert.equal(reveal.results[0].points, 1000 + 100); // streak of 2
  });
});

Deno.test("qcm rules: refusals", async (t) => {
  const { state } = start();
  const codeOf = (fn: () => unknown) => refusal(fn).code;

  await t.step("not_playing for a spectator", () => {
    assert.equal(codeOf(() => answer(state, "zed", [1], 0)), "not_playing");
  });
  await t.step("already_answered", () => {
    const s = answer(state, "a", [1], 0).state;
    assert.equal(codeOf(() => answer(s, "a", [2], 1)), "already_answered");
  });
  await t.step("bad_choice with the range", () => {
    const e = refusal(() => answer(state, "a", [5], 0));
    assert.equal(e.code, "bad_choice");
    assert.deepEqual(e.params, { choice: "5", max: 4 });
    const s = rules.tick(
      answer(answer(answer(state, "a", [1], 0).state, "b", [1], 0).state, "c", [
        1,
      ], 0).state,
      env(6_000),
    ).state;
    assert.equal(refusal(() => answer(s, "a", [4], 6_001)).params.max, 3);
  });
  await t.step("single_answer when one answer is right", () => {
    assert.equal(codeOf(() => answer(state, "a", [1, 2], 0)), "single_answer");
  });
  await t.step("no_question during the reveal", () => {
    const s = rules.tick(state, env(20_000)).state;
    assert.equal(s.phase, "reveal");
    assert.equal(codeOf(() => answer(s, "a", [1], 20_001)), "no_question");
  });
  await t.step("time_up after the deadline, before the tick", () => {
    assert.equal(codeOf(() => answer(state, "a", [1], 20_000)), "time_up");
  });
});

/** Plays a whole game where everyone answers `choice` at once, each round. */
function playAll(
  seats: Seat[],
  options = fixed(),
  choose: (seat: string, q: number) => number[] = () => [1],
): { state: QcmState; messages: GameMessage[] } {
  let { state, out } = asked(seats, options, 0);
  const messages = out.map((o) => o.message);
  let now = 0;
  while (!rules.over(state)) {
    if (state.phase === "question") {
      for (const s of seats) {
        const step = answer(state, s.id, choose(s.id, state.index), now);
        state = step.state;
        messages.push(...step.out.map((o) => o.message));
      }
    } else {
      now = rules.deadline(state)!;
      const step = rules.tick(state, env(now));
      state = step.state;
      messages.push(...step.out.map((o) => o.message));
    }
  }
  return { state, messages };
}

Deno.test("qcm rules: a whole game", async (t) => {
  await t.step("questions, reveals, pause, then podium and ranking", () => {
    const right = [[2], [1, 2], [1]];
    const { state, messages } = playAll(
      SEATS,
      fixed(),
      (seat, q) => seat === "c" ? [2] : right[q],
    );
    assert.deepEqual(
      messages.filter((m) => m.type !== "answered" && m.type !== "answer_ack")
        .map((m) => m.type),
      [
        "question",
        "reveal",
        "question",
        "reveal",
        "question",
        "reveal",
        "quiz_end",
      ],
    );
    assert.equal(rules.over(state), true);
    assert.equal(rules.deadline(state), null);
    const end = messages.at(-1)!;
    // Ana and Bob both answered right instantly: a tie at the top.
    assert.deepEqual(end, {
      type: "quiz_end",
      podium: [
        { rank: 1, nickname: "Ana", score: 3300 },
        { rank: 1, nickname: "Bob", score: 3300 },
        { rank: 3, nickname: "Cyd", score: 1000 },
      ],
      ranking: [
        { rank: 1, nickname: "Ana", score: 3300 },
        { rank: 1, nickname: "Bob", score: 3300 },
        { rank: 3, nickname: "Cyd", score: 1000 },
      ],
    });
    assert.deepEqual(rules.standings(state), [
      { id: "a", nickname: "Ana", rank: 1, points: 3300 },
      { id: "b", nickname: "Bob", rank: 1, points: 3300 },
      { id: "c", nickname: "Cyd", rank: 3, points: 1000 },
    ]);
    const last = messages.filter((m) => m.type === "reveal").at(-1)!;
    assert.equal(last.last, true);
  });

  await t.step("count, and 10 bank questions by default", () => {
    assert.equal(start(SEATS, fixed({ count: 2 })).state.rounds.length, 2);
    const bank = asked(SEATS, qcmOptionsSchema.parse({}), 0).state;
    assert.equal(bank.rounds.length, 10);
    assert.equal(new Set(bank.rounds.map((r) => r.id)).size, 10);
    const all = rules.start(
      SEATS,
      qcmOptionsSchema.parse({ count: 500 }),
      env(0),
    );
    assert.equal(all.state.rounds.length, BANK.length);
  });

  await t.step("a question's own time limit wins over the option", () => {
    const s = start(SEATS, fixed({ timeSec: 40 })).state;
    assert.deepEqual(s.rounds.map((r) => r.limitMs), [40_000, 40_000, 10_000]);
  });

  await t.step("points 0 and 2000", () => {
    const zero = playAll(SEATS, fixed({ points: 0 }), () => [2]).state;
    assert.ok(zero.players.every((p) => p.score === 0));
    const two = playAll(
      [SEATS[0]],
      fixed({ points: 2000, count: 1 }),
      () => [2],
    );
    assert.equal(two.state.players[0].score, 2000);
  });

  await t.step("leaving closes the round when the others have answered", () => {
    let { state } = start();
    state = answer(state, "a", [2], 0).state;
    state = answer(state, "b", [2], 0).state;
    const step = rules.leave(state, "c", env(1_000));
    assert.deepEqual(types(step.out), ["reveal"]);
    // Cyd comes back by answering the next question; the round then waits for him too.
    let s = rules.tick(step.state, env(7_000)).state;
    s = answer(s, "c", [1], 7_000).state;
    s = answer(s, "a", [1], 7_000).state;
    assert.equal(s.phase, "question"); // Bob has not answered
    const left = rules.leave(s, "b", env(8_000));
    assert.equal(left.state.phase, "reveal");
    assert.deepEqual(revealOf(left.out).counts, [2, 0, 0]);
  });

  await t.step("the answered count forgets a player who left", () => {
    // Ana answers, then leaves: Bob and Cyd are the 2 players left, and
    // the count goes 1/2 then 2/2, never 2/2 with Cyd still to answer.
    let { state } = start();
    state = answer(state, "a", [2], 0).state;
    state = rules.leave(state, "a", env(100)).state;
    const bob = answer(state, "b", [2], 200);
    const counted = (step: Step<QcmState>) =>
      step.out.map((o) => o.message).filter((m) => m.type === "answered")
        .map((m) => `${m.count}/${m.of}`);
    assert.deepEqual(counted(bob), ["1/2"]);
    const v = rules.view(bob.state, "c", 300) as QcmView;
    assert.deepEqual([v.answeredCount, v.playerCount], [1, 2]);
    const cyd = answer(bob.state, "c", [1], 400);
    assert.deepEqual(counted(cyd), ["2/2"]);
    assert.equal(cyd.state.phase, "reveal");
  });

  await t.step("when everyone has left, the game ends", () => {
    let { state } = start([SEATS[0], SEATS[1]]);
    state = rules.leave(state, "a", env(100)).state;
    const step = rules.leave(state, "b", env(200));
    assert.equal(rules.over(step.state), true);
    assert.deepEqual(types(step.out), ["quiz_end"]);
  });
});

Deno.test("qcm rules: views", async (t) => {
  await t.step("a player's view while answering, then after the reveal", () => {
    let { state } = start();
    state = answer(state, "a", [2], 5_000).state;
    const v = rules.view(state, "a", 8_000) as QcmView;
    assert.equal(v.phase, "question");
    assert.equal(v.remainingMs, 12_000);
    assert.deepEqual([v.answeredCount, v.playerCount], [1, 3]);
    assert.deepEqual(v.me, {
      nickname: "Ana",
      score: 0,
      streak: 0,
      rank: 1,
      choices: [2],
      result: null,
    });
    assert.equal(v.reveal, null);
    assert.equal((rules.view(state, "b", 8_000) as QcmView).me?.choices, null);

    state = rules.tick(state, env(20_000)).state;
    const r = rules.view(state, "a", 21_000) as QcmView;
    assert.equal(r.phase, "reveal");
    assert.equal(r.remainingMs, 5_000);
    assert.deepEqual(r.me?.result, { correct: true, points: 875 });
    assert.deepEqual(r.me?.choices, [2]);
    assert.deepEqual(r.reveal?.correct, [2]);
    assert.equal(r.leaderboard[0].nickname, "Ana");
  });

  await t.step("a spectator sees the same without me", () => {
    const { state } = start();
    const spectator = rules.view(state, "zed", 0) as QcmView;
    const player = rules.view(state, "a", 0) as QcmView;
    assert.equal(spectator.me, null);
    assert.deepEqual({ ...player, me: null }, spectator);
  });

  await t.step("the end view has the full ranking", () => {
    const { state } = playAll(SEATS);
    const v = rules.view(state, "a", 1e9) as QcmView;
    assert.equal(v.phase, "over");
    assert.equal(v.question, null);
    assert.equal(v.ranking?.length, 3);
  });
});

Deno.test("qcm rules: the key never reaches clients before the reveal", async (t) => {
  /** Same quiz with another key of the same size for question `j`. */
  const otherKey = (qs: QcmQuestion[], j: number) =>
    qs.map((q, i) => {
      if (i !== j) return q;
      const n = q.answers.fr.length;
      return { ...q, correct: q.correct.map((c) => (c + 1) % n).sort() };
    });

  /**
   * Plays a game and records every message and every view (of every seat
   * and a spectator) of open rounds, as JSON. With `stopId`, recording
   * stops at the reveal of that question.
   */
  function beforeReveals(
    quiz: QcmQuestion[],
    seed: number,
    moves: [number, number, number][],
    stopId: string | null = null,
  ): string[] {
    const random = seeded(seed);
    const options = qcmOptionsSchema.parse({ questions: quiz, shuffle: true });
    let { state, out } = asked(SEATS, options, 0, random);
    const seen: string[] = [];
    let now = 0;
    let stopped = false;
    const record = (o: Outgoing[]) => {
      for (const x of o) {
        if (x.message.type === "reveal") {
          if (state.rounds[state.index].id === stopId) stopped = true;
          return;
        }
        seen.push(JSON.stringify(x));
      }
      if (state.phase === "question") {
        for (const id of ["a", "b", "c", "spectator"]) {
          seen.push(JSON.stringify(rules.view(state, id, now)));
        }
      }
    };
    record(out);
    for (const [seatIndex, choice, delay] of moves) {
      if (rules.over(state) || stopped) break;
      now += delay;
      let step: Step<QcmState>;
      if (state.phase !== "question" || now >= state.phaseEnd) {
        now = Math.max(now, state.phaseEnd);
        step = rules.tick(state, { now, random });
      } else {
        const seat = SEATS[seatIndex].id;
        const n = state.rounds[state.index].answers.fr.length;
        try {
          step = rules.move(state, seat, {
            type: "answer",
            choices: [1 + (choice % n)],
          }, { now, random });
        } catch (e) {
          if (!(e instanceof GameRuleError)) throw e;
          continue;
        }
      }
      state = step.state;
      ({ out } = step);
      record(out);
    }
    return seen;
  }

  const SEAL = /"commitment":"([0-9a-f]{64})"/g;
  /** A recorded message or view with its commitment hash blanked out. */
  const unsealed = (json: string) => json.replaceAll(SEAL, '"commitment":"…"');

  const movesArb = fc.array(
    fc.tuple(fc.nat(2), fc.nat(3), fc.integer({ min: 0, max: 9_000 })),
    { maxLength: 80 },
  );

  await t.step("no `correct` in any message or view of an open round", () => {
    fc.assert(
      fc.property(fc.nat(), movesArb, (seed, moves) => {
        for (const json of beforeReveals(QUIZ, seed, moves)) {
          assert.ok(!json.includes("correct"), json);
        }
      }),
      { numRuns: 100 },
    );
  });

  await t.step("changing a key changes nothing sent before its reveal", () => {
    const quiz = BANK.slice(0, 12).filter((q) => q.correct.length === 1);
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(quiz.length - 1),
        movesArb,
        (seed, j, moves) => {
          const id = quiz[j].id;
          const original = beforeReveals(quiz, seed, moves, id);
          const changed = beforeReveals(otherKey(quiz, j), seed, moves, id);
          assert.ok(original.length > 0);
          // Only the commitment (a hash) may differ, and it does.
          assert.deepEqual(changed.map(unsealed), original.map(unsealed));
          const sealsOf = (seen: string[]) =>
            seen.flatMap((json) => [...json.matchAll(SEAL)].map((m) => m[1]));
          const asked = JSON.stringify(quiz[j].text);
          if (original.some((json) => json.includes(asked))) {
            assert.notDeepEqual(sealsOf(changed), sealsOf(original));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  await t.step("the key is in the reveal", () => {
    const { out } = rules.tick(start().state, env(20_000));
    assert.ok(JSON.stringify(out).includes('"correct":[2]'));
  });

  await t.step("currentAnswerKey is for host-side helpers", () => {
    const { state } = start();
    assert.deepEqual(currentAnswerKey(state), [2]);
    assert.equal(currentAnswerKey(rules.tick(state, env(20_000)).state), null);
  });
});

Deno.test("qcm rules: « Préparez-vous » before question 1", async (t) => {
  const seats: Seat[] = [
    { id: "a", nickname: "Ana" },
    { id: "b", nickname: "Bob" },
  ];
  const codeOf = (fn: () => unknown) => refusal(fn).code;
  const start = rules.start(seats, fixed(), env(0));
  const state = start.state;

  await t.step("the start opens the ready phase, no question yet", () => {
    assert.equal(state.phase, "ready");
    assert.deepEqual(start.out, [], "question 1 is not sent with the start");
    assert.equal(rules.deadline(state), READY_MS);
    assert.equal(currentAnswerKey(state), null);
  });

  await t.step("its view: index 0, no question, the time to question 1", () => {
    const v = rules.view(state, "a", 1_000) as QcmView;
    assert.deepEqual(
      { ...v, leaderboard: null },
      {
        game: "qcm",
        phase: "ready",
        index: 0,
        total: 3,
        question: null,
        commitment: null,
        remainingMs: READY_MS - 1_000,
        answeredCount: 0,
        playerCount: 2,
        me: {
          nickname: "Ana",
          score: 0,
          streak: 0,
          rank: 1,
          choices: null,
          result: null,
        },
        reveal: null,
        leaderboard: null,
        ranking: null,
      },
    );
    assert.equal((rules.view(state, "zed", 0) as QcmView).me, null);
  });

  await t.step("answers are refused (no_question)", () => {
    assert.equal(codeOf(() => answer(state, "a", [1], 10)), "no_question");
    assert.equal(
      codeOf(() => answer(state, "a", [1], READY_MS - 1)),
      "no_question",
    );
  });

  await t.step("question 1 comes at READY_MS, not before", () => {
    assert.equal(rules.tick(state, env(READY_MS - 1)).state.phase, "ready");
    const next = rules.tick(state, env(READY_MS));
    assert.equal(next.state.phase, "question");
    assert.equal(next.state.phaseStart, READY_MS);
    assert.equal(next.out[0].message.type, "question");
    assert.equal(rules.deadline(next.state), READY_MS + 20_000);
  });

  await t.step("presence names no view; everyone gone ends the game", () => {
    const away = rules.presence!(state, "b", false, env(500));
    assert.deepEqual(away.views, []);
    assert.deepEqual(away.out.map((o) => o.message), [
      { type: "answer_count", count: 0, of: 1 },
    ]);
    let s = rules.leave(away.state, "a", env(600)).state;
    s = rules.leave(s, "b", env(700)).state;
    assert.equal(s.phase, "over");
  });
});
