import assert from "node:assert/strict";
import { InboundGuard } from "./inbound_guard.ts";
import { FakeClock } from "./room_testing.ts";

Deno.test("inbound guard: the rate, told at most once a second", () => {
  const clock = new FakeClock();
  const guard = new InboundGuard(clock, 2, 50); // 2/s, burst 4
  const first = Array.from({ length: 6 }, () => guard.admit());
  assert.deepEqual(first, ["pass", "pass", "pass", "pass", "warn", "drop"]);
  clock.advance(500); // one token back
  assert.deepEqual([guard.admit(), guard.admit()], ["pass", "drop"]);
  clock.advance(501); // a second after the warning, still empty-ish
  assert.equal(guard.admit(), "pass");
  assert.equal(guard.admit(), "warn");
});

Deno.test("inbound guard: invalid messages in a row, reset by a valid one", () => {
  const guard = new InboundGuard(new FakeClock(), 20, 3);
  assert.deepEqual([guard.invalid(), guard.invalid()], [false, false]);
  guard.valid();
  assert.deepEqual(
    [guard.invalid(), guard.invalid(), guard.invalid()],
    [false, false, true],
  );
});
