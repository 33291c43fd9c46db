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

Deno.test("join --no-deputy; host --no-migration", async () => {
  const { parseHostArgs } = await import("./host_options.ts");
  const on = parseJoinArgs([], {});
  const off = parseJoinArgs(["--no-deputy"], {});
  if (on.help || off.help) throw new Error("help");
  assert.equal(on.deputy, true);
  assert.equal(off.deputy, false);
  const host = parseHostArgs([], {});
  const solo = parseHostArgs(["--no-migration"], {});
  if (host.help || solo.help) throw new Error("help");
  assert.equal(host.migration, true);
  assert.equal(solo.migration, false);
});
