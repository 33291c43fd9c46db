import assert from "node:assert/strict";
import { qcm } from "../games/qcm/mod.ts";
import { READY_MS } from "../games/qcm/phases.ts";
import type { QcmQuestion } from "../games/qcm/mod.ts";
import {
  type SealKeys,
  sealKeys,
  sharedKey,
  unseal,
} from "../protocol/sealed.ts";
import { type Msg, setup } from "./room_testing.ts";
import {
  Deputies,
  DEPUTIES_MAX,
  REPLICA_INTERVAL_MS,
  REPLICA_KEEPALIVE_MS,
  replicaIntervalMs,
} from "./deputies.ts";
import { Members } from "./members.ts";
import { roomSnapshotSchema } from "./snapshot.ts";
import type { RoomOptions } from "./room.ts";

const Q: QcmQuestion = {
  id: "q1",
  text: { fr: "Port de HTTPS ?", en: "HTTPS port?" },
  answers: { fr: ["80", "443"], en: ["80", "443"] },
  correct: [1],
  timeSec: 20,
};

const KEY = { privateKey: "cHJpdg", publicKey: "cHVi" };

async function migrating(over: Partial<RoomOptions> = {}) {
  const host = await sealKeys();
  const s = setup({
    migration: { key: KEY, lang: "fr", sealKeys: host },
    port: 50026,
    ...over,
  });
  return { ...s, host };
}

/** A client able to take over: its keys and its join fields. */
async function deputyClient(address: string) {
  const keys = await sealKeys();
  return { keys, req: { address, deputy: keys.publicKey } };
}

async function open(keys: SealKeys, hostKey: string, m: Msg) {
  return roomSnapshotSchema.parse(
    await unseal(await sharedKey(keys, hostKey), {
      iv: m.iv,
      data: m.data,
    }),
  );
}

Deno.test("deputies: who is chosen, in which order, and who is told", async (t) => {
  await t.step(
    "the first two json clients with a key, not on loopback, rank 1 and 2",
    async () => {
      const { joinOk, room, host } = await migrating();
      const a = await deputyClient("198.18.0.2");
      const b = await deputyClient("198.18.0.3");
      const c = await deputyClient("198.18.0.4");
      const local = await deputyClient("127.0.0.1");
      joinOk("loc", local.req); // loopback: the host's own machine
      joinOk("nokey", { address: "198.18.0.9" });
      joinOk("txt", { ...a.req, mode: "text", address: "198.18.0.8" });
      const ana = joinOk("ana", a.req);
      const bob = joinOk("bob", b.req);
      const cyd = joinOk("cyd", c.req);
      await room.replicated();
      assert.deepEqual(room.deputies(), ["ana", "bob"]);
      assert.equal(DEPUTIES_MAX, 2);
      assert.deepEqual(ana.port.of("deputy"), [{
        type: "deputy",
        rank: 1,
        key: host.publicKey,
      }]);
      assert.equal(bob.port.last("deputy")!.rank, 2);
      assert.equal(cyd.port.of("deputy").length, 0);
      // Deputy 1 leaves: bob moves up, cyd comes in, everyone is told.
      room.receive(ana.id, { type: "quit" });
      await room.replicated();
      assert.deepEqual(room.deputies(), ["bob", "cyd"]);
      assert.equal(bob.port.last("deputy")!.rank, 1);
      assert.equal(cyd.port.last("deputy")!.rank, 2);
      assert.deepEqual(cyd.port.last("fallback"), {
        type: "fallback",
        to: { address: "198.18.0.3", port: 50026 },
        nickname: "bob",
      });
    },
  );

  await t.step(
    "a lost or kicked deputy is replaced and told rank 0",
    async () => {
      const { joinOk, room } = await migrating({ graceMs: 60_000 });
      const lead = joinOk("lead");
      const a = await deputyClient("198.18.0.2");
      const b = await deputyClient("198.18.0.3");
      const ana = joinOk("ana", a.req);
      joinOk("bob", b.req);
      await room.replicated();
      room.lost(ana.id, ana.port, "timeout");
      await room.replicated();
      assert.deepEqual(room.deputies(), ["bob"]);
      room.receive(lead.id, { type: "kick", id: "bob" });
      await room.replicated();
      assert.deepEqual(room.deputies(), []);
      assert.deepEqual(lead.port.last("fallback"), { type: "fallback" });
    },
  );

  await t.step("a demoted deputy still connected hears rank 0", async () => {
    const { joinOk, room } = await migrating({ graceMs: 60_000 });
    const a = await deputyClient("198.18.0.2");
    const b = await deputyClient("198.18.0.3");
    const c = await deputyClient("198.18.0.4");
    const ana = joinOk("ana", a.req);
    const bob = joinOk("bob", b.req);
    const cyd = joinOk("cyd", c.req);
    await room.replicated();
    assert.equal(cyd.port.of("deputy").length, 0);
    room.lost(ana.id, ana.port, "timeout");
    await room.replicated();
    assert.deepEqual(room.deputies(), ["bob", "cyd"]);
    // ana comes back: she is first again in joining order; cyd is demoted.
    const back = setupJoinBack(room, ana.port.sent[0].token, a.req);
    await room.replicated();
    assert.deepEqual(room.deputies(), ["ana", "bob"]);
    assert.equal(back.last("deputy")!.rank, 1);
    assert.equal(cyd.port.last("deputy")!.rank, 0);
    assert.equal(bob.port.last("deputy")!.rank, 2);
  });

  await t.step(
    "a seat taken back brings its connection's key and address (a restarted join)",
    async () => {
      const { joinOk, room } = await migrating({ graceMs: 60_000 });
      const a = await deputyClient("198.18.0.2");
      const ana = joinOk("ana", a.req);
      const zoe = joinOk("zoe");
      await room.replicated();
      room.lost(ana.id, ana.port, "timeout");
      await room.replicated();
      assert.deepEqual(room.deputies(), []);
      // A new process (new key) on another address takes the seat back.
      const again = await deputyClient("198.18.0.7");
      const back = setupJoinBack(room, ana.port.sent[0].token, again.req);
      await room.replicated();
      assert.deepEqual(room.deputies(), ["ana"]);
      assert.equal(back.last("deputy")!.rank, 1);
      assert.deepEqual(zoe.port.last("fallback")!.to, {
        address: "198.18.0.7",
        port: 50026,
      });
    },
  );

  await t.step("no migration, no deputies; watchers never", async () => {
    const { joinOk, room } = await migrating({ migration: false });
    const a = await deputyClient("198.18.0.2");
    const ana = joinOk("ana", a.req);
    await room.replicated();
    assert.deepEqual(room.deputies(), []);
    assert.equal(ana.port.of("deputy").length, 0);
    assert.equal(ana.port.of("fallback").length, 0);
  });

  await t.step(
    "a newcomer is told the fallback after its welcome",
    async () => {
      const { joinOk, room } = await migrating({ webPort: 8080 });
      const a = await deputyClient("198.18.0.2");
      joinOk("ana", a.req);
      const zoe = joinOk("zoe");
      await room.replicated();
      const types = zoe.port.types();
      assert.ok(types.indexOf("fallback") > types.indexOf("welcome"));
      assert.deepEqual(zoe.port.last("fallback")!.to, {
        address: "198.18.0.2",
        port: 50026,
        webPort: 8080,
      });
    },
  );

  await t.step("the ports learnt after binding are told again", async () => {
    const { joinOk, room } = await migrating({ port: undefined });
    const a = await deputyClient("198.18.0.2");
    const ana = joinOk("ana", a.req);
    await room.replicated();
    assert.equal(ana.port.of("fallback").length, 0); // port unknown yet
    room.setPorts({ port: 40000 });
    assert.equal(ana.port.last("fallback")!.to.port, 40000);
  });
});

/** Takes a seat back by token; returns the new port. */
function setupJoinBack(
  room: ReturnType<typeof setup>["room"],
  token: string,
  req: { address: string; deputy: string },
) {
  const sent: Msg[] = [];
  const port = {
    send: (m: unknown) => void sent.push(JSON.parse(JSON.stringify(m))),
    close() {},
    last: (type: string) => sent.filter((m) => m.type === type).at(-1),
  };
  const r = room.join({
    nickname: "x",
    protocol: 1,
    lang: "en",
    mode: "json",
    token,
    ...req,
  }, port);
  assert.equal(r.ok, true);
  return port;
}

Deno.test("deputies: replicas", async (t) => {
  await t.step(
    "sealed for the deputy, at most one per interval, keepalives between",
    async () => {
      const { joinOk, room, clock, host } = await migrating();
      const a = await deputyClient("198.18.0.2");
      const ana = joinOk("ana", a.req);
      const bob = joinOk("bob");
      // A new deputy gets a replica at once.
      clock.advance(0);
      await room.replicated();
      const first = ana.port.last("replica")!;
      assert.equal(first.epoch, 0);
      const snap = await open(a.keys, host.publicKey, first);
      assert.equal(snap.seq, first.seq);
      assert.deepEqual(snap.state.members.map((m) => m.nickname), [
        "ana",
        "bob",
      ]);
      assert.deepEqual(snap.key, KEY);
      assert.equal(snap.room.lang, "fr");
      assert.equal(snap.room.port, 50026);
      // Nobody else gets replicas.
      assert.equal(bob.port.of("replica").length, 0);
      // A burst of changes: one replica within the interval, not one each.
      ana.port.clear();
      for (let i = 0; i < 20; i++) {
        room.receive(bob.id, { type: "chat", text: `m${i}` });
      }
      clock.advance(REPLICA_INTERVAL_MS - 1);
      await room.replicated();
      assert.equal(ana.port.of("replica").length, 0);
      clock.advance(1);
      await room.replicated();
      const burst = ana.port.of("replica");
      assert.equal(burst.length, 1);
      const after = await open(a.keys, host.publicKey, burst[0]);
      assert.equal(after.state.chat.at(-1)!.text, "m19");
      assert.ok(after.seq > snap.seq);
      // Quiet room: a keepalive without data every 250 ms.
      ana.port.clear();
      clock.advance(REPLICA_KEEPALIVE_MS - 1);
      await room.replicated();
      assert.equal(ana.port.of("replica").length, 0);
      clock.advance(1);
      await room.replicated();
      assert.deepEqual(ana.port.of("replica"), [{
        type: "replica",
        epoch: 0,
        seq: after.seq,
      }]);
      clock.advance(REPLICA_KEEPALIVE_MS);
      await room.replicated();
      assert.equal(ana.port.of("replica").length, 2);
      room.close();
    },
  );

  await t.step("a game's moves are replicated", async () => {
    const { joinOk, room, clock, host } = await migrating();
    const a = await deputyClient("198.18.0.2");
    const ana = joinOk("ana", a.req);
    room.receive(ana.id, { type: "start" });
    clock.advance(REPLICA_INTERVAL_MS);
    await room.replicated();
    ana.port.clear();
    room.receive(ana.id, { type: "guess", value: 50 });
    clock.advance(REPLICA_INTERVAL_MS);
    await room.replicated();
    const snap = await open(a.keys, host.publicKey, ana.port.last("replica")!);
    assert.equal(snap.state.match.running?.id, "justeprix");
    assert.equal(typeof snap.gameNow, "number");
    room.close();
  });

  await t.step("the interval grows with the snapshot's size", () => {
    assert.equal(replicaIntervalMs(10), 100);
    assert.equal(replicaIntervalMs(64 * 1024), 100);
    assert.equal(replicaIntervalMs(64 * 1024 + 1), 200);
    assert.equal(replicaIntervalMs(1024 * 1024), 1600);
  });

  await t.step("a big snapshot waits its longer interval", async () => {
    const { room: _r, clock } = await migrating();
    const members = new Members(undefined);
    const keys = await sealKeys();
    const dep = await sealKeys();
    const sent: Msg[] = [];
    members.add({
      nickname: "ana",
      lang: "fr",
      mode: "json",
      isHost: false,
      bot: false,
      address: "198.18.0.2",
      deputyKey: dep.publicKey,
      port: { send: (m) => void sent.push(m), close() {} },
    });
    const big = "x".repeat(200 * 1024); // 4 intervals of 64 KiB
    let seq = 0;
    const deputies = new Deputies({
      members,
      clock,
      keys: Promise.resolve(keys),
      epoch: 3,
      // deno-lint-ignore no-explicit-any
      snapshot: (s) => ({ seq: seq = s, big }) as any,
      addressOf: () => null,
    });
    deputies.update();
    clock.advance(0);
    await deputies.settled();
    assert.equal(sent.filter((m) => m.data).length, 1);
    deputies.dirty();
    clock.advance(replicaIntervalMs(big.length) - 1);
    await deputies.settled();
    assert.equal(sent.filter((m) => m.data).length, 1);
    clock.advance(1);
    await deputies.settled();
    assert.equal(sent.filter((m) => m.data).length, 2);
    assert.equal(seq, 2);
    // Big snapshots keep their interval even for a deadline step.
    deputies.dirty(true);
    clock.advance(0);
    await deputies.settled();
    assert.equal(sent.filter((m) => m.data).length, 2);
    deputies.close();
  });

  await t.step("a deadline step (a reveal) is replicated at once", async () => {
    const { joinOk, room, clock } = await migrating({
      games: { qcm },
      game: "qcm",
      gameOptions: { qcm: { questions: [Q], shuffle: false } },
    });
    const a = await deputyClient("198.18.0.2");
    const ana = joinOk("ana", a.req);
    joinOk("bob"); // nobody answers: the question ends on its deadline
    room.receive(ana.id, { type: "start" });
    clock.advance(READY_MS); // « Préparez-vous »: question 1 opens
    const view = ana.port.last("view")!.view;
    assert.equal(view.phase, "question");
    const deadline = clock.now() + (view.remainingMs as number);
    clock.advance(REPLICA_INTERVAL_MS);
    await room.replicated();
    // 50 ms before the deadline a change is replicated (the last full one).
    clock.advance(deadline - 50 - clock.now());
    room.receive(ana.id, { type: "chat", text: "hop" });
    clock.advance(0);
    await room.replicated();
    ana.port.clear();
    // The deadline: the reveal goes out and its replica with it, not 50 ms
    // later when the interval would allow it.
    clock.advance(50);
    await room.replicated();
    assert.equal(ana.port.of("reveal").length, 1);
    assert.equal(ana.port.of("replica").filter((m) => m.data).length, 1);
    room.close();
  });
});

Deno.test("handover and step-down", async (t) => {
  await t.step(
    "only the host key's holder; none without a deputy",
    async () => {
      const { joinOk, room } = await migrating({ hostKey: "hk" });
      const hosting = joinOk("host", { hostKey: "hk", address: "127.0.0.1" });
      const zoe = joinOk("zoe");
      room.receive(zoe.id, { type: "handover" });
      assert.equal(zoe.port.last("error")!.code, "not_host");
      room.receive(hosting.id, { type: "handover" });
      const err = hosting.port.last("error")!;
      assert.equal(err.code, "no_deputy");
      assert.match(err.message, /lanplay join/);
      room.close();
    },
  );

  await t.step(
    "final replica and handover to deputy 1, then bye moved to all",
    async () => {
      const { joinOk, room, host, clock } = await migrating({ hostKey: "hk" });
      const hosting = joinOk("host", { hostKey: "hk", address: "127.0.0.1" });
      const a = await deputyClient("198.18.0.2");
      const ana = joinOk("ana", a.req);
      const zoe = joinOk("zoe");
      clock.advance(REPLICA_INTERVAL_MS);
      await room.replicated();
      let moved: unknown;
      void room.handedOver.then((to) => (moved = to));
      room.receive(hosting.id, { type: "handover" });
      // Moves and chat are not taken any more.
      room.receive(zoe.id, { type: "chat", text: "late" });
      const to = await room.handedOver;
      assert.deepEqual(to, { address: "198.18.0.2", port: 50026 });
      const tail = ana.port.sent.slice(-2);
      assert.deepEqual(tail.map((m) => m.type), ["replica", "handover"]);
      assert.equal(tail[1].seq, tail[0].seq);
      const snap = await open(a.keys, host.publicKey, tail[0]);
      assert.equal(
        snap.state.members.find((m) => m.nickname === "host")!.connected,
        false,
      );
      assert.equal(
        snap.state.chat.some((l) => l.text === "late"),
        false,
      );
      for (const p of [hosting.port, zoe.port, ana.port]) {
        assert.deepEqual(p.closed.at(-1)!.reason, "moved");
        assert.deepEqual(p.closed.at(-1)!.extra, { to });
      }
      await Promise.resolve();
      assert.deepEqual(moved, to);
      assert.equal(
        room.join({
          nickname: "late",
          protocol: 1,
          lang: "en",
          mode: "json",
        }, zoe.port).ok,
        false,
      );
    },
  );

  await t.step("step down: bye moved with where to everyone", () => {
    const { joinOk, room } = setup();
    const ana = joinOk("ana");
    const to = { address: "198.18.0.7", port: 50026 };
    room.stepDown(to);
    assert.deepEqual(ana.port.closed, [{
      reason: "moved",
      message: "the room moved to another host",
      extra: { to },
    }]);
    assert.equal(room.summary().players, 0);
  });

  await t.step(
    "step down: the hosting player's bye says it joins the new host as a player",
    () => {
      const { joinOk, room } = setup({ hostKey: "hk" });
      const hosting = joinOk("host", { hostKey: "hk", address: "127.0.0.1" });
      const ana = joinOk("ana");
      const to = { address: "198.18.0.7", port: 50026 };
      room.stepDown(to);
      assert.deepEqual(hosting.port.closed, [{
        reason: "moved",
        message:
          "your room goes on at 198.18.0.7:50026: you join it as a player",
        extra: { to },
      }]);
      assert.equal(
        ana.port.closed[0].message,
        "the room moved to another host",
      );
    },
  );
});
