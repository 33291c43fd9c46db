/**
 * The shapes bombardes puts on the wire: its options, its move (`fire`), the
 * messages the host sends (`round_start`, `landscape`, `turn`, `fired`,
 * `impact`, `missed_turn`, `cannon_lost`, `round_end`) and the view each
 * seat receives, each a plain type plus a zod schema. docs/games/bombardes.md
 * shows each one as JSON.
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
 * GAME_ID; // "bombardes"
 * ```
 */
export const GAME_ID = "bombardes";

/**
 * Most cannons on a landscape; players beyond them watch.
 *
 * @example
 * ```ts
 * import { MAX_CANNONS } from "./wire.ts";
 * MAX_CANNONS; // 8
 * ```
 */
export const MAX_CANNONS = 8;

/** Options of a game of bombardes. */
export interface BombardesOptions {
  /** Rounds (landscapes) in the game (1..9, default 3). */
  rounds: number;
  /** Seconds a player has to fire; who has not fired by then loses the turn (5..120, default 20). */
  turnSec: number;
  /** Strongest wind, in steps (0..9, default 5); each round draws its wind in ±wind. */
  wind: number;
  /** Seconds of pause showing a round's result (0..30, default 3). */
  pauseSec: number;
}

/**
 * Schema of the options: fills defaults, accepts numbers written as strings
 * (`--set bombardes.rounds=2`) and refuses anything out of bounds.
 *
 * @example
 * ```ts
 * import { optionsSchema } from "./wire.ts";
 * optionsSchema.parse({ rounds: "2" }); // { rounds: 2, turnSec: 20, wind: 5, pauseSec: 3 }
 * optionsSchema.safeParse({ turnSec: 1 }).success; // false
 * ```
 */
export const optionsSchema: z.ZodType<BombardesOptions> = z.object({
  rounds: z.coerce.number().int().min(1).max(9).default(3),
  turnSec: z.coerce.number().int().min(5).max(120).default(20),
  wind: z.coerce.number().int().min(0).max(9).default(5),
  pauseSec: z.coerce.number().int().min(0).max(30).default(3),
});

/**
 * The move: `{ "type": "fire", "angle": 45, "charge": 70 }`. The angle is in
 * degrees like a protractor (0 fires flat to the right, 90 straight up, 180
 * flat to the left); the charge is a percentage (1..100).
 */
export type FireMove = {
  /** Always `fire`. */
  type: "fire";
  /** Degrees, 0..180. */
  angle: number;
  /** Percent of the strongest charge, 1..100. */
  charge: number;
};

/**
 * Schema of the move: two finite numbers (the rules refuse them out of
 * range with `out_of_range`, which says the ranges).
 *
 * @example
 * ```ts
 * import { moveSchema } from "./wire.ts";
 * moveSchema.safeParse({ type: "fire", angle: 45, charge: 70 }).success; // true
 * moveSchema.safeParse({ type: "fire", angle: "45", charge: 70 }).success; // false
 * ```
 */
export const moveSchema: z.ZodType<FireMove> = z.object({
  type: z.literal("fire"),
  angle: z.number().finite(),
  charge: z.number().finite(),
});

/** A cannon on the landscape, as messages and views show it. */
export interface CannonShape {
  /** Seat id of its player. */
  id: string;
  /** Its player's nickname. */
  nickname: string;
  /** Horizontal position (0 at the left edge). */
  x: number;
  /** Height of the ground under it. */
  y: number;
  /** False once destroyed (or its player left). */
  alive: boolean;
}

const cannonSchema = z.object({
  id: z.string(),
  nickname: z.string(),
  x: z.number(),
  y: z.number(),
  alive: z.boolean(),
});

/** What a shell did when it came down. */
export type Outcome = "hit" | "ground" | "off";

/** A cannon a shell destroyed, and what its shooter got for it. */
export interface Hit {
  /** Seat id of the destroyed cannon. */
  id: string;
  /** Its player's nickname. */
  nickname: string;
  /** Points the shooter got (0 for their own cannon). */
  points: number;
}

/** Everything the host sends, by type. */
export type BombardesMessage =
  | {
    type: "round_start";
    round: number;
    rounds: number;
    wind: number;
  }
  | {
    type: "landscape";
    width: number;
    terrain: number[];
    cannons: CannonShape[];
    wind: number;
  }
  | {
    type: "turn";
    round: number;
    id: string;
    nickname: string;
    endsIn: number;
  }
  | {
    type: "fired";
    id: string;
    nickname: string;
    angle: number;
    charge: number;
    flightMs: number;
  }
  | {
    type: "impact";
    id: string;
    nickname: string;
    outcome: Outcome;
    x: number;
    hits: Hit[];
    nearest: { nickname: string; distance: number } | null;
  }
  | { type: "missed_turn"; id: string; nickname: string }
  | { type: "cannon_lost"; id: string; nickname: string }
  | {
    type: "round_end";
    round: number;
    winner: string | null;
    bonus: number;
    scores: { nickname: string; points: number }[];
  };

const hitSchema = z.object({
  id: z.string(),
  nickname: z.string(),
  points: z.number(),
});

/**
 * Schema of every message, by `type`.
 *
 * @example
 * ```ts
 * import { messageSchema } from "./wire.ts";
 * messageSchema.safeParse({ type: "missed_turn", id: "p1", nickname: "Ana" }).success; // true
 * messageSchema.safeParse({ type: "missed_turn" }).success; // false
 * ```
 */
export const messageSchema: z.ZodType<BombardesMessage> = z
  .discriminatedUnion("type", [
    z.object({
      type: z.literal("round_start"),
      round: z.number(),
      rounds: z.number(),
      wind: z.number(),
    }),
    z.object({
      type: z.literal("landscape"),
      width: z.number(),
      terrain: z.array(z.number()),
      cannons: z.array(cannonSchema),
      wind: z.number(),
    }),
    z.object({
      type: z.literal("turn"),
      round: z.number(),
      id: z.string(),
      nickname: z.string(),
      endsIn: z.number(),
    }),
    z.object({
      type: z.literal("fired"),
      id: z.string(),
      nickname: z.string(),
      angle: z.number(),
      charge: z.number(),
      flightMs: z.number(),
    }),
    z.object({
      type: z.literal("impact"),
      id: z.string(),
      nickname: z.string(),
      outcome: z.enum(["hit", "ground", "off"]),
      x: z.number(),
      hits: z.array(hitSchema),
      nearest: z.object({ nickname: z.string(), distance: z.number() })
        .nullable(),
    }),
    z.object({
      type: z.literal("missed_turn"),
      id: z.string(),
      nickname: z.string(),
    }),
    z.object({
      type: z.literal("cannon_lost"),
      id: z.string(),
      nickname: z.string(),
    }),
    z.object({
      type: z.literal("round_end"),
      round: z.number(),
      winner: z.string().nullable(),
      bonus: z.number(),
      scores: z.array(
        z.object({ nickname: z.string(), points: z.number() }),
      ),
    }),
  ]);

/** One earlier shot of a cannon this round (the bot aims from them). */
export interface ShotShape {
  /** Degrees. */
  angle: number;
  /** Percent. */
  charge: number;
  /** Where it came down (outside 0..width when it flew off the map). */
  x: number;
}

/** A cannon in a view: its shape, its points and its shots this round. */
export interface CannonView extends CannonShape {
  /** Points in this game so far. */
  points: number;
  /** This round's shots, oldest first (the last few). */
  shots: ShotShape[];
}

/** The shell in flight: its path and how long the flight lasts. */
export interface FlightView {
  /** Seat id of the shooter. */
  id: string;
  /** Points of the path, one every {@linkcode FlightView.stepMs}, `[x, y]`. */
  path: [number, number][];
  /** Milliseconds between two points of the path. */
  stepMs: number;
  /** Milliseconds from the shot to the impact. */
  flightMs: number;
}

/** What a seat sees. */
export interface BombardesView {
  /** `aim`: someone must fire; `flight`: a shell flies; `pause` between rounds; `over`. */
  phase: "aim" | "flight" | "pause" | "over";
  /** Current round, from 1. */
  round: number;
  /** Rounds in the game. */
  rounds: number;
  /** Wind this round (negative blows to the left). */
  wind: number;
  /** Width of the landscape. */
  width: number;
  /** Ground height at each column 0..width-1. */
  terrain: number[];
  /** The cannons, in seat order. */
  cannons: CannonView[];
  /** Turns begun this round (1 for the first). */
  turn: number;
  /** Seat id of who fires now (aim and flight), else null. */
  shooter: string | null;
  /** My seat id (absent for a spectator). */
  me?: string;
  /** Milliseconds the current phase lasts in all. */
  phaseMs: number;
  /** Milliseconds left in the current phase (absent when over). */
  remainingMs?: number;
  /** The shell in flight (flight phase only). */
  flight?: FlightView;
  /** Where the last shell came down, if any this round. */
  lastImpact?: { x: number; y: number };
}

const shotSchema = z.object({
  angle: z.number(),
  charge: z.number(),
  x: z.number(),
});

/**
 * Schema of the view.
 *
 * @example
 * ```ts
 * import { viewSchema } from "./wire.ts";
 * viewSchema.safeParse({
 *   phase: "over", round: 3, rounds: 3, wind: 0, width: 4, terrain: [1, 1, 1, 1],
 *   cannons: [], turn: 4, shooter: null, phaseMs: 0,
 * }).success; // true
 * ```
 */
export const viewSchema: z.ZodType<BombardesView> = z.object({
  phase: z.enum(["aim", "flight", "pause", "over"]),
  round: z.number(),
  rounds: z.number(),
  wind: z.number(),
  width: z.number().int().min(1).max(1000),
  terrain: z.array(z.number()),
  cannons: z.array(cannonSchema.extend({
    points: z.number(),
    shots: z.array(shotSchema),
  })),
  turn: z.number(),
  shooter: z.string().nullable(),
  me: z.string().optional(),
  phaseMs: z.number(),
  remainingMs: z.number().optional(),
  flight: z.object({
    id: z.string(),
    path: z.array(z.tuple([z.number(), z.number()])),
    stepMs: z.number().positive(),
    flightMs: z.number(),
  }).optional(),
  lastImpact: z.object({ x: z.number(), y: z.number() }).optional(),
});
