import assert from "node:assert/strict";
import { BANK } from "./bank.ts";
import { checkQuizFile } from "./quiz_file.ts";
import { MAX_ANSWERS, MIN_ANSWERS, questionSchema } from "./question.ts";

Deno.test("the shipped bank", async (t) => {
  await t.step(
    "the file itself is a valid quiz file (with line numbers)",
    async () => {
      const text = await Deno.readTextFile(
        new URL("./questions.json", import.meta.url),
      );
      const r = checkQuizFile(text, "questions.json");
      assert.ok(r.ok, JSON.stringify(!r.ok && r.problems, null, 1));
      assert.equal(r.questions.length, BANK.length);
      // Every question names its own id and topic.
      const raw = JSON.parse(text).questions as Record<string, unknown>[];
      for (const q of raw) {
        assert.equal(typeof q.id, "string", JSON.stringify(q));
        assert.ok(q.topic === "network" || q.topic === "culture", String(q.id));
      }
    },
  );

  await t.step("has at least 60 questions, mostly networking", () => {
    assert.ok(BANK.length >= 60, `${BANK.length} questions`);
    const network = BANK.filter((q) => q.id.startsWith("net-")).length;
    assert.ok(network >= 40, `${network} networking questions`);
  });

  await t.step(
    "every question has fr and en, 2 to 4 answers, a valid key",
    () => {
      const ids = new Set<string>();
      for (const q of BANK) {
        assert.ok(!ids.has(q.id), `duplicate id ${q.id}`);
        ids.add(q.id);
        assert.ok(questionSchema.safeParse(q).success, q.id);
        assert.ok(q.text.fr.trim() !== "" && q.text.en.trim() !== "", q.id);
        const n = q.answers.fr.length;
        assert.equal(q.answers.en.length, n, q.id);
        assert.ok(n >= MIN_ANSWERS && n <= MAX_ANSWERS, q.id);
        assert.ok(q.correct.length >= 1, q.id);
        for (const c of q.correct) assert.ok(c >= 0 && c < n, q.id);
        assert.equal(new Set(q.correct).size, q.correct.length, q.id);
      }
    },
  );

  await t.step("questions are really translated", () => {
    // The question text differs between languages (answers may be shared).
    for (const q of BANK) assert.notEqual(q.text.fr, q.text.en, q.id);
  });

  await t.step("some questions have several correct answers", () => {
    const multiple = BANK.filter((q) => q.correct.length > 1);
    assert.ok(multiple.length >= 8, `${multiple.length}`);
  });
});
