import assert from "node:assert/strict";
import { seal, sealKeys, sharedKey } from "../protocol/sealed.ts";
import { ConnectError } from "./errors.ts";
import { Deputy } from "./deputy.ts";
import { Failover, type Target } from "./failover.ts";
import type { RoomWatch, Sighting } from "./room_sightings.ts";
import { Session } from "./session.ts";
import { REPLICA_SILENCE_MS, type TakeoverSnapshot } from "./takeover.ts";
import { startFakeHost, welcomeOf } from "./testing_host.ts";

/** A port nothing listens on (opened, then closed). */
function closedPort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

const join =
  (tried: Target[]) => (target: Target, token: string, hostKey?: string) => {
    tried.push(target);
    return Session.join({
      host: target.host,
      port: target.port,
      nickname: "ana",
      lang: "fr",
      token,
      heartbeat: false,
      timeoutMs: 2000,
      ...(hostKey ? { hostKey } : {}),
    });
  };

/** A discovery watch that shows what the test says. */
function fakeWatch(sightings: Sighting[]) {
  let onHigher: ((s: Sighting[]) => void) | null = null;
  let stopped = 0;
  const watch = (
    _id: string,
    _above: () => number,
    cb: (s: Sighting[]) => void,
  ): RoomWatch => {
    onHigher = cb;
    return {
      higher: () => sightings,
      stop: () => Promise.resolve(void stopped++),
    };
  };
  return {
    watch,
    see: (s: Sighting) => {
      sightings.push(s);
      onHigher?.(sightings);
    },
    get stopped() {
      return stopped;
    },
  };
}

Deno.test("failover: tries the fallback, then discovery's higher epoch, then the old address", async (t) => {
  const old = startFakeHost(() => [welcomeOf("ana", { epoch: 0 })]);
  const moved = startFakeHost(() => [welcomeOf("ana", { epoch: 1 })]);
  const session = await Session.join({
    host: "127.0.0.1",
    port: old.port,
    nickname: "ana",
    lang: "fr",
    heartbeat: false,
  });
  const dead = closedPort();
  await t.step("all fail: the order, and the last error", async () => {
    const tried: Target[] = [];
    const seen = fakeWatch([{
      address: "127.0.0.1",
      addresses: ["127.0.0.1"],
      port: closedPort(),
      epoch: 1,
    }]);
    const f = new Failover({ join: join(tried), watch: seen.watch });
    f.connected(session, { host: "127.0.0.1", port: closedPort() });
    f.observe(
      { type: "fallback", to: { address: "127.0.0.1", port: dead } } as never,
    );
    f.lost("eof");
    await assert.rejects(() => f.attempt("t1"), ConnectError);
    assert.deepEqual(tried.map((x) => x.why), ["fallback", "sighting", "old"]);
    await f.done();
    assert.equal(seen.stopped, 1);
  });
  await t.step(
    "a sighting that answers takes the seat back before the old address",
    async () => {
      const tried: Target[] = [];
      const seen = fakeWatch([]);
      const f = new Failover({
        join: join(tried),
        watch: seen.watch,
        fromDiscovery: true,
      });
      f.connected(session, { host: "127.0.0.1", port: old.port });
      f.lost("eof");
      const wakes = f.wake.count;
      seen.see({
        address: "127.0.0.1",
        addresses: ["127.0.0.1"],
        port: moved.port,
        epoch: 1,
      });
      assert.equal(f.wake.count, wakes + 1); // a sighting wakes the loop
      const back = await f.attempt("t1");
      assert.deepEqual(tried.map((x) => [x.why, x.port]), [[
        "sighting",
        moved.port,
      ]]);
      assert.equal(moved.hellos.at(-1)?.token, "t1");
      f.connected(back, { host: "127.0.0.1", port: moved.port });
      assert.equal(f.epoch, 1);
      await back.close();
      await f.done();
    },
  );
  await t.step(
    "no discovery watch without discovery or a fallback",
    async () => {
      const seen = fakeWatch([]);
      const f = new Failover({ join: join([]), watch: seen.watch });
      f.connected(session, { host: "127.0.0.1", port: old.port });
      f.lost("eof");
      assert.deepEqual(f.targets().map((x) => x.why), ["old"]);
      await f.done();
      assert.equal(seen.stopped, 0);
    },
  );
  await t.step(
    "bye moved: straight to its address, at once, not the old one",
    async () => {
      const tried: Target[] = [];
      const notices: string[] = [];
      const f = new Failover({
        join: join(tried),
        notice: (n) => notices.push(n.kind),
      });
      f.connected(session, { host: "127.0.0.1", port: old.port });
      const since = f.wake.count;
      assert.equal(
        f.observe(
          {
            type: "bye",
            reason: "moved",
            message: "L'hôte passe la main à Chloé…",
            to: { address: "127.0.0.1", port: moved.port },
          } as never,
        ),
        "drop",
      );
      assert.equal(f.moved, true);
      assert.equal(f.wake.count, since + 1);
      f.lost("bye");
      const back = await f.attempt("t1");
      assert.deepEqual(tried.map((x) => x.why), ["moved"]);
      assert.deepEqual(notices, ["moving"]);
      await back.close();
      await f.done();
    },
  );
  await t.step("a plain bye is shown, not followed", () => {
    const f = new Failover({ join: join([]) });
    assert.equal(
      f.observe({ type: "bye", reason: "host_closed", message: "x" } as never),
      "show",
    );
    assert.equal(f.moved, false);
  });
  await session.close();
  await old.close();
  await moved.close();
});

/** A deputy holding a replica of rank `rank` (epoch 2). */
async function heldDeputy(rank: number) {
  const host = await sealKeys();
  const deputy = await Deputy.create();
  const snapshot: TakeoverSnapshot & { state: unknown } = {
    v: 1,
    epoch: 2,
    seq: 9,
    room: { name: "Salle 12", port: 50026 },
    key: { privateKey: "pk", publicKey: "A".repeat(43) },
    state: {},
  };
  await deputy.receive(
    { type: "deputy", rank, key: host.publicKey },
    performance.now(),
  );
  const box = await seal(await sharedKey(host, deputy.publicKey), snapshot);
  await deputy.receive(
    { type: "replica", epoch: 2, seq: 9, ...box },
    performance.now(),
  );
  return deputy;
}

Deno.test("failover: deputy 1 takes over at once when its host's connection ends, then leads its own room", async () => {
  const old = startFakeHost(() => [welcomeOf("ana", { epoch: 2 })]);
  const local = startFakeHost(() => [welcomeOf("ana", { epoch: 3 })]);
  const session = await Session.join({
    host: "127.0.0.1",
    port: old.port,
    nickname: "ana",
    lang: "fr",
    heartbeat: false,
  });
  const deputy = await heldDeputy(1);
  const calls: [string, number][] = [];
  const tried: Target[] = [];
  const f = new Failover({
    join: join(tried),
    deputy,
    takeOver: (snap, epoch) => {
      calls.push([snap.room.name, epoch]);
      return Promise.resolve({
        port: local.port,
        hostKey: "hk-new",
        name: snap.room.name,
      });
    },
  });
  f.connected(session, { host: "127.0.0.1", port: old.port });
  // connected() starts a new session: the rank comes again from the host.
  await deputy.receive({
    type: "deputy",
    rank: 1,
    key: (await sealKeys()).publicKey,
  }, performance.now());
  f.lost("eof");
  const back = await f.attempt("t1");
  assert.deepEqual(calls, [["Salle 12", 3]]);
  assert.deepEqual(tried.map((x) => x.why), ["local"]);
  assert.equal(local.hellos[0].hostKey, "hk-new");
  assert.equal(local.hellos[0].token, "t1");
  await back.close();
  await f.done();
  await session.close();
  await old.close();
  await local.close();
});

Deno.test("failover: deputy 1 counts a silent host gone after 1.5 s, tries the old address once, then takes over", async () => {
  const host = await sealKeys();
  const deputy = await Deputy.create();
  const snapshot = {
    v: 1,
    epoch: 0,
    seq: 1,
    room: { name: "Salle", port: 1 },
    key: { privateKey: "p", publicKey: "B".repeat(43) },
  };
  const old = startFakeHost(async (hello) => {
    const box = await seal(
      await sharedKey(host, String(hello.deputy)),
      snapshot,
    );
    return [
      welcomeOf("ana"),
      { type: "deputy", rank: 1, key: host.publicKey },
      { type: "replica", epoch: 0, seq: 1, ...box },
      // then silence, the connection open: a cable pulled
    ];
  });
  const local = startFakeHost(() => [welcomeOf("ana", { epoch: 1 })]);
  const tried: Target[] = [];
  let tookAt = 0;
  const f = new Failover({
    join: join(tried),
    deputy,
    takeOver: (_snap, epoch) => {
      tookAt = epoch;
      return Promise.resolve({
        port: local.port,
        hostKey: "hk",
        name: "Salle",
      });
    },
  });
  const session = await Session.join({
    host: "127.0.0.1",
    port: old.port,
    nickname: "ana",
    lang: "fr",
    heartbeat: false,
    deputy: deputy.publicKey,
  });
  f.connected(session, { host: "127.0.0.1", port: old.port });
  const started = performance.now();
  let lastReplica = 0;
  for await (const msg of session.messages()) {
    f.observe(msg);
    if (msg.type === "replica") lastReplica = performance.now();
  }
  const silentMs = performance.now() - lastReplica;
  assert.equal(
    silentMs >= REPLICA_SILENCE_MS - 50,
    true,
    `dropped after ${silentMs} ms`,
  );
  assert.equal(performance.now() - started < REPLICA_SILENCE_MS + 2000, true);
  await old.close(); // the old address is gone too
  f.lost(session.end);
  const back = await f.attempt("t1");
  assert.deepEqual(tried.map((x) => x.why), ["old", "local"]);
  assert.equal(tookAt, 1);
  await back.close();
  await f.done();
  await local.close();
});

Deno.test("failover: deputy 2 waits 3 s for a higher epoch before it takes over at epoch + 2", async () => {
  const old = startFakeHost(() => [welcomeOf("ana", { epoch: 2 })]);
  const session = await Session.join({
    host: "127.0.0.1",
    port: old.port,
    nickname: "ana",
    lang: "fr",
    heartbeat: false,
  });
  session.drop();
  await old.close();
  let now = 0;
  const local = startFakeHost(() => [welcomeOf("ana", { epoch: 4 })]);
  const took: number[] = [];
  const deputy = await heldDeputy(2);
  const f = new Failover({
    join: join([]),
    deputy,
    now: () => now,
    takeOver: (_s, epoch) => {
      took.push(epoch);
      return Promise.resolve({
        port: local.port,
        hostKey: "hk",
        name: "Salle",
      });
    },
  });
  f.connected(session, { host: "127.0.0.1", port: old.port });
  await deputy.receive({
    type: "deputy",
    rank: 2,
    key: (await sealKeys()).publicKey,
  }, 0);
  f.lost("eof");
  now = 2999;
  await assert.rejects(() => f.attempt("t1"), ConnectError);
  assert.deepEqual(took, []);
  now = 3000;
  const back = await f.attempt("t1");
  assert.deepEqual(took, [4]);
  await back.close();
  await f.done();
  await session.close();
  await local.close();
});

Deno.test("failover: deputy 2 does not take over once a higher epoch is seen", async () => {
  const old = startFakeHost(() => [welcomeOf("ana", { epoch: 2 })]);
  const session = await Session.join({
    host: "127.0.0.1",
    port: old.port,
    nickname: "ana",
    lang: "fr",
    heartbeat: false,
  });
  session.drop();
  await old.close();
  let now = 0;
  const took: number[] = [];
  const deputy = await heldDeputy(2);
  const seen = fakeWatch([]);
  const f = new Failover({
    join: join([]),
    deputy,
    now: () => now,
    watch: seen.watch,
    fromDiscovery: true,
    takeOver: (_s, epoch) => {
      took.push(epoch);
      return Promise.resolve({ port: 1, hostKey: "hk", name: "Salle" });
    },
  });
  f.connected(session, { host: "127.0.0.1", port: old.port });
  await deputy.receive({
    type: "deputy",
    rank: 2,
    key: (await sealKeys()).publicKey,
  }, 0);
  f.lost("eof");
  seen.see({
    address: "127.0.0.1",
    addresses: ["127.0.0.1"],
    port: closedPort(),
    epoch: 3,
  });
  now = 10_000;
  await assert.rejects(() => f.attempt("t1"));
  assert.deepEqual(took, []);
  await f.done();
  await session.close();
});

Deno.test("failover: handover drops the session and deputy 1 takes over with the final replica", async () => {
  const deputy = await heldDeputy(1);
  const f = new Failover({
    join: join([]),
    deputy,
    takeOver: () => Promise.reject(new Error("port taken")),
  });
  const notices: string[] = [];
  const g = new Failover({
    join: join([]),
    deputy,
    notice: (n) => notices.push(n.kind),
    takeOver: () => Promise.reject(new Error("no")),
  });
  assert.equal(
    f.observe({ type: "handover", epoch: 2, seq: 9 } as never),
    "drop",
  );
  await deputy.settled();
  assert.deepEqual(deputy.handover, { epoch: 2, seq: 9 });
  // A failed takeover is said once and the client goes on as a player.
  g.observe({ type: "handover", epoch: 2, seq: 9 } as never);
  g.lost("closed");
  await assert.rejects(() => g.attempt("t1"));
  assert.deepEqual(notices, ["takeover_failed"]);
  await f.done();
  await g.done();
});

Deno.test("failover: deputy 1 takes over on handover even though a bye moved follows it", async () => {
  const deputy = await heldDeputy(1);
  const took: number[] = [];
  const f = new Failover({
    join: join([]),
    deputy,
    takeOver: (_s, epoch) => {
      took.push(epoch);
      return Promise.reject(new Error("stop here"));
    },
  });
  f.observe({ type: "handover", epoch: 2, seq: 9 } as never);
  // The host tells everyone, deputy 1 included, where the room goes.
  f.observe({
    type: "bye",
    reason: "moved",
    message: "moved",
    to: { address: "198.18.0.3", port: 50026 },
  } as never);
  await deputy.settled();
  f.lost("closed");
  await assert.rejects(() => f.attempt("t1"));
  assert.equal(took.length, 1);
  await f.done();
});

Deno.test("failover: a takeover on silence gives the room back when nobody else came (its own cable was out)", async (t) => {
  for (const alone of [true, false]) {
    await t.step(
      alone ? "alone: given back" : "others came: kept",
      async () => {
        const old = startFakeHost(() => [welcomeOf("ana", { epoch: 2 })]);
        const session = await Session.join({
          host: "127.0.0.1",
          port: old.port,
          nickname: "ana",
          lang: "fr",
          heartbeat: false,
        });
        const oldPort = old.port;
        session.drop();
        await old.close();
        let now = 0;
        const local = startFakeHost(() => [welcomeOf("ana", { epoch: 4 })]);
        const deputy = await heldDeputy(2);
        let asked!: () => void;
        const consulted = new Promise<void>((r) => asked = r);
        const given: unknown[] = [];
        const notices: string[] = [];
        const tried: Target[] = [];
        const f = new Failover({
          join: join(tried),
          deputy,
          now: () => now,
          isolatedAfterMs: 5,
          notice: (n) => notices.push(n.kind),
          takeOver: () =>
            Promise.resolve({
              port: local.port,
              hostKey: "hk",
              name: "Salle",
              isolated: () => {
                queueMicrotask(asked);
                return alone;
              },
              giveBack: (to) => void given.push(to),
            }),
        });
        f.connected(session, { host: "127.0.0.1", port: oldPort });
        await deputy.receive({
          type: "deputy",
          rank: 2,
          key: (await sealKeys()).publicKey,
        }, 0);
        f.lost("silent");
        now = 3000;
        const back = await f.attempt("t1");
        await consulted;
        assert.deepEqual(
          given,
          alone ? [{ address: "127.0.0.1", port: oldPort }] : [],
        );
        assert.equal(notices.includes("gave_back"), alone);
        assert.equal(f.tookOver === null, alone);
        if (alone) {
          // As a player again: straight to the old address, no new takeover.
          tried.length = 0;
          await assert.rejects(() => f.attempt("t1"));
          assert.deepEqual(tried.map((x) => [x.why, x.port]), [[
            "old",
            oldPort,
          ]]);
        }
        await back.close();
        await f.close();
        await session.close();
        await local.close();
      },
    );
  }
});

Deno.test("failover: a taken-over room that stepped down for the older host (its guard) is given back: a player again, no new takeover", async () => {
  const old = startFakeHost(() => [welcomeOf("ana", { epoch: 2 })]);
  const session = await Session.join({
    host: "127.0.0.1",
    port: old.port,
    nickname: "ana",
    lang: "fr",
    heartbeat: false,
  });
  const oldPort = old.port;
  session.drop();
  await old.close();
  let now = 0;
  const local = startFakeHost(() => [welcomeOf("ana", { epoch: 4 })]);
  const deputy = await heldDeputy(2);
  let stepDown!: (to: { address: string; port: number }) => void;
  const notices: string[] = [];
  const tried: Target[] = [];
  let takeovers = 0;
  const f = new Failover({
    join: join(tried),
    deputy,
    now: () => now,
    notice: (n) => notices.push(n.kind),
    takeOver: () => {
      takeovers++;
      return Promise.resolve({
        port: local.port,
        hostKey: "hk",
        name: "Salle",
        steppedDown: new Promise((r) => stepDown = r),
      });
    },
  });
  f.connected(session, { host: "127.0.0.1", port: oldPort });
  await deputy.receive({
    type: "deputy",
    rank: 2,
    key: (await sealKeys()).publicKey,
  }, 0);
  f.lost("silent");
  now = 3000;
  const back = await f.attempt("t1");
  assert.notEqual(f.tookOver, null);
  // The guard heard the older host with more players here.
  stepDown({ address: "127.0.0.9", port: 50026 });
  await Promise.resolve();
  assert.equal(f.tookOver, null);
  assert.ok(notices.includes("gave_back"));
  // Its own player follows the room's bye there, as a player.
  f.observe(
    {
      type: "bye",
      reason: "moved",
      to: { address: "127.0.0.9", port: 50026 },
    } as never,
  );
  f.lost("bye");
  tried.length = 0;
  await assert.rejects(() => f.attempt("t1"));
  assert.deepEqual(tried.map((x) => [x.why, x.host, x.port]), [[
    "moved",
    "127.0.0.9",
    50026,
  ]]);
  assert.equal(takeovers, 1);
  await back.close();
  await f.close();
  await session.close();
  await local.close();
});
