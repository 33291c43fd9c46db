import assert from "node:assert/strict";
import {
  adSignedBytes,
  AdVerifier,
  byeSignedBytes,
  DEFAULT_VERIFY_LIMITS,
  mdnsAd,
  signRoom,
} from "./ad_signature.ts";
import { createRoomKey } from "./room_key.ts";
import { EPOCH_MAX, type RoomAd } from "./room_ad.ts";
import {
  decodeDiscoveryPacket,
  encodeAd,
  encodeBye,
  MAX_DISCOVERY_BYTES,
} from "./packet.ts";
import { adToTxt, TXT_MAX_BYTES, txtWireBytes } from "./mdns_txt.ts";

const room = await createRoomKey();
const forger = await createRoomKey();
const ad: RoomAd = {
  hostId: room.id,
  name: "Salle 1.2",
  port: 50026,
  game: "qcm",
  players: 2,
  capacity: 32,
  state: "lobby",
  locked: false,
  protocol: 1,
  epoch: 0,
};

Deno.test("signed ads: only the room's key makes a valid ad", async (t) => {
  const signed = await signRoom(ad, room, 1500);
  const check = (
    hostId: string,
    bytes: Uint8Array<ArrayBuffer>,
    s: { key: string; sig: string },
  ) => new AdVerifier().verify(hostId, bytes, s, 0);

  await t.step("the room's own ad, bye and mDNS ad verify", async () => {
    assert.equal(
      await check(room.id, adSignedBytes(ad, 1500), signed.beacon),
      "valid",
    );
    assert.equal(
      await check(room.id, adSignedBytes(mdnsAd(ad), 0), signed.mdns),
      "valid",
    );
    assert.equal(mdnsAd(ad).name, "Salle 1-2");
    assert.equal(
      await check(room.id, byeSignedBytes(room.id, 0), signed.bye),
      "valid",
    );
  });
  await t.step("a forger's key under the room's id is refused", async () => {
    const bytes = adSignedBytes(ad, 1500);
    const forged = { key: forger.publicKey, sig: await forger.sign(bytes) };
    assert.equal(await check(room.id, bytes, forged), "invalid");
    const bye = byeSignedBytes(room.id, 0);
    const forgedBye = { key: forger.publicKey, sig: await forger.sign(bye) };
    assert.equal(await check(room.id, bye, forgedBye), "invalid");
  });
  await t.step("the room's key with a changed ad is refused", async () => {
    for (
      const changed of [
        { ...ad, name: "Salle 2" },
        { ...ad, port: 6000 },
        { ...ad, players: 3 },
        { ...ad, locked: true },
      ]
    ) {
      assert.equal(
        await check(room.id, adSignedBytes(changed, 1500), signed.beacon),
        "invalid",
      );
    }
    assert.equal(
      await check(room.id, adSignedBytes(ad, 60000), signed.beacon),
      "invalid",
      "every is signed: a replay cannot stretch the lifetime",
    );
  });
  await t.step("an ad signature is not a goodbye", async () => {
    assert.equal(
      await check(room.id, byeSignedBytes(room.id, 0), signed.beacon),
      "invalid",
    );
  });
  await t.step("signed packets fit their limits", () => {
    const big: RoomAd = {
      ...ad,
      name: "€".repeat(63) + '"',
      game: "g".repeat(32),
      players: 10000,
      capacity: 10000,
      protocol: 1000,
      epoch: EPOCH_MAX,
    };
    const bytes = encodeAd(big, 60000, signed.beacon);
    assert.ok(bytes.length <= MAX_DISCOVERY_BYTES, `${bytes.length} bytes`);
    assert.ok(
      encodeBye(room.id, EPOCH_MAX, signed.bye).length <= MAX_DISCOVERY_BYTES,
    );
    const txt = adToTxt({ ...big, name: "x" }, signed.mdns);
    assert.ok(txtWireBytes(txt) <= TXT_MAX_BYTES, `${txtWireBytes(txt)}`);
    const p = decodeDiscoveryPacket(encodeAd(ad, 1500, signed.beacon));
    assert.equal(p?.type, "ad");
  });
});

Deno.test("the epoch is signed, in ads and goodbyes", async (t) => {
  const check = (bytes: Uint8Array<ArrayBuffer>, s: { sig: string }) =>
    new AdVerifier().verify(room.id, bytes, { key: room.publicKey, ...s }, 0);
  const first = await signRoom(ad, room, 1500);
  const next = await signRoom({ ...ad, epoch: 1 }, room, 1500);
  await t.step("each host's own ad and goodbye verify", async () => {
    assert.equal(await check(adSignedBytes(ad, 1500), first.beacon), "valid");
    assert.equal(
      await check(adSignedBytes({ ...ad, epoch: 1 }, 1500), next.beacon),
      "valid",
    );
    assert.equal(
      await check(adSignedBytes(mdnsAd({ ...ad, epoch: 1 }), 0), next.mdns),
      "valid",
    );
    assert.equal(await check(byeSignedBytes(room.id, 1), next.bye), "valid");
  });
  await t.step("an ad of one epoch does not pass for another", async () => {
    for (const epoch of [1, 2, EPOCH_MAX]) {
      assert.equal(
        await check(adSignedBytes({ ...ad, epoch }, 1500), first.beacon),
        "invalid",
        `epoch 0 as ${epoch}`,
      );
    }
    assert.equal(await check(adSignedBytes(ad, 1500), next.beacon), "invalid");
    assert.equal(
      await check(adSignedBytes({ ...ad, epoch: 2 }, 1500), next.beacon),
      "invalid",
    );
  });
  await t.step("an old epoch's goodbye is not the new host's", async () => {
    assert.equal(await check(byeSignedBytes(room.id, 1), first.bye), "invalid");
    assert.equal(await check(byeSignedBytes(room.id, 0), next.bye), "invalid");
    assert.equal(await check(byeSignedBytes(room.id, 2), next.bye), "invalid");
  });
  await t.step("epoch 0 signs the bytes of hosts older than epochs", () => {
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    assert.equal(
      text(adSignedBytes(ad, 1500)),
      `lanplay/1 ad ["${room.id}","Salle 1.2",50026,"qcm",2,32,"lobby",false,1,1500]`,
    );
    assert.equal(text(byeSignedBytes(room.id, 0)), `lanplay/1 bye ${room.id}`);
    assert.equal(
      text(byeSignedBytes(room.id, 7)),
      `lanplay/1 bye ${room.id} 7`,
    );
  });
});

Deno.test("verification cost is bounded: cache, then budget", async (t) => {
  const bytes = adSignedBytes(ad, 1500);
  const signed = { key: room.publicKey, sig: await room.sign(bytes) };
  await t.step("a repeated ad is verified once", async () => {
    const v = new AdVerifier();
    for (let i = 0; i < 50; i++) {
      assert.equal(await v.verify(room.id, bytes, signed, i), "valid");
    }
    assert.equal(v.checks, 1);
  });
  await t.step("a cached signature does not validate other bytes", async () => {
    const v = new AdVerifier();
    await v.verify(room.id, bytes, signed, 0);
    const other = adSignedBytes({ ...ad, players: 30 }, 1500);
    assert.equal(await v.verify(room.id, other, signed, 1), "invalid");
  });
  await t.step(
    "new bytes beyond the budget are dropped unchecked",
    async () => {
      const v = new AdVerifier({ cacheSize: 16, burst: 5, rate: 10 });
      const verdicts: string[] = [];
      for (let i = 0; i < 20; i++) {
        const b = adSignedBytes({ ...ad, players: i }, 1500);
        verdicts.push(
          await v.verify(room.id, b, { key: room.publicKey, sig: "x" }, 0),
        );
      }
      assert.equal(verdicts.filter((x) => x === "throttled").length, 15);
      assert.equal(v.checks, 5);
      // 100 ms later: 1 more check earned at 10/s.
      const b = adSignedBytes({ ...ad, players: 99 }, 1500);
      const sig = await room.sign(b);
      assert.equal(
        await v.verify(room.id, b, { key: room.publicKey, sig }, 100),
        "valid",
      );
      // The cached ad still passes when the budget is spent.
      assert.equal(
        await v.verify(room.id, b, { key: room.publicKey, sig }, 100),
        "valid",
      );
    },
  );
  await t.step("the cache is bounded", async () => {
    const v = new AdVerifier({ cacheSize: 4, burst: 100, rate: 100 });
    for (let i = 0; i < 10; i++) {
      const b = adSignedBytes({ ...ad, players: i }, 1500);
      const sig = await room.sign(b);
      await v.verify(room.id, b, { key: room.publicKey, sig }, 0);
    }
    assert.equal(v.cached, 4);
    assert.ok(DEFAULT_VERIFY_LIMITS.cacheSize >= 256);
  });
});
