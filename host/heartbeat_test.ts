import assert from "node:assert/strict";
import { Heartbeat, PINGS_KEPT } from "./heartbeat.ts";
import { FakeClock } from "./room_testing.ts";

function beat(clock: FakeClock) {
  const pings: number[] = [];
  const trips: number[] = [];
  const silent: number[] = [];
  const hb = new Heartbeat(clock, { intervalMs: 2000, timeoutMs: 6000 }, {
    ping: (m) => void pings.push(m.id),
    roundTrip: (ms) => void trips.push(ms),
    silent: (ms) => void silent.push(ms),
  });
  return { hb, pings, trips, silent };
}

Deno.test("heartbeat: a ping every interval; silent after the timeout, not before", () => {
  const clock = new FakeClock();
  const { hb, pings, silent } = beat(clock);
  hb.start();
  clock.advance(5999);
  assert.deepEqual(pings, [1, 2, 3]);
  assert.deepEqual(silent, []);
  clock.advance(1);
  assert.deepEqual(silent, [6000]);
  clock.advance(10_000);
  assert.deepEqual(pings, [1, 2, 3], "stopped once silent");
  assert.deepEqual(clock.timers, []);
});

Deno.test("heartbeat: any line keeps the connection; a pong gives the round trip once", () => {
  const clock = new FakeClock();
  const { hb, trips, silent } = beat(clock);
  hb.start();
  for (let i = 0; i < 10; i++) {
    clock.advance(5000);
    hb.heard(); // a chat line, a move: alive
  }
  assert.deepEqual(silent, []);
  hb.heard({ type: "pong", id: 26 }); // the latest ping, sent at 50 000
  hb.heard({ type: "pong", id: 26 }); // again: not counted twice
  hb.heard({ type: "pong", id: "26" }); // not a number: ignored
  assert.deepEqual(trips, [0]);
  hb.stop();
  assert.deepEqual(clock.timers, []);
});

Deno.test("heartbeat: only the last PINGS_KEPT pings are awaited", () => {
  const clock = new FakeClock();
  const { hb, pings, trips } = beat(clock);
  hb.start();
  for (let i = 0; i < PINGS_KEPT; i++) {
    clock.advance(2000);
    hb.heard(); // alive
  } // PINGS_KEPT + 1 pings sent
  assert.equal(pings.length, PINGS_KEPT + 1);
  hb.heard({ type: "pong", id: 1 }); // forgotten: no round trip
  hb.heard({ type: "pong", id: 2 });
  assert.deepEqual(trips, [2000 * (PINGS_KEPT - 1)]);
  hb.stop();
});
