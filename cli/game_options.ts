/**
 * The game options of `host`: the shortcuts (`--max`, `--rounds`, `--time`,
 * `--count`) and the general `--set GAME.KEY=VALUE`, gathered per game and
 * checked against each game's option table (host/option_table.ts, read
 * from the game's schema) — the same check, with the same sentences, as
 * the room's `/set`. The quiz file (`--questions`) is read by
 * ./quiz_loading.ts.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import type { AnyGame } from "../games/types.ts";
import { checkOption, optionSpecs, typedValue } from "../host/option_table.ts";
import { intOption } from "./args.ts";
import { UsageError } from "./errors.ts";
import { SharedUsageError } from "./shared_usage_error.ts";

/** Options per game id, as the room's `gameOptions` takes them. */
export type GameOptions = Record<string, Record<string, unknown>>;

/** The raw option values `gameOptions` reads. */
export interface GameOptionValues {
  max?: string;
  rounds?: string;
  time?: string;
  count?: string;
  set?: string[];
}

/** A shortcut of the command line: `--FLAG N` sets GAME.KEY. */
export interface Shortcut {
  /** The option of `host` (without `--`). */
  flag: "max" | "rounds" | "time" | "count";
  /** The game it is for. */
  game: string;
  /** The game's option it sets. */
  key: string;
}

/**
 * The shortcuts: each sets one game's option; its range is the option's
 * range in the game's table.
 *
 * @example
 * ```ts
 * import { SHORTCUTS } from "./game_options.ts";
 * SHORTCUTS.find((s) => s.flag === "time")?.key; // "timeLimitSec"
 * ```
 */
export const SHORTCUTS: readonly Shortcut[] = [
  { flag: "max", game: "justeprix", key: "max" },
  { flag: "rounds", game: "justeprix", key: "rounds" },
  { flag: "time", game: "justeprix", key: "timeLimitSec" },
  { flag: "count", game: "qcm", key: "count" },
];

/**
 * Reads one `--set GAME.KEY=VALUE`: numbers and `true`/`false` are typed,
 * anything else stays text. Throws a {@linkcode UsageError} (`bad_set`)
 * when the form or the game is wrong.
 *
 * @example
 * ```ts
 * import { parseSet } from "./game_options.ts";
 * import { GAMES } from "../games/registry.ts";
 * parseSet("justeprix.max=1000", GAMES); // { game: "justeprix", key: "max", value: 1000 }
 * parseSet("qcm.shuffle=false", GAMES).value; // false
 * ```
 */
export function parseSet(
  text: string,
  games: Record<string, AnyGame>,
): { game: string; key: string; value: unknown } {
  const m = /^(\w+)\.(\w+)=(.*)$/.exec(text);
  if (!m || !Object.hasOwn(games, m[1])) {
    throw new UsageError("bad_set", {
      games: Object.keys(games).join(", "),
      value: text,
    });
  }
  return { game: m[1], key: m[2], value: typedValue(m[3]) };
}

/**
 * Gathers the game options of the command line, per game, each checked by
 * the game's option table: a wrong one throws a usage error naming the
 * range (`--count` with the command line's sentence, `--set qcm.count=…`
 * with the room's).
 *
 * @example
 * ```ts
 * import { gameOptions } from "./game_options.ts";
 * import { GAMES } from "../games/registry.ts";
 * gameOptions({ max: "500", set: ["qcm.count=5"] }, GAMES, "en");
 * // { justeprix: { max: 500 }, qcm: { count: 5 } }
 * ```
 */
export function gameOptions(
  v: GameOptionValues,
  games: Record<string, AnyGame>,
  lang: Lang,
): GameOptions {
  const options: GameOptions = {};
  const values = v as Record<string, unknown>;
  for (const { flag, game, key } of SHORTCUTS) {
    if (values[flag] === undefined || !Object.hasOwn(games, game)) continue;
    const spec = optionSpecs(games[game]).find((s) => s.key === key);
    const n = intOption(values, flag, 0, spec?.min ?? 0, spec?.max ?? 1e6);
    (options[game] ??= {})[key] = n;
  }
  for (const text of v.set ?? []) {
    const { game, key, value } = parseSet(text, games);
    const g = games[game];
    const checked = checkOption(
      g,
      options[game],
      key,
      value,
      `${game}.${key}`,
      g.rules.title[lang],
    );
    if (!checked.ok) {
      throw new SharedUsageError(checked.problem.code, checked.problem.params);
    }
    options[game] = { ...checked.options };
  }
  return options;
}
