/**
 * How a client shows the QCM: the text lines of ./lines.ts, the panel of
 * ./screen.ts, the input of ./input.ts, the sentences of ./i18n.ts and the
 * view patched by `answer_ack`, `answered` and `answer_count` (./patch.ts),
 * put together as the game's {@linkcode GameView}.
 *
 * @module
 */
import type { GameView } from "../types.ts";
import { CommitmentBook } from "./fairness.ts";
import { error, t } from "./i18n.ts";
import { key, parseInput } from "./input.ts";
import { lines, readyLines } from "./lines.ts";
import { patchView } from "./patch.ts";
import { screen } from "./screen.ts";

export { parseChoices } from "./input.ts";

/**
 * A QCM client side whose text lines and panel share one memory of the
 * commitments sent with questions (`book`), to check every reveal.
 *
 * @example
 * ```ts
 * import { makeQcmView } from "./view.ts";
 * import { CommitmentBook } from "./fairness.ts";
 * const view = makeQcmView(new CommitmentBook());
 * view.lines({ type: "answered", nickname: "Ana", count: 1, of: 2 }, "en", "Bob"); // ["Ana answered (1/2)"]
 * ```
 */
export function makeQcmView(book: CommitmentBook): GameView {
  return {
    lines: (message, lang, me) => lines(message, lang, me, book),
    screen: (view, lang, width, color) =>
      screen(view, lang, width, color, book),
    panelOnly: ["question", "reveal", "result"],
    patch: patchView,
    patchStarts: ["question"],
    viewLines: readyLines,
    key,
    parseInput,
    error,
    help: (lang) => t(lang, "help"),
  };
}

/**
 * The QCM's client side: text lines, panel, input, sentences. One process
 * runs one client, so one book of commitments serves it (in the host, the
 * text-mode players of a room all see the same commitments).
 *
 * @example
 * ```ts
 * import { qcmView } from "./view.ts";
 * qcmView.parseInput("2", null); // { type: "answer", choices: [2] }
 * qcmView.error("time_up", {}, "en"); // "Time is up for this question: wait for the next one."
 * ```
 */
export const qcmView: GameView = makeQcmView(new CommitmentBook());
