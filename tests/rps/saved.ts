/**
 * Rock-paper-scissors' state across host migration. The state is JSON-safe
 * as it is (the host copies it without a `save`); {@linkcode loadRps} is
 * the rules' `load`: it parses what the deputy got.
 *
 * @module
 */
import { z } from "zod";
import {
  checkSaved,
  parseSaved,
  SAVED_SEATS_MAX,
  SAVED_STRING_MAX,
} from "../../games/saved.ts";
import type { RpsState } from "./rules.ts";
import { HANDS, optionsSchema } from "./wire.ts";

const str = z.string().max(SAVED_STRING_MAX);
const nat = z.number().int().min(0);

const savedSchema = z.object({
  options: optionsSchema,
  players: z.array(z.object({
    id: str,
    nickname: str,
    wins: nat,
    hand: z.enum(HANDS).nullable(),
    present: z.boolean(),
  })).max(SAVED_SEATS_MAX),
  round: nat,
  endsAt: z.number().nullable(),
});

/**
 * The state saved by the host (the state itself after a JSON round trip).
 * Throws the `GameRuleError` `bad_save` when it is not one.
 *
 * @example
 * ```ts
 * import { loadRps } from "./saved.ts";
 * import { rpsRules } from "./rules.ts";
 * const { state } = rpsRules.start(
 *   [{ id: "a", nickname: "Ana" }, { id: "b", nickname: "Bob" }],
 *   rpsRules.optionsSchema.parse({}),
 *   { now: 0, random: Math.random },
 * );
 * loadRps(JSON.parse(JSON.stringify(state))).endsAt; // 20000
 * ```
 *
 * @param saved JSON-parsed data
 */
export function loadRps(saved: unknown): RpsState {
  const s = parseSaved("rps", savedSchema, saved);
  const ids = new Set(s.players.map((p) => p.id));
  checkSaved("rps", ids.size === s.players.length, "unique seat ids");
  return s;
}
