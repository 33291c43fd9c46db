/**
 * A running game's state across host migration (issue #13): the host saves
 * it as JSON-safe data with {@linkcode saveState}, seals it into a replica,
 * and the deputy that takes the room over gets the state back with
 * {@linkcode loadState}, then goes on calling `move`, `tick`, `view`... on
 * it with the game clock continuing. A game whose state is not JSON-safe
 * (a class, a `Map`, `-Infinity`...) implements `rules.save` and
 * `rules.load`; every shipped game implements `load` to validate what
 * crossed the network ({@linkcode parseSaved}).
 *
 * @module
 */
import type { z } from "zod";
import { GameRuleError } from "./errors.ts";
import type { GameRules } from "./types.ts";

/**
 * Most seats a saved state may name: the host's largest room capacity
 * (`MAX_CAPACITY`, cli/host_options.ts). Games bound their saved lists with it.
 */
export const SAVED_SEATS_MAX = 100_000;

/** Longest seat id or string in a saved state that is not a question text. */
export const SAVED_STRING_MAX = 256;

/**
 * Error code of a saved state that {@linkcode loadState} refuses (a
 * {@linkcode GameRuleError}).
 */
export const BAD_SAVE = "bad_save";

/**
 * The state of a running game as JSON-safe data: `rules.save(state)`, or
 * the state itself for a game without `save` (its state is JSON-safe).
 *
 * @example
 * ```ts
 * import { saveState } from "./saved.ts";
 * import { qcmRules } from "./qcm/rules.ts";
 * const { state } = qcmRules.start(
 *   [{ id: "a", nickname: "Ana" }],
 *   qcmRules.optionsSchema.parse({ count: 2 }),
 *   { now: 0, random: () => 0.5 },
 * );
 * const text = JSON.stringify(saveState(qcmRules, state)); // what the host seals
 * typeof text; // "string"
 * ```
 *
 * @param rules the game's rules
 * @param state a state these rules made
 */
export function saveState<S>(
  rules: Pick<GameRules<S, unknown>, "save">,
  state: S,
): unknown {
  return rules.save ? rules.save(state) : state;
}

/**
 * The state saved by {@linkcode saveState}, after a JSON round trip:
 * `rules.load(saved)`, or the data itself for a game without `load`.
 * Throws a {@linkcode GameRuleError} (code {@linkcode BAD_SAVE}) when the
 * data is not a saved state of this game.
 *
 * @example
 * ```ts
 * import { loadState, saveState } from "./saved.ts";
 * import { qcmRules } from "./qcm/rules.ts";
 * const env = { now: 0, random: () => 0.5 };
 * const { state } = qcmRules.start(
 *   [{ id: "a", nickname: "Ana" }],
 *   qcmRules.optionsSchema.parse({ count: 2 }),
 *   env,
 * );
 * const wire = JSON.stringify(saveState(qcmRules, state));
 * const copy = loadState(qcmRules, JSON.parse(wire)) as typeof state;
 * // « Préparez-vous » over, question 1 opens on the copy as on the original:
 * const asked = qcmRules.tick(copy, { ...env, now: 3000 }).state;
 * qcmRules.move(asked, "a", { type: "answer", choices: [1] }, { ...env, now: 4000 }).state.phase; // "reveal"
 * ```
 *
 * @param rules the game's rules
 * @param saved JSON-parsed data from {@linkcode saveState}
 */
export function loadState<S>(
  rules: Pick<GameRules<S, unknown>, "load">,
  saved: unknown,
): unknown {
  return rules.load ? rules.load(saved) : saved;
}

/**
 * Parses a saved state with a game's schema, or throws the
 * {@linkcode GameRuleError} {@linkcode BAD_SAVE} naming the first problem
 * (for a game's `load`).
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { parseSaved } from "./saved.ts";
 * const schema = z.object({ round: z.number().int() });
 * parseSaved("demo", schema, { round: 2 }); // { round: 2 }
 * try {
 *   parseSaved("demo", schema, { round: "2" });
 * } catch (e) {
 *   (e as Error).message; // "Not a saved demo game (round: ...)."
 * }
 * ```
 *
 * @param game the game's id, for the message
 * @param schema the schema of the game's saved state
 * @param saved the data to parse
 */
export function parseSaved<T>(
  game: string,
  schema: z.ZodType<T>,
  saved: unknown,
): T {
  const parsed = schema.safeParse(saved);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.length ? issue.path.join(".") : "state";
  throw new GameRuleError(
    BAD_SAVE,
    `Not a saved ${game} game (${where}: ${issue.message}).`,
    { game, path: where },
  );
}

/**
 * Throws the {@linkcode GameRuleError} {@linkcode BAD_SAVE} unless `ok`: for
 * the checks a game's `load` makes across fields (an index in range, ids
 * that exist).
 *
 * @example
 * ```ts
 * import { checkSaved } from "./saved.ts";
 * checkSaved("demo", 1 < 2, "the round is in range"); // nothing happens
 * ```
 *
 * @param game the game's id, for the message
 * @param ok the condition a valid saved state meets
 * @param what the condition, in words
 */
export function checkSaved(game: string, ok: boolean, what: string): void {
  if (!ok) {
    throw new GameRuleError(
      BAD_SAVE,
      `Not a saved ${game} game (expected: ${what}).`,
      { game, path: what },
    );
  }
}
