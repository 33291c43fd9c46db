/**
 * Juste prix's state types, shared by the rules (./rules.ts) and the
 * migration load (./saved.ts): a seat during a round, a finished round, the
 * whole game.
 *
 * @module
 */
import type {
  GuessView,
  JustePrixOptions,
  Phase,
  RankingEntry,
  RoundEndReason,
} from "./wire.ts";

/**
 * One seat during a round.
 *
 * @example
 * ```ts
 * import { type PlayerState } from "./state.ts";
 * const p: PlayerState = {
 *   id: "p1", nickname: "Ana", present: true, guesses: [], foundAt: null,
 * };
 * ```
 */
export interface PlayerState {
  /** Seat id. */
  id: string;
  /** Display name. */
  nickname: string;
  /** False once the player has left. */
  present: boolean;
  /** This round's guesses, oldest first. */
  guesses: GuessView[];
  /** Time (ms) the player found this round's secret, or null. */
  foundAt: number | null;
}

/**
 * A finished round.
 *
 * @example
 * ```ts
 * import { type RoundResult } from "./state.ts";
 * const r: RoundResult = { round: 1, secret: 42, reason: "all_found", ranking: [] };
 * ```
 */
export interface RoundResult {
  /** Round number, 1-based. */
  round: number;
  /** The number to find. */
  secret: number;
  /** Why the round ended. */
  reason: RoundEndReason;
  /** The round's ranking, best first. */
  ranking: RankingEntry[];
}

/**
 * The whole state of a game. Contains the secret: never send it as is.
 *
 * @example
 * ```ts
 * import { justePrixRules } from "./rules.ts";
 * import { type JustePrixState } from "./state.ts";
 * const opts = justePrixRules.optionsSchema.parse({});
 * const state: JustePrixState = justePrixRules
 *   .start([{ id: "p1", nickname: "Ana" }], opts, { now: 0, random: Math.random })
 *   .state;
 * ```
 */
export interface JustePrixState {
  /** Options the game started with. */
  options: JustePrixOptions;
  /** Playing a round, pause between rounds, or over. */
  phase: Phase;
  /** Current round, 1-based. */
  round: number;
  /** The number to find. */
  secret: number;
  /** When the current phase began (ms). */
  phaseStartedAt: number;
  /** When the current phase ends (ms), null without limit or when over. */
  phaseEndsAt: number | null;
  /** Every seat, in seat order. */
  players: PlayerState[];
  /** Finished rounds, oldest first. */
  results: RoundResult[];
}
