/**
 * Helpers for juste prix's tests: display seats, a scripted game that keeps
 * every message and view, random sources that pick the secret, and the
 * pattern of a catalog key left untranslated. Test-only.
 *
 * @module
 */
import type { Outgoing, Seat } from "../types.ts";
import { justePrixRules as rules, type JustePrixState } from "./rules.ts";
import type { JustePrixOptions, JustePrixView } from "./wire.ts";

export { seeded } from "../testing_random.ts";

/**
 * Four seats for display tests: a long name and a wide (CJK) one among them.
 *
 * @example
 * ```ts
 * import { SEATS } from "./testing.ts";
 * SEATS[3].nickname; // "太郎"
 * ```
 */
export const SEATS: Seat[] = [
  { id: "a", nickname: "Ana" },
  { id: "b", nickname: "Bob" },
  { id: "c", nickname: "Cyrille_le_grand" },
  { id: "d", nickname: "太郎" },
];

/**
 * A catalog key left untranslated (the translator's last fallback).
 *
 * @example
 * ```ts
 * import { RAW_KEY } from "./testing.ts";
 * RAW_KEY.test("screen.round"); // true
 * ```
 */
export const RAW_KEY = /\b(line|screen|error|reason|hint|ordinal)\.[a-z_]+/;

/**
 * A random source that makes `drawSecret(max, r)` return `secret`.
 *
 * @example
 * ```ts
 * import { drawSecret } from "./rules.ts";
 * import { secretRandom } from "./testing.ts";
 * drawSecret(100, secretRandom(42, 100)); // 42
 * ```
 */
export function secretRandom(secret: number, max: number): () => number {
  return () => (secret - 0.5) / max;
}

/**
 * Random values taken in turn (the last one repeats).
 *
 * @example
 * ```ts
 * import { sequence } from "./testing.ts";
 * const r = sequence(0.1, 0.9);
 * [r(), r(), r()]; // [0.1, 0.9, 0.9]
 * ```
 */
export function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)];
}

/** What {@linkcode playScenario} saw. */
export interface Scenario {
  /** Every message, in order. */
  messages: Outgoing[];
  /** Views of seats a, b, c, d and a spectator after each step. */
  views: JustePrixView[];
  /** The state at the end. */
  state: JustePrixState;
}

/**
 * Plays a scripted game on {@linkcode SEATS} (secret 42 of 100, two rounds
 * unless `opts` says otherwise) and keeps every message and, after each
 * step, the view of every seat and of a spectator.
 *
 * @example
 * ```ts
 * import { playScenario } from "./testing.ts";
 * const { messages } = playScenario({ rounds: 1 });
 * messages[0].message.type; // "round_start"
 * ```
 */
export function playScenario(opts: Partial<JustePrixOptions> = {}): Scenario {
  let now = 0;
  const env = () => ({ now, random: () => 0.415 }); // secret 42 of 100
  const o = rules.optionsSchema.parse({ rounds: 2, ...opts });
  const messages: Outgoing[] = [];
  const views: JustePrixView[] = [];
  let { state, out } = rules.start(SEATS, o, env());
  messages.push(...out);
  const snap = (s: JustePrixState) => {
    for (const seat of ["a", "b", "c", "d", "spectator"]) {
      views.push(rules.view(s, seat, now) as JustePrixView);
    }
  };
  snap(state);
  const plays: [string, number][] = [
    ["a", 50],
    ["b", 30],
    ["a", 25],
    ["a", 37],
    ["a", 43],
    ["a", 40],
    ["a", 42],
    ["c", 42],
    ["b", 99],
  ];
  for (const [seat, value] of plays) {
    now += 1_000;
    ({ state, out } = rules.move(state, seat, { type: "guess", value }, env()));
    messages.push(...out);
    snap(state);
  }
  ({ state, out } = rules.leave(state, "d", env()));
  messages.push(...out);
  now = rules.deadline(state) ?? now;
  ({ state, out } = rules.tick(state, env())); // time up (or nothing)
  messages.push(...out);
  snap(state);
  now += 2_000;
  snap(state);
  return { messages, views, state };
}
