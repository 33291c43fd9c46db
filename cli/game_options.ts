/**
 * The game options of `host`: the shortcuts (`--max`, `--rounds`, `--time`,
 * `--count`, `--questions`) and the general `--set GAME.KEY=VALUE`, gathered
 * per game.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import type { AnyGame } from "../games/types.ts";
import { intOption } from "./args.ts";
import { UsageError } from "./errors.ts";
import { loadQuiz } from "./quiz_loading.ts";

/** Options per game id, as the room's `gameOptions` takes them. */
export type GameOptions = Record<string, Record<string, unknown>>;

/** The raw option values `gameOptions` reads. */
export interface GameOptionValues {
  max?: string;
  rounds?: string;
  time?: string;
  count?: string;
  questions?: string;
  set?: string[];
}

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
  if (!m || !games[m[1]]) {
    throw new UsageError("bad_set", {
      games: Object.keys(games).join(", "),
      value: text,
    });
  }
  const raw = m[3];
  const value = /^-?\d+(\.\d+)?$/.test(raw)
    ? Number(raw)
    : raw === "true"
    ? true
    : raw === "false"
    ? false
    : raw;
  return { game: m[1], key: m[2], value };
}

/**
 * Gathers the game options of the command line, per game; a quiz file is
 * read (and its problems reported in `lang`).
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
  const put = (game: string, key: string, value: unknown) =>
    (options[game] ??= {})[key] = value;
  const values = v as Record<string, unknown>;
  if (v.max) put("justeprix", "max", intOption(values, "max", 100, 2, 1e6));
  if (v.rounds) {
    put("justeprix", "rounds", intOption(values, "rounds", 3, 1, 20));
  }
  if (v.time) {
    put("justeprix", "timeLimitSec", intOption(values, "time", 90, 0, 3600));
  }
  if (v.count) put("qcm", "count", intOption(values, "count", 10, 1, 500));
  if (v.questions) put("qcm", "questions", loadQuiz(v.questions, lang));
  for (const text of v.set ?? []) {
    const { game, key, value } = parseSet(text, games);
    put(game, key, value);
  }
  return options;
}
