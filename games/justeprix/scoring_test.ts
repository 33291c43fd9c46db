import assert from "node:assert/strict";
import {
  bisectionBudget,
  rankRound,
  roundPoints,
  type RoundRecord,
  totals,
} from "./scoring.ts";

Deno.test("bisectionBudget is ceil(log2(max)) + 1", () => {
  for (const max of [2, 3, 4, 5, 10, 100, 128, 129, 1000, 1_000_000]) {
    assert.equal(bisectionBudget(max), Math.ceil(Math.log2(max)) + 1, `${max}`);
  }
  assert.equal(bisectionBudget(100), 8);
});

Deno.test("roundPoints: 1000 down by 100 to a floor of 200, plus the bonus", () => {
  const max = 1_000_000; // budget 21: 10 per attempt under 21
  assert.equal(roundPoints(1, 21, max, true), 1000);
  assert.equal(roundPoints(2, 21, max, true), 900);
  assert.equal(roundPoints(9, 21, max, true), 200);
  assert.equal(roundPoints(30, 40, max, true), 200);
  assert.equal(roundPoints(1, 20, max, true), 1010);
  assert.equal(roundPoints(1, 1, max, true), 1200);
  assert.equal(roundPoints(1, 1, max, false), 0);
});

Deno.test("rankRound: not found share the rank after the finders", () => {
  const recs: RoundRecord[] = [
    { id: "a", nickname: "Ana", attempts: 9, foundAt: null },
    { id: "b", nickname: "Bob", attempts: 4, foundAt: 30 },
    { id: "c", nickname: "Cy", attempts: 2, foundAt: null },
    { id: "d", nickname: "Dee", attempts: 5, foundAt: 20 },
  ];
  assert.deepEqual(
    rankRound(recs, 100).map((r) => [r.id, r.rank, r.found, r.points]),
    [["d", 1, true, 1030], ["b", 2, true, 940], ["a", 3, false, 0], [
      "c",
      3,
      false,
      0,
    ]],
  );
  assert.deepEqual(rankRound([], 100), []);
});

Deno.test("totals: ties share a rank and keep seat order", () => {
  const players = [
    { id: "a", nickname: "Ana" },
    { id: "b", nickname: "Bob" },
    { id: "c", nickname: "Cy" },
  ];
  const r1 = rankRound([
    { id: "a", nickname: "Ana", attempts: 8, foundAt: 1 },
    { id: "b", nickname: "Bob", attempts: 8, foundAt: 2 },
    { id: "c", nickname: "Cy", attempts: 8, foundAt: 3 },
  ], 100);
  const r2 = rankRound([
    { id: "a", nickname: "Ana", attempts: 8, foundAt: 2 },
    { id: "b", nickname: "Bob", attempts: 8, foundAt: 1 },
    { id: "c", nickname: "Cy", attempts: 3, foundAt: null },
  ], 100);
  assert.deepEqual(
    totals(players, [r1, r2]).map((t) => [t.id, t.points, t.rank]),
    [["a", 1900, 1], ["b", 1900, 1], ["c", 800, 3]],
  );
});
