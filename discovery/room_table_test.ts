import assert from "node:assert/strict";
import fc from "fast-check";
import {
  GOODBYE_QUIET_MS,
  HostTable,
  MAX_ADDRESSES,
  MAX_ROOMS,
  MAX_ROOMS_PER_SOURCE,
  type Sighting,
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
  epoch: 0,
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
  assert.ok(t.goodbye("a", 0, 100));
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
  assert.ok(!t.goodbye("unknown", 0, 0));
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
      epoch: fc.nat(3),
      dt: fc.nat(3000),
    }),
    fc.record({
      kind: fc.constant("bye" as const),
      id: fc.constantFrom("a", "b", "c"),
      epoch: fc.nat(3),
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
          ad: ad(e.id, { epoch: e.epoch }),
          source: e.source,
          ttlMs: e.ttl,
          now,
        });
      } else if (e.kind === "bye") t.goodbye(e.id, e.epoch, now);
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

Deno.test("epochs: one host of a room at a time, the highest", async (t) => {
  const sight = (
    table: HostTable,
    epoch: number,
    source: string,
    now: number,
    extra: Partial<Sighting> = {},
  ) =>
    table.seen({
      via: "broadcast",
      ad: ad("a", { epoch, port: 50000 + epoch, players: epoch }),
      source,
      ttlMs: 5000,
      now,
      ...extra,
    });
  /** Epoch 0 heard on both channels from two addresses, with A records. */
  const oldHost = () => {
    const table = new HostTable(0);
    sight(table, 0, "198.18.0.1", 10, {
      via: "mdns",
      announced: ["198.18.0.1", "198.18.9.1"],
    });
    sight(table, 0, "198.18.1.1", 20);
    assert.deepEqual(table.list()[0].addresses, [
      "198.18.0.1",
      "198.18.1.1",
      "198.18.9.1",
    ]);
    return table;
  };

  await t.step("a higher epoch replaces the row, addresses and all", () => {
    const table = oldHost();
    assert.ok(sight(table, 1, "198.18.0.3", 100), "a change");
    const [h, ...rest] = table.list();
    assert.equal(rest.length, 0);
    assert.equal(h.epoch, 1);
    assert.equal(h.port, 50001);
    assert.equal(h.address, "198.18.0.3");
    assert.deepEqual(h.addresses, ["198.18.0.3"], "no old address lingers");
    assert.deepEqual(h.via, ["broadcast"], "only where the new host is heard");
    assert.deepEqual(h.viaMs, { broadcast: 100 });
    assert.equal(h.firstSeenMs, 100);
    // The new host owns the row: its updates count, the old one's do not.
    assert.ok(
      sight(table, 1, "198.18.0.3", 200, {
        ad: ad("a", { epoch: 1, players: 7 }),
      }),
    );
    assert.equal(table.list()[0].players, 7);
  });

  await t.step("a lower epoch is ignored while the kept one lives", () => {
    const table = oldHost();
    sight(table, 2, "198.18.0.3", 100);
    for (const [epoch, source] of [[0, "198.18.0.1"], [1, "198.18.0.4"]]) {
      assert.ok(!sight(table, epoch as number, source as string, 200));
      assert.ok(
        !sight(table, epoch as number, source as string, 300, { via: "mdns" }),
      );
    }
    const [h] = table.list();
    assert.equal(h.epoch, 2);
    assert.deepEqual(h.addresses, ["198.18.0.3"], "not even an address");
    assert.deepEqual(h.via, ["broadcast"]);
    // Past the kept host's TTL (not yet expired): the lower epoch is back.
    assert.ok(sight(table, 0, "198.18.0.1", 5100));
    assert.equal(table.list()[0].epoch, 0);
    assert.deepEqual(table.list()[0].addresses, ["198.18.0.1"]);
  });

  await t.step("a goodbye of a lower epoch is ignored", () => {
    const table = oldHost();
    sight(table, 1, "198.18.0.3", 100);
    assert.ok(!table.goodbye("a", 0, 150), "the old host leaving late");
    assert.equal(table.list()[0]?.epoch, 1);
    assert.ok(table.goodbye("a", 1, 160), "the new host's own goodbye");
    assert.deepEqual(table.list(), []);
  });

  await t.step("a goodbye keeps its epoch out, not a higher one", () => {
    const table = oldHost();
    assert.ok(table.goodbye("a", 0, 100), "clean handover: old host leaves");
    assert.ok(!sight(table, 0, "198.18.0.1", 110), "late packet of epoch 0");
    assert.ok(sight(table, 1, "198.18.0.3", 120), "the new host at once");
    assert.equal(table.list()[0].epoch, 1);
    assert.ok(!sight(table, 0, "198.18.0.1", 130));
    assert.equal(table.list()[0].epoch, 1);
  });

  await t.step("a new epoch is no new room for the caps", () => {
    const table = new HostTable(0, 1);
    sight(table, 0, "198.18.0.1", 0);
    assert.ok(sight(table, 1, "198.18.0.3", 10));
    assert.equal(table.dropped, 0);
    const perSource = new HostTable(0);
    for (let i = 0; i < MAX_ROOMS_PER_SOURCE; i++) {
      perSource.seen({
        via: "broadcast",
        ad: ad(`r${i}`),
        source: "198.18.0.3",
        ttlMs: 5000,
        now: 0,
      });
    }
    sight(perSource, 0, "198.18.0.1", 0);
    assert.ok(sight(perSource, 1, "198.18.0.3", 10), "the deputy's machine");
    assert.equal(perSource.list().find((h) => h.hostId === "a")?.epoch, 1);
  });
});
