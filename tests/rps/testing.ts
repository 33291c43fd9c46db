/**
 * Helpers for rock-paper-scissors' tests: seats and a driver that plays a
 * whole game through the rules, as the host's runner would. Test-only.
 *
 * @module
 */
import type { Outgoing, Seat } from "../../games/types.ts";
import { rpsRules, type RpsState } from "./rules.ts";
import type { Hand, RpsOptions } from "./wire.ts";

export { seeded } from "../../games/testing_random.ts";

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

/** What {@linkcode playGame} saw. */
export interface GameLog {
  /** The state at the end. */
  state: RpsState;
  /** Every message, in order. */
  out: Outgoing[];
}

/**
 * Plays a game to its end: each round, `pick` gives each seat's hand (null:
 * it does not throw, and time runs out).
 *
 * @example
 * ```ts
 * import { rpsRules } from "./rules.ts";
 * import { playGame, seatsOf } from "./testing.ts";
 * const log = playGame(seatsOf("ana", "bob"), rpsRules.optionsSchema.parse({}), (seat) =>
 *   seat === "p1" ? "paper" : "rock"
 * );
 * rpsRules.standings(log.state)[0].nickname; // "ana"
 * ```
 */
export function playGame(
  seats: Seat[],
  options: RpsOptions,
  pick: (seat: string, round: number) => Hand | null,
): GameLog {
  let now = 0;
  const env = () => ({ now, random: () => 0 });
  let { state, out } = rpsRules.start(seats, options, env());
  const all = [...out];
  for (let guard = 0; guard < 100 && !rpsRules.over(state); guard++) {
    const round = state.round;
    for (const seat of seats) {
      const hand = pick(seat.id, round);
      if (hand === null || rpsRules.over(state) || state.round !== round) {
        continue;
      }
      ({ state, out } = rpsRules.move(
        state,
        seat.id,
        { type: "throw", hand },
        env(),
      ));
      all.push(...out);
    }
    if (state.round === round && !rpsRules.over(state)) {
      now = rpsRules.deadline(state)!;
      ({ state, out } = rpsRules.tick(state, env()));
      all.push(...out);
    }
  }
  return { state, out: all };
}
