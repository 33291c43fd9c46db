import assert from "node:assert/strict";
import { lobbySchemas } from "./messages.ts";

Deno.test("the leader's messages: their schemas and limits", async (t) => {
  const ok = (schema: keyof typeof lobbySchemas, v: unknown) =>
    lobbySchemas[schema].safeParse(v).success;
  await t.step("options: a game id of 40 characters at most", () => {
    assert.ok(ok("options", { type: "options" }));
    assert.ok(ok("options", { type: "options", game: "q".repeat(40) }));
    assert.ok(!ok("options", { type: "options", game: "q".repeat(41) }));
    assert.ok(!ok("options", { type: "options", game: 3 }));
  });
  await t.step(
    "set: a key of 1–40, a value of text ≤ 200, number or boolean",
    () => {
      const set = (o: Record<string, unknown>) =>
        ok("set", { type: "set", key: "count", value: 5, ...o });
      assert.ok(set({}));
      assert.ok(set({ game: "qcm", value: "v".repeat(200) }));
      assert.ok(set({ value: false }));
      assert.ok(!set({ value: "v".repeat(201) }));
      assert.ok(!set({ value: null }));
      assert.ok(!set({ value: [5] }));
      assert.ok(!set({ key: "" }));
      assert.ok(!set({ key: "k".repeat(41) }));
      assert.ok(!set({ game: "g".repeat(41) }));
      assert.ok(!ok("set", { type: "set", key: "count" }), "a value is needed");
    },
  );
  await t.step("quiz: a name of 200 characters at most, or none", () => {
    assert.ok(ok("quiz", { type: "quiz" }));
    assert.ok(ok("quiz", { type: "quiz", name: "n".repeat(200) }));
    assert.ok(!ok("quiz", { type: "quiz", name: "n".repeat(201) }));
    assert.ok(!ok("quiz", { type: "quiz", name: 1 }));
  });
});
