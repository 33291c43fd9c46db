import assert from "node:assert/strict";
import { PinThrottle } from "./pin_throttle.ts";

Deno.test("pin throttle", async (t) => {
  await t.step("three wrong PINs are free, then 1 s doubling to 30 s", () => {
    const th = new PinThrottle();
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      th.failed("a", 0);
      waits.push(th.waitMs("a", 0));
    }
    assert.deepEqual(waits, [
      0,
      0,
      0,
      1000,
      2000,
      4000,
      8000,
      16000,
      30000,
      30000,
    ]);
    assert.equal(th.waitMs("a", 29_999), 1);
    assert.equal(th.waitMs("b", 0), 0, "other addresses are not slowed");
  });

  await t.step("a right PIN starts the count again", () => {
    const th = new PinThrottle();
    for (let i = 0; i < 5; i++) th.failed("a", 0);
    th.succeeded("a");
    assert.equal(th.waitMs("a", 0), 0);
    th.failed("a", 0);
    assert.equal(th.waitMs("a", 0), 0);
  });

  await t.step("the table is bounded, the oldest address goes", () => {
    const th = new PinThrottle(3);
    for (const a of ["a", "b", "c", "d"]) {
      for (let i = 0; i < 4; i++) th.failed(a, 0);
    }
    assert.equal(th.size, 3);
    assert.equal(th.waitMs("a", 0), 0);
    assert.equal(th.waitMs("d", 0), 1000);
  });
});
