/**
 * The shapes morpion sends and receives: options, the move, the messages
 * (`match_start`, `board`, `match_end`, `series_end`) and the per-seat view.
 * Each has an interface (to read) and a zod schema, so clients and bots
 * check what arrives from the wire before drawing or playing it.
 *
 * Cells are numbered 1–9 on the wire (1 2 3 top row, 4 5 6 middle,
 * 7 8 9 bottom); `cells` arrays list them in that order, `""` for empty.
 *
 * @module
 */
import { z } from "zod";
import type { AiLevel } from "./ai.ts";
import type { Cell, Mark } from "./board.ts";

const mark = z.enum(["X", "O"]);
const cell = z.enum(["X", "O", ""]);
const cellNumber = z.number().int().min(1).max(9);
const cells = z.array(cell).length(9);
const line = z.array(cellNumber).length(3);

/** Options of a morpion game (see {@linkcode optionsSchema}). */
export interface MorpionOptions {
  /** Matches of a two-player series (1–15, default 3). */
  matches: number;
  /** Level of the built-in opponent (default `hard`). */
  ai: AiLevel;
  /** Seconds per move, 0 for no limit (else 5–120, default 0). */
  moveTimeSec: number;
}

/**
 * Validates and fills morpion options:
 * - `matches` (1–15, default 3): matches of a two-player series (also
 *   against the built-in opponent). With 3 or more players it is ignored:
 *   they play a round-robin, every pair once.
 * - `ai` (`easy` | `hard`, default `hard`): level of the built-in opponent
 *   when only one player is seated.
 * - `moveTimeSec` (0 = no limit, else 5–120, default 0): seconds per move;
 *   when they run out the player to move loses the match.
 *
 * Numbers may come as strings (`--matches 5`).
 *
 * @example
 * ```ts
 * import { optionsSchema } from "./wire.ts";
 * optionsSchema.parse({}); // { matches: 3, ai: "hard", moveTimeSec: 0 }
 * optionsSchema.parse({ matches: "5" }).matches; // 5
 * ```
 */
export const optionsSchema: z.ZodType<MorpionOptions> = z.object({
  matches: z.coerce.number().int().min(1).max(15).default(3),
  ai: z.enum(["easy", "hard"]).default("hard"),
  moveTimeSec: z.coerce.number().int().refine(
    (v) => v === 0 || (v >= 5 && v <= 120),
    { message: "moveTimeSec is 0 (no limit) or from 5 to 120 seconds" },
  ).default(0),
});

/** The only move: play a cell (any number passes; the rules check 1–9). */
export interface PlayMove {
  type: "play";
  cell: number;
  [key: string]: unknown;
}

/**
 * The only move: `{ "type": "play", "cell": 5 }`. Any number passes the
 * schema; the rules refuse cells outside 1–9 with the code `bad_cell`, so
 * the player reads a helpful sentence.
 *
 * @example
 * ```ts
 * import { moveSchema } from "./wire.ts";
 * moveSchema.parse({ type: "play", cell: 5 }); // { type: "play", cell: 5 }
 * ```
 */
export const moveSchema: z.ZodType<PlayMove> = z.object({
  type: z.literal("play"),
  cell: z.number(),
});

/** One row of the series table: table points are 3 per win, 1 per draw. */
export interface StandingRow {
  id: string;
  nickname: string;
  /** 1 for the best; ties share a rank. */
  rank: number;
  /** Table points: 3 per win, 1 per draw. */
  points: number;
  played: number;
  wins: number;
  draws: number;
  losses: number;
  /** True once the player left: their later matches are not played. */
  left: boolean;
  /** True for the built-in opponent. */
  ai: boolean;
}

/**
 * Schema of a {@linkcode StandingRow}.
 *
 * @example
 * ```ts
 * import { standingRowSchema } from "./wire.ts";
 * standingRowSchema.parse({
 *   id: "p1", nickname: "ana", rank: 1, points: 3, played: 1,
 *   wins: 1, draws: 0, losses: 0, left: false, ai: false,
 * });
 * ```
 */
export const standingRowSchema: z.ZodType<StandingRow> = z.object({
  id: z.string(),
  nickname: z.string(),
  rank: z.number(),
  points: z.number(),
  played: z.number(),
  wins: z.number(),
  draws: z.number(),
  losses: z.number(),
  left: z.boolean(),
  ai: z.boolean(),
});

/** Why a match ended: a line of three, a full board, a move timed out, a player left. */
export type EndReason = "line" | "draw" | "timeout" | "forfeit";

const endReason = z.enum(["line", "draw", "timeout", "forfeit"]);

/**
 * `match_start`, to all: a new match begins on an empty board.
 * `match`/`matches` count from 1; `x` and `o` are nicknames (X moves first).
 */
export interface MatchStartMessage {
  type: "match_start";
  match: number;
  matches: number;
  x: string;
  o: string;
  xId: string;
  oId: string;
  /** Seconds per move, 0 for no limit. */
  moveTimeSec: number;
  [key: string]: unknown;
}

/**
 * Schema of a {@linkcode MatchStartMessage}.
 *
 * @example
 * ```ts
 * import { matchStartSchema } from "./wire.ts";
 * matchStartSchema.parse({
 *   type: "match_start", match: 1, matches: 3, x: "ana", o: "bob",
 *   xId: "p1", oId: "p2", moveTimeSec: 0,
 * });
 * ```
 */
export const matchStartSchema: z.ZodType<MatchStartMessage> = z.object({
  type: z.literal("match_start"),
  match: z.number(),
  matches: z.number(),
  x: z.string(),
  o: z.string(),
  xId: z.string(),
  oId: z.string(),
  moveTimeSec: z.number(),
});

/**
 * `board`, to all after every move: the nine cells, who played where, who
 * moves next (`next` null when this move ended the match) and the winning
 * line (cell numbers) when the move made one.
 */
export interface BoardMessage {
  type: "board";
  match: number;
  cells: Cell[];
  /** The cell just played (1–9). */
  last: number;
  /** The mark just played. */
  mark: Mark;
  /** Nickname and id of who played. */
  by: string;
  byId: string;
  next: Mark | null;
  nextNickname: string | null;
  nextId: string | null;
  line: number[] | null;
  [key: string]: unknown;
}

/**
 * Schema of a {@linkcode BoardMessage}.
 *
 * @example
 * ```ts
 * import { boardMessageSchema } from "./wire.ts";
 * boardMessageSchema.parse({
 *   type: "board", match: 1, cells: ["", "", "", "", "X", "", "", "", ""],
 *   last: 5, mark: "X", by: "ana", byId: "p1",
 *   next: "O", nextNickname: "bob", nextId: "p2", line: null,
 * });
 * ```
 */
export const boardMessageSchema: z.ZodType<BoardMessage> = z.object({
  type: z.literal("board"),
  match: z.number(),
  cells,
  last: cellNumber,
  mark,
  by: z.string(),
  byId: z.string(),
  next: mark.nullable(),
  nextNickname: z.string().nullable(),
  nextId: z.string().nullable(),
  line: line.nullable(),
});

/**
 * `match_end`, to all: the winner's and the loser's nicknames (both null
 * for a draw), the winning line (cell numbers, null unless `reason` is
 * `line`), `draw`, and why it ended (`line`, `draw`, `timeout`: the loser
 * let the move time run out, `forfeit`: the loser left).
 */
export interface MatchEndMessage {
  type: "match_end";
  match: number;
  matches: number;
  winner: string | null;
  winnerId: string | null;
  /** The winner's mark. */
  mark: Mark | null;
  loser: string | null;
  line: number[] | null;
  draw: boolean;
  reason: EndReason;
  [key: string]: unknown;
}

/**
 * Schema of a {@linkcode MatchEndMessage}.
 *
 * @example
 * ```ts
 * import { matchEndSchema } from "./wire.ts";
 * matchEndSchema.parse({
 *   type: "match_end", match: 1, matches: 3, winner: "ana", winnerId: "p1",
 *   mark: "X", loser: "bob", line: [1, 5, 9], draw: false, reason: "line",
 * });
 * ```
 */
export const matchEndSchema: z.ZodType<MatchEndMessage> = z.object({
  type: z.literal("match_end"),
  match: z.number(),
  matches: z.number(),
  winner: z.string().nullable(),
  winnerId: z.string().nullable(),
  mark: mark.nullable(),
  loser: z.string().nullable(),
  line: line.nullable(),
  draw: z.boolean(),
  reason: endReason,
});

/** `series_end`, to all: the final table, best first. */
export interface SeriesEndMessage {
  type: "series_end";
  standings: StandingRow[];
  [key: string]: unknown;
}

/**
 * Schema of a {@linkcode SeriesEndMessage}.
 *
 * @example
 * ```ts
 * import { seriesEndSchema } from "./wire.ts";
 * seriesEndSchema.parse({ type: "series_end", standings: [] });
 * ```
 */
export const seriesEndSchema: z.ZodType<SeriesEndMessage> = z.object({
  type: z.literal("series_end"),
  standings: z.array(standingRowSchema),
});

/** Every message morpion sends. */
export type MorpionMessage =
  | MatchStartMessage
  | BoardMessage
  | MatchEndMessage
  | SeriesEndMessage;

/** Phase of the series: a match is on, a pause between matches, or the end. */
export type Phase = "playing" | "pause" | "over";

/** A player of the current match. */
export interface Who {
  id: string;
  nickname: string;
}

/** How the current (or last) match ended, as a view shows it (nicknames). */
export interface ViewResult {
  winner: string | null;
  loser: string | null;
  mark: Mark | null;
  draw: boolean;
  reason: EndReason;
}

/**
 * What one seat sees. Nothing in morpion is secret: every seat and
 * spectator sees the same board; only `me`, `you`, `yourTurn` and `seated`
 * differ.
 */
export interface MorpionView {
  /** The id of the seat this view is for. */
  me: string;
  phase: Phase;
  /** Current (or last) match, from 1; 0 before any. */
  match: number;
  matches: number;
  cells: Cell[];
  x: Who;
  o: Who;
  /** Your mark in this match, or null when you watch it. */
  you: Mark | null;
  /** True when you take part in the series (even if you watch this match). */
  seated: boolean;
  /** Mark to move, null when no match is on. */
  turn: Mark | null;
  yourTurn: boolean;
  /** Moves played in this match. */
  moves: number;
  /** Last cell played (1–9). */
  last: number | null;
  /** Winning line of this match (cell numbers), for highlighting. */
  line: number[] | null;
  result: ViewResult | null;
  /** Move time limit in ms, null when there is none. */
  moveTimeMs: number | null;
  /** Time left to the player to move, null without a limit. */
  remainingMs: number | null;
  /** During a pause: time until the next match (or the final table). */
  nextInMs: number | null;
  /** During a pause: who plays the next match, null when none is left. */
  next: { x: string; o: string } | null;
  /** The series table, best first (the built-in opponent included). */
  standings: StandingRow[];
  /** Level of the built-in opponent when it plays, else null. */
  ai: AiLevel | null;
}

const who = z.object({ id: z.string(), nickname: z.string() });

/**
 * Schema of a {@linkcode MorpionView}.
 *
 * @example
 * ```ts
 * import { viewSchema } from "./wire.ts";
 * viewSchema.safeParse({}).success; // false
 * ```
 */
export const viewSchema: z.ZodType<MorpionView> = z.object({
  me: z.string(),
  phase: z.enum(["playing", "pause", "over"]),
  match: z.number(),
  matches: z.number(),
  cells,
  x: who,
  o: who,
  you: mark.nullable(),
  seated: z.boolean(),
  turn: mark.nullable(),
  yourTurn: z.boolean(),
  moves: z.number(),
  last: cellNumber.nullable(),
  line: line.nullable(),
  result: z.object({
    winner: z.string().nullable(),
    loser: z.string().nullable(),
    mark: mark.nullable(),
    draw: z.boolean(),
    reason: endReason,
  }).nullable(),
  moveTimeMs: z.number().nullable(),
  remainingMs: z.number().nullable(),
  nextInMs: z.number().nullable(),
  next: z.object({ x: z.string(), o: z.string() }).nullable(),
  standings: z.array(standingRowSchema),
  ai: z.enum(["easy", "hard"]).nullable(),
});
