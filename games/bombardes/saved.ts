/**
 * Bombardes' state across host migration. The state is JSON-safe as it is
 * (the host copies it without a `save`: the physics rounds every number and
 * never writes `-0`); {@linkcode loadBombardes} is the rules' `load`: it
 * parses what the deputy got, so that a damaged replica is refused at once
 * instead of failing a later move.
 *
 * @module
 */
import { z } from "zod";
import { checkSaved, parseSaved, SAVED_STRING_MAX } from "../saved.ts";
import { MAX_FLIGHT_S, PATH_STEP_S, WIDTH } from "./physics.ts";
import { type BombardesState, SHOTS_KEPT } from "./state.ts";
import { MAX_CANNONS, optionsSchema } from "./wire.ts";

/** Most points of a flight path (one per {@linkcode PATH_STEP_S}, ends included). */
const PATH_MAX = Math.ceil(MAX_FLIGHT_S / PATH_STEP_S) + 2;

const str = z.string().max(SAVED_STRING_MAX);
const num = z.number();
const nat = z.number().int().min(0);

const savedSchema = z.object({
  options: optionsSchema,
  cannons: z.array(z.object({
    id: str,
    nickname: str,
    x: num,
    y: num,
    alive: z.boolean(),
    present: z.boolean(),
    points: num,
    shots: z.array(z.object({ angle: num, charge: num, x: num }))
      .max(SHOTS_KEPT),
  })).max(MAX_CANNONS),
  round: nat,
  terrain: z.array(num).max(WIDTH),
  wind: num,
  phase: z.enum(["aim", "flight", "pause", "over"]),
  shooter: str.nullable(),
  turns: nat,
  maxTurns: nat,
  startedAt: num,
  endsAt: num.nullable(),
  flight: z.object({
    id: str,
    angle: num,
    charge: num,
    trajectory: z.object({
      path: z.array(z.tuple([num, num])).max(PATH_MAX),
      seconds: num,
      stop: z.enum(["ground", "cannon", "off"]),
      x: num,
      y: num,
    }),
  }).nullable(),
  lastImpact: z.object({ x: num, y: num }).nullable(),
});

/**
 * The bombardes state saved by the host (the state itself after a JSON
 * round trip). Throws the `GameRuleError` `bad_save` when it is not one:
 * wrong shape, too big, a shooter or a shell of nobody.
 *
 * @example
 * ```ts
 * import { loadBombardes } from "./saved.ts";
 * import { bombardesRules } from "./rules.ts";
 * import { seeded } from "../testing_random.ts";
 * const { state } = bombardesRules.start(
 *   [{ id: "a", nickname: "Ana" }, { id: "b", nickname: "Bob" }],
 *   bombardesRules.optionsSchema.parse({}),
 *   { now: 0, random: seeded(1) },
 * );
 * const copy = loadBombardes(JSON.parse(JSON.stringify(state)));
 * copy.shooter; // "a"
 * ```
 *
 * @param saved JSON-parsed data
 */
export function loadBombardes(saved: unknown): BombardesState {
  const s = parseSaved("bombardes", savedSchema, saved);
  const game = "bombardes";
  const ids = new Set(s.cannons.map((c) => c.id));
  checkSaved(game, ids.size === s.cannons.length, "unique seat ids");
  checkSaved(
    game,
    s.shooter === null || ids.has(s.shooter),
    "a shooter with a cannon",
  );
  checkSaved(
    game,
    s.flight === null || ids.has(s.flight.id),
    "a shell of a cannon",
  );
  checkSaved(
    game,
    s.phase === "over" || s.cannons.length === 0 ||
      s.terrain.length === WIDTH,
    `a terrain ${WIDTH} columns wide`,
  );
  return s;
}
