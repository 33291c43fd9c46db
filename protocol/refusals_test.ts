import assert from "node:assert/strict";
import { FATAL_REFUSALS, isFatalRefusal } from "./refusals.ts";

Deno.test("fatal refusals", async (t) => {
  await t.step(
    "version, a full room, a closing host, a ban and too many connections are fatal",
    () => {
      const fatal = [
        "version",
        "room_full",
        "host_closed",
        "banned",
        "too_many_connections",
      ];
      for (const code of fatal) assert.ok(isFatalRefusal(code), code);
      assert.equal(FATAL_REFUSALS.length, fatal.length);
    },
  );
  await t.step("PIN refusals can be retried", () => {
    for (const code of ["pin_required", "bad_pin", "pin_wait"]) {
      assert.ok(!isFatalRefusal(code), code);
    }
  });
  await t.step("a nickname problem can be retried", () => {
    assert.ok(!isFatalRefusal("nickname_taken"));
    assert.ok(!isFatalRefusal("bad_nickname"));
  });
});
