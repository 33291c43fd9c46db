/**
 * Juste prix's state across host migration. The state is JSON-safe as it
 * is (the host copies it without a `save`); {@linkcode loadJustePrix} is
 * the rules' `load`: it parses what the deputy got, so that a damaged
 * replica is refused at once instead of failing a later move.
 *
 * @module
 */
import { z } from "zod";
import {
  checkSaved,
  parseSaved,
  SAVED_SEATS_MAX,
  SAVED_STRING_MAX,
} from "../saved.ts";
import type { JustePrixState } from "./state.ts";
import { optionsSchema } from "./wire.ts";

/**
 * Most guesses of one player in one round a saved game may hold (a round
 * lasts at most an hour; the host's inbound guard paces moves far below).
 */
const GUESSES_MAX = 200_000;
/** Most rounds a game may have (the `rounds` option's maximum). */
const ROUNDS_MAX = 20;

const str = z.string().max(SAVED_STRING_MAX);
const int = z.number().int();
const nat = int.min(0);

const rankingEntry = z.object({
  id: str,
  nickname: str,
  attempts: nat,
  found: z.boolean(),
  rank: nat,
  points: z.number(),
});

const savedSchema = z.object({
  options: optionsSchema,
  phase: z.enum(["playing", "pause", "over"]),
  round: nat.max(ROUNDS_MAX),
  secret: int,
  phaseStartedAt: z.number(),
  phaseEndsAt: z.number().nullable(),
  players: z.array(z.object({
    id: str,
    nickname: str,
    present: z.boolean(),
    guesses: z.array(z.object({
      value: int,
      hint: z.enum(["plus", "moins", "found"]),
    })).max(GUESSES_MAX),
    foundAt: z.number().nullable(),
  })).max(SAVED_SEATS_MAX),
  results: z.array(z.object({
    round: nat,
    secret: int,
    reason: z.enum(["all_found", "time_up", "no_players"]),
    ranking: z.array(rankingEntry).max(SAVED_SEATS_MAX),
  })).max(ROUNDS_MAX),
});

/**
 * The juste prix state saved by the host (the state itself after a JSON
 * round trip). Throws the `GameRuleError` `bad_save` when it is not one:
 * wrong shape, too big, a secret out of range, repeated seats.
 *
 * @example
 * ```ts
 * import { loadJustePrix } from "./saved.ts";
 * import { justePrixRules } from "./rules.ts";
 * const env = { now: 0, random: () => 0.41 };
 * const { state } = justePrixRules.start(
 *   [{ id: "a", nickname: "Ana" }],
 *   justePrixRules.optionsSchema.parse({}),
 *   env,
 * );
 * const copy = loadJustePrix(JSON.parse(JSON.stringify(state)));
 * copy.secret === state.secret; // true
 * ```
 *
 * @param saved JSON-parsed data
 */
export function loadJustePrix(saved: unknown): JustePrixState {
  const s = parseSaved("justeprix", savedSchema, saved);
  const game = "justeprix";
  const ids = new Set(s.players.map((p) => p.id));
  checkSaved(game, ids.size === s.players.length, "unique seat ids");
  checkSaved(
    game,
    s.secret >= 1 && s.secret <= s.options.max,
    "a secret from 1 to max",
  );
  return s;
}
