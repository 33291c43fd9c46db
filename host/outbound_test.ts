import assert from "node:assert/strict";
import { afterIo, OutboundQueue } from "./outbound.ts";
import { FakeClock } from "./room_testing.ts";

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

  await t.step("past the hard bound a reader is cut at once", async () => {
    const overflows: number[] = [];
    let started!: () => void;
    const firstWrite = new Promise<void>((r) => started = r);
    const q = new OutboundQueue(() => {
      started();
      return new Promise<number>(() => {}); // the peer never reads
    }, {
      limitBytes: 100,
      slowBytes: 1000,
      clock: new FakeClock(),
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
    "a reader behind for slowMs is cut, even when nothing more is pushed",
    async () => {
      const clock = new FakeClock();
      const overflows: number[] = [];
      let started!: () => void;
      const firstWrite = new Promise<void>((r) => started = r);
      const q = new OutboundQueue(() => {
        started();
        return new Promise<number>(() => {}); // the peer never reads
      }, {
        slowBytes: 100,
        slowMs: 5000,
        clock,
        onOverflow: (n) => overflows.push(n),
      });
      q.push("x".repeat(200) + "\n");
      await firstWrite;
      clock.advance(4999);
      assert.equal(q.push("y\n"), true, "behind, but not for long yet");
      assert.equal(overflows.length, 0);
      clock.advance(1);
      assert.deepEqual(overflows, [203], "cut by the timer");
      assert.equal(q.closed, true);
      assert.equal(clock.timers.length, 0, "no timer left");
    },
  );

  await t.step(
    "a burst far above the slow bound passes when the reader keeps up",
    async () => {
      const clock = new FakeClock();
      const overflows: number[] = [];
      let release!: () => void;
      let gate = new Promise<void>((r) => release = r);
      let writes = 0;
      const q = new OutboundQueue(async (b) => {
        writes++;
        await gate; // the reader takes a while, but takes it all
        return b.length;
      }, {
        slowBytes: 100,
        slowMs: 5000,
        clock,
        onOverflow: (n) => overflows.push(n),
      });
      for (let i = 0; i < 100; i++) assert.ok(q.push("0123456789\n"));
      clock.advance(4000);
      release();
      await q.drain();
      gate = new Promise<void>((r) => release = r);
      clock.advance(4000); // 8 s since the burst began: caught up in between
      for (let i = 0; i < 100; i++) assert.ok(q.push("0123456789\n"));
      clock.advance(4000);
      release();
      await q.drain();
      assert.equal(writes, 2);
      assert.deepEqual(overflows, []);
      assert.equal(clock.timers.length, 0, "no timer left");
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

  await t.step(
    "bytes go out as they are; text and bytes mix in order",
    async () => {
      const writes: Uint8Array[] = [];
      const q = new OutboundQueue((b) => {
        writes.push(b);
        return Promise.resolve(b.length);
      });
      const shared = new TextEncoder().encode("é broadcast\n");
      q.push(shared);
      await q.drain();
      assert.equal(
        writes[0],
        shared,
        "one buffer alone: written without a copy",
      );
      q.push("a\n");
      q.push(shared);
      q.push("b\n");
      await q.drain();
      assert.equal(decode(writes[1]), "a\né broadcast\nb\n");
      assert.equal(writes.length, 2);
    },
  );

  await t.step("bytes count toward the hard bound", async () => {
    const overflows: number[] = [];
    let started!: () => void;
    const firstWrite = new Promise<void>((r) => started = r);
    const q = new OutboundQueue(() => {
      started();
      return new Promise<number>(() => {}); // the peer never reads
    }, {
      limitBytes: 100,
      slowBytes: 1000,
      clock: new FakeClock(),
      onOverflow: (n) => overflows.push(n),
    });
    assert.ok(q.push(new Uint8Array(60)));
    await firstWrite;
    assert.ok(q.push(new Uint8Array(30)));
    assert.equal(q.push(new Uint8Array(30)), false);
    assert.deepEqual(overflows, [120]);
  });
});

Deno.test("outbound queue: what one write carries", async (t) => {
  await t.step("text and bytes, any script, in the order pushed", async () => {
    const writes: Uint8Array[] = [];
    const q = new OutboundQueue((b) => {
      writes.push(b);
      return Promise.resolve(b.length);
    });
    const enc = new TextEncoder();
    q.push("é😀\n");
    q.push(enc.encode("bytes\n"));
    q.push("ß中\n");
    await q.drain();
    assert.equal(writes.length, 1);
    assert.equal(decode(writes[0]), "é😀\nbytes\nß中\n");
    assert.equal(writes[0].length, enc.encode("é😀\nbytes\nß中\n").length);
  });

  await t.step("a write keeps its bytes while other queues flush", async () => {
    const held: Uint8Array[] = [];
    const a = new OutboundQueue((b) => {
      held.push(b);
      return new Promise<number>(() => {}); // never accepted
    });
    const b = new OutboundQueue((bytes) => Promise.resolve(bytes.length));
    a.push("aaaa\n");
    a.push("bbbb\n");
    await new Promise((r) => setTimeout(r, 0));
    b.push("zzzz\n");
    b.push("yyyy\n");
    await b.drain();
    assert.equal(decode(held[0]), "aaaa\nbbbb\n");
    a.close();
  });

  await t.step("a flush larger than the shared buffer", async () => {
    const writes: string[] = [];
    const q = new OutboundQueue((b) => {
      writes.push(decode(b));
      return Promise.resolve(b.length);
    }, { limitBytes: 8 * 2 ** 20, slowBytes: 8 * 2 ** 20 });
    const big = "x".repeat(600 * 1024) + "\n";
    q.push(big);
    q.push(new TextEncoder().encode("y\n"));
    q.push(big);
    await q.drain();
    assert.deepEqual(writes, [big + "y\n" + big]);
  });
});

Deno.test("afterIo: one setImmediate for everything of a turn, in order", async () => {
  const real = globalThis.setImmediate;
  let scheduled = 0;
  globalThis.setImmediate = ((fn: () => void) => {
    scheduled++;
    return real(fn);
  }) as typeof setImmediate;
  try {
    const order: number[] = [];
    let later!: () => void;
    const done = new Promise<void>((r) => later = r);
    for (let i = 0; i < 100; i++) afterIo(() => order.push(i));
    afterIo(() => afterIo(later)); // scheduled while running: the next batch
    await done;
    assert.deepEqual(order, [...Array(100).keys()]);
    assert.equal(scheduled, 2);
  } finally {
    globalThis.setImmediate = real;
  }
});
