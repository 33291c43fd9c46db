/**
 * findRoom and watchRoom: pure tests against a stand-in list, then a room
 * that migrates (same key, epoch 1 on another port) over real loopback
 * sockets, once per channel.
 */
import assert from "node:assert/strict";
import { findRoom, FindRoomError, watchRoom } from "./find_room.ts";
import { discover, type Discovery, type FoundHost } from "./browser.ts";
import { type Announcer, startAnnouncer } from "./announcer.ts";
import { createRoomKey, type RoomKey } from "./room_key.ts";
import { sampleAd } from "./testing.ts";

/** A stand-in for a discovery: a list set by the test, events it sends. */
class FakeRooms extends EventTarget {
  list: FoundHost[] = [];
  closed = false;
  /** Listeners currently added, by event type. */
  listeners = new Map<string, number>();
  hosts(): FoundHost[] {
    return this.list;
  }
  override addEventListener(
    type: string,
    cb: EventListenerOrEventListenerObject | null,
  ): void {
    this.listeners.set(type, (this.listeners.get(type) ?? 0) + 1);
    super.addEventListener(type, cb);
  }
  override removeEventListener(
    type: string,
    cb: EventListenerOrEventListenerObject | null,
  ): void {
    this.listeners.set(type, (this.listeners.get(type) ?? 0) - 1);
    super.removeEventListener(type, cb);
  }
  /** Listeners left (0 once every one added was removed). */
  get listening(): number {
    let n = 0;
    for (const v of this.listeners.values()) n += v;
    return n;
  }
  /** Sets the list and sends `change`. */
  set(...rooms: Array<[string, number]>): void {
    this.list = rooms.map(([id, epoch]) => host(id, epoch));
    this.dispatchEvent(new Event("change"));
  }
  close(): void {
    this.closed = true;
    this.dispatchEvent(new Event("close"));
  }
}

function host(hostId: string, epoch: number): FoundHost {
  return {
    ...sampleAd({ hostId, epoch, port: 50000 + epoch }),
    fingerprint: "0000-0000",
    address: `198.18.0.${epoch + 1}`,
    addresses: [`198.18.0.${epoch + 1}`],
    via: ["broadcast"],
    firstSeenMs: 0,
    viaMs: { broadcast: 0 },
    lastSeen: 0,
  };
}

/** Whether `p` settled by now (after the microtasks queued so far). */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(() => done = true, () => done = true);
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

Deno.test("findRoom", async (t) => {
  await t.step(
    "resolves at once when the room is listed high enough",
    async () => {
      const rooms = new FakeRooms();
      rooms.list = [host("other", 5), host("a", 2)];
      const found = await findRoom(rooms, "a", 1);
      assert.equal(found.epoch, 2);
      assert.equal(rooms.listening, 0, "no listener added");
    },
  );

  await t.step("waits for a change listing the epoch asked for", async () => {
    const rooms = new FakeRooms();
    rooms.list = [host("a", 0)];
    const p = findRoom(rooms, "a", 1);
    assert.ok(!await settled(p), "epoch 0 is not enough");
    rooms.set(["a", 0], ["b", 3]);
    assert.ok(!await settled(p), "another room is not it");
    rooms.set(["a", 1]);
    const found = await p;
    assert.equal(found.epoch, 1);
    assert.equal(found.address, "198.18.0.2");
    assert.equal(rooms.listening, 0, "listeners removed");
  });

  await t.step("an abort rejects with a typed error", async () => {
    const rooms = new FakeRooms();
    const ctl = new AbortController();
    const p = findRoom(rooms, "a", 1, ctl.signal);
    ctl.abort("Ctrl-C");
    await assert.rejects(
      p,
      (e) =>
        e instanceof FindRoomError && e.code === "aborted" &&
        e.cause === "Ctrl-C" && e.params.roomId === "a",
    );
    assert.equal(rooms.listening, 0, "listeners removed");
    const gone = new AbortController();
    gone.abort();
    rooms.list = [host("a", 1)];
    await assert.rejects(
      findRoom(rooms, "a", 1, gone.signal),
      (e) => e instanceof FindRoomError && e.code === "aborted",
      "already aborted",
    );
  });

  await t.step("the discovery closing rejects it", async () => {
    const rooms = new FakeRooms();
    const p = findRoom(rooms, "a", 0, new AbortController().signal);
    rooms.close();
    await assert.rejects(
      p,
      (e) => e instanceof FindRoomError && e.code === "closed",
    );
    assert.equal(rooms.listening, 0, "listeners removed");
    await assert.rejects(
      findRoom(rooms, "a", 0),
      (e) => e instanceof FindRoomError && e.code === "closed",
      "closed already",
    );
  });
});

Deno.test("watchRoom", async (t) => {
  await t.step("calls back for each higher epoch only", async () => {
    const rooms = new FakeRooms();
    rooms.list = [host("a", 1)];
    const seen: number[] = [];
    const stop = watchRoom(rooms, "a", (h) => seen.push(h.epoch), 0);
    assert.deepEqual(seen, [], "not synchronously");
    await Promise.resolve();
    assert.deepEqual(seen, [1], "the list as it is, in a microtask");
    rooms.set(["a", 1]);
    rooms.set(["a", 0]);
    rooms.set(["b", 9]);
    rooms.set();
    rooms.set(["a", 1]);
    assert.deepEqual(seen, [1], "not again, nor lower, nor another room");
    rooms.set(["a", 3]);
    rooms.set(["a", 2]);
    rooms.set(["a", 4]);
    assert.deepEqual(seen, [1, 3, 4]);
    stop();
    rooms.set(["a", 5]);
    assert.deepEqual(seen, [1, 3, 4], "stopped");
    assert.equal(rooms.listening, 0);
    stop();
  });

  await t.step("from -1 by default; may stop from its callback", async () => {
    const rooms = new FakeRooms();
    rooms.list = [host("a", 0)];
    const seen: number[] = [];
    const stop = watchRoom(rooms, "a", (h) => {
      seen.push(h.epoch);
      stop();
    });
    await Promise.resolve();
    rooms.set(["a", 1]);
    assert.deepEqual(seen, [0]);
    assert.equal(rooms.listening, 0);
  });

  await t.step("the discovery closing stops it", async () => {
    const rooms = new FakeRooms();
    const seen: number[] = [];
    watchRoom(rooms, "a", (h) => seen.push(h.epoch), 0);
    rooms.close();
    assert.equal(rooms.listening, 0);
    await Promise.resolve();
    rooms.set(["a", 1]);
    assert.deepEqual(seen, []);
  });
});

/** `p`, or a failure naming `what` after `ms` (the timer is cleared). */
async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timeout: ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits until `ok()` holds, checking every 20 ms, for at most `ms`: for the
 * browser's counters, which change without a `change` event.
 */
async function until(ok: () => boolean, ms: number, what: string) {
  const deadline = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > deadline) throw new Error(`timeout: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const randomPort = () => 41000 + Math.floor(Math.random() * 20000);

for (const channel of ["broadcast", "mdns"] as const) {
  Deno.test(`a migrated room over ${channel}: the next epoch replaces the old host, whose goodbye is ignored`, async () => {
    const beaconPort = randomPort();
    const ports = { interfaces: ["lo"], beaconPort, mdnsPort: beaconPort + 1 };
    const only = channel === "mdns"
      ? { mdns: true, beacons: false }
      : { mdns: false, beacons: true };
    const key: RoomKey = await createRoomKey();
    const announce = (epoch: number, hostname: string) =>
      startAnnouncer(
        sampleAd({
          hostId: key.id,
          name: "Salle 1",
          port: 50026 + epoch,
          epoch,
        }),
        { ...ports, ...only, key, hostname },
      );
    let first: Announcer | null = null;
    let next: Announcer | null = null;
    let d: Discovery | null = null;
    const lists: FoundHost[][] = [];
    try {
      first = await announce(0, "pc1");
      d = discover({
        ...ports,
        mdns: channel === "mdns",
        broadcast: channel === "broadcast",
        probeAtMs: [0],
      });
      const rooms = d;
      rooms.onChange((hosts) => lists.push(hosts));
      const old = await within(findRoom(rooms, key.id, 0), 10000, "epoch 0");
      assert.equal(old.epoch, 0);
      assert.equal(old.port, 50026);

      const higher: FoundHost[] = [];
      let woke: () => void = () => {};
      const wake = new Promise<void>((r) => woke = r);
      const stopWatch = watchRoom(rooms, key.id, (h) => {
        higher.push(h);
        woke();
      }, 0);
      const moved = findRoom(rooms, key.id, 1);
      next = await announce(1, "pc2");
      const found = await within(moved, 10000, "epoch 1");
      await within(wake, 1000, "watchRoom called back");
      stopWatch();
      assert.equal(found.epoch, 1);
      assert.equal(found.port, 50027, "the new host's data");
      assert.deepEqual(found.via, [channel]);
      assert.deepEqual(higher.map((h) => h.epoch), [1]);

      // The old host leaves: its goodbye (epoch 0) verifies, and is ignored.
      const before = rooms.stats().goodbyes;
      await first.close();
      first = null;
      await until(
        () => rooms.stats().goodbyes > before,
        5000,
        "the old host's goodbye",
      );
      assert.equal(rooms.hosts().length, 1);
      assert.equal(rooms.hosts()[0].epoch, 1);

      // The new host's own goodbye removes the room.
      const gone = new Promise<void>((resolve) => {
        const stop = rooms.onChange((hosts) => {
          if (hosts.length === 0) {
            stop();
            resolve();
          }
        });
      });
      await next.close();
      next = null;
      await within(gone, 5000, "the new host's goodbye");
      // Once listed at epoch 1, the room was never shown at epoch 0 again.
      const from = lists.findIndex((l) => l.some((h) => h.epoch === 1));
      assert.ok(from >= 0);
      for (const l of lists.slice(from)) {
        assert.ok(l.every((h) => h.epoch === 1), JSON.stringify(l));
      }
    } finally {
      await first?.close();
      await next?.close();
      await d?.close();
    }
  });
}
