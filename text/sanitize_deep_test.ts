import assert from "node:assert/strict";
import { deepSanitize, MAX_MESSAGE_DEPTH } from "./sanitize_deep.ts";
import { isClean } from "./sanitize.ts";
import { HOSTILE } from "../client/testing.ts";

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) { for (const v of value) strings(v, out); }
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

Deno.test("deepSanitize", async (t) => {
  await t.step("cleans every string and key at every depth", () => {
    const msg = {
      type: "view",
      [HOSTILE]: HOSTILE,
      view: { rows: [[HOSTILE, 1, true, null]], q: { text: HOSTILE } },
    };
    const out = deepSanitize(msg);
    const all = strings(out);
    assert.ok(all.length >= 6);
    for (const s of all) assert.ok(isClean(s), JSON.stringify(s));
    assert.deepEqual((out as typeof msg).view.rows[0].slice(1), [
      1,
      true,
      null,
    ]);
  });

  await t.step("keeps clean messages as they are", () => {
    const msg = { type: "chat", from: "Zoé", text: "salut 👍🏽", at: 3 };
    assert.deepEqual(deepSanitize(msg), msg);
  });

  await t.step("a __proto__ key stays data", () => {
    const out = deepSanitize(JSON.parse('{"__proto__":{"polluted":1}}'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.ok(Object.hasOwn(out as object, "__proto__"));
  });

  await t.step("refuses a message nested deeper than the bound", () => {
    let deep: unknown = "x";
    for (let i = 0; i < MAX_MESSAGE_DEPTH; i++) deep = [deep];
    assert.notEqual(deepSanitize(deep), undefined);
    assert.equal(deepSanitize([deep]), undefined);
    let huge: unknown = 1;
    for (let i = 0; i < 100_000; i++) huge = [huge];
    assert.equal(deepSanitize(huge), undefined); // no stack overflow
  });
});
