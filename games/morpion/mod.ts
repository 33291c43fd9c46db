/**
 * Morpion (tic-tac-toe) for lanplay: a series of matches on one board the
 * whole room watches. Two players swap X and O each match; three or more
 * play a round-robin; a player alone meets the built-in opponent (`easy`:
 * random, `hard`: perfect play, never loses). Moves are
 * `{ "type": "play", "cell": 5 }` with cells 1 2 3 (top), 4 5 6, 7 8 9.
 * See docs/games/morpion.md.
 *
 * @example
 * ```ts
 * import { morpion } from "./mod.ts";
 * const env = { now: 0, random: Math.random };
 * const seats = [{ id: "p1", nickname: "ana" }];
 * const { state, out } = morpion.rules.start(seats, morpion.rules.optionsSchema.parse({ ai: "easy" }), env);
 * out[0].message.type; // "match_start"
 * morpion.rules.deadline(state); // null: ana (X) moves first, no time limit
 * ```
 *
 * @module
 */
import type { Game } from "../types.ts";
import { morpionBot } from "./bot.ts";
import { morpionRules, type MorpionState } from "./rules.ts";
import type { MorpionOptions } from "./wire.ts";
import { morpionView } from "./view.ts";

export {
  type AiLevel,
  aiMove,
  bestMoves,
  easyMove,
  hardMove,
  minimaxValue,
} from "./ai.ts";
export {
  type Board,
  type Cell,
  emptyBoard,
  LINES,
  type Mark,
  nextMark,
  type Outcome,
  outcome,
  winner,
} from "./board.ts";
export { morpionBot } from "./bot.ts";
export {
  AI_DELAY_MS,
  AI_ID,
  AI_NICKNAME,
  type MatchResult,
  type MorpionRules,
  morpionRules,
  type MorpionState,
  PAUSE_MS,
} from "./rules.ts";
export { type Pairing, roundRobin, seriesSchedule } from "./schedule.ts";
export { type PlayerRecord, SESSION_POINTS } from "./standings.ts";
export type {
  BoardMessage,
  EndReason,
  MatchEndMessage,
  MatchStartMessage,
  MorpionMessage,
  MorpionOptions,
  MorpionView,
  Phase,
  PlayMove,
  SeriesEndMessage,
  StandingRow,
  ViewResult,
  Who,
} from "./wire.ts";
export { key, parseInput } from "./input.ts";
export { morpionView } from "./view.ts";

/**
 * The morpion game: rules, view and bot, for games/registry.ts.
 *
 * @example
 * ```ts
 * import { morpion } from "./mod.ts";
 * morpion.rules.id; // "morpion"
 * ```
 */
export const morpion: Game<MorpionState, MorpionOptions> = {
  rules: morpionRules,
  view: morpionView,
  bot: morpionBot,
};
