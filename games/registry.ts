/**
 * Every game lanplay knows. Adding a game = one folder made from the
 * template (docs/adding-a-game.md) + one line here.
 *
 * The registry is a frozen null-prototype object: game ids come from the
 * wire (`choose`, `start`, `/game NAME`), and a name such as `toString` or
 * `__proto__` must not find anything but a game.
 *
 * @module
 */
import type { AnyGame } from "./types.ts";
import { justeprix } from "./justeprix/mod.ts";
import { qcm } from "./qcm/mod.ts";
import { morpion } from "./morpion/mod.ts";
import { bombardes } from "./bombardes/mod.ts";

/**
 * Games by id, in menu order (no prototype: only real ids are found).
 *
 * @example
 * ```ts
 * import { GAMES } from "./registry.ts";
 * Object.keys(GAMES); // ["qcm", "morpion", "justeprix", "bombardes"]
 * GAMES["toString"]; // undefined
 * ```
 */
export const GAMES: Readonly<Record<string, AnyGame>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, AnyGame>, {
    qcm,
    morpion,
    justeprix,
    bombardes,
  }),
);

/**
 * The game of a registry with this id, or undefined: only the registry's
 * own entries count, never a prototype's (`toString`, `constructor`...).
 *
 * @example
 * ```ts
 * import { GAMES, gameById } from "./registry.ts";
 * gameById(GAMES, "qcm")?.rules.id; // "qcm"
 * gameById({ qcm: GAMES.qcm }, "constructor"); // undefined
 * ```
 *
 * @param games a registry (any record of games)
 * @param id a game id, possibly from the wire
 */
export function gameById<G>(
  games: Readonly<Record<string, G>>,
  id: string,
): G | undefined {
  return Object.hasOwn(games, id) ? games[id] : undefined;
}
