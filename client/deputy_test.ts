import assert from "node:assert/strict";
import { seal, sealKeys, sharedKey } from "../protocol/sealed.ts";
import { Deputy, REPLICA_DATA_MAX } from "./deputy.ts";
import { Session } from "./session.ts";
import { startFakeHost, welcomeOf } from "./testing_host.ts";

Deno.test("deputy: hello.deputy, then sealed replicas over a real socket", async () => {
  const deputy = await Deputy.create();
  const host = await sealKeys();
  const fake = startFakeHost(async (hello) => {
    const key = await sharedKey(host, String(hello.deputy));
    const first = await seal(key, { room: { name: "Salle" }, n: 1 });
    const second = await seal(key, { room: { name: "Salle" }, n: 2 });
    return [
      welcomeOf("ana", { epoch: 3 }),
      { type: "deputy", rank: 1, key: host.publicKey },
      { type: "replica", epoch: 3, seq: 1, ...first },
      { type: "replica", epoch: 3, seq: 2, ...second },
      { type: "replica", epoch: 3, seq: 2 }, // keepalive
      { type: "chat", from: "eve", text: "end", at: 1 },
    ];
  });
  const session = await Session.join({
    host: "127.0.0.1",
    port: fake.port,
    nickname: "ana",
    lang: "fr",
    deputy: deputy.publicKey,
    heartbeat: false,
  });
  assert.equal(fake.hellos[0].deputy, deputy.publicKey);
  const events: string[] = [];
  let t = 0;
  for await (const msg of session.messages()) {
    events.push(await deputy.receive(msg, t += 10));
    if (msg.type === "chat") break;
  }
  await session.close();
  await fake.close();
  assert.deepEqual(events, [
    "rank",
    "replica",
    "replica",
    "keepalive",
    "ignored",
  ]);
  assert.equal(deputy.rank, 1);
  assert.deepEqual(deputy.replica, {
    snapshot: { room: { name: "Salle" }, n: 2 },
    epoch: 3,
    seq: 2,
    receivedAt: 30,
  });
  // The keepalive refreshed "last heard".
  assert.equal(deputy.lastHeard, 40);
  assert.equal(deputy.silentFor(1540), 1500);
});

Deno.test("deputy: a client that does not offer sends no hello.deputy", async () => {
  const fake = startFakeHost(() => [welcomeOf("ana")]);
  const session = await Session.join({
    host: "127.0.0.1",
    port: fake.port,
    nickname: "ana",
    lang: "fr",
    heartbeat: false,
  });
  await session.close();
  await fake.close();
  assert.equal("deputy" in fake.hellos[0], false);
});

Deno.test("deputy: what it keeps and what it refuses", async (t) => {
  const host = await sealKeys();
  const other = await sealKeys();
  const make = async () => {
    const d = await Deputy.create();
    return { d, key: await sharedKey(host, d.publicKey) };
  };
  await t.step(
    "no replica is opened before the host names it deputy",
    async () => {
      const { d, key } = await make();
      const box = await seal(key, 1);
      assert.equal(
        await d.receive({ type: "replica", epoch: 0, seq: 1, ...box }, 0),
        "ignored",
      );
      assert.equal(d.replica, null);
      assert.equal(d.silentFor(10_000), 0);
    },
  );
  await t.step(
    "a replica sealed for someone else, or altered, is not kept",
    async () => {
      const { d } = await make();
      await d.receive({ type: "deputy", rank: 1, key: host.publicKey }, 0);
      const wrong = await seal(await sharedKey(host, other.publicKey), 1);
      assert.equal(
        await d.receive({ type: "replica", epoch: 0, seq: 1, ...wrong }, 1),
        "ignored",
      );
      assert.equal(d.errors, 1);
      assert.equal(d.replica, null);
    },
  );
  await t.step(
    "older replicas (seq, then epoch) do not replace newer ones",
    async () => {
      const { d, key } = await make();
      await d.receive({ type: "deputy", rank: 2, key: host.publicKey }, 0);
      // Sent at once, opened in order.
      const results = await Promise.all([
        d.receive({
          type: "replica",
          epoch: 1,
          seq: 5,
          ...await seal(key, "b"),
        }, 1),
        d.receive({
          type: "replica",
          epoch: 1,
          seq: 4,
          ...await seal(key, "a"),
        }, 2),
        d.receive({
          type: "replica",
          epoch: 0,
          seq: 9,
          ...await seal(key, "z"),
        }, 3),
      ]);
      assert.deepEqual(results, ["replica", "ignored", "ignored"]);
      assert.equal(d.replica?.snapshot, "b");
      assert.equal(d.rank, 2);
    },
  );
  await t.step(
    "rank 0 demotes; a new session forgets the rank, keeps the snapshot",
    async () => {
      const { d, key } = await make();
      await d.receive({ type: "deputy", rank: 1, key: host.publicKey }, 0);
      await d.receive({
        type: "replica",
        epoch: 0,
        seq: 1,
        ...await seal(key, "s"),
      }, 1);
      d.newSession();
      assert.equal(d.rank, 0);
      assert.equal(d.replica?.snapshot, "s");
      await d.receive({ type: "deputy", rank: 1, key: host.publicKey }, 2);
      await d.receive({ type: "deputy", rank: 0, key: host.publicKey }, 3);
      assert.equal(d.rank, 0);
      assert.equal(
        await d.receive({ type: "replica", epoch: 0, seq: 2 }, 4),
        "ignored",
      );
    },
  );
  await t.step("handover is noted with its final seq", async () => {
    const { d } = await make();
    assert.equal(
      await d.receive({ type: "handover", epoch: 0, seq: 7 }, 0),
      "ignored",
    );
    await d.receive({ type: "deputy", rank: 1, key: host.publicKey }, 0);
    assert.equal(
      await d.receive({ type: "handover", epoch: 0, seq: 7 }, 5),
      "handover",
    );
    assert.deepEqual(d.handover, { epoch: 0, seq: 7 });
  });
  await t.step("a replica over the size bound is not opened", async () => {
    const { d } = await make();
    await d.receive({ type: "deputy", rank: 1, key: host.publicKey }, 0);
    const huge = {
      type: "replica",
      epoch: 0,
      seq: 1,
      iv: "AAAAAAAAAAAAAAAA",
      data: "A".repeat(REPLICA_DATA_MAX + 1),
    };
    assert.equal(await d.receive(huge, 1), "ignored");
    assert.equal(d.errors, 0);
  });
});
