import assert from "node:assert/strict";
import fc from "fast-check";
import type { Seat, Step } from "../types.ts";
import { makeQcmBot, qcmBot } from "./bot.ts";
import { patchView } from "./patch.ts";
import type { QcmState } from "./phases.ts";
import { currentAnswerKey, qcmRules as rules } from "./rules.ts";
import { qcmOptionsSchema } from "./wire.ts";
import type { QcmView } from "./wire.ts";
import { asked, QUIZ, seeded } from "./testing.ts";

const SEATS: Seat[] = [
  { id: "a", nickname: "Ana" },
  { id: "b", nickname: "Bob" },
  { id: "c", nickname: "Cyd" },
];

/**
 * Runs a game where each seat is played by a bot: pending decisions are
 * applied in time order, the clock jumps to the next event.
 */
function runBots(
  bots: Record<string, (view: QcmView) => ReturnType<typeof qcmBot>>,
  seed: number,
  options = qcmOptionsSchema.parse({ questions: QUIZ }),
): { state: QcmState; keys: string[] } {
  const random = seeded(seed);
  let now = 0;
  let { state } = rules.start(SEATS, options, { now, random });
  const keys: string[] = [];
  const sent = new Set<string>();
  for (let guard = 0; guard < 1000 && !rules.over(state); guard++) {
    // Ask every bot; the earliest decision not yet sent wins the turn.
    const pending: { at: number; seat: string; step: () => Step<QcmState> }[] =
      [];
    for (const seat of SEATS) {
      const d = bots[seat.id](rules.view(state, seat.id, now) as QcmView);
      if (!d || sent.has(seat.id + d.key)) continue;
      pending.push({
        at: now + (d.delayMs ?? 0),
        seat: seat.id,
        step: () => {
          sent.add(seat.id + d.key);
          keys.push(seat.id + d.key);
          return rules.move(state, seat.id, d.move, { now, random });
        },
      });
    }
    pending.sort((x, y) => x.at - y.at);
    const deadline = rules.deadline(state)!;
    if (pending.length > 0 && pending[0].at < deadline) {
      now = pending[0].at;
      state = pending[0].step().state;
    } else {
      now = deadline;
      state = rules.tick(state, { now, random }).state;
    }
  }
  return { state, keys };
}

Deno.test("qcm bots", async (t) => {
  await t.step(
    "random bots finish a game, one answer per question each",
    () => {
      fc.assert(
        fc.property(fc.nat(), (seed) => {
          const r = seeded(seed + 1);
          const bot = (v: QcmView) => qcmBot(v, r);
          const { state, keys } = runBots({ a: bot, b: bot, c: bot }, seed);
          assert.equal(rules.over(state), true);
          assert.equal(keys.length, 3 * QUIZ.length);
          assert.equal(new Set(keys).size, keys.length);
        }),
        { numRuns: 30 },
      );
    },
  );

  await t.step(
    "a random bot's delay is 100 to 1500 ms, choices in range",
    () => {
      const { state } = asked(
        SEATS,
        qcmOptionsSchema.parse({ questions: QUIZ, shuffle: false }),
        0,
        seeded(3),
      );
      const view = rules.view(state, "a", 0);
      fc.assert(
        fc.property(fc.nat(), (seed) => {
          const d = qcmBot(view, seeded(seed))!;
          assert.ok(d.delayMs! >= 100 && d.delayMs! <= 1500, String(d.delayMs));
          const choices = d.move.choices as number[];
          assert.equal(choices.length, 1);
          assert.ok(choices[0] >= 1 && choices[0] <= 4);
          assert.equal(d.key, "qcm:1");
        }),
      );
    },
  );

  await t.step("no decision while getting ready (« Préparez-vous »)", () => {
    const { state } = rules.start(
      SEATS,
      qcmOptionsSchema.parse({ questions: QUIZ }),
      { now: 0, random: seeded(1) },
    );
    assert.equal(state.phase, "ready");
    for (const seat of ["a", "zed"]) {
      assert.equal(qcmBot(rules.view(state, seat, 0), Math.random), null);
      assert.equal(
        makeQcmBot({ mode: "first", oracle: () => [1] })(
          rules.view(state, seat, 0),
          Math.random,
        ),
        null,
      );
    }
  });

  await t.step(
    "no decision for spectators, answered questions, reveals",
    () => {
      let { state } = asked(
        SEATS,
        qcmOptionsSchema.parse({ questions: QUIZ }),
        0,
        seeded(1),
      );
      assert.equal(qcmBot(rules.view(state, "zed", 0), Math.random), null);
      state = rules.move(state, "a", { type: "answer", choices: [1] }, {
        now: 10,
        random: Math.random,
      }).state;
      assert.equal(qcmBot(rules.view(state, "a", 10), Math.random), null);
      assert.notEqual(qcmBot(rules.view(state, "b", 10), Math.random), null);
      state = rules.tick(state, { now: 20_000, random: Math.random }).state;
      assert.equal(qcmBot(rules.view(state, "b", 20_000), Math.random), null);
      assert.equal(qcmBot(null, Math.random), null);
      assert.equal(qcmBot({ game: "morpion" }, Math.random), null);
    },
  );

  await t.step(
    "no second answer: after its answer the bot holds no new view, only patches",
    () => {
      const env = (now: number) => ({ now, random: seeded(2) });
      const { state } = asked(
        SEATS,
        qcmOptionsSchema.parse({ questions: QUIZ }),
        0,
        seeded(2),
      );
      let held: unknown = rules.view(state, "a", 0);
      const d = qcmBot(held, seeded(3))!;
      const step = rules.move(state, "a", d.move, env(500));
      // Only a client that does not patch gets a view after its answer;
      // a bot (the lanplay client) patches.
      assert.deepEqual(step.views, ["a"]);
      assert.equal(step.patchable, true, "no view follows for a bot");
      for (const o of step.out) {
        if (o.to === "all" || o.to === "a") {
          held = patchView(held, o.message) ?? held;
        }
      }
      assert.deepEqual(
        (held as QcmView).me?.choices,
        (d.move as unknown as { choices: number[] }).choices,
      );
      assert.equal(qcmBot(held, seeded(4)), null, "the patched view: answered");
      // A client bot decides on views the host sent only, and never plays
      // one key twice: the view it held before answering asks again under
      // the same key.
      assert.equal(qcmBot(rules.view(state, "a", 600), seeded(5))?.key, d.key);
    },
  );

  await t.step(
    "an oracle bot (host-side, knows the key) gets everything right",
    () => {
      let current: QcmState | null = null;
      const oracle = makeQcmBot({
        delayMs: 0,
        oracle: () => currentAnswerKey(current!),
      });
      const wrong = makeQcmBot({
        delayMs: 0,
        oracle: (v) => v.question!.multiple ? [3] : null,
      });
      const r = seeded(9);
      const final = runBotsTracking({
        a: (v) => oracle(v, r),
        b: (v) => wrong(v, r),
        c: () => null,
      }, (s) => (current = s));
      const [ana, bob, cyd] = final.players;
      // 3 right answers at once: 1000 + (1000 + 100) + (1000 + 200).
      assert.equal(ana.score, 3300);
      assert.equal(bob.score, 0);
      assert.equal(cyd.score, 0);
    },
  );
});

/** Like runBots, telling `onState` each state before the bots are asked. */
function runBotsTracking(
  bots: Record<string, (view: QcmView) => ReturnType<typeof qcmBot>>,
  onState: (s: QcmState) => void,
): QcmState {
  const random = seeded(5);
  let now = 0;
  let { state } = rules.start(
    SEATS,
    qcmOptionsSchema.parse({ questions: QUIZ }),
    { now, random },
  );
  const sent = new Set<string>();
  for (let guard = 0; guard < 1000 && !rules.over(state); guard++) {
    onState(state);
    let acted = false;
    for (const seat of SEATS) {
      const d = bots[seat.id](rules.view(state, seat.id, now) as QcmView);
      if (!d || sent.has(seat.id + d.key) || d.delayMs !== 0) continue;
      sent.add(seat.id + d.key);
      state = rules.move(state, seat.id, d.move, { now, random }).state;
      acted = true;
      break;
    }
    if (!acted) {
      now = rules.deadline(state)!;
      state = rules.tick(state, { now, random }).state;
    }
  }
  return state;
}
