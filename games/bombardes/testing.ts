/**
 * Helpers for bombardes' tests: seats, an environment with a settable
 * clock, and a driver that plays a game through the rules as the host's
 * runner would (moves, then `tick` at each deadline). Test-only.
 *
 * @module
 */
import type { Env, Outgoing, Seat } from "../types.ts";
import { seeded } from "../testing_random.ts";
import { bombardesRules, type BombardesState } from "./rules.ts";
import type { BombardesOptions, BombardesView } from "./wire.ts";

export { seeded };

/**
 * Seats named after `nicknames`, ids `p1`, `p2`...
 *
 * @example
 * ```ts
 * import { seatsOf } from "./testing.ts";
 * seatsOf("ana", "bob")[1]; // { id: "p2", nickname: "bob" }
 * ```
 */
export function seatsOf(...nicknames: string[]): Seat[] {
  return nicknames.map((nickname, i) => ({ id: `p${i + 1}`, nickname }));
}

/**
 * Options with defaults, `over` replacing some.
 *
 * @example
 * ```ts
 * import { optionsOf } from "./testing.ts";
 * optionsOf({ rounds: 1 }).rounds; // 1
 * ```
 */
export function optionsOf(
  over: Partial<BombardesOptions> = {},
): BombardesOptions {
  return bombardesRules.optionsSchema.parse(over);
}

/** What {@linkcode playGame} saw. */
export interface GameLog {
  /** The state at the end. */
  state: BombardesState;
  /** Every message, in order. */
  out: Outgoing[];
  /** The host time at the end. */
  now: number;
}

/**
 * Plays a game to its end (bounded by `maxSteps`): whenever a seat must
 * fire, `aim` gives its shot from its view (null: it lets the deadline go
 * by); every deadline is ticked at its time.
 *
 * @example
 * ```ts
 * import { bombardesRules } from "./rules.ts";
 * import { optionsOf, playGame, seatsOf } from "./testing.ts";
 * const log = playGame(seatsOf("ana", "bob"), optionsOf({ rounds: 1 }), () => null, 1);
 * bombardesRules.over(log.state); // true
 * log.out.filter((o) => o.message.type === "missed_turn").length; // 16
 * ```
 */
export function playGame(
  seats: Seat[],
  options: BombardesOptions,
  aim: (view: BombardesView) => { angle: number; charge: number } | null,
  seed: number,
  maxSteps = 2000,
): GameLog {
  let now = 0;
  const random = seeded(seed);
  const env = (): Env => ({ now, random });
  let { state, out } = bombardesRules.start(seats, options, env());
  const all = [...out];
  for (let i = 0; i < maxSteps && !bombardesRules.over(state); i++) {
    if (state.phase === "aim" && state.shooter) {
      const view = bombardesRules.view(
        state,
        state.shooter,
        now,
      ) as BombardesView;
      const shot = aim(view);
      if (shot) {
        ({ state, out } = bombardesRules.move(
          state,
          state.shooter,
          { type: "fire", ...shot },
          env(),
        ));
        all.push(...out);
        continue;
      }
    }
    now = bombardesRules.deadline(state) ?? now;
    ({ state, out } = bombardesRules.tick(state, env()));
    all.push(...out);
  }
  return { state, out: all, now };
}
