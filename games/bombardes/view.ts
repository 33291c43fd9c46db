/**
 * How a client shows bombardes, assembled from its parts. The `landscape`
 * message is panel-only: the full-screen client draws it in the panel,
 * text mode prints it.
 *
 * @module
 */
import type { GameView } from "../types.ts";
import { error, t } from "./i18n.ts";
import { parseInput } from "./input.ts";
import { messageLines } from "./lines.ts";
import { renderScreen } from "./screen.ts";

/**
 * The view: lines, screen, input, errors and help.
 *
 * @example
 * ```ts
 * import { bombardesView } from "./view.ts";
 * bombardesView.parseInput("45 70", null); // { type: "fire", angle: 45, charge: 70 }
 * bombardesView.panelOnly; // ["landscape"]
 * ```
 */
export const bombardesView: GameView = {
  lines: messageLines,
  screen: renderScreen,
  parseInput: (line) => parseInput(line),
  panelOnly: ["landscape"],
  error,
  help: (lang) => t(lang, "help"),
};
