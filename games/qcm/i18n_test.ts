import assert from "node:assert/strict";
import { error, t } from "./i18n.ts";

Deno.test("qcm texts", async (st) => {
  await st.step("rule errors by code, with their values", () => {
    assert.equal(
      error("bad_choice", { choice: "5", max: 4 }, "en"),
      "There is no answer 5: choose 1 to 4.",
    );
    assert.equal(
      error("time_up", {}, "fr"),
      "Temps écoulé pour cette question : attendez la suivante.",
    );
  });

  await st.step("an unknown code names itself", () => {
    assert.equal(error("nope", {}, "en"), "Move refused (nope).");
  });

  await st.step("counts pick their plural form", () => {
    assert.equal(t("fr", "you_right", { n: 1 }), "Bravo ! +1 point");
    assert.equal(t("fr", "you_right", { n: 950 }), "Bravo ! +950 points");
    assert.equal(t("en", "you_right", { n: 1 }), "Right! +1 point");
    assert.equal(
      t("en", "right_answers", { n: 2, choices: "1) a ; 3) c" }),
      "Right answers: 1) a ; 3) c",
    );
  });
});
