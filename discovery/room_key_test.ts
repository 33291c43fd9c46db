import assert from "node:assert/strict";
import {
  createRoomKey,
  fingerprintOf,
  proofData,
  roomIdOf,
  verifyRoomSignature,
} from "./room_key.ts";

Deno.test("room key: the id comes from the public key, signatures verify", async (t) => {
  const a = await createRoomKey();
  const b = await createRoomKey();
  await t.step("id and fingerprint", async () => {
    assert.match(a.id, /^[0-9a-f]{32}$/);
    assert.equal(await roomIdOf(a.publicKey), a.id);
    assert.notEqual(a.id, b.id);
    assert.equal(a.fingerprint, fingerprintOf(a.id));
    assert.match(a.fingerprint, /^[0-9A-F]{4}-[0-9A-F]{4}$/);
  });
  await t.step(
    "a signature verifies with its key only, for its data only",
    async () => {
      const data = proofData("abc");
      const sig = await a.sign(data);
      assert.equal(await verifyRoomSignature(a.publicKey, data, sig), true);
      assert.equal(await verifyRoomSignature(b.publicKey, data, sig), false);
      assert.equal(
        await verifyRoomSignature(a.publicKey, proofData("abd"), sig),
        false,
      );
    },
  );
  await t.step(
    "malformed keys and signatures are false, never a throw",
    async () => {
      const data = proofData("abc");
      const sig = await a.sign(data);
      for (
        const [key, s] of [["", sig], ["!!", sig], [a.publicKey, ""], [
          a.publicKey,
          "@@",
        ], [a.publicKey, sig.slice(2)]]
      ) {
        assert.equal(await verifyRoomSignature(key, data, s), false);
      }
      assert.equal(await roomIdOf("AAAA"), null);
      assert.equal(await roomIdOf("not base64!"), null);
    },
  );
});
