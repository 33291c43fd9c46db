import assert from "node:assert/strict";
import {
  answerNumberSchema,
  correctShape,
  firstIssue,
  jsonBool,
  jsonList,
  jsonObject,
  jsonText,
  textSchema,
} from "./quiz_schema.ts";

Deno.test("quiz schemas", async (t) => {
  await t.step("JSON shapes", () => {
    assert.equal(jsonObject.safeParse({ a: 1 }).success, true);
    assert.equal(jsonObject.safeParse([1]).success, false);
    assert.equal(jsonObject.safeParse(null).success, false);
    assert.equal(jsonList.safeParse([]).success, true);
    assert.equal(jsonList.safeParse({}).success, false);
    assert.equal(jsonText.safeParse(1).success, false);
    assert.equal(jsonBool.safeParse("true").success, false);
    assert.equal(correctShape.safeParse([1, "C"]).success, true);
    assert.equal(correctShape.safeParse([true]).success, false);
  });

  await t.step("answer numbers", () => {
    assert.equal(answerNumberSchema(4).parse("D"), 4);
    assert.equal(answerNumberSchema(4).parse(" 3 "), 3);
    assert.equal(answerNumberSchema(2).safeParse(3).success, false);
    assert.equal(answerNumberSchema(null).safeParse(0).success, false);
    assert.equal(answerNumberSchema(null).safeParse("x").success, false);
  });

  await t.step("the first issue tells empty from too long", () => {
    assert.equal(firstIssue(textSchema(2), "ab"), null);
    assert.equal(firstIssue(textSchema(2), " ")?.code, "too_small");
    assert.equal(firstIssue(textSchema(2), "abc")?.code, "custom");
    assert.equal(firstIssue(textSchema(2), 5)?.code, "invalid_type");
  });
});
