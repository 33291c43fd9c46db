/**
 * How a client shows juste prix, assembled from the game's parts: text
 * lines per message (./lines.ts), the full-screen panel (./screen.ts),
 * typed input (./input.ts) and error sentences (./i18n.ts).
 *
 * @module
 */
import type { GameView } from "../types.ts";
import { error, t } from "./i18n.ts";
import { parseInput } from "./input.ts";
import { messageLines } from "./lines.ts";
import { renderScreen } from "./screen.ts";

/**
 * The view of juste prix for clients.
 *
 * @example
 * ```ts
 * import { justePrixView } from "./view.ts";
 * justePrixView.parseInput(" 42 ", null); // { type: "guess", value: 42 }
 * justePrixView.help("fr"); // "Tapez un nombre puis Entrée"
 * ```
 */
export const justePrixView: GameView = {
  lines: messageLines,
  screen: renderScreen,
  parseInput: (line) => parseInput(line),
  error,
  help: (lang) => t(lang, "help"),
};
