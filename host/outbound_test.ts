import assert from "node:assert/strict";
import { OutboundQueue } from "./outbound.ts";

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

Deno.test("outbound queue", async (t) => {
  await t.step("messages of one turn go out in one write", async () => {
    const writes: string[] = [];
    const q = new OutboundQueue((b) => {
      writes.push(decode(b));
      return Promise.resolve(b.length);
    });
    for (let i = 0; i < 50; i++) q.push(`m${i}\n`);
    await q.drain();
    assert.equal(writes.length, 1);
    assert.equal(writes[0].split("\n").length - 1, 50);
    assert.equal(q.writes, 1);
  });

  await t.step(
    "messages queued during a write join the next write",
    async () => {
      const writes: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((r) => release = r);
      let started!: () => void;
      const firstWrite = new Promise<void>((r) => started = r);
      const q = new OutboundQueue(async (b) => {
        writes.push(decode(b));
        if (writes.length === 1) {
          started();
          await gate;
        }
        return b.length;
      });
      q.push("first\n");
      await firstWrite; // the first write is in flight now
      q.push("second\n");
      q.push("third\n");
      release();
      await q.drain();
      assert.deepEqual(writes, ["first\n", "second\nthird\n"]);
    },
  );

  await t.step("partial writes are continued", async () => {
    let all = "";
    const q = new OutboundQueue((b) => {
      const n = Math.min(3, b.length);
      all += decode(b.subarray(0, n));
      return Promise.resolve(n);
    });
    q.push("hello world\n");
    await q.drain();
    assert.equal(all, "hello world\n");
  });

  await t.step("a reader that does not keep up overflows once", async () => {
    const overflows: number[] = [];
    let started!: () => void;
    const firstWrite = new Promise<void>((r) => started = r);
    const q = new OutboundQueue(() => {
      started();
      return new Promise<number>(() => {}); // the peer never reads
    }, {
      limitBytes: 100,
      onOverflow: (n) => overflows.push(n),
    });
    assert.equal(q.push("x".repeat(60) + "\n"), true);
    await firstWrite; // the first write is now stuck in flight; keep pushing
    assert.equal(q.push("y".repeat(30) + "\n"), true);
    assert.equal(q.push("z".repeat(30) + "\n"), false);
    assert.equal(q.push("more\n"), false);
    assert.equal(overflows.length, 1);
    assert.ok(overflows[0] > 100);
    assert.equal(q.closed, true);
  });

  await t.step(
    "a burst of one turn may pass the limit until a write stalls",
    async () => {
      const writes: string[] = [];
      const q = new OutboundQueue((b) => {
        writes.push(decode(b));
        return Promise.resolve(b.length);
      }, { limitBytes: 100 });
      for (let i = 0; i < 30; i++) assert.equal(q.push("0123456789\n"), true); // 330 bytes
      await q.drain();
      assert.equal(writes.length, 1);
      assert.equal(
        q.push("x".repeat(401)),
        false,
        "but never more than four times the limit",
      );
    },
  );

  await t.step(
    "a failing write closes the queue and reports once",
    async () => {
      const errors: unknown[] = [];
      const q = new OutboundQueue(() => Promise.reject(new Error("gone")), {
        onError: (e) => errors.push(e),
      });
      q.push("a\n");
      await q.drain();
      q.push("b\n");
      assert.equal(errors.length, 1);
      assert.equal(q.closed, true);
    },
  );
});
