import assert from "node:assert/strict";
import { Drain, pace } from "./pacing.ts";

Deno.test("pace runs every tick in order", async () => {
  const ticks: number[] = [];
  await pace(5, 100_000, (i) => ticks.push(i));
  assert.deepEqual(ticks, [0, 1, 2, 3, 4]);
});

Deno.test("pace catches up at once when the clock says it is late", async () => {
  // A clock that jumps 1 s per reading: every tick is overdue, no timer runs.
  let t = 0;
  const now = () => (t += 1000);
  const seen: number[] = [];
  await pace(4, 10, (i) => seen.push(i), now);
  assert.deepEqual(seen, [0, 1, 2, 3]);
});

Deno.test("pace sleeps until each tick is due", async () => {
  let t = 0;
  const sleeps: number[] = [];
  const sleep = (ms: number) => {
    sleeps.push(ms);
    t += ms;
    return Promise.resolve();
  };
  const at: number[] = [];
  await pace(3, 100, () => at.push(t), () => t, sleep);
  assert.deepEqual(at, [0, 10, 20]);
  assert.deepEqual(sleeps, [10, 10]);
});

Deno.test("Drain ends when the condition holds, on a poke", async () => {
  let done = false;
  const drain = new Drain(() => done, 60_000);
  drain.start();
  done = true;
  drain.poke();
  assert.equal(await drain.done, "complete");
});

Deno.test("Drain ends at once when already done at start", async () => {
  const drain = new Drain(() => true, 60_000);
  drain.start();
  assert.equal(await drain.done, "complete");
});

Deno.test("Drain times out and stop() is harmless afterwards", async () => {
  const drain = new Drain(() => false, 1);
  drain.poke();
  drain.start();
  assert.equal(await drain.done, "timeout");
  drain.stop();
});

Deno.test("Drain.stop ends the wait before the deadline", async () => {
  const drain = new Drain(() => false, 60_000);
  drain.start();
  drain.stop();
  assert.equal(await drain.done, "complete");
});
