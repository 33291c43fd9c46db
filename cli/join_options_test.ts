import assert from "node:assert/strict";
import { parseJoinArgs } from "./join_options.ts";
import { UsageError } from "./errors.ts";

Deno.test("join --pin", async (t) => {
  await t.step("given: kept as typed", () => {
    const cfg = parseJoinArgs(["--pin", "0042"], {});
    assert.equal(cfg.help ? null : cfg.pin, "0042");
  });
  await t.step("absent: null", () => {
    const cfg = parseJoinArgs([], {});
    assert.equal(cfg.help ? undefined : cfg.pin, null);
  });
  await t.step("empty, too long or with controls: a usage error", () => {
    for (const pin of ["", "1".repeat(33), "12\x1b[2J"]) {
      assert.throws(
        () => parseJoinArgs(["--pin", pin, "--lang", "fr"], {}),
        (e: unknown) =>
          e instanceof UsageError && e.code === "bad_option" &&
          /--pin/.test(e.message),
      );
    }
  });
});
