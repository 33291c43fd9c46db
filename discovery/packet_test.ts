import assert from "node:assert/strict";
import fc from "fast-check";
import {
  BEACON_EVERY_MS,
  decodeDiscoveryPacket,
  encodeAd,
  encodeBye,
  encodeProbe,
  EVERY_MAX_MS,
  EVERY_MIN_MS,
  MAX_DISCOVERY_BYTES,
  NONCE_MAX,
  PROBE_BYTES,
} from "./packet.ts";
import { DiscoveryPacketError } from "./errors.ts";
import { EPOCH_MAX, type RoomAd } from "./room_ad.ts";
import { adToTxt, TXT_MAX_BYTES, txtToAd, txtWireBytes } from "./mdns_txt.ts";
import { sampleAd, SIZED_SIGNATURE } from "./testing.ts";

const S = SIZED_SIGNATURE;

const ad: RoomAd = sampleAd();

const enc = (s: string) => new TextEncoder().encode(s);

const adArb = fc.record({
  hostId: fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/),
  name: fc.string({ minLength: 1, maxLength: 64, unit: "binary" }).filter((s) =>
    // deno-lint-ignore no-control-regex
    !/[\u0000-\u001f\u007f]/.test(s) && s.trim() !== "" && s.length <= 64
  ),
  port: fc.integer({ min: 1, max: 65535 }),
  game: fc.stringMatching(/^[a-z0-9_-]{0,32}$/),
  players: fc.integer({ min: 0, max: 10000 }),
  capacity: fc.integer({ min: 1, max: 10000 }),
  state: fc.constantFrom("lobby" as const, "playing" as const),
  locked: fc.boolean(),
  protocol: fc.integer({ min: 1, max: 1000 }),
  epoch: fc.integer({ min: 0, max: EPOCH_MAX }),
}).map((r): RoomAd => ({ ...r }));

Deno.test("beacon packets", async (t) => {
  await t.step("ad round trip, with the beacon interval", () => {
    assert.deepEqual(decodeDiscoveryPacket(encodeAd(ad, 2000, S)), {
      type: "ad",
      ad,
      every: 2000,
      ...S,
    });
  });
  await t.step("documented JSON shape", () => {
    assert.equal(
      new TextDecoder().decode(encodeAd(ad, 1500, S)),
      '{"magic":"lanplay","v":1,"type":"ad","hostId":"host-1","name":"Salle 12",' +
        '"port":50026,"game":"qcm","players":3,"capacity":32,"state":"lobby",' +
        '"locked":true,"protocol":1,"epoch":0,"every":1500,' +
        `"key":"${S.key}","sig":"${S.sig}"}`,
    );
  });
  await t.step(
    "bye and probe round trip; probes are exactly MAX_DISCOVERY_BYTES",
    () => {
      assert.deepEqual(decodeDiscoveryPacket(encodeBye("host-1", 4, S)), {
        type: "bye",
        hostId: "host-1",
        epoch: 4,
        ...S,
      });
      const probe = encodeProbe("abc123");
      assert.equal(probe.length, PROBE_BYTES);
      assert.deepEqual(decodeDiscoveryPacket(probe), {
        type: "probe",
        nonce: "abc123",
      });
    },
  );
  await t.step("every valid ad fits and round-trips (property)", () => {
    fc.assert(fc.property(adArb, (a) => {
      const bytes = encodeAd(a, 1500, S);
      assert.ok(bytes.length <= MAX_DISCOVERY_BYTES);
      assert.deepEqual(decodeDiscoveryPacket(bytes), {
        type: "ad",
        ad: a,
        every: 1500,
        ...S,
      });
      const txt = adToTxt(a, S);
      assert.ok(txtWireBytes(txt) <= TXT_MAX_BYTES);
      assert.ok(Object.keys(txt).every((k) => k.length <= 9));
      assert.deepEqual(txtToAd(a.name, a.port, txt), { ad: a, signed: S });
    }));
  });
  await t.step(
    "the biggest possible signed ad fits in MAX_DISCOVERY_BYTES",
    () => {
      const big: RoomAd = {
        hostId: "h".repeat(64),
        name: "€".repeat(63) + '"',
        port: 65535,
        game: "g".repeat(32),
        players: 10000,
        capacity: 10000,
        state: "playing",
        locked: false,
        protocol: 1000,
        epoch: EPOCH_MAX,
      };
      const bytes = encodeAd(big, 60000, S);
      assert.ok(bytes.length <= MAX_DISCOVERY_BYTES, `${bytes.length} bytes`);
    },
  );
  await t.step("an invalid ad is refused with a typed error", () => {
    assert.throws(
      () => encodeAd({ ...ad, name: "" }, 1500, S),
      (e) => e instanceof DiscoveryPacketError && e.code === "bad_ad",
    );
    assert.throws(
      () => encodeAd({ ...ad, port: 0 }, 1500, S),
      DiscoveryPacketError,
    );
    assert.throws(
      () => encodeAd({ ...ad, name: "a\ud800" }, 1500, S),
      DiscoveryPacketError,
    );
    assert.throws(
      () => encodeBye("bad id with spaces", 0, S),
      DiscoveryPacketError,
    );
    for (const epoch of [-1, 0.5, EPOCH_MAX + 1]) {
      assert.throws(
        () => encodeAd({ ...ad, epoch }, 1500, S),
        DiscoveryPacketError,
      );
      assert.throws(
        () => encodeBye("host-1", epoch, S),
        (e) => e instanceof DiscoveryPacketError && e.code === "bad_ad",
      );
    }
    assert.throws(() => encodeProbe("no spaces!"), DiscoveryPacketError);
  });
});

Deno.test("malformed, foreign and oversize packets are ignored", async (t) => {
  const cases: Record<string, Uint8Array> = {
    empty: new Uint8Array(),
    "not json": enc("hello"),
    "json array": enc("[1,2]"),
    "other magic": enc('{"magic":"other","v":1,"type":"bye","hostId":"h"}'),
    "other version": enc('{"magic":"lanplay","v":2,"type":"bye","hostId":"h"}'),
    "unknown type": enc('{"magic":"lanplay","v":1,"type":"hack"}'),
    "bad utf-8": new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    "ad missing fields": enc(
      '{"magic":"lanplay","v":1,"type":"ad","hostId":"h"}',
    ),
    "ad negative players": new TextEncoder().encode(
      new TextDecoder().decode(encodeAd(ad, 1500, S)).replace(
        '"players":3',
        '"players":-1',
      ),
    ),
    "short probe (amplification)": enc(
      '{"magic":"lanplay","v":1,"type":"probe","nonce":"abc"}',
    ),
    oversize: enc(
      '{"magic":"lanplay","v":1,"type":"bye","hostId":"h"}'.padEnd(
        MAX_DISCOVERY_BYTES + 1,
        " ",
      ),
    ),
    "bye with bad id": enc(
      '{"magic":"lanplay","v":1,"type":"bye","hostId":"a b"}',
    ),
  };
  for (const [name, bytes] of Object.entries(cases)) {
    await t.step(name, () => assert.equal(decodeDiscoveryPacket(bytes), null));
  }
  await t.step("random bytes never throw (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), (b) => {
        const p = decodeDiscoveryPacket(b);
        assert.ok(p === null || typeof p.type === "string");
      }),
      { numRuns: 2000 },
    );
  });
  await t.step("mutated valid packets never throw (property)", () => {
    const base = encodeAd(ad, 1500, S);
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })),
          {
            maxLength: 8,
          },
        ),
        (muts) => {
          const b = base.slice();
          for (const [i, v] of muts) b[i] = v;
          const p = decodeDiscoveryPacket(b);
          if (p?.type === "ad") assert.equal(p.ad.hostId.length > 0, true);
        },
      ),
      { numRuns: 2000 },
    );
  });
  await t.step("random JSON objects never throw (property)", () => {
    fc.assert(fc.property(fc.object(), (o) => {
      const b = enc(JSON.stringify({ magic: "lanplay", v: 1, ...o }));
      decodeDiscoveryPacket(b);
    }));
  });
});

Deno.test("the packet limits", async (t) => {
  const adPacket = (extra: Record<string, unknown>) =>
    enc(
      JSON.stringify({
        magic: "lanplay",
        v: 1,
        type: "ad",
        ...ad,
        ...S,
        ...extra,
      }),
    );
  const probe = (nonce: unknown, size = PROBE_BYTES) =>
    enc(
      JSON.stringify({ magic: "lanplay", v: 1, type: "probe", nonce })
        .padEnd(size, " "),
    );
  await t.step("every: 100..60000 ms, else the default", () => {
    const every = (v: unknown) => {
      const p = decodeDiscoveryPacket(adPacket({ every: v }));
      return p?.type === "ad" ? p.every : null;
    };
    assert.equal(every(EVERY_MIN_MS), 100);
    assert.equal(every(EVERY_MAX_MS), 60000);
    assert.equal(every(EVERY_MIN_MS - 1), BEACON_EVERY_MS);
    assert.equal(every(EVERY_MAX_MS + 1), BEACON_EVERY_MS);
    assert.equal(every(150.5), BEACON_EVERY_MS);
    assert.equal(every("2000"), BEACON_EVERY_MS);
    assert.equal(every(undefined), BEACON_EVERY_MS);
  });
  await t.step("probe nonce: 1 to 32 letters or digits", () => {
    assert.deepEqual(decodeDiscoveryPacket(probe("a".repeat(NONCE_MAX))), {
      type: "probe",
      nonce: "a".repeat(NONCE_MAX),
    });
    for (const bad of ["", "a".repeat(NONCE_MAX + 1), "a-b", "é", 5]) {
      assert.equal(decodeDiscoveryPacket(probe(bad)), null, String(bad));
    }
    encodeProbe("Z".repeat(NONCE_MAX));
    for (const bad of ["", "a".repeat(NONCE_MAX + 1), "a b"]) {
      assert.throws(
        () => encodeProbe(bad),
        (e) => e instanceof DiscoveryPacketError && e.code === "bad_nonce",
      );
    }
  });
  await t.step("probe size: exactly PROBE_BYTES, not one less", () => {
    assert.equal(decodeDiscoveryPacket(probe("abc", PROBE_BYTES - 1)), null);
    assert.notEqual(decodeDiscoveryPacket(probe("abc", PROBE_BYTES)), null);
  });
  await t.step("any packet: MAX_DISCOVERY_BYTES at most", () => {
    const bye = (size: number) =>
      enc(
        JSON.stringify({
          magic: "lanplay",
          v: 1,
          type: "bye",
          hostId: "h",
          ...S,
        })
          .padEnd(size, " "),
      );
    assert.notEqual(decodeDiscoveryPacket(bye(MAX_DISCOVERY_BYTES)), null);
    assert.equal(decodeDiscoveryPacket(bye(MAX_DISCOVERY_BYTES + 1)), null);
  });
  await t.step("bye: a valid host id", () => {
    const bye = (hostId: unknown) =>
      enc(
        JSON.stringify({ magic: "lanplay", v: 1, type: "bye", hostId, ...S }),
      );
    assert.notEqual(decodeDiscoveryPacket(bye("h".repeat(64))), null);
    for (const bad of ["", "h".repeat(65), "a b", 7]) {
      assert.equal(decodeDiscoveryPacket(bye(bad)), null, String(bad));
    }
    assert.throws(
      () => encodeBye("h".repeat(65), 0, S),
      (e) => e instanceof DiscoveryPacketError && e.code === "bad_ad",
    );
  });
  await t.step("epoch: 0..EPOCH_MAX, absent means 0", () => {
    const adEpoch = (extra: Record<string, unknown>) => {
      const p = decodeDiscoveryPacket(adPacket(extra));
      return p?.type === "ad" ? p.ad.epoch : null;
    };
    const { epoch: _e, ...older } = ad;
    const olderAd = enc(
      JSON.stringify({ magic: "lanplay", v: 1, type: "ad", ...older, ...S }),
    );
    const p = decodeDiscoveryPacket(olderAd);
    assert.equal(p?.type === "ad" ? p.ad.epoch : null, 0, "older host's ad");
    assert.equal(adEpoch({ epoch: EPOCH_MAX }), EPOCH_MAX);
    for (const bad of [-1, EPOCH_MAX + 1, 1.5, "1", null]) {
      assert.equal(adEpoch({ epoch: bad }), null, String(bad));
    }
    const bye = (extra: Record<string, unknown>) =>
      decodeDiscoveryPacket(enc(JSON.stringify({
        magic: "lanplay",
        v: 1,
        type: "bye",
        hostId: "h",
        ...S,
        ...extra,
      })));
    assert.deepEqual(bye({}), { type: "bye", hostId: "h", epoch: 0, ...S });
    assert.equal(bye({ epoch: EPOCH_MAX })?.type, "bye");
    for (const bad of [-1, EPOCH_MAX + 1, 1.5, "1", null]) {
      assert.equal(bye({ epoch: bad }), null, String(bad));
    }
  });
  await t.step("magic, version and type must match exactly", () => {
    assert.equal(decodeDiscoveryPacket(adPacket({ magic: "Lanplay" })), null);
    assert.equal(decodeDiscoveryPacket(adPacket({ v: "1" })), null);
    assert.equal(decodeDiscoveryPacket(adPacket({ type: "AD" })), null);
    const noMagic = JSON.stringify({ v: 1, type: "bye", hostId: "h" });
    assert.equal(decodeDiscoveryPacket(enc(noMagic)), null);
  });
  await t.step("ads and byes without a key or signature are dropped", () => {
    const { key: _k, ...noKey } = S;
    const { sig: _s, ...noSig } = S;
    const raw = (extra: Record<string, unknown>) =>
      enc(
        JSON.stringify({ magic: "lanplay", v: 1, type: "ad", ...ad, ...extra }),
      );
    assert.notEqual(decodeDiscoveryPacket(raw(S)), null);
    assert.equal(decodeDiscoveryPacket(raw(noKey)), null);
    assert.equal(decodeDiscoveryPacket(raw(noSig)), null);
    assert.equal(decodeDiscoveryPacket(raw({ ...S, sig: "a b" })), null);
    const bye = (extra: Record<string, unknown>) =>
      enc(
        JSON.stringify({
          magic: "lanplay",
          v: 1,
          type: "bye",
          hostId: "h",
          ...extra,
        }),
      );
    assert.notEqual(decodeDiscoveryPacket(bye(S)), null);
    assert.equal(decodeDiscoveryPacket(bye({})), null);
  });
  await t.step("decoded ads carry only the ad's fields", () => {
    const p = decodeDiscoveryPacket(adPacket({ pin: "1234", every: 2000 }));
    assert.deepEqual(p, { type: "ad", ad, every: 2000, ...S });
  });
});
