import assert from "node:assert/strict";
import fc from "fast-check";
import { GameRuleError } from "../errors.ts";
import type { Seat, Step } from "../types.ts";
import { patchView } from "./patch.ts";
import type { QcmState } from "./phases.ts";
import { qcmRules as rules } from "./rules.ts";
import { asked, env, QUIZ, QUIZ_OPTIONS, SEATS, seeded } from "./testing.ts";
import { READY_MS } from "./phases.ts";
import { qcmView } from "./view.ts";
import {
  qcmOptionsSchema,
  type QcmView,
  type QuestionMessage,
} from "./wire.ts";

const answer = (s: QcmState, seat: string, now: number) =>
  rules.move(s, seat, { type: "answer", choices: [1] }, env(now));

/** The state once question 1 is revealed (everyone answered at 1 s). */
function revealed() {
  let { state } = asked(SEATS, QUIZ_OPTIONS, 0);
  for (const s of SEATS) state = answer(state, s.id, 1_000).state;
  assert.equal(state.phase, "reveal");
  return state;
}

Deno.test("qcm question patch: every question is patchable", async (t) => {
  await t.step(
    "the start: « Préparez-vous », views go with it, no question",
    () => {
      const start = rules.start(SEATS, QUIZ_OPTIONS, env(0));
      assert.deepEqual(start.out, []);
      assert.equal(start.patchable, undefined);
      assert.equal(start.views, undefined);
      assert.equal(start.state.phase, "ready");
      assert.equal(rules.deadline(start.state), READY_MS);
    },
  );

  await t.step("the first: READY_MS later, alone and patchable", () => {
    const { state } = rules.start(SEATS, QUIZ_OPTIONS, env(0));
    assert.deepEqual(rules.tick(state, env(READY_MS - 1)).out, []);
    const next = rules.tick(state, env(READY_MS));
    assert.equal(next.patchable, true);
    assert.equal(next.views, undefined, "every view changed");
    assert.equal(next.out.length, 1);
    const m = next.out[0].message as unknown as QuestionMessage;
    assert.equal(m.type, "question");
    assert.equal(m.index, 1);
    assert.equal(m.of, 5);
    assert.equal(m.endsIn, 20_000);
  });

  await t.step("the held ready view + the message = the host's view", () => {
    let { state } = rules.start(SEATS, QUIZ_OPTIONS, env(0));
    // A player away during the ready phase: `of` says it.
    const away = rules.presence!(state, "b", false, env(1_000));
    assert.deepEqual(away.views, []);
    state = away.state;
    const next = rules.tick(state, env(READY_MS));
    for (const seat of [...SEATS.map((s) => s.id), "watcher"]) {
      let held = rules.view(
        rules.start(SEATS, QUIZ_OPTIONS, env(0)).state,
        seat,
        0,
      );
      for (const o of away.out) held = patchView(held, o.message) ?? held;
      const built = patchView(held, next.out[0].message);
      assert.deepEqual(built, rules.view(next.state, seat, READY_MS), seat);
    }
  });

  await t.step("the second: its message says who is here", () => {
    const state = revealed();
    const next = rules.tick(state, env(state.phaseEnd));
    assert.equal(next.patchable, true);
    assert.equal(next.views, undefined, "every view changed");
    const m = next.out[0].message as unknown as QuestionMessage;
    assert.equal(m.type, "question");
    assert.equal(m.index, 2);
    assert.equal(m.of, 5);
  });

  await t.step("the held reveal view + the message = the host's view", () => {
    const state = revealed();
    const now = state.phaseEnd;
    const next = rules.tick(state, env(now));
    for (const seat of [...SEATS.map((s) => s.id), "watcher"]) {
      const held = rules.view(state, seat, now - 3_000);
      const built = patchView(held, next.out[0].message);
      assert.deepEqual(built, rules.view(next.state, seat, now), seat);
    }
  });

  await t.step("a count still untold at the question: `of` says it", () => {
    let state = revealed();
    const end = state.phaseEnd;
    const away = rules.presence!(state, "b", false, env(end - 50));
    assert.equal(away.out.length, 1, "told at once");
    state = away.state;
    const held = rules.view(state, "a", end - 50);
    const patched = patchView(held, away.out[0].message) ?? held;
    state = rules.presence!(state, "c", false, env(end - 10)).state;
    assert.notEqual(state.untold, null, "within the interval: untold");
    const next = rules.tick(state, env(end));
    assert.equal(next.patchable, true);
    const built = patchView(patched, next.out[0].message) as QcmView;
    assert.equal(built.playerCount, 3);
    assert.deepEqual(built, rules.view(next.state, "a", end));
  });

  await t.step("the view given is not modified", () => {
    const state = revealed();
    const held = rules.view(state, "a", state.phaseEnd);
    const copy = structuredClone(held);
    const next = rules.tick(state, env(state.phaseEnd));
    patchView(held, next.out[0].message);
    assert.deepEqual(held, copy);
  });

  await t.step("null unless the view held is the previous reveal", () => {
    const state = revealed();
    const now = state.phaseEnd;
    const m = rules.tick(state, env(now)).out[0]
      .message as unknown as QuestionMessage;
    const held = rules.view(state, "a", now) as QcmView;
    const open = rules.view(asked(SEATS, QUIZ_OPTIONS, 0).state, "a", 0);
    const ready = rules.view(
      rules.start(SEATS, QUIZ_OPTIONS, env(0)).state,
      "a",
      0,
    );
    for (
      const [view, message] of [
        [open, m], // question 1 still open: its scores are not revealed
        [ready, m], // the ready view makes question 1, not 2
        [held, { ...m, index: 3 }], // a question skipped
        [held, { ...m, index: 1 }],
        [held, { ...m, total: 4 }], // another game
        [{ ...held, game: "morpion" }, m],
        [{ ...held, phase: "over" }, m],
        [null, m],
        [held, { ...m, of: -1 }],
        [held, { ...m, endsIn: "20000" }],
        [held, { ...m, commitment: 7 }],
        [held, { ...m, text: { fr: "?" } }],
        [held, { ...m, answers: { fr: ["a"], en: ["a", "b"] } }],
        [held, { ...m, answers: { fr: [], en: [] } }],
        [held, { ...m, multiple: "no" }],
        [held, { ...m, timeLimitMs: -5 }],
      ] as const
    ) {
      assert.equal(
        patchView(view, message as never),
        null,
        JSON.stringify(message).slice(0, 80),
      );
    }
  });

  await t.step("the game's view says a question starts a phase", () => {
    assert.deepEqual(qcmView.patchStarts, ["question"]);
  });
});

type Action =
  | { kind: "answer" | "away" | "back" | "leave"; seat: number; dt: number }
  | { kind: "wait"; dt: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("answer" as const),
      seat: fc.nat(7),
      dt: fc.nat(300),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom("away" as const, "back" as const, "leave" as const),
      seat: fc.nat(7),
      dt: fc.nat(3_000),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("wait" as const),
      dt: fc.nat(40_000),
    }),
  },
);

Deno.test("qcm question patch: a patching client's view at every question equals the host's", () => {
  let opened = 0;
  let first = 0;
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 0, max: 2 ** 31 }),
      fc.record({
        shuffle: fc.boolean(),
        timeSec: fc.integer({ min: 5, max: 30 }),
        pauseSec: fc.integer({ min: 2, max: 10 }),
        points: fc.constantFrom(0, 1000, 2000),
      }),
      fc.array(action, { maxLength: 60 }),
      (n, seed, opts, actions) => {
        const options = qcmOptionsSchema.parse({ ...opts, questions: QUIZ });
        const seats: Seat[] = Array.from({ length: n }, (_, i) => ({
          id: `s${i}`,
          nickname: `P${i}`,
        }));
        const random = seeded(seed);
        const at = (now: number) => ({ now, random });
        let { state } = rules.start(seats, options, at(0));
        let now = 0;
        // Each seat and a spectator hold what a patching client holds:
        // views the host sends it, patched with every message it gets.
        const held = new Map<string, unknown>(
          [...seats.map((s) => s.id), "watcher"].map((id) => [
            id,
            rules.view(state, id, 0),
          ]),
        );
        const apply = (step: Step<QcmState>) => {
          state = step.state;
          for (const [seat, view] of held) {
            let v = view;
            for (const o of step.out) {
              if (o.to !== "all" && o.to !== seat) continue;
              v = patchView(v, o.message) ?? v;
            }
            const named = step.views === undefined ||
              step.views.includes(seat);
            // The runner sends no view of a patchable step to a client
            // that patches.
            if (named && !step.patchable) v = rules.view(state, seat, now);
            held.set(seat, v);
          }
          if (!step.out.some((o) => o.message.type === "question")) return;
          opened++;
          if (state.index === 0) first++;
          for (const [seat, view] of held) {
            assert.deepEqual(
              view,
              rules.view(state, seat, now),
              `${seat} at question ${(view as QcmView).index}`,
            );
          }
        };
        for (const a of actions) {
          const until = now + a.dt;
          for (
            let due = rules.deadline(state);
            due !== null && due <= until;
            due = rules.deadline(state)
          ) {
            now = Math.max(now, due);
            apply(rules.tick(state, at(now)));
          }
          now = until;
          if (rules.over(state) || a.kind === "wait" || a.seat >= n) continue;
          const seat = seats[a.seat].id;
          try {
            if (a.kind === "answer") {
              apply(
                rules.move(
                  state,
                  seat,
                  { type: "answer", choices: [1] },
                  at(now),
                ),
              );
            } else if (a.kind === "leave") {
              apply(rules.leave(state, seat, at(now)));
            } else {
              apply(rules.presence!(state, seat, a.kind === "back", at(now)));
            }
          } catch (e) {
            if (!(e instanceof GameRuleError)) throw e;
          }
        }
      },
    ),
    { numRuns: 300 },
  );
  assert.ok(opened > 100, `questions opened by patch: ${opened}`);
  assert.ok(first > 100, `question 1 opened by patch: ${first}`);
});
