/**
 * How a client shows the QCM: the text lines of ./lines.ts, the panel of
 * ./screen.ts, the input of ./input.ts and the sentences of ./i18n.ts, put
 * together as the game's {@linkcode GameView}.
 *
 * @module
 */
import type { GameView } from "../types.ts";
import { error, t } from "./i18n.ts";
import { key, parseInput } from "./input.ts";
import { lines } from "./lines.ts";
import { screen } from "./screen.ts";

export { parseChoices } from "./input.ts";

/**
 * The QCM's client side: text lines, panel, input, sentences.
 *
 * @example
 * ```ts
 * import { qcmView } from "./view.ts";
 * qcmView.parseInput("2", null); // { type: "answer", choices: [2] }
 * qcmView.error("time_up", {}, "en"); // "Time is up for this question: wait for the next one."
 * ```
 */
export const qcmView: GameView = {
  lines,
  screen,
  panelOnly: ["question", "reveal"],
  key,
  parseInput,
  error,
  help: (lang) => t(lang, "help"),
};
