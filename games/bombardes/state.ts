/**
 * Bombardes' state types, shared by the rules (./rules.ts) and the
 * migration load (./saved.ts): a seat's cannon, the shell in flight, the
 * whole game, and how many shots a cannon keeps.
 *
 * @module
 */
import type { Trajectory } from "./physics.ts";
import type { BombardesOptions, CannonShape, ShotShape } from "./wire.ts";

/** Shots of a cannon a view keeps (the latest). */
export const SHOTS_KEPT = 4;

/** One seat's cannon. */
export interface Cannon extends CannonShape {
  /** False once the player left. */
  present: boolean;
  /** Points in this game so far. */
  points: number;
  /** This round's shots, the last {@linkcode SHOTS_KEPT}. */
  shots: ShotShape[];
}

/** The shell in flight. */
export interface Flight {
  /** Seat id of the shooter. */
  id: string;
  /** Its angle, degrees. */
  angle: number;
  /** Its charge, percent. */
  charge: number;
  /** What the physics computed (authoritative). */
  trajectory: Trajectory;
}

/** The state of a game. */
export interface BombardesState {
  /** The options it runs with. */
  options: BombardesOptions;
  /** Cannons in seat order. */
  cannons: Cannon[];
  /** Current round, from 1. */
  round: number;
  /** Ground heights, one per column. */
  terrain: number[];
  /** This round's wind. */
  wind: number;
  /** What happens now. */
  phase: "aim" | "flight" | "pause" | "over";
  /** Who fires (aim, flight). */
  shooter: string | null;
  /** Turns begun this round. */
  turns: number;
  /** Turns after which this round ends. */
  maxTurns: number;
  /** When the current phase began. */
  startedAt: number;
  /** When it ends (null: over). */
  endsAt: number | null;
  /** The shell in flight. */
  flight: Flight | null;
  /** Where the last shell of this round came down. */
  lastImpact: { x: number; y: number } | null;
}
