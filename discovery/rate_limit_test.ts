import assert from "node:assert/strict";
import { ProbeRateLimiter } from "./rate_limit.ts";

const limits = {
  perSourceBurst: 3,
  perSourceRate: 2,
  globalBurst: 5,
  globalRate: 10,
  maxSources: 4,
};

Deno.test("per-source burst, then the refill rate", () => {
  const l = new ProbeRateLimiter(limits);
  assert.deepEqual([1, 2, 3, 4].map(() => l.allow("a", 0)), [
    true,
    true,
    true,
    false,
  ]);
  assert.equal(l.allow("a", 499), false, "half a token is not enough");
  assert.equal(l.allow("a", 500), true, "one token after 500 ms at 2/s");
  assert.equal(l.allow("a", 500), false);
  assert.equal(l.refused, 3);
});

Deno.test("the shared bucket caps many sources", () => {
  const l = new ProbeRateLimiter(limits);
  const ok = ["a", "b", "c", "d", "e", "f"].map((s) => l.allow(s, 0));
  assert.deepEqual(ok, [true, true, true, true, true, false]);
  assert.equal(
    l.allow("g", 100),
    true,
    "one shared token back after 100 ms at 10/s",
  );
});

Deno.test("remembers a bounded number of sources", () => {
  const l = new ProbeRateLimiter({ ...limits, globalBurst: 1000 });
  for (let i = 0; i < 100; i++) l.allow(`198.18.0.${i}`, i);
  assert.equal(l.size, 4);
});

Deno.test("a refusal by the shared bucket costs the source nothing", () => {
  const l = new ProbeRateLimiter({
    perSourceBurst: 2,
    perSourceRate: 0.001, // no token back within this test
    globalBurst: 1,
    globalRate: 1,
    maxSources: 4,
  });
  assert.equal(l.allow("a", 0), true);
  assert.equal(l.allow("a", 0), false, "shared bucket empty");
  assert.equal(l.allow("a", 1000), true, "the refusal took no token of a");
  assert.equal(l.allow("a", 2000), false, "a's burst is spent");
  assert.equal(l.refused, 2);
});

Deno.test("a forgotten source starts again with a full burst", () => {
  const l = new ProbeRateLimiter({
    ...limits,
    globalBurst: 1000,
    maxSources: 1,
  });
  assert.deepEqual([l.allow("a", 0), l.allow("a", 0), l.allow("a", 0)], [
    true,
    true,
    true,
  ]);
  assert.equal(l.allow("a", 0), false);
  l.allow("b", 0); // forgets "a"
  assert.equal(l.allow("a", 0), true);
});
