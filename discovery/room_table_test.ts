import assert from "node:assert/strict";
import fc from "fast-check";
import {
  GOODBYE_QUIET_MS,
  HostTable,
  MAX_ADDRESSES,
  MAX_ROOMS,
  MAX_ROOMS_PER_SOURCE,
  TTL_MAX_MS,
} from "./room_table.ts";
import type { RoomAd } from "./room_ad.ts";

const ad = (id: string, extra: Partial<RoomAd> = {}): RoomAd => ({
  hostId: id,
  name: `Salle ${id}`,
  port: 50026,
  game: "qcm",
  players: 0,
  capacity: 32,
  state: "lobby",
  locked: false,
  protocol: 1,
  ...extra,
});

Deno.test("one row per host id, whatever the channel or interface", () => {
  const t = new HostTable(1000);
  assert.ok(
    t.seen({
      via: "broadcast",
      ad: ad("a"),
      source: "198.18.0.1",
      ttlMs: 5000,
      now: 1010,
    }),
  );
  assert.ok(
    t.seen({
      via: "mdns",
      ad: ad("a"),
      source: "198.18.0.1",
      announced: ["198.18.0.1"],
      ttlMs: 8000,
      now: 1030,
    }),
  );
  assert.ok(
    t.seen({
      via: "broadcast",
      ad: ad("a"),
      source: "198.18.1.1",
      ttlMs: 5000,
      now: 1040,
    }),
  );
  assert.ok(
    !t.seen({
      via: "broadcast",
      ad: ad("a"),
      source: "198.18.0.1",
      ttlMs: 5000,
      now: 1050,
    }),
    "nothing new",
  );
  const [h, ...rest] = t.list();
  assert.equal(rest.length, 0);
  assert.deepEqual(h.via, ["broadcast", "mdns"]);
  assert.equal(h.address, "198.18.0.1", "first address that answered");
  assert.deepEqual(h.addresses, ["198.18.0.1", "198.18.1.1"]);
  assert.equal(h.firstSeenMs, 10);
  assert.deepEqual(h.viaMs, { broadcast: 10, mdns: 30 });
  assert.equal(h.lastSeen, 1050);
});

Deno.test("the newest ad wins", () => {
  const t = new HostTable(0);
  t.seen({ via: "broadcast", ad: ad("a"), source: "x", ttlMs: 5000, now: 1 });
  assert.ok(
    t.seen({
      via: "mdns",
      ad: ad("a", { players: 4 }),
      source: "x",
      ttlMs: 5000,
      now: 2,
    }),
  );
  assert.equal(t.list()[0].players, 4);
});

Deno.test("goodbye removes at once and keeps late packets out for a while", () => {
  const t = new HostTable(0);
  t.seen({ via: "broadcast", ad: ad("a"), source: "x", ttlMs: 5000, now: 1 });
  t.seen({ via: "mdns", ad: ad("a"), source: "x", ttlMs: 8000, now: 1 });
  assert.ok(t.goodbye("a", 100));
  assert.deepEqual(t.list(), []);
  assert.ok(
    !t.seen({ via: "mdns", ad: ad("a"), source: "x", ttlMs: 8000, now: 200 }),
  );
  assert.deepEqual(t.list(), []);
  assert.ok(
    t.seen({
      via: "broadcast",
      ad: ad("a"),
      source: "x",
      ttlMs: 5000,
      now: 100 + GOODBYE_QUIET_MS,
    }),
  );
  assert.equal(t.list().length, 1);
  assert.ok(!t.goodbye("unknown", 0));
});

Deno.test("silent hosts expire channel by channel", () => {
  const t = new HostTable(0);
  t.seen({ via: "broadcast", ad: ad("a"), source: "x", ttlMs: 5000, now: 0 });
  t.seen({ via: "mdns", ad: ad("a"), source: "x", ttlMs: 8000, now: 0 });
  t.seen({ via: "broadcast", ad: ad("b"), source: "y", ttlMs: 5000, now: 0 });
  assert.equal(t.nextExpiry(), 5000);
  assert.ok(!t.expire(4999));
  assert.ok(t.expire(5000));
  assert.deepEqual(t.list().map((h) => [h.hostId, h.via]), [["a", ["mdns"]]]);
  assert.equal(t.nextExpiry(), 8000);
  assert.ok(t.expire(8000));
  assert.deepEqual(t.list(), []);
  assert.equal(t.nextExpiry(), null);
});

Deno.test("list is sorted by name, then id", () => {
  const t = new HostTable(0);
  for (const [id, name] of [["z", "B"], ["y", "A"], ["x", "B"]]) {
    t.seen({
      via: "broadcast",
      ad: ad(id, { name }),
      source: id,
      ttlMs: 1,
      now: 0,
    });
  }
  assert.deepEqual(t.list().map((h) => h.hostId), ["y", "x", "z"]);
});

Deno.test("any event sequence keeps one row per host id (property)", () => {
  const ev = fc.oneof(
    fc.record({
      kind: fc.constant("seen" as const),
      id: fc.constantFrom("a", "b", "c"),
      via: fc.constantFrom("mdns" as const, "broadcast" as const),
      source: fc.constantFrom("198.18.0.1", "198.18.1.1"),
      ttl: fc.integer({ min: 1, max: 9000 }),
      dt: fc.nat(3000),
    }),
    fc.record({
      kind: fc.constant("bye" as const),
      id: fc.constantFrom("a", "b", "c"),
      dt: fc.nat(3000),
    }),
    fc.record({ kind: fc.constant("expire" as const), dt: fc.nat(9000) }),
  );
  fc.assert(fc.property(fc.array(ev, { maxLength: 60 }), (events) => {
    const t = new HostTable(0);
    let now = 0;
    for (const e of events) {
      now += e.dt;
      if (e.kind === "seen") {
        t.seen({
          via: e.via,
          ad: ad(e.id),
          source: e.source,
          ttlMs: e.ttl,
          now,
        });
      } else if (e.kind === "bye") t.goodbye(e.id, now);
      else t.expire(now);
      const list = t.list();
      const ids = list.map((h) => h.hostId);
      assert.equal(new Set(ids).size, ids.length);
      for (const h of list) {
        assert.ok(h.via.length > 0);
        assert.ok(h.addresses.length > 0 && h.address === h.addresses[0]);
      }
    }
  }));
});

Deno.test("a room's data comes from its owner; a replay adds an address at most", () => {
  const t = new HostTable(0);
  const seen = (source: string, extra: Partial<RoomAd>, now: number) =>
    t.seen({ via: "broadcast", ad: ad("a", extra), source, ttlMs: 5000, now });
  seen("198.18.0.1", { players: 1 }, 0);
  // The same room's (signed) ad replayed from elsewhere, older data.
  assert.ok(seen("198.18.0.66", { players: 9 }, 10), "an address is added");
  let [h] = t.list();
  assert.equal(h.players, 1, "the replay does not overwrite the data");
  assert.equal(h.address, "198.18.0.1", "the owner stays first");
  assert.deepEqual(h.addresses, ["198.18.0.1", "198.18.0.66"]);
  assert.ok(seen("198.18.0.1", { players: 2 }, 20));
  assert.equal(t.list()[0].players, 2, "the owner updates it");
  // The owner falls silent past its TTL; the other address takes over.
  assert.ok(seen("198.18.0.66", { players: 3 }, 5021));
  [h] = t.list();
  assert.equal(h.players, 3);
  assert.equal(h.address, "198.18.0.66");
});

Deno.test("the table keeps at most maxRooms rooms; known ones are refreshed", () => {
  const t = new HostTable(0, 3);
  for (let i = 0; i < 10; i++) {
    t.seen({
      via: "broadcast",
      ad: ad(`r${i}`),
      source: `198.18.0.${i}`,
      ttlMs: 5000,
      now: i,
    });
  }
  assert.equal(t.size, 3);
  assert.equal(t.dropped, 7);
  assert.ok(
    t.seen({
      via: "broadcast",
      ad: ad("r1", { players: 4 }),
      source: "198.18.0.1",
      ttlMs: 5000,
      now: 20,
    }),
  );
  assert.equal(t.list().find((h) => h.hostId === "r1")?.players, 4);
  assert.equal(MAX_ROOMS, 256);
});

Deno.test("no sighting lives longer than TTL_MAX_MS", () => {
  const t = new HostTable(0);
  t.seen({
    via: "mdns",
    ad: ad("a"),
    source: "198.18.0.1",
    ttlMs: 2 ** 31 * 1000,
    now: 0,
  });
  assert.equal(t.nextExpiry(), TTL_MAX_MS);
  assert.ok(t.expire(TTL_MAX_MS));
  assert.equal(t.list().length, 0);
});

Deno.test("at most MAX_ADDRESSES addresses a room", () => {
  const t = new HostTable(0);
  for (let i = 0; i < 50; i++) {
    t.seen({
      via: "broadcast",
      ad: ad("a"),
      source: `198.18.0.${i}`,
      announced: [`198.18.1.${i}`],
      ttlMs: 5000,
      now: i,
    });
  }
  assert.ok(t.list()[0].addresses.length <= 2 * MAX_ADDRESSES);
  assert.equal(t.list()[0].address, "198.18.0.0");
});

Deno.test("every found host has the fingerprint of its id", () => {
  const t = new HostTable(0);
  const id = "0123456789abcdef0123456789ab7f3a";
  t.seen({ via: "mdns", ad: ad(id), source: "x", ttlMs: 1, now: 0 });
  assert.equal(t.list()[0].fingerprint, "89AB-7F3A");
});

Deno.test("one address brings at most MAX_ROOMS_PER_SOURCE rooms", () => {
  const t = new HostTable(0);
  for (let i = 0; i < 40; i++) {
    t.seen({
      via: "broadcast",
      ad: ad(`r${i}`),
      source: "198.18.0.66",
      ttlMs: 5000,
      now: i,
    });
  }
  assert.equal(t.size, MAX_ROOMS_PER_SOURCE);
  assert.ok(
    t.seen({
      via: "broadcast",
      ad: ad("other"),
      source: "198.18.0.1",
      ttlMs: 5000,
      now: 50,
    }),
    "another address still brings its room",
  );
});
