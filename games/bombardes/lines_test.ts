import assert from "node:assert/strict";
import { messageLines, ruler } from "./lines.ts";
import { WIDTH } from "./physics.ts";

const impact = (over: Record<string, unknown>) => ({
  type: "impact",
  id: "p1",
  nickname: "Ana",
  outcome: "ground",
  x: 40.4,
  hits: [],
  nearest: null,
  ...over,
});

Deno.test("lines: a turn speaks to its shooter, the others read whose turn", () => {
  const turn = {
    type: "turn",
    round: 1,
    id: "p1",
    nickname: "Ana",
    endsIn: 19_200,
  };
  assert.deepEqual(messageLines(turn, "fr", "Ana"), [
    "À vous de tirer ! Tapez angle et charge, par ex. 45 70 (20 s).",
  ]);
  assert.deepEqual(
    messageLines(turn, "fr", "p1"),
    messageLines(turn, "fr", "Ana"),
  );
  assert.deepEqual(messageLines(turn, "en", "Bob"), [
    "Ana's turn to fire (20 s).",
  ]);
});

Deno.test("lines: the impact in words, in French and English", () => {
  const near = impact({ nearest: { nickname: "Bob", distance: 1 } });
  assert.deepEqual(messageLines(near, "en", ""), [
    "Impact at 40: 1 step from Bob's cannon.",
  ]);
  assert.deepEqual(messageLines(near, "fr", ""), [
    "Impact en 40 : à 1 pas du canon de Bob.",
  ]);
  assert.deepEqual(messageLines(impact({}), "en", ""), ["Impact at 40."]);
  assert.deepEqual(messageLines(impact({ outcome: "off" }), "fr", ""), [
    "L'obus de Ana sort de la carte.",
  ]);
  const hit = impact({
    outcome: "hit",
    hits: [
      { id: "p2", nickname: "Bob", points: 100 },
      { id: "p1", nickname: "Ana", points: 0 },
    ],
  });
  assert.deepEqual(messageLines(hit, "en", ""), [
    "Hit! Bob's cannon is destroyed (+100 for Ana).",
    "Ana destroys their own cannon!",
  ]);
});

Deno.test("lines: the landscape in ASCII with a ruler and a legend, no empty sky", () => {
  const terrain = new Array(WIDTH).fill(3);
  const lines = messageLines(
    {
      type: "landscape",
      width: WIDTH,
      terrain,
      wind: -2,
      cannons: [
        { id: "p1", nickname: "Ana", x: 10, y: 3, alive: true },
        { id: "p2", nickname: "Bob", x: 60, y: 3, alive: false },
      ],
    },
    "en",
    "",
  );
  assert.deepEqual(lines.slice(0, 4), [
    "",
    " ".repeat(10) + "1" + " ".repeat(49) + "x",
    "_".repeat(WIDTH),
    "#".repeat(WIDTH),
  ]);
  assert.equal(lines[4], ruler(WIDTH));
  assert.equal(lines[5], "Cannons: 1 Ana (10), x Bob (60) · wind ← 2");
  assert.ok(lines.every((l) => !l.includes("\x1b")));
});

Deno.test("lines: round end, shots, misses and lost cannons, with plural points", () => {
  assert.deepEqual(
    messageLines(
      {
        type: "round_end",
        round: 2,
        winner: "Ana",
        bonus: 50,
        scores: [{ nickname: "Ana", points: 150 }, {
          nickname: "Bob",
          points: 1,
        }],
      },
      "fr",
      "",
    ),
    [
      "Manche 2 : Ana est le dernier canon debout (+50).",
      "Ana : 150 points",
      "Bob : 1 point",
    ],
  );
  assert.deepEqual(
    messageLines(
      { type: "round_end", round: 1, winner: null, bonus: 0, scores: [] },
      "en",
      "",
    ),
    ["Round 1 is over with no single survivor."],
  );
  assert.deepEqual(
    messageLines(
      {
        type: "fired",
        id: "p1",
        nickname: "Ana",
        angle: 45,
        charge: 70,
        flightMs: 2000,
      },
      "en",
      "",
    ),
    ["Ana fires: 45°, charge 70."],
  );
  assert.deepEqual(
    messageLines({ type: "missed_turn", id: "p1", nickname: "Ana" }, "fr", ""),
    ["Ana n'a pas tiré à temps et passe son tour."],
  );
  assert.deepEqual(
    messageLines({ type: "cannon_lost", id: "p1", nickname: "Ana" }, "en", ""),
    ["Ana left: their cannon is lost."],
  );
  assert.deepEqual(
    messageLines(
      { type: "round_start", round: 1, rounds: 3, wind: 0 },
      "fr",
      "",
    ),
    ["Manche 1/3 : nouveau paysage, pas de vent."],
  );
});

Deno.test("lines: junk and other games' messages give nothing", () => {
  assert.deepEqual(messageLines({ type: "hint", guess: 3 }, "en", ""), []);
  assert.deepEqual(messageLines({ type: "impact" }, "en", ""), []);
});
