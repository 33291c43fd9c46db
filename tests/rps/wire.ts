/**
 * The shapes rock-paper-scissors puts on the wire: its options, its move,
 * the messages the host sends (`round_start`, `thrown`, `round_end`) and
 * the view each seat receives, each a plain type plus a zod schema.
 *
 * @module
 */
import { z } from "zod";

/**
 * A hand.
 *
 * @example
 * ```ts
 * import { HANDS } from "./wire.ts";
 * HANDS.length; // 3
 * ```
 */
export const HANDS = ["rock", "paper", "scissors"] as const;

/** A hand a player throws. */
export type Hand = typeof HANDS[number];

/** Options of a game. */
export interface RpsOptions {
  /** Round wins that take the game (2: best of 3). */
  wins: number;
  /** Seconds to throw each round; who has not thrown by then loses it. */
  roundSec: number;
  /** Most rounds (draws go on until then). */
  maxRounds: number;
}

/**
 * Schema of the options, with defaults (best of 3, 20 s a round).
 *
 * @example
 * ```ts
 * import { optionsSchema } from "./wire.ts";
 * optionsSchema.parse({}); // { wins: 2, roundSec: 20, maxRounds: 9 }
 * ```
 */
export const optionsSchema: z.ZodType<RpsOptions> = z.object({
  wins: z.coerce.number().int().min(1).max(5).default(2),
  roundSec: z.coerce.number().int().min(1).max(600).default(20),
  maxRounds: z.coerce.number().int().min(1).max(50).default(9),
});

/** The move: `{ "type": "throw", "hand": "rock" }` (a type, so it is a `GameMove`). */
export type ThrowMove = {
  /** Always `throw`. */
  type: "throw";
  /** The hand thrown. */
  hand: Hand;
};

/**
 * Schema of the move.
 *
 * @example
 * ```ts
 * import { moveSchema } from "./wire.ts";
 * moveSchema.safeParse({ type: "throw", hand: "rock" }).success; // true
 * moveSchema.safeParse({ type: "throw", hand: "lizard" }).success; // false
 * ```
 */
export const moveSchema: z.ZodType<ThrowMove> = z.object({
  type: z.literal("throw"),
  hand: z.enum(HANDS),
});

/** One player's line in a round's result. */
export interface Throw {
  /** Seat id. */
  id: string;
  /** Nickname. */
  nickname: string;
  /** What they threw, null when they did not in time. */
  hand: Hand | null;
}

/** Everything the host sends, by type. */
export type RpsMessage =
  | { type: "round_start"; round: number; endsIn: number }
  | { type: "thrown"; round: number; nickname: string }
  | {
    type: "round_end";
    round: number;
    throws: Throw[];
    winners: string[];
    score: { nickname: string; wins: number }[];
  };

const throwSchema = z.object({
  id: z.string(),
  nickname: z.string(),
  hand: z.enum(HANDS).nullable(),
});

/**
 * Schema of every message, by `type`.
 *
 * @example
 * ```ts
 * import { messageSchema } from "./wire.ts";
 * messageSchema.safeParse({ type: "thrown", round: 1, nickname: "Ana" }).success; // true
 * ```
 */
export const messageSchema: z.ZodType<RpsMessage> = z.discriminatedUnion(
  "type",
  [
    z.object({
      type: z.literal("round_start"),
      round: z.number(),
      endsIn: z.number(),
    }),
    z.object({
      type: z.literal("thrown"),
      round: z.number(),
      nickname: z.string(),
    }),
    z.object({
      type: z.literal("round_end"),
      round: z.number(),
      throws: z.array(throwSchema),
      winners: z.array(z.string()),
      score: z.array(z.object({ nickname: z.string(), wins: z.number() })),
    }),
  ],
);

/** What a seat sees. */
export interface RpsView {
  /** `playing` while a round runs, `over` at the end. */
  phase: "playing" | "over";
  /** Current round, from 1. */
  round: number;
  /** Round wins that take the game. */
  wins: number;
  /** Milliseconds a round lasts. */
  roundMs: number;
  /** Milliseconds left to throw (absent when over). */
  remainingMs?: number;
  /** My hand this round (null: not thrown yet; absent for a spectator). */
  mine?: Hand | null;
  /** Everyone: round wins, and whether they threw this round. */
  players: { id: string; nickname: string; wins: number; thrown: boolean }[];
}

/**
 * Schema of the view.
 *
 * @example
 * ```ts
 * import { viewSchema } from "./wire.ts";
 * viewSchema.safeParse({ phase: "over", round: 3, wins: 2, roundMs: 20000, players: [] }).success; // true
 * ```
 */
export const viewSchema: z.ZodType<RpsView> = z.object({
  phase: z.enum(["playing", "over"]),
  round: z.number(),
  wins: z.number(),
  roundMs: z.number(),
  remainingMs: z.number().optional(),
  mine: z.enum(HANDS).nullable().optional(),
  players: z.array(z.object({
    id: z.string(),
    nickname: z.string(),
    wins: z.number(),
    thrown: z.boolean(),
  })),
});
