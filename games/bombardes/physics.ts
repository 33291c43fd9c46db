/**
 * The physics of a shell, pure and deterministic: a landscape generated from
 * the host's seeded random, a trajectory under gravity and wind stepped at a
 * fixed rate until it meets the ground, a cannon or the map's edge, and the
 * crater it digs. Units: one landscape column is one unit wide, heights go
 * up from 0 (the bottom of the map) to {@linkcode HEIGHT}; time in seconds.
 *
 * @module
 */

/**
 * Width of a landscape (columns).
 *
 * @example
 * ```ts
 * import { WIDTH } from "./physics.ts";
 * WIDTH; // 76
 * ```
 */
export const WIDTH = 76;

/**
 * Height of the map (the sky above is open: shells may fly over it).
 *
 * @example
 * ```ts
 * import { HEIGHT } from "./physics.ts";
 * HEIGHT; // 24
 * ```
 */
export const HEIGHT = 24;

/** Gravity, units per second². */
export const GRAVITY = 20;
/** Shell speed (units per second) per percent of charge. */
export const SPEED_PER_CHARGE = 0.45;
/** Wind acceleration (units per second²) per step of wind. */
export const WIND_ACCEL = 1;
/** Distance from the impact within which a cannon is destroyed. */
export const BLAST_RADIUS = 2.5;
/** Radius of the crater a shell digs. */
export const CRATER_RADIUS = 3;
/** Integration step, seconds. */
export const DT = 1 / 100;
/** Longest flight simulated, seconds (then the shell counts as off the map). */
export const MAX_FLIGHT_S = 12;
/** Seconds between two points of the path the clients animate. */
export const PATH_STEP_S = 0.1;
/** Lowest the ground can get (a crater never digs below). */
export const FLOOR = 1;

/**
 * A landscape: rolling hills from a few sine waves with random phases,
 * heights within [{@linkcode FLOOR}, 0.65 × {@linkcode HEIGHT}].
 *
 * @example
 * ```ts
 * import { makeTerrain, WIDTH } from "./physics.ts";
 * const t = makeTerrain(() => 0.5);
 * t.length === WIDTH; // true
 * t.every((h) => h >= 1 && h <= 24); // true
 * ```
 */
export function makeTerrain(random: () => number): number[] {
  const waves = [0, 1, 2].map((i) => ({
    amp: (3 - i) * (0.7 + random() * 0.9),
    freq: (i + 1) * (0.6 + random() * 0.8) * Math.PI / WIDTH * 2,
    phase: random() * Math.PI * 2,
  }));
  const base = HEIGHT * 0.3;
  const top = HEIGHT * 0.65;
  return Array.from({ length: WIDTH }, (_, x) => {
    const h = waves.reduce(
      (sum, w) => sum + w.amp * Math.sin(w.freq * x + w.phase),
      base,
    );
    return round1(Math.min(top, Math.max(FLOOR + 1, h)));
  });
}

/**
 * Positions for `n` cannons: evenly spread with some jitter, never at the
 * edges; the ground under each is flattened so the cannon stands level.
 *
 * @example
 * ```ts
 * import { placeCannons, WIDTH } from "./physics.ts";
 * const xs = placeCannons(new Array(WIDTH).fill(5), 2, () => 0.5).xs;
 * xs; // [19, 57]
 * ```
 */
export function placeCannons(
  terrain: readonly number[],
  n: number,
  random: () => number,
): { xs: number[]; terrain: number[] } {
  const ground = [...terrain];
  const slot = WIDTH / n;
  const xs = Array.from({ length: n }, (_, i) => {
    const jitter = (random() - 0.5) * slot * 0.4;
    const x = Math.round(slot * (i + 0.5) + jitter);
    return Math.min(WIDTH - 3, Math.max(2, x));
  });
  for (const x of xs) {
    const h = ground[x];
    for (let c = x - 1; c <= x + 1; c++) ground[c] = h;
  }
  return { xs, terrain: ground };
}

/**
 * Ground height at a horizontal position (the column it falls in), or
 * -Infinity outside the map.
 *
 * @example
 * ```ts
 * import { groundAt } from "./physics.ts";
 * groundAt([1, 2, 3], 1.7); // 2
 * groundAt([1, 2, 3], -0.1); // -Infinity
 * ```
 */
export function groundAt(terrain: readonly number[], x: number): number {
  const c = Math.floor(x);
  return c >= 0 && c < terrain.length ? terrain[c] : -Infinity;
}

/** A cannon as the physics sees it. */
export interface Target {
  /** Seat id. */
  id: string;
  /** Horizontal position. */
  x: number;
  /** Ground height under it. */
  y: number;
}

/** Where a shell went and where it stopped. */
export interface Trajectory {
  /** Points every {@linkcode PATH_STEP_S}, from the muzzle to the impact. */
  path: [number, number][];
  /** Seconds from the shot to the impact (or to leaving the map). */
  seconds: number;
  /** `ground`: hit the landscape; `cannon`: hit a cannon in flight; `off`: left the map. */
  stop: "ground" | "cannon" | "off";
  /** The impact point (the exit point when off the map). */
  x: number;
  /** Height of the impact point. */
  y: number;
}

/**
 * Flies a shell fired from `from` at `angle` degrees (protractor: 0 right,
 * 90 up, 180 left) with `charge` percent, under gravity and `wind`; it
 * stops on the ground, on a cannon other than its own (or its own once it
 * has flown half a second), or when it leaves the map by a side or flies
 * longer than {@linkcode MAX_FLIGHT_S}. Every number is finite.
 *
 * @example
 * ```ts
 * import { fly, WIDTH } from "./physics.ts";
 * const flat = new Array(WIDTH).fill(2);
 * const t = fly(flat, [], { id: "a", x: 10, y: 2 }, 45, 50, 0);
 * t.stop; // "ground"
 * Math.round(t.x); // 36
 * ```
 */
export function fly(
  terrain: readonly number[],
  cannons: readonly Target[],
  from: Target,
  angle: number,
  charge: number,
  wind: number,
): Trajectory {
  const rad = (clamp(angle, 0, 180) * Math.PI) / 180;
  const speed = clamp(charge, 0, 100) * SPEED_PER_CHARGE;
  let x = from.x;
  let y = from.y + 1;
  let vx = Math.cos(rad) * speed;
  let vy = Math.sin(rad) * speed;
  const path: [number, number][] = [[round1(x), round1(y)]];
  const every = Math.round(PATH_STEP_S / DT);
  const steps = Math.round(MAX_FLIGHT_S / DT);
  for (let i = 1; i <= steps; i++) {
    vx += wind * WIND_ACCEL * DT;
    vy -= GRAVITY * DT;
    x += vx * DT;
    y += vy * DT;
    const seconds = i * DT;
    const end = (stop: Trajectory["stop"]): Trajectory => {
      path.push([round1(x), round1(y)]);
      return {
        path,
        seconds: round2(seconds),
        stop,
        x: round1(x),
        y: round1(y),
      };
    };
    if (x < 0 || x >= terrain.length) return end("off");
    const hit = cannons.find((c) =>
      (c.id !== from.id || seconds > 0.5) &&
      Math.abs(c.x - x) <= 1 && y >= c.y && y <= c.y + 1.5
    );
    if (hit) return end("cannon");
    const ground = groundAt(terrain, x);
    if (y <= ground) {
      y = ground;
      return end("ground");
    }
    if (i % every === 0) path.push([round1(x), round1(y)]);
  }
  return {
    path,
    seconds: MAX_FLIGHT_S,
    stop: "off",
    x: round1(x),
    y: round1(y),
  };
}

/**
 * The landscape after a shell dug a crater at `x`, `y`: the ground within
 * {@linkcode CRATER_RADIUS} sinks in a bowl, never under {@linkcode FLOOR}
 * nor above where it was.
 *
 * @example
 * ```ts
 * import { crater } from "./physics.ts";
 * crater([5, 5, 5, 5, 5, 5, 5, 5, 5], 4.5, 5); // [5, 5, 3.3, 2.9, 2.8, 2.9, 3.3, 5, 5]
 * ```
 */
export function crater(
  terrain: readonly number[],
  x: number,
  y: number,
): number[] {
  return terrain.map((h, c) => {
    const dx = c + 0.5 - x;
    if (Math.abs(dx) >= CRATER_RADIUS) return h;
    const bottom = y - Math.sqrt(CRATER_RADIUS ** 2 - dx * dx) * 0.75;
    return round1(Math.max(FLOOR, Math.min(h, bottom)));
  });
}

/**
 * Rounds to one decimal (what goes on the wire).
 *
 * @example
 * ```ts
 * import { round1 } from "./physics.ts";
 * round1(2.345); // 2.3
 * ```
 */
export function round1(n: number): number {
  return Math.round(n * 10) / 10 + 0; // + 0: never -0
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}
