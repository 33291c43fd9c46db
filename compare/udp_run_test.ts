/**
 * "The accounting is exact": compare's UDP run goes through a relay on
 * loopback that drops, duplicates and reorders chosen messages by sequence
 * number; every counter must equal what the relay did.
 */
import assert from "node:assert/strict";
import dgram from "node:dgram";
import fc from "fast-check";
import { startEchoServer } from "./echo_server.ts";
import { runUdp } from "./udp_run.ts";
import { decodeProbe } from "./packet.ts";
import { CompareError } from "./errors.ts";

/** What the relay does to requests (client → reflector), by sequence number. */
interface Plan {
  /** Never forwarded. */
  drop: Set<number>;
  /** Forwarded 1 + n times. */
  duplicate: Map<number, number>;
  /** seq → the later seq after which it is forwarded. */
  reorder: Map<number, number>;
}

/** A UDP relay in front of the reflector, acting on requests only. */
async function startRelay(target: number, plan: Plan) {
  const front = dgram.createSocket("udp4");
  const back = dgram.createSocket("udp4");
  const held = new Map<number, Uint8Array>(); // release-after seq → message
  const did = { dropped: 0, extraCopies: 0, reordered: 0 };
  let client: { port: number; address: string } | undefined;
  const forward = (msg: Uint8Array) => back.send(msg, target, "127.0.0.1");
  front.on("message", (msg, rinfo) => {
    client = { port: rinfo.port, address: rinfo.address };
    const probe = decodeProbe(msg);
    // Preflight pings (top bit of the run id) pass untouched.
    if (probe === null || probe.run >= 0x80000000) return forward(msg);
    const seq = probe.seq;
    if (plan.drop.has(seq)) {
      did.dropped++;
      return;
    }
    if (plan.reorder.has(seq)) {
      held.set(plan.reorder.get(seq)!, msg);
      did.reordered++;
      return;
    }
    forward(msg);
    for (let i = 0; i < (plan.duplicate.get(seq) ?? 0); i++) {
      forward(msg);
      did.extraCopies++;
    }
    const late = held.get(seq);
    if (late) {
      held.delete(seq);
      forward(late);
    }
  });
  back.on("message", (msg) => {
    if (client) front.send(msg, client.port, client.address);
  });
  await new Promise<void>((r) => front.bind(0, "127.0.0.1", () => r()));
  await new Promise<void>((r) => back.bind(0, "127.0.0.1", () => r()));
  return {
    port: front.address().port,
    did,
    held,
    async close() {
      await new Promise<void>((r) => front.close(() => r()));
      await new Promise<void>((r) => back.close(() => r()));
    },
  };
}

async function runThroughRelay(count: number, plan: Plan) {
  const server = await startEchoServer({ hostname: "127.0.0.1", port: 0 });
  const relay = await startRelay(server.udpPort, plan);
  try {
    const run = await runUdp({
      host: "127.0.0.1",
      port: relay.port,
      count,
      size: 64,
      rate: 2000,
      drainMs: 1000,
      lateMs: 200,
    });
    return { run, did: relay.did, held: relay.held.size };
  } finally {
    await relay.close();
    await server.close();
  }
}

Deno.test("the UDP accounting equals what the relay did", async (t) => {
  await t.step("a clean relay: nothing lost, nothing extra", async () => {
    const plan = {
      drop: new Set<number>(),
      duplicate: new Map(),
      reorder: new Map(),
    };
    const { run } = await runThroughRelay(100, plan);
    const s = run.summary;
    assert.deepEqual(
      [s.sent, s.delivered, s.lost, s.duplicated, s.reordered],
      [100, 100, 0, 0, 0],
    );
    assert.equal(run.drain, "complete");
  });

  await t.step("chosen drops, duplicates and reorderings", async () => {
    const plan: Plan = {
      drop: new Set([0, 3, 50, 51, 199]),
      duplicate: new Map([[10, 1], [60, 2], [120, 1]]),
      reorder: new Map([[20, 21], [70, 73], [150, 151], [180, 190]]),
    };
    const { run, did, held } = await runThroughRelay(200, plan);
    const s = run.summary;
    assert.equal(held, 0, "the relay released every held message");
    assert.equal(did.dropped, 5);
    assert.equal(s.sent, 200);
    assert.equal(s.lost, did.dropped);
    assert.equal(s.delivered, 200 - did.dropped);
    assert.equal(s.duplicated, did.extraCopies);
    assert.equal(s.duplicated, 4);
    assert.equal(s.reordered, did.reordered);
    assert.equal(s.reordered, 4);
    assert.equal(s.foreign, 0);
    assert.equal(run.receptions, 200 - 5 + 4);
    const lostSeqs = s.rttSeries.flatMap((v, seq) => (v === null ? [seq] : []));
    assert.deepEqual(lostSeqs, [0, 3, 50, 51, 199]);
    assert.equal(run.drain, "timeout");
  });

  await t.step("a plan drawn by fast-check (fixed seed)", async () => {
    const count = 150;
    const [picks] = fc.sample(
      fc.uniqueArray(fc.integer({ min: 0, max: count - 3 }), {
        minLength: 12,
        maxLength: 12,
      }),
      { seed: 20240605, numRuns: 1 },
    );
    // Spread the picks so that a held message's release point is not
    // dropped or held itself: keep only picks 4 apart.
    const spaced = picks.sort((a, b) => a - b).filter((v, i, all) =>
      i === 0 || v - all[i - 1] >= 4
    );
    const plan: Plan = {
      drop: new Set(),
      duplicate: new Map(),
      reorder: new Map(),
    };
    spaced.forEach((seq, i) => {
      if (i % 3 === 0) plan.drop.add(seq);
      else if (i % 3 === 1) plan.duplicate.set(seq, 1 + (seq % 2));
      else plan.reorder.set(seq, seq + 2);
    });
    const { run, did } = await runThroughRelay(count, plan);
    const s = run.summary;
    assert.ok(spaced.length >= 3, "the plan covers every kind");
    assert.equal(s.lost, plan.drop.size);
    assert.equal(s.duplicated, did.extraCopies);
    assert.equal(s.reordered, plan.reorder.size);
    assert.equal(s.delivered + s.lost, count);
  });
});

Deno.test("runUdp says so when nothing answers", async () => {
  const silent = dgram.createSocket("udp4");
  await new Promise<void>((r) => silent.bind(0, "127.0.0.1", () => r()));
  try {
    await assert.rejects(
      runUdp({
        host: "127.0.0.1",
        port: silent.address().port,
        count: 5,
        size: 64,
        rate: 1000,
        drainMs: 100,
        lateMs: 200,
        preflight: 1,
      }),
      (e) => e instanceof CompareError && e.code === "no_echo",
    );
  } finally {
    await new Promise<void>((r) => silent.close(() => r()));
  }
});
