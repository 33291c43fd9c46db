import assert from "node:assert/strict";
import { seal, sealKeys, sharedKey, unseal } from "./sealed.ts";

Deno.test("sealed replicas", async (t) => {
  const host = await sealKeys();
  const deputy = await sealKeys();
  const hostSide = await sharedKey(host, deputy.publicKey);
  const deputySide = await sharedKey(deputy, host.publicKey);

  await t.step("round trip between the two sides", async () => {
    const value = { members: [{ id: "p1", score: 12 }], key: "secret" };
    assert.deepEqual(
      await unseal(deputySide, await seal(hostSide, value)),
      value,
    );
  });

  await t.step("the ciphertext does not show the plaintext", async () => {
    const box = await seal(hostSide, { pin: "4242-secret-pin" });
    assert.ok(
      !atob(
        box.data.replaceAll("-", "+").replaceAll("_", "/") +
          "==".slice(0, (4 - box.data.length % 4) % 4),
      ).includes("4242"),
    );
  });

  await t.step("an altered byte is refused", async () => {
    const box = await seal(hostSide, { a: 1 });
    const flipped = box.data[5] === "A" ? "B" : "A";
    const data = box.data.slice(0, 5) + flipped + box.data.slice(6);
    await assert.rejects(unseal(deputySide, { ...box, data }), {
      code: "bad_replica",
    });
  });

  await t.step("a third party cannot open it", async () => {
    const other = await sealKeys();
    const box = await seal(hostSide, { a: 1 });
    await assert.rejects(
      unseal(await sharedKey(other, host.publicKey), box),
      { code: "bad_replica" },
    );
  });

  await t.step("a malformed public key is refused", async () => {
    await assert.rejects(sharedKey(host, "short"), { code: "bad_replica" });
  });
});
