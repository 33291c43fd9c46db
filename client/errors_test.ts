import assert from "node:assert/strict";
import { CodedError } from "../protocol/errors.ts";
import { catalogProblems } from "../i18n/check.ts";
import type { Catalog } from "../i18n/translate.ts";
import catalog from "./catalog.json" with { type: "json" };
import { ConnectError, JoinRefusedError, NotLanplayError } from "./errors.ts";

Deno.test("client errors", async (t) => {
  await t.step(
    "the client catalog: same keys, placeholders and plurals",
    () => {
      assert.deepEqual(catalogProblems(catalog as Catalog), []);
    },
  );

  await t.step("every join error is a CodedError", () => {
    const errors = [
      new ConnectError("198.18.0.1:50026", "no answer"),
      new NotLanplayError("127.0.0.1:22", "SSH-2.0-OpenSSH"),
      new JoinRefusedError("room_full", "The room is full.", false),
    ];
    assert.deepEqual(errors.map((e) => e instanceof CodedError), [
      true,
      true,
      true,
    ]);
    assert.deepEqual(errors.map((e) => e.code), [
      "connect_failed",
      "not_lanplay",
      "room_full",
    ]);
    assert.deepEqual(errors.map((e) => e.name), [
      "ConnectError",
      "NotLanplayError",
      "JoinRefusedError",
    ]);
  });

  await t.step("messages say what happened and what to do, fr and en", () => {
    const en = new ConnectError("198.18.0.1:50026", "no answer");
    assert.equal(
      en.message,
      'Cannot reach a lanplay host at 198.18.0.1:50026 (no answer). Is the host running, and is the address right? Run "deno task join" without --host to search the LAN.',
    );
    assert.equal(en.address, "198.18.0.1:50026");
    const fr = new NotLanplayError("127.0.0.1:22", "x".repeat(80), "fr");
    assert.equal(
      fr.message,
      `127.0.0.1:22 n'est pas un hôte lanplay (il a dit « ${
        "x".repeat(60)
      } »). Vérifiez le port : lanplay utilise 50026 par défaut.`,
    );
  });
});
