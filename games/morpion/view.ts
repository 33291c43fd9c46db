/**
 * How a client shows morpion: text lines per message (./text.ts), the big
 * board panel (./screen.ts), typed input and error sentences.
 *
 * @module
 */
import type { GameMove, GameView } from "../types.ts";
import { morpionCatalog, t } from "./i18n.ts";
import { renderScreen } from "./screen.ts";
import { messageLines } from "./text.ts";

/**
 * A typed line as a move: a single digit 1–9 (spaces around allowed) is
 * `{ type: "play", cell }`; anything else is chat (null). The rules, not
 * this function, refuse moves out of turn or by spectators.
 *
 * @example
 * ```ts
 * import { parseMove } from "./view.ts";
 * parseMove(" 5 "); // { type: "play", cell: 5 }
 * parseMove("55"); // null
 * ```
 */
export function parseMove(line: string): GameMove | null {
  const m = /^\s*([1-9])\s*$/.exec(line);
  return m ? { type: "play", cell: Number(m[1]) } : null;
}

/**
 * Morpion's view: lines, screen, input, errors and help.
 *
 * @example
 * ```ts
 * import { morpionView } from "./view.ts";
 * morpionView.error("occupied", { cell: 5 }, "fr"); // "La case 5 est déjà prise : choisis une case vide."
 * ```
 */
export const morpionView: GameView = {
  lines: messageLines,
  screen: renderScreen,
  parseInput: (line) => parseMove(line),
  panelOnly: ["board"],
  grid: { columns: 3, rows: 3 },
  key: (key, view) =>
    (view as { yourTurn?: boolean } | null)?.yourTurn ? parseMove(key) : null,
  error(code, params, lang) {
    const key = `error.${code}`;
    return key in morpionCatalog.en
      ? t(lang, key, params)
      : t(lang, "error.unknown", { code });
  },
  help: (lang) => t(lang, "help"),
};
