/**
 * The QCM's {@linkcode GameView.patch}: an `answered` message sets the
 * count of answers (and of players here) in the view a client holds. The
 * host tells the count with `answered` alone (./phases.ts `tellProgress`
 * names no view), so a progress tick in a room of a thousand is one small
 * message to each member, not a thousand views.
 *
 * @module
 */
import type { GameMessage, GameView } from "../types.ts";
import type { QcmView } from "./wire.ts";

const isCount = (n: unknown): n is number =>
  typeof n === "number" && Number.isInteger(n) && n >= 0;

/**
 * The view `view` once `message` is known: for `answered` while a question
 * is open, `answeredCount` = `count` and `playerCount` = `of` (what the
 * host's own view would say right after telling it); null for any other
 * message, another game's view, a malformed count, or when nothing
 * changes. The view given is not modified.
 *
 * @example
 * ```ts
 * import { patchView } from "./patch.ts";
 * const view = { game: "qcm", phase: "question", answeredCount: 1, playerCount: 3 };
 * patchView(view, { type: "answered", nickname: "Bob", count: 2, of: 3 });
 * // { game: "qcm", phase: "question", answeredCount: 2, playerCount: 3 }
 * patchView(view, { type: "answer_ack", index: 1, choices: [2] }); // null
 * ```
 */
export const patchView: NonNullable<GameView["patch"]> = (
  view: unknown,
  message: GameMessage,
): QcmView | null => {
  if (message.type !== "answered") return null;
  const v = view as Partial<QcmView> | null;
  if (
    v === null || typeof v !== "object" || v.game !== "qcm" ||
    v.phase !== "question"
  ) {
    return null;
  }
  const { count, of } = message;
  if (!isCount(count) || !isCount(of)) return null;
  if (v.answeredCount === count && v.playerCount === of) return null;
  return { ...(v as QcmView), answeredCount: count, playerCount: of };
};
