import assert from "node:assert/strict";
import { seededRoomKey } from "./seeded_key.ts";
import { verifyRoomSignature } from "../../discovery/room_key.ts";

Deno.test("a seeded key is stable, distinct per label, and signs", async () => {
  const a = await seededRoomKey("host-1");
  const b = await seededRoomKey("host-2");
  assert.equal((await seededRoomKey("host-1")).id, a.id);
  assert.notEqual(a.id, b.id);
  const data = new TextEncoder().encode("x");
  assert.ok(await verifyRoomSignature(a.publicKey, data, await a.sign(data)));
  assert.ok(!await verifyRoomSignature(b.publicKey, data, await a.sign(data)));
});
