import assert from "node:assert/strict";
import { error, t } from "./i18n.ts";
import { key, parseInput } from "./input.ts";
import { lines } from "./lines.ts";
import { screen } from "./screen.ts";
import { qcmView } from "./view.ts";
import { revealed } from "./testing.ts";
import { CommitmentBook } from "./fairness.ts";

Deno.test("qcm view: assembled from lines, screen, input and i18n", () => {
  const { messages } = revealed();
  const book = new CommitmentBook();
  for (const m of messages) {
    assert.deepEqual(
      qcmView.lines(m, "en", "Ana"),
      lines(m, "en", "Ana", book),
    );
  }
  assert.deepEqual(
    qcmView.screen(null, "en", 40, false),
    screen(null, "en", 40, false),
  );
  assert.equal(qcmView.parseInput, parseInput);
  assert.equal(qcmView.key, key);
  assert.equal(qcmView.error, error);
  assert.deepEqual(qcmView.panelOnly, ["question", "reveal", "result"]);
  assert.equal(qcmView.help("fr"), t("fr", "help"));
  assert.match(qcmView.help("en"), /^Quiz: type the answer's number/);
});
