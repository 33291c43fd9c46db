import assert from "node:assert/strict";
import { parseInput } from "./input.ts";

Deno.test("input: angle and charge on one line, in the usual spellings", () => {
  const shot = { type: "fire", angle: 45, charge: 70 };
  for (
    const line of ["45 70", " 45   70 ", "45,70", "45° 70%", "45;70", "45/70"]
  ) {
    assert.deepEqual(parseInput(line), shot, line);
  }
  assert.deepEqual(parseInput("45,5 70"), {
    type: "fire",
    angle: 45.5,
    charge: 70,
  });
  assert.deepEqual(parseInput("200 70"), {
    type: "fire",
    angle: 200,
    charge: 70,
  }, "the rules say the range");
});

Deno.test("input: anything else is chat", () => {
  for (
    const line of [
      "45",
      "",
      "bonjour 45 70",
      "45 70 12",
      "-45 70",
      "1e3 5",
      "45 abc",
    ]
  ) {
    assert.equal(parseInput(line), null, line);
  }
});
