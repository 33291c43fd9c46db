import assert from "node:assert/strict";
import { type PlayerRecord, rankRecords } from "./standings.ts";

const rec = (
  id: string,
  wins: number,
  draws: number,
  losses: number,
): PlayerRecord => ({
  id,
  nickname: id,
  ai: false,
  left: false,
  wins,
  draws,
  losses,
});

Deno.test("standings: 3 per win, 1 per draw, best first", () => {
  const rows = rankRecords([
    rec("a", 0, 2, 1),
    rec("b", 2, 0, 1),
    rec("c", 1, 0, 2),
  ]);
  assert.deepEqual(rows.map((r) => [r.id, r.rank, r.points, r.played]), [
    ["b", 1, 6, 3],
    ["c", 2, 3, 3],
    ["a", 3, 2, 3],
  ]);
});

Deno.test("standings: equal points split by wins, full ties share a rank", () => {
  const rows = rankRecords([
    rec("a", 0, 3, 0), // 3 pts, 0 wins
    rec("b", 1, 0, 2), // 3 pts, 1 win
    rec("c", 1, 0, 2),
    rec("d", 0, 0, 3),
  ]);
  assert.deepEqual(rows.map((r) => [r.id, r.rank]), [
    ["b", 1],
    ["c", 1],
    ["a", 3],
    ["d", 4],
  ]);
});
