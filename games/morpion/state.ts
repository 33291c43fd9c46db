/**
 * Morpion's state types, shared by the rules (./rules.ts) and the migration
 * load (./saved.ts): how a match ended, the whole series.
 *
 * @module
 */
import type { Cell, Mark } from "./board.ts";
import type { Pairing } from "./schedule.ts";
import type { PlayerRecord } from "./standings.ts";
import type { EndReason, MorpionOptions, Phase } from "./wire.ts";

/** How the last match ended. Ids, not nicknames; line in cell numbers 1–9. */
export interface MatchResult {
  /** Id of the winner, null for a draw. */
  winner: string | null;
  /** Id of the loser, null for a draw. */
  loser: string | null;
  /** The winner's mark, null for a draw. */
  mark: Mark | null;
  /** The winning line (cell numbers), null unless `reason` is `line`. */
  line: number[] | null;
  /** Why it ended. */
  reason: EndReason;
}

/** The whole state of a morpion series. JSON-safe; never mutated. */
export interface MorpionState {
  /** Options the series started with. */
  options: MorpionOptions;
  /** Everyone in the series (the built-in opponent too), with their records. */
  players: PlayerRecord[];
  /** Every match of the series, in order. */
  schedule: Pairing[];
  /** Index in `schedule` of the current (or last) match; -1 before any. */
  match: number;
  /** A match is on, a pause between matches, or the end. */
  phase: Phase;
  /** The board of the current (or last) match, cell indexes 0–8. */
  board: Cell[];
  /** Moves played in this match. */
  moves: number;
  /** Last cell played (1–9). */
  last: number | null;
  /** When the player to move got the turn (ms). */
  turnSince: number;
  /** End of the pause (ms), during `pause`. */
  pauseUntil: number | null;
  /** How the last match ended, null while it is on. */
  result: MatchResult | null;
  /** Players whose connection is lost, by id: since when (ms). */
  away?: Record<string, number>;
}
