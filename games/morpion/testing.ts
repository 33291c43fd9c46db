/**
 * Helpers for morpion's tests: a seeded random source and a driver that
 * plays a whole series through the rules, as the host's runner would.
 * Test-only; nothing else imports it.
 *
 * @module
 */
import type { Outgoing, Seat } from "../types.ts";
import { morpionRules, type MorpionState } from "./rules.ts";
import type { MorpionOptions } from "./wire.ts";

export { seeded } from "../testing_random.ts";

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

/** What {@linkcode playSeries} saw. */
export interface SeriesLog {
  state: MorpionState;
  out: Outgoing[];
  now: number;
}

/**
 * Plays a series to its end: whoever's turn it is picks a cell with
 * `pick` (a cell number 1–9 among the empty ones), and time jumps to each
 * deadline otherwise. `watch` sees the state after every step.
 *
 * @example
 * ```ts
 * import { morpionRules } from "./rules.ts";
 * import { playSeries, seatsOf, seeded } from "./testing.ts";
 * const log = playSeries(seatsOf("ana", "bob"), morpionRules.optionsSchema.parse({}), seeded(1));
 * morpionRules.over(log.state); // true
 * ```
 */
export function playSeries(
  seats: Seat[],
  options: MorpionOptions,
  random: () => number,
  pick: (empty: number[], seat: string) => number = (empty) =>
    empty[Math.floor(random() * empty.length)],
  watch: (state: MorpionState, now: number) => void = () => {},
): SeriesLog {
  let now = 0;
  let { state, out } = morpionRules.start(seats, options, { now, random });
  const all = [...out];
  for (let guard = 0; guard < 10_000 && !morpionRules.over(state); guard++) {
    const moverSeat = seats.find((s) => {
      const v = morpionRules.view(state, s.id, now);
      return v.yourTurn;
    });
    if (moverSeat) {
      const empty = state.board.flatMap((c, i) => c === "" ? [i + 1] : []);
      ({ state, out } = morpionRules.move(
        state,
        moverSeat.id,
        { type: "play", cell: pick(empty, moverSeat.id) },
        { now, random },
      ));
    } else {
      const due = morpionRules.deadline(state);
      if (due === null) throw new Error("stuck: no mover and no deadline");
      now = Math.max(now, due);
      ({ state, out } = morpionRules.tick(state, { now, random }));
    }
    all.push(...out);
    watch(state, now);
    now += 1;
  }
  return { state, out: all, now };
}
