import assert from "node:assert/strict";
import {
  adToTxt,
  TXT_MAX_BYTES,
  txtEpoch,
  txtToAd,
  txtWireBytes,
} from "./mdns_txt.ts";
import { EPOCH_MAX } from "./room_ad.ts";
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
      ep: "0",
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
  await t.step("the epoch: ep, absent means 0 (an older host)", () => {
    const at = (ep: string) => txtToAd("x", 1, { ...txt, ep })?.ad.epoch;
    const { ep: _ep, ...older } = txt;
    assert.equal(txtToAd("x", 1, older)?.ad.epoch, 0);
    assert.equal(at("3"), 3);
    assert.equal(at(String(EPOCH_MAX)), EPOCH_MAX);
    assert.deepEqual(
      txtToAd(ad.name, ad.port, adToTxt({ ...ad, epoch: 12 }, S))?.ad,
      { ...ad, epoch: 12 },
    );
    for (const bad of [String(EPOCH_MAX + 1), "-1", "1.5", "", "12345678"]) {
      assert.equal(at(bad), undefined, bad);
      assert.equal(txtEpoch({ ep: bad }), null, bad);
    }
    assert.equal(txtEpoch({}), 0);
    assert.equal(txtEpoch({ ep: "007" }), 7);
    const biggest = adToTxt({
      ...ad,
      hostId: "h".repeat(64),
      game: "g".repeat(32),
      players: 10000,
      capacity: 10000,
      protocol: 1000,
      epoch: EPOCH_MAX,
    }, S);
    assert.ok(
      txtWireBytes(biggest) <= TXT_MAX_BYTES,
      `${txtWireBytes(biggest)}`,
    );
  });
});
