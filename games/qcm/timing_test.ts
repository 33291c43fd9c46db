import assert from "node:assert/strict";
import type { Env } from "../types.ts";
import { qcmRules as rules } from "./rules.ts";
import { creditMs, MAX_CREDIT_MS, responseMs } from "./timing.ts";
import type { RevealMessage } from "./wire.ts";
import { asked, QUIZ_OPTIONS, seeded } from "./testing.ts";

const SEATS = [
  { id: "near", nickname: "Near" },
  { id: "far", nickname: "Far" },
  { id: "liar", nickname: "Liar" },
];

/** One-way latencies the host measured (ms). */
const LATENCY: Record<string, number> = { near: 0, far: 60, liar: 5_000 };

const env = (now: number): Env => ({
  now,
  random: seeded(1),
  latencyMs: (seat) => LATENCY[seat] ?? 0,
});

Deno.test("qcm fair timing", async (t) => {
  await t.step("the credit is the measured round trip, capped", () => {
    assert.equal(creditMs(env(0), "near"), 0);
    assert.equal(creditMs(env(0), "far"), 120);
    assert.equal(creditMs(env(0), "liar"), MAX_CREDIT_MS);
    assert.equal(MAX_CREDIT_MS, 250);
    const odd = (v: number): Env => ({ ...env(0), latencyMs: () => v });
    for (const v of [NaN, -5, Infinity]) assert.equal(creditMs(odd(v), "x"), 0);
    assert.equal(creditMs({ now: 0, random: Math.random }, "x"), 0);
  });

  await t.step("the response time never goes below zero", () => {
    assert.equal(responseMs({ at: 1_100, creditMs: 250 }, 1_000), 0);
    assert.equal(responseMs({ at: 6_000, creditMs: 120 }, 1_000), 4_880);
  });

  await t.step("scores count from when the question reached the player", () => {
    // All three answers reach the host at the same time, 5 s in.
    let { state } = asked(SEATS, QUIZ_OPTIONS, 0);
    for (const seat of ["near", "far", "liar"]) {
      state = rules.move(
        state,
        seat,
        { type: "answer", choices: [2] },
        env(5_000),
      ).state;
    }
    const reveal = state.reveal as RevealMessage;
    const points = Object.fromEntries(
      reveal.results.map((r) => [r.id, r.points]),
    );
    // T = 20 s: 5 s → 875; Far is credited 120 ms (5 s − 0.12 s → 878).
    assert.equal(points.near, 875);
    assert.equal(points.far, Math.round(1000 * (1 - (4_880 / 20_000) / 2)));
    // Liar answered pings 5 s late: the credit stops at 250 ms.
    assert.equal(points.liar, Math.round(1000 * (1 - (4_750 / 20_000) / 2)));
    assert.ok(points.far > points.near && points.liar > points.far);
  });

  await t.step("without a host estimate nothing changes", () => {
    const plain = (now: number) => ({ now, random: seeded(1) });
    let { state } = asked(SEATS, QUIZ_OPTIONS, 0, seeded(1));
    for (const seat of ["near", "far", "liar"]) {
      state = rules.move(
        state,
        seat,
        { type: "answer", choices: [2] },
        plain(5_000),
      ).state;
    }
    assert.deepEqual(
      (state.reveal as RevealMessage).results.map((r) => r.points),
      [875, 875, 875],
    );
  });
});
