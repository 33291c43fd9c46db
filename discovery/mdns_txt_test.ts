import assert from "node:assert/strict";
import { adToTxt, TXT_MAX_BYTES, txtToAd, txtWireBytes } from "./mdns_txt.ts";
import { DiscoveryPacketError } from "./errors.ts";
import type { RoomAd } from "./room_ad.ts";
import { sampleAd, SIZED_SIGNATURE } from "./testing.ts";

const S = SIZED_SIGNATURE;

const ad: RoomAd = sampleAd();

Deno.test("TXT record", async (t) => {
  const txt = adToTxt(ad, S);
  await t.step("documented keys, never the PIN", () => {
    assert.deepEqual(txt, {
      txtvers: "1",
      proto: "1",
      id: "host-1",
      game: "qcm",
      players: "3",
      cap: "32",
      state: "lobby",
      pin: "yes",
      key: S.key,
      sig: S.sig,
    });
    assert.ok(txtWireBytes(txt) <= TXT_MAX_BYTES);
  });
  await t.step("round trip", () => {
    assert.deepEqual(txtToAd(ad.name, ad.port, txt), { ad, signed: S });
    assert.deepEqual(txtToAd(ad.name, ad.port, { ...txt, pin: "no" })?.ad, {
      ...ad,
      locked: false,
    });
  });
  await t.step("an invalid ad is not written", () => {
    assert.throws(
      () => adToTxt({ ...ad, capacity: 0 }, S),
      (e) => e instanceof DiscoveryPacketError && e.code === "bad_ad",
    );
  });
  await t.step("what is read: keys, numbers, pin", () => {
    const without = (key: string) => {
      const copy: Record<string, string> = { ...txt };
      delete copy[key];
      return copy;
    };
    assert.deepEqual(txtToAd("x", 1, without("game")), {
      ad: { ...ad, name: "x", port: 1, game: "" },
      signed: S,
    });
    assert.deepEqual(
      txtToAd("x", 1, { ...txt, players: "007" })?.ad.players,
      7,
    );
    assert.equal(txtToAd("x", 1, without("txtvers"))?.ad.hostId, "host-1");
    for (
      const key of [
        "id",
        "players",
        "cap",
        "state",
        "pin",
        "proto",
        "key",
        "sig",
      ]
    ) {
      assert.equal(txtToAd("x", 1, without(key)), null, `without ${key}`);
    }
    assert.equal(txtToAd("x", 1, { ...txt, pin: "maybe" }), null);
    assert.equal(txtToAd("x", 1, { ...txt, players: "1e3" }), null);
    assert.equal(txtToAd("x", 1, { ...txt, players: " 3" }), null);
    assert.equal(txtToAd("x", 1, { ...txt, cap: "1234567" }), null);
    assert.equal(txtToAd("x", 1, { ...txt, cap: "0000032" }), null, "7 digits");
    assert.equal(txtToAd("x", 1, { ...txt, cap: "000032" })?.ad.capacity, 32);
    assert.equal(txtToAd("x", 1, { ...txt, id: "" }), null);
    assert.equal(txtToAd("", 1, txt), null);
  });
});
