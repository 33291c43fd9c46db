/**
 * Discovery over real loopback sockets against a forger: forged ads and
 * goodbyes (beacons and mDNS) with a real room's id and name, and a bounded
 * flood of validly signed fake rooms from many source addresses.
 */
import assert from "node:assert/strict";
import dgram from "node:dgram";
import { startAnnouncer } from "./announcer.ts";
import {
  CHANGE_EVERY_MS,
  discover,
  type Discovery,
  SOURCE_LIMITS,
} from "./browser.ts";
import { createRoomKey } from "./room_key.ts";
import { MAX_ROOMS } from "./room_table.ts";
import { MDNS_GROUP } from "./mdns_records.ts";
import type { RoomAd } from "./room_ad.ts";
import { sampleAd } from "./testing.ts";
import {
  buf,
  floodAds,
  forgedAds,
  forgedByes,
  forgedMdns,
} from "../tests/lan/forge.ts";

const port = () => 41000 + Math.floor(Math.random() * 20000);

/**
 * Waits until `ok()` holds, checking every 20 ms, for at most `ms`. The
 * conditions are on the browser's counters (forgeries checked, packets
 * rate-limited), which change without a `change` event: no event to await.
 */
async function until(ok: () => boolean, ms: number, what: string) {
  const deadline = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > deadline) throw new Error(`timeout: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A UDP socket bound to `address` (127.x.y.z), closed by `close()`. */
async function sender(address: string) {
  const s = dgram.createSocket({ type: "udp4" });
  await new Promise<void>((r) => s.bind(0, address, () => r()));
  s.setBroadcast(true);
  return {
    send: (b: Uint8Array, p: number, to = "127.255.255.255") =>
      new Promise<void>((r) => s.send(buf(b), p, to, () => r())),
    close: () => new Promise<void>((r) => s.close(() => r())),
  };
}

Deno.test("a forger cannot take over, hide or drown a room", async (t) => {
  const key = await createRoomKey();
  const forger = await createRoomKey();
  const beaconPort = port();
  const mdnsPort = beaconPort + 1;
  const options = { interfaces: ["lo"], beaconPort, mdnsPort };
  const announcer = await startAnnouncer({
    hostId: key.id,
    name: "Salle 1",
    port: 50026,
    game: "qcm",
    players: 1,
    capacity: 32,
    state: "lobby",
    locked: false,
    protocol: 1,
    epoch: 0,
  }, { ...options, key, hostname: "pc1" });
  let d: Discovery | null = null;
  const evil = await sender("127.0.0.66");
  try {
    d = discover({ ...options, probeAtMs: [0] });
    const rooms = d;
    await rooms.ready;
    const real = () => rooms.hosts().find((h) => h.hostId === key.id);
    await until(() => real()?.via.length === 2, 10000, "room on both channels");
    assert.equal(real()!.fingerprint, key.fingerprint);
    const target = {
      hostId: key.id,
      name: "Salle 1",
      publicKey: key.publicKey,
    };

    await t.step("forged beacons and mDNS answers are not listed", async () => {
      const before = rooms.stats().forged;
      const ads = await forgedAds(target, forger);
      for (const b of ads) await evil.send(b, beaconPort);
      const mdns = await forgedMdns(target, forger, "127.0.0.66");
      for (const b of mdns.answers) await evil.send(b, mdnsPort, MDNS_GROUP);
      await until(
        () => rooms.stats().forged >= before + ads.length + mdns.answers.length,
        5000,
        "forgeries checked",
      );
      const list = rooms.hosts();
      assert.equal(list.length, 1, JSON.stringify(list));
      assert.equal(list[0].port, 50026);
      assert.deepEqual(list[0].addresses, ["127.0.0.1"]);
    });

    await t.step("forged goodbyes do not hide it", async () => {
      const before = rooms.stats().forged;
      const byes = await forgedByes(target, forger);
      for (const b of byes) await evil.send(b, beaconPort);
      const mdns = await forgedMdns(target, forger, "127.0.0.66");
      for (const b of mdns.byes) await evil.send(b, mdnsPort, MDNS_GROUP);
      await until(
        () => rooms.stats().forged >= before + byes.length + mdns.byes.length,
        5000,
        "goodbyes checked",
      );
      assert.ok(real(), "still listed");
    });

    await t.step(
      "a replay from elsewhere adds an address at most",
      async () => {
        // Capture the room's own signed beacon and replay it.
        const ads: Uint8Array[] = [];
        const spy = dgram.createSocket({ type: "udp4", reuseAddr: true });
        await new Promise<void>((r) =>
          spy.bind(beaconPort, "0.0.0.0", () => r())
        );
        const got = new Promise<void>((r) =>
          spy.on("message", (m: Uint8Array) => {
            if (new TextDecoder().decode(m).includes('"type":"ad"')) {
              ads.push(m);
              r();
            }
          })
        );
        announcer.update({ players: 2 });
        await got;
        await new Promise<void>((r) => spy.close(() => r()));
        await until(() => real()?.players === 2, 5000, "update seen");
        await evil.send(ads[0], beaconPort);
        await until(
          () => real()!.addresses.includes("127.0.0.66"),
          5000,
          "replay heard",
        );
        assert.equal(real()!.address, "127.0.0.1", "the room's address first");
        assert.equal(real()!.players, 2);
      },
    );

    await t.step("one source is rate-limited before any check", async () => {
      const before = rooms.stats();
      const ads = await forgedAds(target, forger);
      // 200 distinct forged ads from one address, sent at once.
      const many = Array.from({ length: 200 }, (_, i) => {
        const text = new TextDecoder().decode(ads[0]);
        return new TextEncoder().encode(
          text.replace('"players":0', `"players":${i + 1}`),
        );
      });
      for (const b of many) await evil.send(b, beaconPort);
      await until(
        () => rooms.stats().rateLimited - before.rateLimited > 0,
        5000,
        "rate limit",
      );
      const after = rooms.stats();
      assert.ok(
        after.checks - before.checks <= SOURCE_LIMITS.perSourceBurst + 10,
        `${after.checks - before.checks} checks`,
      );
    });

    await t.step("a flood of signed fake rooms is capped", async () => {
      const changes: number[] = [];
      const stop = rooms.onChange(() => changes.push(performance.now()));
      const flood = await floodAds(MAX_ROOMS + 64);
      const started = performance.now();
      // One source address per fake room (a per-source limit alone would
      // stop a single source after 40 packets).
      const sources = await Promise.all(
        flood.map((_, i) =>
          sender(`127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`)
        ),
      );
      const full = () =>
        rooms.stats().tableFull > 0 && rooms.hosts().length === MAX_ROOMS;
      try {
        // Rounds paced at 10/s: the check budget (200/s) lets a sustained
        // flood in, then the table cap holds. Bounded: 100 rounds at most.
        for (let round = 0; round < 100 && !full(); round++) {
          // Rotated each round: a full socket buffer drops the tail.
          const shift = (round * 97) % flood.length;
          await Promise.all(flood.map((_, j) => {
            const i = (j + shift) % flood.length;
            return sources[i].send(flood[i], beaconPort);
          }));
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        await Promise.all(sources.map((s) => s.close()));
      }
      assert.ok(
        full(),
        `${rooms.hosts().length} rooms ${JSON.stringify(rooms.stats())}`,
      );
      const spent = performance.now() - started;
      stop();
      assert.ok(real(), "the real room is kept");
      assert.equal(rooms.hosts().length, MAX_ROOMS);
      // Coalesced: at most one change a CHANGE_EVERY_MS (+1 for the edge).
      assert.ok(
        changes.length <= Math.ceil(spent / CHANGE_EVERY_MS) + 1,
        `${changes.length} changes in ${Math.round(spent)} ms`,
      );
      for (let i = 1; i < changes.length; i++) {
        assert.ok(changes[i] - changes[i - 1] >= CHANGE_EVERY_MS - 5);
      }
    });
  } finally {
    await evil.close();
    await d?.close();
    await announcer.close();
  }
});

Deno.test("startAnnouncer refuses an ad whose hostId is not the key's id", async () => {
  const key = await createRoomKey();
  await assert.rejects(
    () =>
      startAnnouncer({
        hostId: "h1",
        name: "Salle",
        port: 50026,
        game: "",
        players: 0,
        capacity: 8,
        state: "lobby",
        locked: false,
        protocol: 1,
        epoch: 0,
      }, { key, interfaces: ["lo"], beaconPort: port(), mdns: false }),
    /hostId must be the room key's id/,
  );
});

Deno.test("startAnnouncer reads a missing epoch as 0 (callers older than epochs)", async () => {
  const key = await createRoomKey();
  const { epoch: _e, ...older } = sampleAd({ hostId: key.id });
  const announcer = await startAnnouncer(older as RoomAd, {
    key,
    interfaces: ["lo"],
    beaconPort: port(),
    mdns: false,
  });
  try {
    assert.equal(announcer.ad.epoch, 0);
    announcer.update({ players: 2, epoch: 5 });
    assert.equal(announcer.ad.epoch, 0, "update keeps the epoch");
  } finally {
    await announcer.close();
  }
});
