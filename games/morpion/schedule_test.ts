import assert from "node:assert/strict";
import { roundRobin, seriesSchedule } from "./schedule.ts";

Deno.test("schedule: a two-player series alternates who plays X", () => {
  const s = seriesSchedule("a", "b", 5);
  assert.deepEqual(s.map((p) => p.x), ["a", "b", "a", "b", "a"]);
  assert.deepEqual(s.map((p) => p.o), ["b", "a", "b", "a", "b"]);
  assert.deepEqual(seriesSchedule("a", "b", 1), [{ x: "a", o: "b" }]);
});

Deno.test("schedule: round-robin meets every pair exactly once, marks balanced", async (t) => {
  for (let n = 2; n <= 12; n++) {
    await t.step(`${n} players`, () => {
      const ids = Array.from({ length: n }, (_, i) => `p${i}`);
      const s = roundRobin(ids);
      assert.equal(s.length, (n * (n - 1)) / 2);
      const pairs = new Set<string>();
      for (const { x, o } of s) {
        assert.notEqual(x, o);
        assert.ok(ids.includes(x) && ids.includes(o));
        const key = [x, o].sort().join("-");
        assert.ok(!pairs.has(key), `pair ${key} twice`);
        pairs.add(key);
      }
      for (const id of ids) {
        const asX = s.filter((p) => p.x === id).length;
        const asO = s.filter((p) => p.o === id).length;
        assert.equal(asX + asO, n - 1);
        assert.ok(
          Math.abs(asX - asO) <= (n % 2 === 1 ? 0 : 1),
          `${id}: ${asX}/${asO}`,
        );
      }
    });
  }
});

Deno.test("schedule: within a round nobody plays twice (6 players: 5 rounds of 3)", () => {
  const s = roundRobin(["a", "b", "c", "d", "e", "f"]);
  for (let r = 0; r < 5; r++) {
    const round = s.slice(r * 3, r * 3 + 3).flatMap((p) => [p.x, p.o]);
    assert.equal(new Set(round).size, 6, `round ${r}`);
  }
});

Deno.test("schedule: fewer than two players means no match", () => {
  assert.deepEqual(roundRobin([]), []);
  assert.deepEqual(roundRobin(["a"]), []);
});
