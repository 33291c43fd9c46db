import assert from "node:assert/strict";
import { error, t } from "./i18n.ts";
import { key, parseInput } from "./input.ts";
import { lines } from "./lines.ts";
import { screen } from "./screen.ts";
import { qcmView } from "./view.ts";

Deno.test("qcm view: assembled from lines, screen, input and i18n", () => {
  assert.equal(qcmView.lines, lines);
  assert.equal(qcmView.screen, screen);
  assert.equal(qcmView.parseInput, parseInput);
  assert.equal(qcmView.key, key);
  assert.equal(qcmView.error, error);
  assert.deepEqual(qcmView.panelOnly, ["question", "reveal"]);
  assert.equal(qcmView.help("fr"), t("fr", "help"));
  assert.match(qcmView.help("en"), /^Quiz: type the answer's number/);
});
