import assert from "node:assert/strict";
import { FATAL_REFUSALS, isFatalRefusal } from "./refusals.ts";

Deno.test("fatal refusals", async (t) => {
  await t.step("version, a full room and a closing host are fatal", () => {
    for (const code of ["version", "room_full", "host_closed"]) {
      assert.ok(isFatalRefusal(code), code);
    }
    assert.equal(FATAL_REFUSALS.length, 3);
  });
  await t.step("a nickname problem can be retried", () => {
    assert.ok(!isFatalRefusal("nickname_taken"));
    assert.ok(!isFatalRefusal("bad_nickname"));
  });
});
