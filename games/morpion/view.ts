/**
 * How a client shows morpion, assembled from the game's parts: text lines
 * per message (./lines.ts), the big board panel (./screen.ts), typed input
 * (./input.ts) and error sentences (./i18n.ts).
 *
 * @module
 */
import type { GameView } from "../types.ts";
import { error, t } from "./i18n.ts";
import { key, parseInput } from "./input.ts";
import { messageLines } from "./lines.ts";
import { renderScreen } from "./screen.ts";

/**
 * Morpion's view: lines, screen, input, errors and help.
 *
 * @example
 * ```ts
 * import { morpionView } from "./view.ts";
 * morpionView.error("occupied", { cell: 5 }, "fr"); // "La case 5 est déjà prise : choisissez une case vide."
 * morpionView.parseInput("7", null); // { type: "play", cell: 7 }
 * ```
 */
export const morpionView: GameView = {
  lines: messageLines,
  screen: renderScreen,
  parseInput: (line) => parseInput(line),
  panelOnly: ["board"],
  grid: { columns: 3, rows: 3 },
  key,
  error,
  help: (lang) => t(lang, "help"),
};
