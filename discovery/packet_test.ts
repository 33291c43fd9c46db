import assert from "node:assert/strict";
import fc from "fast-check";
import {
  adToTxt,
  broadcastAddress,
  decodeDiscoveryPacket,
  DiscoveryPacketError,
  encodeAd,
  encodeBye,
  encodeProbe,
  instanceLabel,
  MAX_DISCOVERY_BYTES,
  PROBE_BYTES,
  type RoomAd,
  sameSubnet,
  selectInterfaces,
  TXT_MAX_BYTES,
  txtToAd,
  txtWireBytes,
} from "./packet.ts";

const ad: RoomAd = {
  hostId: "host-1",
  name: "Salle 12",
  port: 50026,
  game: "qcm",
  players: 3,
  capacity: 32,
  state: "lobby",
  locked: true,
  protocol: 1,
};

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
}).map((r): RoomAd => ({ ...r }));

Deno.test("beacon packets", async (t) => {
  await t.step("ad round trip, with the beacon interval", () => {
    assert.deepEqual(decodeDiscoveryPacket(encodeAd(ad, 2000)), {
      type: "ad",
      ad,
      every: 2000,
    });
  });
  await t.step("documented JSON shape", () => {
    assert.equal(
      new TextDecoder().decode(encodeAd(ad)),
      '{"magic":"lanplay","v":1,"type":"ad","hostId":"host-1","name":"Salle 12",' +
        '"port":50026,"game":"qcm","players":3,"capacity":32,"state":"lobby",' +
        '"locked":true,"protocol":1,"every":1500}',
    );
  });
  await t.step("bye and probe round trip; probes are exactly 512 bytes", () => {
    assert.deepEqual(decodeDiscoveryPacket(encodeBye("host-1")), {
      type: "bye",
      hostId: "host-1",
    });
    const probe = encodeProbe("abc123");
    assert.equal(probe.length, PROBE_BYTES);
    assert.deepEqual(decodeDiscoveryPacket(probe), {
      type: "probe",
      nonce: "abc123",
    });
  });
  await t.step("every valid ad fits and round-trips (property)", () => {
    fc.assert(fc.property(adArb, (a) => {
      const bytes = encodeAd(a);
      assert.ok(bytes.length <= MAX_DISCOVERY_BYTES);
      assert.deepEqual(decodeDiscoveryPacket(bytes), {
        type: "ad",
        ad: a,
        every: 1500,
      });
      const txt = adToTxt(a);
      assert.ok(txtWireBytes(txt) <= TXT_MAX_BYTES);
      assert.ok(Object.keys(txt).every((k) => k.length <= 9));
      assert.deepEqual(txtToAd(a.name, a.port, txt), a);
    }));
  });
  await t.step("the biggest possible ad fits in 512 bytes", () => {
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
    };
    const bytes = encodeAd(big, 60000);
    assert.ok(bytes.length <= MAX_DISCOVERY_BYTES, `${bytes.length} bytes`);
  });
  await t.step("an invalid ad is refused with a typed error", () => {
    assert.throws(
      () => encodeAd({ ...ad, name: "" }),
      (e) => e instanceof DiscoveryPacketError && e.code === "bad_ad",
    );
    assert.throws(() => encodeAd({ ...ad, port: 0 }), DiscoveryPacketError);
    assert.throws(
      () => encodeAd({ ...ad, name: "a\ud800" }),
      DiscoveryPacketError,
    );
    assert.throws(() => encodeBye("bad id with spaces"), DiscoveryPacketError);
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
      new TextDecoder().decode(encodeAd(ad)).replace(
        '"players":3',
        '"players":-1',
      ),
    ),
    "short probe (amplification)": enc(
      '{"magic":"lanplay","v":1,"type":"probe","nonce":"abc"}',
    ),
    oversize: enc(
      '{"magic":"lanplay","v":1,"type":"bye","hostId":"h"}'.padEnd(513, " "),
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
    const base = encodeAd(ad);
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

Deno.test("TXT record", () => {
  const txt = adToTxt(ad);
  assert.deepEqual(txt, {
    txtvers: "1",
    proto: "1",
    id: "host-1",
    game: "qcm",
    players: "3",
    cap: "32",
    state: "lobby",
    pin: "yes",
  });
  assert.ok(!JSON.stringify(txt).includes("1234"), "never a PIN");
  assert.equal(txtToAd("x", 1, { ...txt, pin: "maybe" }), null);
  assert.equal(txtToAd("x", 1, { ...txt, players: "1e3" }), null);
  assert.equal(txtToAd("x", 1, { ...txt, id: "" }), null);
  assert.equal(instanceLabel("Salle 1.2"), "Salle 1-2");
  assert.ok(
    new TextEncoder().encode(instanceLabel("é".repeat(64))).length <= 63,
  );
});

Deno.test("interfaces and broadcast addresses", () => {
  assert.equal(broadcastAddress("198.18.0.7", "255.255.255.0"), "198.18.0.255");
  assert.equal(broadcastAddress("198.18.3.7", "255.254.0.0"), "198.19.255.255");
  assert.equal(
    broadcastAddress("10.0.0.1", "255.255.255.255"),
    "255.255.255.255",
  );
  assert.throws(() => broadcastAddress("x", "255.0.0.0"), DiscoveryPacketError);
  assert.ok(sameSubnet("198.18.0.9", "198.18.0.1", "255.255.255.0"));
  assert.ok(!sameSubnet("198.18.1.9", "198.18.0.1", "255.255.255.0"));
  const all = [
    {
      name: "lo",
      family: "IPv4" as const,
      address: "127.0.0.1",
      netmask: "255.0.0.0",
    },
    {
      name: "eth0",
      family: "IPv4" as const,
      address: "198.18.0.2",
      netmask: "255.255.255.0",
    },
    {
      name: "eth0",
      family: "IPv6" as const,
      address: "fe80::1",
      netmask: "ffff:ffff:ffff:ffff::",
    },
    {
      name: "eth1",
      family: "IPv4" as const,
      address: "198.18.1.2",
      netmask: "255.255.255.0",
    },
  ];
  assert.deepEqual(selectInterfaces(all).map((i) => i.name), ["eth0", "eth1"]);
  assert.deepEqual(selectInterfaces(all, ["198.18.1.2"]).map((i) => i.name), [
    "eth1",
  ]);
  assert.deepEqual(selectInterfaces(all, ["lo"]).map((i) => i.broadcast), [
    "127.255.255.255",
  ]);
  assert.deepEqual(selectInterfaces(all, ["wlan9"]), []);
});
