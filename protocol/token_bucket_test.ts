import assert from "node:assert/strict";
import { TokenBucket } from "./token_bucket.ts";

Deno.test("a token bucket allows its burst, then its rate", () => {
  const b = new TokenBucket(3, 2, 0);
  assert.deepEqual([b.take(0), b.take(0), b.take(0), b.take(0)], [
    true,
    true,
    true,
    false,
  ]);
  assert.equal(b.take(499), false); // 0.998 token
  assert.equal(b.take(500), true); // one token after 0.5 s at 2/s
  assert.equal(b.tokens(100_000), 3); // never more than the burst
});

Deno.test("a token bucket ignores a clock that goes back", () => {
  const b = new TokenBucket(1, 1, 1000);
  assert.equal(b.take(1000), true);
  assert.equal(b.take(0), false);
  assert.equal(b.take(1999), false);
  assert.equal(b.take(2000), true);
});
