import assert from "node:assert/strict";
import fc from "fast-check";
import type { Outgoing, Seat } from "../types.ts";
import { GameRuleError } from "../errors.ts";
import { progressIntervalMs, type QcmState } from "./phases.ts";
import { SHOWN_MAX } from "./ranking.ts";
import { qcmRules as rules } from "./rules.ts";
import type { QcmView, ResultMessage, RevealMessage } from "./wire.ts";
import { asked, env, QUIZ_OPTIONS } from "./testing.ts";

const seats = (n: number): Seat[] =>
  Array.from({ length: n }, (_, i) => ({ id: `p${i}`, nickname: `P${i}` }));

/** Question 1 of the quiz (key 2) with everyone answering; the odd ones right. */
function revealFor(n: number) {
  let { state } = asked(seats(n), QUIZ_OPTIONS, 0);
  let out: { to: string; message: { type: string } }[] = [];
  for (let i = 0; i < n; i++) {
    const step = rules.move(state, `p${i}`, {
      type: "answer",
      choices: [i % 2 ? 2 : 1],
    }, env(1_000 + i));
    state = step.state;
    out = step.out;
  }
  return { state, out };
}

Deno.test("qcm in a big room", async (t) => {
  await t.step(
    "up to 32 players, the reveal lists everyone in seat order",
    () => {
      const { state, out } = revealFor(SHOWN_MAX);
      const reveal = state.reveal as RevealMessage;
      assert.equal(SHOWN_MAX, 32);
      assert.deepEqual(
        reveal.results.map((r) => r.id),
        seats(32).map((s) => s.id),
      );
      assert.equal(out.filter((o) => o.message.type === "result").length, 0);
    },
  );

  await t.step(
    "above, the best 32, and each other player their own result",
    () => {
      const { state, out } = revealFor(40);
      const reveal = state.reveal as RevealMessage;
      assert.equal(reveal.results.length, 32);
      const scores = reveal.results.map((r) => r.score);
      assert.deepEqual(scores, [...scores].sort((a, b) => b - a), "best first");
      assert.ok(reveal.results.slice(0, 20).every((r) => r.correct));
      const listed = new Set(reveal.results.map((r) => r.id));
      const own = out.filter((o) => o.message.type === "result");
      assert.equal(own.length, 8);
      for (const o of own) {
        const m = o.message as unknown as ResultMessage;
        assert.equal(o.to, m.id);
        assert.ok(!listed.has(m.id));
        assert.equal(m.of, 40);
        assert.equal(m.index, 1);
        assert.ok(m.rank > 20, "the unlisted are behind the listed");
      }
      // Each view still has its own result, listed or not.
      const unlisted = (own[0].message as unknown as ResultMessage).id;
      const v = rules.view(state, unlisted, 30_000) as QcmView;
      assert.notEqual(v.me?.result, null);
      assert.equal(v.reveal?.results.length, 32);
      assert.equal(v.answeredCount, 40);
    },
  );

  await t.step(
    "the end: the best 32 in the ranking, in messages and views",
    () => {
      let { state } = revealFor(40);
      let end:
        | { type: string; ranking?: unknown[]; podium?: unknown[] }
        | null = null;
      while (!rules.over(state)) {
        const step = rules.tick(state, env(rules.deadline(state)!));
        state = step.state;
        end = step.out.find((o) => o.message.type === "quiz_end")?.message ??
          end;
      }
      assert.equal(end?.ranking?.length, 32);
      assert.equal(end?.podium?.length, 3);
      const v = rules.view(state, "p0", 1e9) as QcmView;
      assert.equal(v.ranking?.length, 32);
    },
  );

  await t.step(
    "an answer touches no list of players and names no view",
    () => {
      const { state } = asked(seats(5_000), QUIZ_OPTIONS, 0);
      const first = rules.move(
        state,
        "p0",
        { type: "answer", choices: [2] },
        env(1_000),
      );
      const second = rules.move(
        first.state,
        "p1",
        { type: "answer", choices: [2] },
        env(1_001),
      );
      assert.equal(second.state.players, state.players, "the same list");
      // The answerer's view alone, and only for a client that does not
      // patch: a `view-patch` client sets `me.choices` from the ack.
      assert.deepEqual(second.views, ["p1"], "the answerer's only");
      assert.equal(second.patchable, true, "left out for patching clients");
      assert.deepEqual(second.out.map((o) => o.to), ["p1"], "just the ack");
    },
  );

  /**
   * What the runner computes for a step in a hall of clients that patch
   * (`view-patch`: the lanplay client, the page): the views named, else every
   * member's; none of a patchable step.
   */
  const counter = (n: number) => {
    const c = { views: 0, answered: 0, progress: 0, steps: 0 };
    return {
      c,
      count(
        step: {
          views?: readonly string[];
          patchable?: boolean;
          out: Outgoing[];
        },
      ) {
        c.steps++;
        c.views += step.patchable ? 0 : step.views?.length ?? n;
        for (const o of step.out) {
          if (o.message.type === "answered") c.answered++;
          if (o.message.type === "answer_count") c.progress++;
        }
      },
    };
  };

  await t.step(
    "1000 answers in 200 ms: no view at all, two counts told",
    () => {
      const n = 1_000;
      let { state } = asked(seats(n), QUIZ_OPTIONS, 0);
      const { c, count } = counter(n);
      for (let i = 0; i < n - 1; i++) {
        const now = 1_000 + Math.floor(i / 5); // 5 answers a ms
        for (
          let due = rules.deadline(state)!;
          due <= now;
          due = rules.deadline(state)!
        ) {
          const tick = rules.tick(state, env(due));
          count(tick);
          state = tick.state;
        }
        const step = rules.move(
          state,
          `p${i}`,
          { type: "answer", choices: [2] },
          env(now),
        );
        count(step);
        state = step.state;
      }
      assert.equal(state.phase, "question", "the last one has not answered");
      assert.equal(c.answered, 2, "at once, then at 100 ms");
      // Before issue #11's second pass: n - 1 (each answerer's own view).
      assert.equal(c.views, 0, "each answerer patches its view from the ack");
      assert.equal(c.progress, 0);
    },
  );

  await t.step(
    "a flaky hall: 1000 presence changes in a question, no view, bounded counts",
    () => {
      const n = 1_000;
      let { state } = asked(seats(n), QUIZ_OPTIONS, 0);
      const { c, count } = counter(n);
      // Over 2 s of the question, every player drops and comes back once
      // (2000 changes), a third of them answering on their way back.
      const changes: [string, boolean, number][] = [];
      for (let i = 0; i < n; i++) {
        changes.push([`p${i}`, false, 1_000 + i]);
        changes.push([`p${i}`, true, 1_500 + i]);
      }
      changes.sort((a, b) => a[2] - b[2]);
      const interval = progressIntervalMs(n);
      for (const [seat, here, now] of changes) {
        for (
          let due = rules.deadline(state)!;
          due <= now;
          due = rules.deadline(state)!
        ) {
          const tick = rules.tick(state, env(due));
          count(tick);
          state = tick.state;
        }
        const change = rules.presence!(state, seat, here, env(now));
        count(change);
        state = change.state;
        if (here && Number(seat.slice(1)) % 3 === 0) {
          const step = rules.move(state, seat, {
            type: "answer",
            choices: [2],
          }, env(now));
          count(step);
          state = step.state;
        }
      }
      const last = changes[changes.length - 1][2];
      for (
        let due = rules.deadline(state)!;
        due <= last + interval;
        due = rules.deadline(state)!
      ) {
        const tick = rules.tick(state, env(due));
        count(tick);
        state = tick.state;
      }
      assert.equal(state.phase, "question");
      assert.equal(state.untold, null, "everything told");
      // Before: every presence change sent every member a view (2000 × 1000).
      assert.equal(c.views, 0, "no view for a presence change or an answer");
      const span = last - 1_000;
      const told = c.progress + c.answered;
      assert.ok(
        told <= Math.ceil(span / interval) + 2,
        `${told} counts told in ${span} ms: at most one per ${interval} ms`,
      );
      assert.ok(c.progress > 0 && c.answered > 0);
      const v = rules.view(state, "p1", last + interval) as QcmView;
      assert.deepEqual([v.playerCount, v.answeredCount], [n, 334]);
    },
  );

  await t.step("views share what they have in common", () => {
    const { state } = revealFor(40);
    const a = rules.view(state, "p1", 30_000) as QcmView;
    const b = rules.view(state, "p2", 30_000) as QcmView;
    assert.equal(a.question, b.question);
    assert.equal(a.leaderboard, b.leaderboard);
    assert.equal(a.reveal, b.reveal);
    assert.notEqual(a.me, b.me);
  });

  await t.step(
    "the counts always agree with the players (random games)",
    () => {
      const op = fc.oneof(
        fc.tuple(fc.constant("answer"), fc.nat(5), fc.nat(3)),
        fc.tuple(fc.constant("away"), fc.nat(5), fc.constant(0)),
        fc.tuple(fc.constant("back"), fc.nat(5), fc.constant(0)),
        fc.tuple(fc.constant("leave"), fc.nat(5), fc.constant(0)),
        fc.tuple(fc.constant("tick"), fc.constant(0), fc.constant(0)),
      );
      fc.assert(
        fc.property(
          fc.array(fc.tuple(op, fc.integer({ min: 0, max: 3_000 }))),
          (ops) => {
            let { state } = asked(seats(6), QUIZ_OPTIONS, 0);
            let now = 0;
            for (const [[kind, who, choice], delay] of ops) {
              if (rules.over(state)) break;
              now += delay;
              const seat = `p${who}`;
              try {
                if (kind === "answer") {
                  if (now >= state.phaseEnd) continue;
                  state = rules.move(state, seat, {
                    type: "answer",
                    choices: [1 + (choice % 2)],
                  }, env(now)).state;
                } else if (kind === "away" || kind === "back") {
                  state =
                    rules.presence!(state, seat, kind === "back", env(now))
                      .state;
                } else if (kind === "leave") {
                  state = rules.leave(state, seat, env(now)).state;
                } else {
                  now = Math.max(now, rules.deadline(state)!);
                  state = rules.tick(state, env(now)).state;
                }
              } catch (e) {
                if (!(e instanceof GameRuleError)) throw e;
              }
              checkCounts(state);
            }
          },
        ),
        { numRuns: 300 },
      );
    },
  );
});

/** The counts the state keeps equal what its players say. */
function checkCounts(s: QcmState): void {
  const here = s.players.filter((p) => p.present);
  assert.equal(s.presentCount, here.length);
  assert.equal(s.goneCount, s.players.filter((p) => p.gone).length);
  if (s.phase === "question") {
    const answered = here.filter((p) => s.answers.get(p.id)).length;
    assert.equal(s.answerCount, answered);
    assert.ok(s.toldCount <= s.answerCount);
  }
}
