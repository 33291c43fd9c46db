import assert from "node:assert/strict";
import { ranked, ranking } from "./ranking.ts";

Deno.test("ranking: best first, seat order on ties, shared ranks", () => {
  const players = [
    { id: "a", nickname: "Ana", score: 5 },
    { id: "b", nickname: "Bob", score: 9 },
    { id: "c", nickname: "Cy", score: 5 },
    { id: "d", nickname: "Dé", score: 1 },
  ];
  assert.deepEqual(ranked(players).map((r) => [r.rank, r.player.id]), [
    [1, "b"],
    [2, "a"],
    [2, "c"],
    [4, "d"],
  ]);
  assert.deepEqual(ranking(players)[3], { rank: 4, nickname: "Dé", score: 1 });
  assert.deepEqual(ranking([]), []);
});
