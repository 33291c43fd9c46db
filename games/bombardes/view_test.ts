import assert from "node:assert/strict";
import { bombardesView } from "./view.ts";

Deno.test("view: help, errors and typed moves in both languages", () => {
  assert.match(bombardesView.help("fr"), /45 70/);
  assert.match(bombardesView.help("en"), /angle/);
  assert.equal(
    bombardesView.error("out_of_range", { angle: 200, charge: 70 }, "en"),
    "Angle 200 or charge 70 is out of range: the angle goes from 0 to 180 and the charge from 1 to 100.",
  );
  assert.equal(bombardesView.error("nope", {}, "fr"), "Tir refusé (nope).");
  assert.deepEqual(bombardesView.parseInput("90 30", null), {
    type: "fire",
    angle: 90,
    charge: 30,
  });
  assert.deepEqual(bombardesView.panelOnly, ["landscape"]);
});
