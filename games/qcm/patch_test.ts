import assert from "node:assert/strict";
import fc from "fast-check";
import { GameRuleError } from "../errors.ts";
import type { Seat, Step } from "../types.ts";
import { patchView } from "./patch.ts";
import type { QcmState } from "./phases.ts";
import { qcmRules as rules } from "./rules.ts";
import { asked, env, QUIZ_OPTIONS, SEATS } from "./testing.ts";
import { qcmView } from "./view.ts";
import type { QcmView } from "./wire.ts";

const answer = (s: QcmState, seat: string, now: number) =>
  rules.move(s, seat, { type: "answer", choices: [1] }, env(now));

Deno.test("qcm patch: answered sets the counts of an open question's view", async (t) => {
  const { state } = asked(SEATS, QUIZ_OPTIONS, 0);
  const view = rules.view(state, "a", 1_000) as QcmView;

  await t.step("the game's view carries the hook", () => {
    assert.equal(qcmView.patch, patchView);
  });

  await t.step("answered: the counts, the rest as it was", () => {
    const next = patchView(view, {
      type: "answered",
      nickname: "Bob",
      count: 2,
      of: 4,
    }) as QcmView;
    assert.deepEqual(next, { ...view, answeredCount: 2, playerCount: 4 });
    assert.equal(view.answeredCount, 0, "the view given is not modified");
  });

  await t.step("progress: the counts, the rest as it was", () => {
    const next = patchView(view, {
      type: "answer_count",
      count: 0,
      of: 4,
    }) as QcmView;
    assert.deepEqual(next, { ...view, playerCount: 4 });
  });

  await t.step("answer_ack: my answer, the rest as it was", () => {
    const ack = { type: "answer_ack", index: 1, choices: [1, 3] };
    const next = patchView(view, ack) as QcmView;
    assert.deepEqual(next, { ...view, me: { ...view.me!, choices: [1, 3] } });
    assert.equal(view.me!.choices, null, "the view given is not modified");
    assert.equal(patchView(next, ack), null, "nothing changes the second time");
  });

  await t.step("the panel after an answer, from the patched view", () => {
    const held = rules.view(state, "a", 1_000);
    const step = answer(state, "a", 1_000);
    let v: unknown = held;
    for (const o of step.out) v = patchView(v, o.message) ?? v;
    const panel = qcmView.screen(v, "fr", 80, false).join("\n");
    assert.match(panel, /Votre réponse : 1/);
    assert.match(panel, /1 .*\/ 5|1\/5/);
  });

  await t.step("progress during a reveal: the counts", () => {
    const reveal = rules.tick(state, env(20_000));
    const revealView = rules.view(reveal.state, "a", 20_000) as QcmView;
    const next = patchView(revealView, {
      type: "answer_count",
      count: 0,
      of: 4,
    });
    assert.deepEqual(next, { ...revealView, playerCount: 4 });
  });

  await t.step("null for anything else", () => {
    const answered = { type: "answered", nickname: "Bob", count: 1, of: 5 };
    const ack = { type: "answer_ack", index: 1, choices: [1] };
    const reveal = rules.tick(state, env(20_000));
    const revealView = rules.view(reveal.state, "a", 20_000);
    const watcherView = rules.view(state, "watcher", 1_000);
    const over = { game: "qcm", phase: "over", index: 1, me: view.me };
    for (
      const [held, message] of [
        [view, { ...ack, index: 2 }], // another question's
        [view, { ...ack, choices: [] }],
        [view, { ...ack, choices: [0] }],
        [view, { ...ack, choices: "1" }],
        [watcherView, ack], // a spectator has no answer
        [revealView, ack], // too late: the reveal's view says it
        [view, { ...answered, count: 0 }], // nothing changes
        [view, { type: "answer_count", count: 0, of: 5 }], // nothing changes
        [over, { type: "answer_count", count: 0, of: 4 }],
        [over, ack],
        [view, { ...answered, count: -1 }],
        [view, { ...answered, of: "5" }],
        [view, { ...answered, count: 1.5 }],
        [revealView, answered], // a late count never touches a reveal
        [null, answered],
        [{ game: "morpion", phase: "question" }, answered],
      ] as const
    ) {
      assert.equal(patchView(held, message), null, JSON.stringify(message));
    }
  });
});

Deno.test("qcm patch: a progress step names no views", async (t) => {
  await t.step("the first answer: told at once, no view at all", () => {
    const { state } = asked(SEATS, QUIZ_OPTIONS, 0);
    const step = answer(state, "a", 1_000);
    assert.deepEqual(step.out.map((o) => o.message.type), [
      "answer_ack",
      "answered",
    ]);
    // The answerer's, for a client that does not patch only: a patching
    // client sets `me.choices` from the ack (no view per answer, #11).
    assert.deepEqual(step.views, ["a"]);
    assert.equal(step.patchable, true);
    const held = rules.view(state, "a", 1_000);
    let v = held;
    for (const o of step.out) v = patchView(v, o.message) ?? v;
    assert.deepEqual(still(v), still(rules.view(step.state, "a", 1_000)));
    assert.deepEqual((v as QcmView).me?.choices, [1]);
  });

  await t.step("a progress tick: the message, no view", () => {
    let { state } = asked(SEATS, QUIZ_OPTIONS, 0);
    state = answer(state, "a", 1_000).state;
    state = answer(state, "b", 1_020).state;
    const tick = rules.tick(state, env(1_100));
    assert.deepEqual(tick.out.map((o) => o.message), [{
      type: "answered",
      nickname: "Bob",
      count: 2,
      of: 5,
    }]);
    assert.deepEqual(tick.views, []);
  });

  await t.step("an away player's answer: back, and told at once", () => {
    let { state } = asked(SEATS, QUIZ_OPTIONS, 0);
    state = rules.presence!(state, "c", false, env(500)).state;
    const step = answer(state, "c", 1_000);
    assert.deepEqual(step.views, ["c"]);
    assert.equal(step.patchable, true);
    const told = step.out.find((o) => o.message.type === "answered");
    assert.deepEqual(told?.message, {
      type: "answered",
      nickname: "Cyd",
      count: 1,
      of: 5,
    });
  });
});

Deno.test("qcm patch: a presence change names no views", async (t) => {
  await t.step("away, back, gone: a progress message, no view", () => {
    let { state } = asked(SEATS, QUIZ_OPTIONS, 0);
    state = answer(state, "a", 1_000).state; // told at once
    const away = rules.presence!(state, "c", false, env(1_050));
    assert.deepEqual(away.views, []);
    assert.deepEqual(away.out, [], "within 100 ms of the last count");
    assert.equal(rules.deadline(away.state), 1_100);
    const tick = rules.tick(away.state, env(1_100));
    assert.deepEqual(tick.out.map((o) => [o.to, o.message]), [
      ["all", { type: "answer_count", count: 1, of: 4 }],
    ]);
    assert.deepEqual(tick.views, []);
    const back = rules.presence!(tick.state, "c", true, env(1_300));
    assert.deepEqual(back.views, []);
    assert.deepEqual(back.out.map((o) => o.message), [
      { type: "answer_count", count: 1, of: 5 },
    ], "after a quiet spell, at once");
    const gone = rules.leave(back.state, "d", env(1_500));
    assert.deepEqual(gone.views, []);
    assert.deepEqual(gone.out.map((o) => o.message), [
      { type: "answer_count", count: 1, of: 4 },
    ]);
  });

  await t.step("during a reveal: a progress message, no view", () => {
    let { state } = asked(SEATS, QUIZ_OPTIONS, 0);
    state = answer(state, "a", 1_000).state;
    state = rules.tick(state, env(20_000)).state;
    assert.equal(state.phase, "reveal");
    const away = rules.presence!(state, "b", false, env(21_000));
    assert.deepEqual(away.views, []);
    assert.deepEqual(away.out.map((o) => o.message), [
      { type: "answer_count", count: 1, of: 4 },
    ]);
    const v = rules.view(away.state, "watcher", 21_000) as QcmView;
    assert.deepEqual([v.answeredCount, v.playerCount], [1, 4]);
  });
});

/**
 * What a patching client does: messages first (patched in), then the views
 * named, none of a patchable step (the runner leaves them out).
 */
function follow(
  held: Map<string, unknown>,
  step: Step<QcmState>,
  now: number,
): void {
  for (const [seat, view] of held) {
    let v = view;
    for (const o of step.out) {
      if (o.to !== "all" && o.to !== seat) continue;
      v = patchView(v, o.message) ?? v;
    }
    if (
      !step.patchable &&
      (step.views === undefined || step.views.includes(seat))
    ) {
      v = rules.view(step.state, seat, now);
    }
    held.set(seat, v);
  }
}

/** A view without its countdown (the client counts it down itself). */
const still = (v: unknown) => ({ ...(v as QcmView), remainingMs: 0 });
/** A view without its countdown nor its counts (a count not told yet). */
const uncounted = (v: unknown) => ({
  ...still(v),
  answeredCount: 0,
  playerCount: 0,
});

type Action =
  | { kind: "answer" | "away" | "back" | "leave"; seat: number; dt: number }
  | { kind: "wait"; dt: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("answer" as const),
      seat: fc.nat(7),
      dt: fc.nat(250),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom("away" as const, "back" as const, "leave" as const),
      seat: fc.nat(7),
      dt: fc.nat(250),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("wait" as const),
      dt: fc.nat(25_000),
    }),
  },
);

Deno.test("qcm patch: a client patching messages holds the host's view", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 8 }),
      fc.array(action, { maxLength: 60 }),
      (n, actions) => {
        const seats: Seat[] = Array.from({ length: n }, (_, i) => ({
          id: `s${i}`,
          nickname: `P${i}`,
        }));
        const start = asked(seats, QUIZ_OPTIONS, 0);
        let state = start.state;
        let now = 0;
        // Every seat and a spectator, each with the view it holds.
        const held = new Map<string, unknown>(
          [...seats.map((s) => s.id), "watcher"].map((id) => [
            id,
            rules.view(state, id, 0),
          ]),
        );
        const apply = (step: Step<QcmState>) => {
          state = step.state;
          follow(held, step, now);
          // A count still untold (coalesced, ./phases.ts) may differ for
          // at most an interval; the rest of every view never does.
          const pending = state.untold !== null;
          for (const [seat, view] of held) {
            const fresh = rules.view(state, seat, now);
            assert.deepEqual(
              pending ? uncounted(view) : still(view),
              pending ? uncounted(fresh) : still(fresh),
              `${seat} at ${now}`,
            );
          }
        };
        for (const a of actions) {
          const until = now + a.dt;
          // The runner's ticks, each at its deadline.
          for (
            let due = rules.deadline(state);
            due !== null && due <= until;
            due = rules.deadline(state)
          ) {
            now = Math.max(now, due);
            apply(rules.tick(state, env(now)));
          }
          now = until;
          if (rules.over(state) || a.kind === "wait" || a.seat >= n) continue;
          const seat = seats[a.seat].id;
          try {
            if (a.kind === "answer") apply(answer(state, seat, now));
            else if (a.kind === "leave") {
              apply(rules.leave(state, seat, env(now)));
            } else {
              apply(rules.presence!(state, seat, a.kind === "back", env(now)));
            }
          } catch (e) {
            if (!(e instanceof GameRuleError)) throw e;
          }
        }
      },
    ),
    { numRuns: 300 },
  );
});
