import assert from "node:assert/strict";
import { backoffDelay, reconnect, Wake } from "./reconnect.ts";

Deno.test("back-off: 250 ms doubling to 2 s, jitter within ±25 %", () => {
  const mid = () => 0.5;
  assert.deepEqual(
    [1, 2, 3, 4, 5, 50].map((n) => backoffDelay(n, mid)),
    [250, 500, 1000, 2000, 2000, 2000],
  );
  assert.equal(backoffDelay(4, () => 0), 1500);
  assert.equal(backoffDelay(4, () => 0.999999) < 2500, true);
  assert.equal(backoffDelay(4, () => 0.999999) > 2499, true);
});

Deno.test("reconnect: gives up when the grace period is over, with the last error", async () => {
  let t = 0;
  const attempts: number[] = [];
  const result = await reconnect({
    attempt: (n) => {
      attempts.push(n);
      t += 400; // each failed attempt costs 400 ms of fake time
      return Promise.reject(new Error(`no ${n}`));
    },
    giveUpMs: 3000,
    now: () => t,
    random: () => 0.5,
    backoff: { firstMs: 1, maxMs: 8 }, // real sleeps stay short
  });
  assert.equal(result.kind, "timeout");
  if (result.kind !== "timeout") return;
  // 3000 ms / 400 ms per attempt: 8 attempts, not more.
  assert.equal(result.attempts, 8);
  assert.deepEqual(attempts, [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal((result.error as Error).message, "no 8");
});

Deno.test("reconnect: a final refusal stops at once", async () => {
  const result = await reconnect({
    attempt: () => Promise.reject(new Error("kicked")),
    isFinal: (e) => (e as Error).message === "kicked",
    giveUpMs: 60_000,
    backoff: { firstMs: 1 },
  });
  assert.equal(result.kind, "refused");
  assert.equal("attempts" in result && result.attempts, 1);
});

Deno.test("reconnect: an abort during an attempt returns at once and releases a late session", async () => {
  const controller = new AbortController();
  let release!: (s: string) => void;
  const discarded: string[] = [];
  const running = reconnect({
    attempt: () => new Promise<string>((r) => release = r),
    onAttempt: () => queueMicrotask(() => controller.abort()),
    discard: (s) => discarded.push(s),
    signal: controller.signal,
    giveUpMs: 60_000,
    backoff: { firstMs: 1 },
  });
  const result = await running;
  assert.deepEqual(result, { kind: "aborted", attempts: 1 });
  release("late");
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(discarded, ["late"]);
});

Deno.test("reconnect: an abort while waiting between attempts", async () => {
  const controller = new AbortController();
  const result = reconnect({
    attempt: () => Promise.reject(new Error("no")),
    onFailure: () => controller.abort(),
    signal: controller.signal,
    giveUpMs: 60_000,
    backoff: { firstMs: 1, maxMs: 60_000 },
    random: () => 0.5,
  });
  // The second wait would be 2 ms... then 4... : abort cuts the first one.
  assert.deepEqual(await result, { kind: "aborted", attempts: 1 });
});

Deno.test("reconnect: a wake starts the next attempt at once, not after the back-off", async () => {
  const wake = new Wake();
  const times: number[] = [];
  const started = performance.now();
  let n = 0;
  const result = reconnect({
    attempt: () => {
      times.push(performance.now() - started);
      return ++n < 3
        ? Promise.reject(new Error("not yet"))
        : Promise.resolve("back");
    },
    // Without a wake the first attempt alone would wait 60 s.
    backoff: { firstMs: 60_000, maxMs: 60_000 },
    giveUpMs: 600_000,
    random: () => 0.5,
    onFailure: () => queueMicrotask(() => wake.wake()),
    wake,
  });
  wake.wake(); // the first wait
  assert.deepEqual(await result, { kind: "ok", session: "back", attempts: 3 });
  assert.equal(times.every((ms) => ms < 5_000), true);
});

Deno.test("reconnect: a wake before the loop starts skips the first wait (wakeSince)", async () => {
  const wake = new Wake();
  const since = wake.count;
  wake.wake(); // a bye that said where the room went
  const t0 = performance.now();
  const result = await reconnect({
    attempt: () => Promise.resolve("moved"),
    backoff: { firstMs: 60_000 },
    giveUpMs: 600_000,
    wake,
    wakeSince: since,
  });
  assert.equal(result.kind, "ok");
  assert.equal(performance.now() - t0 < 5_000, true);
});

Deno.test("reconnect: a wake during an attempt makes the following one immediate", async () => {
  const wake = new Wake();
  const since = wake.count;
  wake.wake(); // the first attempt at once
  let n = 0;
  const result = await reconnect({
    attempt: () => {
      n++;
      if (n === 1) {
        wake.wake(); // a sighting while the first attempt runs
        return Promise.reject(new Error("old address"));
      }
      return Promise.resolve("found");
    },
    // Without the second wake, the second attempt would wait 2 minutes.
    backoff: { firstMs: 60_000, maxMs: 600_000 },
    giveUpMs: 6_000_000,
    random: () => 0.5,
    wake,
    wakeSince: since,
  });
  assert.deepEqual(result, { kind: "ok", session: "found", attempts: 2 });
});

Deno.test("reconnect: an abort still ends a loop that has a wake", async () => {
  const wake = new Wake();
  const controller = new AbortController();
  const running = reconnect({
    attempt: () => Promise.reject(new Error("no")),
    backoff: { firstMs: 60_000 },
    giveUpMs: 600_000,
    wake,
    signal: controller.signal,
  });
  controller.abort();
  assert.deepEqual(await running, { kind: "aborted", attempts: 0 });
});
