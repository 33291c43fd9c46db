/**
 * How a client shows rock-paper-scissors, assembled from its parts.
 *
 * @module
 */
import type { GameView } from "../../games/types.ts";
import { error, t } from "./i18n.ts";
import { key, parseInput } from "./input.ts";
import { messageLines } from "./lines.ts";
import { renderScreen } from "./screen.ts";

/**
 * The view: lines, screen, input, errors and help.
 *
 * @example
 * ```ts
 * import { rpsView } from "./view.ts";
 * rpsView.parseInput("ciseaux", null); // { type: "throw", hand: "scissors" }
 * rpsView.help("en"); // "Type rock, paper or scissors (or 1, 2, 3) and press Enter"
 * ```
 */
export const rpsView: GameView = {
  lines: messageLines,
  screen: renderScreen,
  parseInput: (line) => parseInput(line),
  key,
  error,
  help: (lang) => t(lang, "help"),
};
