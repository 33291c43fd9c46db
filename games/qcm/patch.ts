/**
 * The QCM's {@linkcode GameView.patch}: the messages that change the view
 * a client holds without a view from the host.
 *
 * - `answer_ack` sets `me.choices` (the answerer's own answer): an answer
 *   sends no view at all, not even to the answerer.
 * - `answered` sets the count of answers and of players here while a
 *   question is open (./phases.ts `tellProgress` names no view).
 * - `answer_count` sets the same counts after a player went away, came back or
 *   left, during a question or its reveal (presence names no view).
 *
 * - `question` makes the whole view of the new question from the previous
 *   question's reveal view, or question 1's from the « Préparez-vous »
 *   view (`phase: "ready"`, `index: 0`): the host sends no view with it to
 *   clients that patch (`Step.patchable`, ./phases.ts `askQuestion`).
 *
 * So an answer or a Wi-Fi blip in a room of a thousand is one small message
 * to each member, not a thousand views, and so is a question.
 *
 * @module
 */
import type { GameMessage, GameView } from "../types.ts";
import type { QcmView, QuestionMessage, ShownQuestion } from "./wire.ts";

const isCount = (n: unknown): n is number =>
  typeof n === "number" && Number.isInteger(n) && n >= 0;

const isChoices = (c: unknown): c is number[] =>
  Array.isArray(c) && c.length > 0 &&
  c.every((n) => isCount(n) && n >= 1);

const isText = (t: unknown): t is string => typeof t === "string";

const isTexts = (l: unknown): l is string[] =>
  Array.isArray(l) && l.length > 0 && l.every(isText);

/** The question a `question` message shows, or null when malformed. */
function shownOf(m: Partial<QuestionMessage>): ShownQuestion | null {
  const { text, answers, multiple, timeLimitMs } = m;
  if (
    !text || typeof text !== "object" || !isText(text.fr) ||
    !isText(text.en) || !answers || typeof answers !== "object" ||
    !isTexts(answers.fr) || !isTexts(answers.en) ||
    answers.fr.length !== answers.en.length ||
    typeof multiple !== "boolean" || !isCount(timeLimitMs)
  ) {
    return null;
  }
  return {
    text: { fr: text.fr, en: text.en },
    answers: { fr: [...answers.fr], en: [...answers.en] },
    multiple,
    timeLimitMs,
  };
}

/**
 * The view of question `index` as it opens, from the view of question
 * `index - 1` of the same game during its reveal (scores, ranks and the
 * leaderboard are the reveal's; nobody answered yet), or for question 1
 * from the « Préparez-vous » view (`ready`, index 0); null otherwise.
 */
function opened(v: Partial<QcmView>, m: GameMessage): QcmView | null {
  const q = m as Partial<QuestionMessage>;
  const { index, total, endsIn, of, commitment } = q;
  if (
    (v.phase !== "reveal" && !(v.phase === "ready" && index === 1)) ||
    !isCount(index) || v.index !== index - 1 ||
    v.total !== total || !isCount(endsIn) || !isCount(of) ||
    !isText(commitment)
  ) {
    return null;
  }
  const question = shownOf(q);
  if (!question) return null;
  const me = v.me;
  return {
    ...(v as QcmView),
    phase: "question",
    index,
    question,
    commitment,
    remainingMs: endsIn,
    answeredCount: 0,
    playerCount: of,
    me: me && typeof me === "object"
      ? { ...me, choices: null, result: null }
      : null,
    reveal: null,
    ranking: null,
  };
}

/**
 * The view `view` once `message` is known, as the host's own view would
 * say right after sending it; null for any other message, another game's
 * view, a malformed message, or when nothing changes. The view given is
 * not modified.
 *
 * - `answer_ack` while its question is open (same `index`) and the view
 *   has a `me`: `me.choices` = `choices`.
 * - `answered` while a question is open, `answer_count` while a question is
 *   open or revealed or before question 1 (`ready`): `answeredCount` =
 *   `count`, `playerCount` = `of`.
 * - `question` number `index` during the reveal of question `index - 1`
 *   (same `total`), or number 1 during the `ready` view (index 0): the new
 *   question's view — its question, commitment,
 *   `remainingMs` = `endsIn`, `answeredCount` 0, `playerCount` = `of`, `me`
 *   with no `choices` nor `result`, no `reveal`; score, rank and leaderboard
 *   as revealed.
 *
 * @example
 * ```ts
 * import { patchView } from "./patch.ts";
 * const me = { nickname: "Ana", score: 0, streak: 0, rank: 1, choices: null, result: null };
 * const view = { game: "qcm", phase: "question", index: 1, answeredCount: 1, playerCount: 3, me };
 * patchView(view, { type: "answered", nickname: "Bob", count: 2, of: 3 });
 * // { game: "qcm", phase: "question", index: 1, answeredCount: 2, playerCount: 3, me }
 * patchView(view, { type: "answer_count", count: 1, of: 2 });
 * // { game: "qcm", phase: "question", index: 1, answeredCount: 1, playerCount: 2, me }
 * patchView(view, { type: "answer_ack", index: 1, choices: [2] });
 * // { ..., me: { ...me, choices: [2] } }
 * patchView(view, { type: "answer_ack", index: 2, choices: [2] }); // null (another question)
 * ```
 */
export const patchView: NonNullable<GameView["patch"]> = (
  view: unknown,
  message: GameMessage,
): QcmView | null => {
  const type = message.type;
  if (
    type !== "answered" && type !== "answer_count" && type !== "answer_ack" &&
    type !== "question"
  ) {
    return null;
  }
  const v = view as Partial<QcmView> | null;
  if (v === null || typeof v !== "object" || v.game !== "qcm") return null;
  if (type === "question") return opened(v, message);
  if (type === "answer_ack") {
    const { index, choices } = message;
    const me = v.me;
    if (
      v.phase !== "question" || v.index !== index || !me ||
      typeof me !== "object" || !isChoices(choices)
    ) {
      return null;
    }
    if (me.choices && me.choices.join(",") === choices.join(",")) return null;
    return { ...(v as QcmView), me: { ...me, choices: [...choices] } };
  }
  if (
    v.phase !== "question" &&
    !(type === "answer_count" && (v.phase === "reveal" || v.phase === "ready"))
  ) {
    return null;
  }
  const { count, of } = message;
  if (!isCount(count) || !isCount(of)) return null;
  if (v.answeredCount === count && v.playerCount === of) return null;
  return { ...(v as QcmView), answeredCount: count, playerCount: of };
};
