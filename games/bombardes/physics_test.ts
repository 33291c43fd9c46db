import assert from "node:assert/strict";
import fc from "fast-check";
import {
  crater,
  FLOOR,
  fly,
  GRAVITY,
  HEIGHT,
  makeTerrain,
  MAX_FLIGHT_S,
  placeCannons,
  SPEED_PER_CHARGE,
  WIDTH,
} from "./physics.ts";
import { seeded } from "./testing.ts";

const flat = (h = 2) => new Array(WIDTH).fill(h);
const at = (id: string, x: number, y = 2) => ({ id, x, y });

Deno.test("physics: on flat ground without wind the range is v² sin 2θ / g", () => {
  for (const [angle, charge] of [[45, 50], [30, 60], [60, 40]]) {
    const v = charge * SPEED_PER_CHARGE;
    const range = (v * v * Math.sin((2 * angle * Math.PI) / 180)) / GRAVITY;
    const t = fly(flat(), [], at("a", 5), angle, charge, 0);
    assert.equal(t.stop, "ground");
    // Launched one unit above the ground: a little longer than the formula.
    assert.ok(t.x - 5 > range && t.x - 5 < range + 3, `${angle}° ${charge}%`);
  }
});

Deno.test("physics: mirrored angles fly mirrored; wind pushes the shell", () => {
  const right = fly(flat(), [], at("a", 38), 45, 40, 0);
  const left = fly(flat(), [], at("a", 38), 135, 40, 0);
  assert.ok(Math.abs((right.x - 38) - (38 - left.x)) < 0.2);
  const calm = fly(flat(), [], at("a", 10), 45, 40, 0).x;
  const tail = fly(flat(), [], at("a", 10), 45, 40, 5).x;
  const head = fly(flat(), [], at("a", 10), 45, 40, -5).x;
  assert.ok(tail > calm + 1, `tail wind: ${tail} beyond ${calm}`);
  assert.ok(head < calm - 1, `head wind: ${head} short of ${calm}`);
});

Deno.test("physics: a hill stops the shell; a cannon in the way is hit; edges let it go", () => {
  const hill = flat();
  for (let x = 20; x < 24; x++) hill[x] = 20;
  const t = fly(hill, [], at("a", 10), 45, 50, 0);
  assert.equal(t.stop, "ground");
  assert.ok(t.x >= 19 && t.x < 24, `stopped by the hill at ${t.x}`);
  const target = at("b", 36);
  const free = fly(flat(), [], at("a", 10), 45, 50, 0);
  const aimed = fly(flat(), [at("a", 10), target], at("a", 10), 45, 50, 0);
  assert.ok(Math.abs(free.x - target.x) < 1.5, "the free shell lands there");
  assert.equal(aimed.stop, "cannon");
  const out = fly(flat(), [], at("a", 70), 45, 100, 0);
  assert.equal(out.stop, "off");
  assert.ok(out.x >= WIDTH);
  const up = fly(flat(), [at("a", 38)], at("a", 38), 90, 30, 0);
  assert.equal(up.stop, "cannon", "straight up comes back on its own cannon");
});

Deno.test("physics: a flight is bounded in time", () => {
  const t = fly(flat(-1e9), [], at("a", 38, 0), 90, 100, 0);
  assert.equal(t.stop, "off");
  assert.equal(t.seconds, MAX_FLIGHT_S);
});

Deno.test("physics: a crater digs a bowl, never below the floor, never raising the ground", () => {
  const before = flat(5);
  const after = crater(before, 30.5, 5);
  assert.ok(after[30] < 5 && after[30] >= FLOOR);
  assert.equal(after[20], 5);
  assert.deepEqual(crater(flat(1.5), 30, 1.5).every((h) => h >= FLOOR), true);
});

Deno.test("physics: the cannons stand apart, on level ground, inside the map", () => {
  for (const n of [2, 3, 8]) {
    const { xs, terrain } = placeCannons(makeTerrain(seeded(n)), n, seeded(n));
    assert.equal(xs.length, n);
    for (let i = 1; i < n; i++) assert.ok(xs[i] > xs[i - 1]);
    for (const x of xs) {
      assert.ok(x >= 2 && x <= WIDTH - 3);
      assert.equal(terrain[x - 1], terrain[x]);
      assert.equal(terrain[x + 1], terrain[x]);
    }
  }
});

Deno.test("physics (property): terrain stays in bounds, shells never give NaN, craters stay in bounds", () => {
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const t = makeTerrain(seeded(seed));
      return t.length === WIDTH &&
        t.every((h) => Number.isFinite(h) && h >= FLOOR && h <= HEIGHT);
    }),
    { numRuns: 200 },
  );
  fc.assert(
    fc.property(
      fc.integer(),
      fc.double({ noNaN: false }),
      fc.double({ noNaN: false }),
      fc.integer({ min: -9, max: 9 }),
      (seed, angle, charge, wind) => {
        const terrain = makeTerrain(seeded(seed));
        const t = fly(
          terrain,
          [],
          at("a", 20, terrain[20]),
          angle,
          charge,
          wind,
        );
        const numbers = [t.x, t.y, t.seconds, ...t.path.flat()];
        const ok = numbers.every(Number.isFinite);
        const dug = crater(terrain, t.x, t.y);
        return ok && dug.every((h, i) => h >= FLOOR && h <= terrain[i]);
      },
    ),
    { numRuns: 200 },
  );
});
