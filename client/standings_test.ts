import assert from "node:assert/strict";
import { isClean } from "../text/sanitize.ts";
import {
  lobbyStandings,
  parseStandings,
  STANDINGS_MAX,
  standingsLines,
} from "./standings.ts";
import { HOSTILE } from "./testing.ts";

Deno.test("standings: a host's list is checked, sanitised and bounded", () => {
  const parsed = parseStandings([
    { id: "p1", nickname: "eve" + HOSTILE, score: 10, rank: 2 },
    { id: "p2", nickname: "ana", score: 30, rank: 1 },
    { nickname: "nan", score: NaN, rank: 1 },
    { nickname: "zero-rank", score: 1, rank: 0 },
    { nickname: "half", score: 1, rank: 1.5 },
    null,
    "text",
    { nickname: "x".repeat(500), score: 1, rank: 3 },
  ])!;
  assert.deepEqual(parsed.map((s) => s.rank), [1, 2, 3]);
  assert.ok(parsed.every((s) => isClean(s.nickname)));
  assert.equal(parsed[2].nickname.length, 64);
  assert.equal(parseStandings({ length: 3 }), null);
  const many = Array.from(
    { length: STANDINGS_MAX + 50 },
    (_, i) => ({ nickname: `p${i}`, score: 0, rank: 1 }),
  );
  assert.equal(parseStandings(many)!.length, STANDINGS_MAX);
});

Deno.test("standings: from a lobby, ties share a rank", () => {
  assert.deepEqual(
    lobbyStandings([
      { nickname: "a", score: 5 },
      { nickname: "b", score: 9 },
      { nickname: "c", score: 5 },
      { nickname: "d", score: 1 },
    ]).map((s) => [s.nickname, s.rank]),
    [["b", 1], ["a", 2], ["c", 2], ["d", 4]],
  );
});

Deno.test("standings: lines in the player's language, their own marked, aligned", () => {
  const list = lobbyStandings([
    { nickname: "Ana", score: 4200 },
    { nickname: "Bérénice", score: 900 },
    { nickname: "Zoé", score: 900 },
  ]);
  assert.deepEqual(
    standingsLines(list, "fr", { final: true, me: "zoé", room: "Salle 12" }),
    [
      "Classement final de la session — Salle 12",
      "   1. Ana      4200 pts",
      "   2. Bérénice  900 pts",
      " → 2. Zoé       900 pts",
    ],
  );
  assert.equal(
    standingsLines(list, "en", { final: false, me: "Ana", room: "R" })[0],
    "Last known session scores (the host vanished) — R",
  );
  assert.deepEqual(
    standingsLines([], "en", { final: true, me: "x", room: "R" }),
    [],
  );
});

Deno.test("standings: a long list is cut, the player's own line kept", () => {
  const list = lobbyStandings(
    Array.from(
      { length: 40 },
      (_, i) => ({ nickname: `p${i}`, score: 100 - i }),
    ),
  );
  const lines = standingsLines(list, "en", {
    final: true,
    me: "p39",
    room: "R",
    max: 5,
  });
  assert.equal(lines.length, 1 + 5 + 1);
  assert.match(lines[5], /→ 40\. p39/);
  assert.equal(lines[6], "   … and 35 more players");
});
