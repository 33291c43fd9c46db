import assert from "node:assert/strict";
import fc from "fast-check";
import {
  describe as summarize,
  goodputBitsPerSecond,
  percentile,
  Tally,
} from "./stats.ts";

Deno.test("percentile uses the nearest rank", async (t) => {
  await t.step("on a small list", () => {
    const v = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    assert.equal(percentile(v, 50), 50);
    assert.equal(percentile(v, 95), 100);
    assert.equal(percentile(v, 10), 10);
    assert.equal(percentile(v, 11), 20);
    assert.equal(percentile(v, 100), 100);
  });
  await t.step("on one value", () => {
    assert.equal(percentile([7], 1), 7);
    assert.equal(percentile([7], 99), 7);
  });
  await t.step("refuses an empty list or a bad rank", () => {
    assert.throws(() => percentile([], 50), RangeError);
    assert.throws(() => percentile([1], 0), RangeError);
    assert.throws(() => percentile([1], 101), RangeError);
  });
  await t.step("property: a member, at the right rank, monotonic in p", () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1 }),
      fc.integer({ min: 1, max: 100 }),
      fc.integer({ min: 1, max: 100 }),
      (values, p, q) => {
        const sorted = [...values].sort((a, b) => a - b);
        const v = percentile(sorted, p);
        assert.ok(sorted.includes(v));
        const atOrBelow = sorted.filter((x) => x <= v).length;
        assert.ok(atOrBelow >= Math.ceil((p / 100) * sorted.length));
        const below = sorted.filter((x) => x < v).length;
        assert.ok(below < Math.ceil((p / 100) * sorted.length));
        if (p <= q) assert.ok(v <= percentile(sorted, q));
      },
    ));
  });
});

Deno.test("describe summarizes any order", () => {
  assert.equal(summarize([]), null);
  const d = summarize([5, 1, 4, 2, 3])!;
  assert.deepEqual(d, {
    count: 5,
    p50: 3,
    p95: 5,
    p99: 5,
    max: 5,
    min: 1,
    mean: 3,
  });
});

Deno.test("goodput counts delivered application bits per second", () => {
  assert.equal(goodputBitsPerSecond(1000, 64, 5000), 102_400);
  assert.equal(goodputBitsPerSecond(10, 64, 0), 0);
});

Deno.test("Tally counts exactly", async (t) => {
  await t.step("a clean run", () => {
    const tally = new Tally();
    for (let i = 0; i < 5; i++) tally.sent(i, i * 10);
    for (let i = 0; i < 5; i++) tally.received(i, i * 10 + 2);
    const s = tally.summary();
    assert.equal(s.sent, 5);
    assert.equal(s.delivered, 5);
    assert.equal(s.lost, 0);
    assert.equal(s.duplicated, 0);
    assert.equal(s.reordered, 0);
    assert.equal(s.rtt?.p50, 2);
    assert.equal(s.rtt?.max, 2);
    assert.deepEqual(s.rttSeries, [2, 2, 2, 2, 2]);
    assert.equal(s.durationMs, 42);
  });
  await t.step("loss, duplicates, reordering, foreign and late", () => {
    const tally = new Tally({ lateMs: 100 });
    for (let i = 0; i < 6; i++) tally.sent(i, i * 10);
    assert.equal(tally.received(0, 1), "first");
    assert.equal(tally.received(2, 25), "first");
    assert.equal(tally.received(1, 26), "reordered");
    assert.equal(tally.received(2, 27), "duplicate");
    assert.equal(tally.received(2, 28), "duplicate");
    assert.equal(tally.received(99, 29), "foreign");
    assert.equal(tally.received(5, 250), "first");
    assert.equal(tally.deliveredCount, 4);
    const s = tally.summary();
    assert.equal(s.delivered, 4);
    assert.equal(s.lost, 2);
    assert.equal(s.duplicated, 2);
    assert.equal(s.reordered, 1);
    assert.equal(s.foreign, 1);
    assert.equal(s.late, 1);
    assert.deepEqual(s.rttSeries, [1, 16, 5, null, null, 200]);
    assert.equal(s.rtt?.max, 200);
    assert.equal(s.rtt?.p50, 5);
  });
  await t.step("refuses a sequence number sent twice", () => {
    const tally = new Tally();
    tally.sent(1, 0);
    assert.throws(() => tally.sent(1, 1), RangeError);
  });
  await t.step("nothing came back", () => {
    const tally = new Tally();
    tally.sent(0, 0);
    const s = tally.summary();
    assert.equal(s.rtt, null);
    assert.equal(s.staleness, null);
    assert.equal(s.lost, 1);
  });
});

Deno.test("staleness is the age of the newest state at each send tick", () => {
  const tally = new Tally();
  // Ticks every 10 ms; each update comes back 3 ms later, except #2 (lost)
  // and #3 which is held 25 ms (as TCP would hold it behind a lost segment).
  for (let i = 0; i < 6; i++) tally.sent(i, i * 10);
  tally.received(0, 3);
  tally.received(1, 13);
  tally.received(3, 55);
  tally.received(4, 55);
  tally.received(5, 53 + 2);
  const s = tally.summary();
  // Ticks 10..50 see newest 0,1,1,1,1 → ages 10,10,20,30,40; tick 0 has none.
  assert.deepEqual(
    { count: s.staleness?.count, max: s.staleness?.max },
    { count: 5, max: 40 },
  );
  assert.equal(s.staleness?.p50, 20);
});

Deno.test("Tally properties over random receptions", () => {
  fc.assert(fc.property(
    fc.integer({ min: 0, max: 40 }),
    fc.array(fc.integer({ min: -3, max: 45 }), { maxLength: 120 }),
    (sent, receptions) => {
      const tally = new Tally({ lateMs: 1 });
      for (let i = 0; i < sent; i++) tally.sent(i, i);
      const kinds = receptions.map((seq, i) => tally.received(seq, 1000 + i));
      const s = tally.summary();
      const inRange = receptions.filter((x) => x >= 0 && x < sent);
      const distinct = new Set(inRange);
      assert.equal(s.delivered, distinct.size);
      assert.equal(s.lost, sent - distinct.size);
      assert.equal(s.duplicated, inRange.length - distinct.size);
      assert.equal(s.foreign, receptions.length - inRange.length);
      // Reordered: first receptions below an earlier first reception.
      let expected = 0;
      const seen = new Set<number>();
      for (const seq of inRange) {
        if (seen.has(seq)) continue;
        if ([...seen].some((earlier) => earlier > seq)) expected++;
        seen.add(seq);
      }
      assert.equal(s.reordered, expected);
      assert.equal(
        kinds.filter((k) => k === "reordered").length,
        s.reordered,
      );
      assert.equal(s.rttSeries.filter((x) => x !== null).length, s.delivered);
      assert.equal(s.late, s.delivered);
      for (const v of [s.staleness?.min, s.rtt?.min]) {
        if (v !== undefined) assert.ok(v >= 0);
      }
    },
  ));
});

Deno.test("a run received in reverse order counts k − 1 reorderings", () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 50 }), (k) => {
    const tally = new Tally();
    for (let i = 0; i < k; i++) tally.sent(i, 0);
    for (let i = k - 1; i >= 0; i--) tally.received(i, 1);
    assert.equal(tally.summary().reordered, k - 1);
  }));
});
