import assert from "node:assert/strict";
import { seeded } from "./testing_random.ts";

Deno.test("seeded: mulberry32, same seed same sequence", () => {
  // Pinned values: tests everywhere rely on these sequences not changing.
  const r = seeded(42);
  assert.deepEqual([r(), r(), r()], [
    0.6011037519201636,
    0.44829055899754167,
    0.8524657934904099,
  ]);
  const a = seeded(7), b = seeded(7), c = seeded(8);
  const xs = Array.from({ length: 100 }, () => a());
  assert.deepEqual(xs, Array.from({ length: 100 }, () => b()));
  assert.notDeepEqual(xs, Array.from({ length: 100 }, () => c()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
});
