/**
 * The shapes juste prix puts on the wire: its options, its move, the messages the host
 * sends (`round_start`, `hint`, `found`, `progress`, `round_end`) and the
 * view each seat receives. Each shape is a plain type (for people and the
 * compiler) plus a zod schema, so a client can check what it receives
 * before drawing it. docs/games/justeprix.md shows each one as JSON.
 *
 * @module
 */
import { z } from "zod";

/**
 * Game id on the command line and the wire.
 *
 * @example
 * ```ts
 * import { GAME_ID } from "./wire.ts";
 * GAME_ID; // "justeprix"
 * ```
 */
export const GAME_ID = "justeprix";

/**
 * Options of a game of juste prix.
 *
 * @example
 * ```ts
 * import { type JustePrixOptions } from "./wire.ts";
 * const o: JustePrixOptions = { max: 100, rounds: 3, timeLimitSec: 90, pauseSec: 4 };
 * ```
 */
export interface JustePrixOptions {
  /** Largest possible secret (2..1 000 000, default 100). */
  max: number;
  /** Number of rounds (1..20, default 3). */
  rounds: number;
  /** Seconds per round, 0 for no limit (0..3600, default 90). */
  timeLimitSec: number;
  /** Seconds of pause showing a round's result (0..60, default 4). */
  pauseSec: number;
}

/**
 * Schema of the options: fills defaults, accepts numbers written as strings
 * (`--max 50` on the command line) and refuses anything out of bounds.
 *
 * @example
 * ```ts
 * import { optionsSchema } from "./wire.ts";
 * optionsSchema.parse({ max: "50" });
 * // { max: 50, rounds: 3, timeLimitSec: 90, pauseSec: 4 }
 * ```
 */
export const optionsSchema: z.ZodType<JustePrixOptions> = z.object({
  max: z.coerce.number().int().min(2).max(1_000_000).default(100),
  rounds: z.coerce.number().int().min(1).max(20).default(3),
  timeLimitSec: z.coerce.number().int().min(0).max(3600).default(90),
  pauseSec: z.coerce.number().int().min(0).max(60).default(4),
});

/**
 * A private hint: `plus` (the secret is higher), `moins` (it is lower) or
 * `found`.
 *
 * @example
 * ```ts
 * import { type Hint } from "./wire.ts";
 * const h: Hint = "plus"; // the secret is higher than the guess
 * ```
 */
export type Hint = "plus" | "moins" | "found";

/**
 * `playing` a round, `pause` between rounds (result shown), `over`.
 *
 * @example
 * ```ts
 * import { type Phase } from "./wire.ts";
 * const p: Phase = "pause";
 * ```
 */
export type Phase = "playing" | "pause" | "over";

/**
 * Why a round ended.
 *
 * @example
 * ```ts
 * import { type RoundEndReason } from "./wire.ts";
 * const r: RoundEndReason = "time_up";
 * ```
 */
export type RoundEndReason = "all_found" | "time_up" | "no_players";

/**
 * The only move: `{ "type": "guess", "value": 42 }`.
 *
 * @example
 * ```ts
 * import { type GuessMove } from "./wire.ts";
 * const move: GuessMove = { type: "guess", value: 42 };
 * ```
 */
export type GuessMove = { type: "guess"; value: number };

/**
 * Sent to all when a round begins; `endsIn` is in ms, null without limit.
 *
 * @example
 * ```ts
 * import { type RoundStartMessage } from "./wire.ts";
 * const m: RoundStartMessage = {
 *   type: "round_start", round: 1, rounds: 3, min: 1, max: 100, endsIn: 90000,
 * };
 * ```
 */
export type RoundStartMessage = {
  type: "round_start";
  round: number;
  rounds: number;
  min: number;
  max: number;
  endsIn: number | null;
};

/**
 * Sent to the guesser only: the answer to one guess, the attempts so far in
 * this round and the interval still possible (`low`..`high`).
 *
 * @example
 * ```ts
 * import { type HintMessage } from "./wire.ts";
 * const m: HintMessage = {
 *   type: "hint", round: 1, guess: 50, hint: "moins", attempts: 1, low: 1, high: 49,
 * };
 * ```
 */
export type HintMessage = {
  type: "hint";
  round: number;
  guess: number;
  hint: Hint;
  attempts: number;
  low: number;
  high: number;
};

/**
 * Sent to all when someone finds the number (never the number itself).
 *
 * @example
 * ```ts
 * import { type FoundMessage } from "./wire.ts";
 * const m: FoundMessage = {
 *   type: "found", round: 1, id: "p2", nickname: "Bob", attempts: 5, rank: 1,
 * };
 * ```
 */
export type FoundMessage = {
  type: "found";
  round: number;
  id: string;
  nickname: string;
  attempts: number;
  rank: number;
};

/**
 * One player's public progress in the current round.
 *
 * @example
 * ```ts
 * import { type ProgressEntry } from "./wire.ts";
 * const e: ProgressEntry = {
 *   id: "p1", nickname: "Ana", attempts: 3, found: false, rank: null, left: false,
 * };
 * ```
 */
export type ProgressEntry = {
  id: string;
  nickname: string;
  attempts: number;
  found: boolean;
  /** Finding rank so far (1 = first), null while not found. */
  rank: number | null;
  /** True when the player has left the game. */
  left: boolean;
};

/**
 * Sent to all after each guess (and when someone leaves).
 *
 * @example
 * ```ts
 * import { type ProgressMessage } from "./wire.ts";
 * const m: ProgressMessage = { type: "progress", round: 1, players: [] };
 * ```
 */
export type ProgressMessage = {
  type: "progress";
  round: number;
  players: ProgressEntry[];
};

/**
 * One line of a round's ranking.
 *
 * @example
 * ```ts
 * import { type RankingEntry } from "./wire.ts";
 * const e: RankingEntry = {
 *   id: "p2", nickname: "Bob", attempts: 5, found: true, rank: 1, points: 1030,
 * };
 * ```
 */
export type RankingEntry = {
  id: string;
  nickname: string;
  attempts: number;
  found: boolean;
  rank: number;
  points: number;
};

/**
 * One line of the totals over the rounds played.
 *
 * @example
 * ```ts
 * import { type TotalEntry } from "./wire.ts";
 * const e: TotalEntry = { id: "p2", nickname: "Bob", points: 2060, rank: 1 };
 * ```
 */
export type TotalEntry = {
  id: string;
  nickname: string;
  points: number;
  rank: number;
};

/**
 * Sent to all when a round ends: the secret, the round's ranking, the
 * totals so far, and `nextIn` (ms until the next round, null after the last).
 *
 * @example
 * ```ts
 * import { type RoundEndMessage } from "./wire.ts";
 * const m: RoundEndMessage = {
 *   type: "round_end", round: 3, rounds: 3, secret: 42, reason: "all_found",
 *   ranking: [], totals: [], nextIn: null,
 * };
 * ```
 */
export type RoundEndMessage = {
  type: "round_end";
  round: number;
  rounds: number;
  secret: number;
  reason: RoundEndReason;
  ranking: RankingEntry[];
  totals: TotalEntry[];
  nextIn: number | null;
};

/**
 * Any message juste prix sends.
 *
 * @example
 * ```ts
 * import { type JustePrixMessage } from "./wire.ts";
 * const m: JustePrixMessage = { type: "progress", round: 2, players: [] };
 * ```
 */
export type JustePrixMessage =
  | RoundStartMessage
  | HintMessage
  | FoundMessage
  | ProgressMessage
  | RoundEndMessage;

/**
 * One of my guesses and its hint.
 *
 * @example
 * ```ts
 * import { type GuessView } from "./wire.ts";
 * const g: GuessView = { value: 50, hint: "plus" };
 * ```
 */
export type GuessView = { value: number; hint: Hint };

/**
 * What a seated player sees of their own round.
 *
 * @example
 * ```ts
 * import { type MyRound } from "./wire.ts";
 * const me: MyRound = {
 *   id: "p1", nickname: "Ana", attempts: 1, found: false, rank: null,
 *   low: 51, high: 100, guesses: [{ value: 50, hint: "plus" }],
 * };
 * ```
 */
export type MyRound = {
  /** My seat id (marks my line in `players`). */
  id: string;
  nickname: string;
  attempts: number;
  found: boolean;
  rank: number | null;
  /** Smallest number still possible according to my hints. */
  low: number;
  /** Largest number still possible according to my hints. */
  high: number;
  /** My guesses in this round, oldest first. */
  guesses: GuessView[];
};

/**
 * A finished round, as everyone may see it.
 *
 * @example
 * ```ts
 * import { type RoundResultView } from "./wire.ts";
 * const r: RoundResultView = { round: 1, secret: 42, reason: "time_up", ranking: [] };
 * ```
 */
export type RoundResultView = {
  round: number;
  secret: number;
  reason: RoundEndReason;
  ranking: RankingEntry[];
};

/**
 * The snapshot one seat receives (inside the host's `view` message).
 *
 * @example
 * ```ts
 * import { type JustePrixView } from "./wire.ts";
 * const v: JustePrixView = {
 *   game: "justeprix", phase: "over", round: 3, rounds: 3, min: 1, max: 100,
 *   remainingMs: null, durationMs: null, me: null, players: [], result: null,
 *   totals: [],
 * };
 * ```
 */
export type JustePrixView = {
  game: "justeprix";
  phase: Phase;
  round: number;
  rounds: number;
  min: number;
  max: number;
  /** Milliseconds left in this phase (round or pause), null without limit. */
  remainingMs: number | null;
  /** Full length of this phase in ms, null without limit. */
  durationMs: number | null;
  /** My own round; null for a spectator. */
  me: MyRound | null;
  players: ProgressEntry[];
  /** The round just finished (during the pause and at the end), else null. */
  result: RoundResultView | null;
  totals: TotalEntry[];
};

const int = z.number().int();
const hint = z.enum(["plus", "moins", "found"]);
const reason = z.enum(["all_found", "time_up", "no_players"]);

/**
 * Schema of the guess move. Refuses non-integers and non-numbers.
 *
 * @example
 * ```ts
 * import { moveSchema } from "./wire.ts";
 * moveSchema.safeParse({ type: "guess", value: 42 }).success; // true
 * moveSchema.safeParse({ type: "guess", value: 4.2 }).success; // false
 * ```
 */
export const moveSchema: z.ZodType<GuessMove> = z.object({
  type: z.literal("guess"),
  value: int,
});

const progressEntry: z.ZodType<ProgressEntry> = z.object({
  id: z.string(),
  nickname: z.string(),
  attempts: int,
  found: z.boolean(),
  rank: int.nullable(),
  left: z.boolean(),
});

const rankingEntry: z.ZodType<RankingEntry> = z.object({
  id: z.string(),
  nickname: z.string(),
  attempts: int,
  found: z.boolean(),
  rank: int,
  points: z.number(),
});

const totalEntry: z.ZodType<TotalEntry> = z.object({
  id: z.string(),
  nickname: z.string(),
  points: z.number(),
  rank: int,
});

/**
 * Schema of every message juste prix sends, by `type`.
 *
 * @example
 * ```ts
 * import { messageSchema } from "./wire.ts";
 * messageSchema.safeParse({
 *   type: "hint", round: 1, guess: 50, hint: "plus", attempts: 1, low: 51, high: 100,
 * }).success; // true
 * ```
 */
export const messageSchema: z.ZodType<JustePrixMessage> = z
  .discriminatedUnion("type", [
    z.object({
      type: z.literal("round_start"),
      round: int,
      rounds: int,
      min: int,
      max: int,
      endsIn: z.number().nullable(),
    }),
    z.object({
      type: z.literal("hint"),
      round: int,
      guess: int,
      hint,
      attempts: int,
      low: int,
      high: int,
    }),
    z.object({
      type: z.literal("found"),
      round: int,
      id: z.string(),
      nickname: z.string(),
      attempts: int,
      rank: int,
    }),
    z.object({
      type: z.literal("progress"),
      round: int,
      players: z.array(progressEntry),
    }),
    z.object({
      type: z.literal("round_end"),
      round: int,
      rounds: int,
      secret: int,
      reason,
      ranking: z.array(rankingEntry),
      totals: z.array(totalEntry),
      nextIn: z.number().nullable(),
    }),
  ]);

/**
 * Schema of the view a seat receives.
 *
 * @example
 * ```ts
 * import { viewSchema } from "./wire.ts";
 * viewSchema.safeParse({ phase: "playing" }).success; // false: fields missing
 * ```
 */
export const viewSchema: z.ZodType<JustePrixView> = z.object({
  game: z.literal(GAME_ID),
  phase: z.enum(["playing", "pause", "over"]),
  round: int,
  rounds: int,
  min: int,
  max: int,
  remainingMs: z.number().nullable(),
  durationMs: z.number().nullable(),
  me: z.object({
    id: z.string(),
    nickname: z.string(),
    attempts: int,
    found: z.boolean(),
    rank: int.nullable(),
    low: int,
    high: int,
    guesses: z.array(z.object({ value: int, hint })),
  }).nullable(),
  players: z.array(progressEntry),
  result: z.object({
    round: int,
    secret: int,
    reason,
    ranking: z.array(rankingEntry),
  }).nullable(),
  totals: z.array(totalEntry),
});

/**
 * Reads an untrusted value as a juste prix view, or null when it is not one.
 *
 * @example
 * ```ts
 * import { asView } from "./wire.ts";
 * asView({ hello: 1 }); // null
 * ```
 */
export function asView(value: unknown): JustePrixView | null {
  const r = viewSchema.safeParse(value);
  return r.success ? r.data : null;
}
