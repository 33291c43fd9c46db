/**
 * Juste prix ("guess the number"): each round the host draws a secret
 * integer in [1, max]; everyone guesses at once and gets a private hint
 * (`plus`, `moins`, `found`); the others only see how many attempts each
 * player made and who found, in which order. Several rounds, an optional
 * time limit, points by finding order (see ./scoring.ts).
 *
 * Options: `max` (default 100), `rounds` (3), `timeLimitSec` (90, 0 = none),
 * `pauseSec` (4). Move: `{ "type": "guess", "value": 42 }`. Messages:
 * `round_start`, `hint` (private), `found`, `progress`, `round_end`.
 * docs/games/justeprix.md describes them with JSON examples.
 *
 * @example
 * ```ts
 * import { justeprix } from "./mod.ts";
 * const rules = justeprix.rules;
 * const opts = rules.optionsSchema.parse({ max: 10, rounds: 1 });
 * const env = { now: 0, random: () => 0.5 };
 * const { state } = rules.start([{ id: "a", nickname: "Ana" }], opts, env);
 * const step = rules.move(state, "a", { type: "guess", value: 6 }, env);
 * rules.over(step.state); // true: the only player found at once
 * ```
 *
 * @module
 */
import type { Game } from "../types.ts";
import { justePrixBot } from "./bot.ts";
import { justePrixRules, type JustePrixState } from "./rules.ts";
import { justePrixView } from "./view.ts";
import type { JustePrixOptions } from "./wire.ts";

export { BOT_DELAY_MAX_MS, BOT_DELAY_MIN_MS, justePrixBot } from "./bot.ts";
export {
  drawSecret,
  hintFor,
  justePrixRules,
  type JustePrixState,
  knownInterval,
  MIN,
  type PlayerState,
  type RoundResult,
} from "./rules.ts";
export { catalog } from "./i18n.ts";
export { parseInput } from "./input.ts";
export { messageLines } from "./lines.ts";
export { renderScreen } from "./screen.ts";
export { justePrixView } from "./view.ts";
export * from "./wire.ts";
export * from "./scoring.ts";

/**
 * The juste prix game, for games/registry.ts.
 *
 * @example
 * ```ts
 * import { justeprix } from "./mod.ts";
 * justeprix.rules.id; // "justeprix"
 * justeprix.view.help("en"); // "Type a number and press Enter"
 * ```
 */
export const justeprix: Game<JustePrixState, JustePrixOptions> = {
  rules: justePrixRules,
  view: justePrixView,
  bot: justePrixBot,
};
