/**
 * Morpion's state across host migration. The state is JSON-safe as it is
 * (the host copies it without a `save`); {@linkcode loadMorpion} is the
 * rules' `load`: it parses what the deputy got, so that a damaged replica
 * is refused at once instead of failing a later move.
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
import type { MatchResult, MorpionState } from "./state.ts";
import { optionsSchema } from "./wire.ts";

/** Most matches a saved series may schedule (a round-robin of ~1 400 players). */
const MATCHES_MAX = 1_000_000;

const str = z.string().max(SAVED_STRING_MAX);
const nat = z.number().int().min(0);
const mark = z.enum(["X", "O"]);
const cellNumber = z.number().int().min(1).max(9);

const resultSchema: z.ZodType<MatchResult> = z.object({
  winner: str.nullable(),
  loser: str.nullable(),
  mark: mark.nullable(),
  line: z.array(cellNumber).length(3).nullable(),
  reason: z.enum(["line", "draw", "timeout", "forfeit"]),
});

const savedSchema = z.object({
  options: optionsSchema,
  players: z.array(z.object({
    id: str,
    nickname: str,
    ai: z.boolean(),
    left: z.boolean(),
    wins: nat,
    draws: nat,
    losses: nat,
  })).min(1).max(SAVED_SEATS_MAX + 1),
  schedule: z.array(z.object({ x: str, o: str })).max(MATCHES_MAX),
  match: z.number().int().min(-1),
  phase: z.enum(["playing", "pause", "over"]),
  board: z.array(z.enum(["", "X", "O"])).length(9),
  moves: z.number().int().min(0).max(9),
  last: cellNumber.nullable(),
  turnSince: z.number(),
  pauseUntil: z.number().nullable(),
  result: resultSchema.nullable(),
  away: z.array(z.tuple([str, z.number()])).max(SAVED_SEATS_MAX).optional(),
});

/**
 * The morpion state saved by the host (the state itself after a JSON round
 * trip). Throws the `GameRuleError` `bad_save` when it is not one: wrong
 * shape, too big, a match out of range, ids that are not players.
 *
 * @example
 * ```ts
 * import { loadMorpion } from "./saved.ts";
 * import { morpionRules } from "./rules.ts";
 * const { state } = morpionRules.start(
 *   [{ id: "a", nickname: "Ana" }, { id: "b", nickname: "Bob" }],
 *   morpionRules.optionsSchema.parse({}),
 *   { now: 0, random: Math.random },
 * );
 * const copy = loadMorpion(JSON.parse(JSON.stringify(state)));
 * morpionRules.move(copy, "a", { type: "play", cell: 5 }, { now: 1, random: Math.random }).state.board[4]; // "X"
 * ```
 *
 * @param saved JSON-parsed data
 */
export function loadMorpion(saved: unknown): MorpionState {
  // `away` is a record by seat id: parsed from its entries, so that no key
  // (`__proto__`...) is more than a key.
  const data = typeof saved === "object" && saved !== null &&
      "away" in saved && typeof saved.away === "object" && saved.away !== null
    ? { ...saved, away: Object.entries(saved.away) }
    : saved;
  const { away, ...s } = parseSaved("morpion", savedSchema, data);
  const ids = new Set(s.players.map((p) => p.id));
  const game = "morpion";
  checkSaved(game, ids.size === s.players.length, "unique player ids");
  checkSaved(game, s.match < s.schedule.length, "match < schedule");
  checkSaved(
    game,
    s.schedule.every((m) => ids.has(m.x) && ids.has(m.o)),
    "matches between players",
  );
  const result = s.result;
  checkSaved(
    game,
    result === null ||
      [result.winner, result.loser].every((id) => id === null || ids.has(id)),
    "a result between players",
  );
  // `away` may name any member: the rules note whoever the runner says.
  return away === undefined ? s : { ...s, away: Object.fromEntries(away) };
}
