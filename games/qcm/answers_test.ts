import assert from "node:assert/strict";
import { Answers, type QcmAnswer } from "./answers.ts";

const at = (ms: number): QcmAnswer => ({ choices: [0], at: ms, creditMs: 0 });

Deno.test("qcm answers log", async (t) => {
  await t.step("each state sees the answers it had, not later ones", () => {
    const s0 = Answers.empty();
    const s1 = s0.with("a", at(1));
    const s2 = s1.with("b", at(2));
    assert.equal(s0.get("a"), undefined);
    assert.equal(s1.get("a")?.at, 1);
    assert.equal(s1.get("b"), undefined, "Bob answered after s1");
    assert.equal(s2.get("b")?.at, 2);
    assert.deepEqual([...s2.entries()].map(([id]) => id), ["a", "b"]);
    assert.deepEqual([...s1.entries()].map(([id]) => id), ["a"]);
  });

  await t.step("a branch from an older state does not leak into others", () => {
    const s1 = Answers.empty().with("a", at(1));
    const main = s1.with("b", at(2));
    const branch = s1.with("c", at(3));
    assert.equal(branch.get("b"), undefined);
    assert.equal(main.get("c"), undefined);
    assert.equal(branch.get("c")?.at, 3);
    assert.equal(main.get("b")?.at, 2);
    assert.deepEqual([...branch.entries()].map(([id]) => id), ["a", "c"]);
    // The same seat answering in two branches keeps both apart too.
    const again = s1.with("b", at(9));
    assert.equal(again.get("b")?.at, 9);
    assert.equal(main.get("b")?.at, 2);
  });

  await t.step("appending to the newest log does not copy it", () => {
    // 20 000 answers in a row: linear (tens of ms), not quadratic (a copy
    // per answer would be 2·10⁸ entry copies: over ten seconds).
    let log = Answers.empty();
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) log = log.with(`p${i}`, at(i));
    assert.equal(log.size, 20_000);
    assert.equal(log.get("p19999")?.at, 19_999);
    assert.ok(performance.now() - started < 3_000);
  });
});
