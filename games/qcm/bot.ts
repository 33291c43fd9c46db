/**
 * QCM bots. A bot only sees what a player sees (its view): the answer key
 * is never in it before the reveal, so a bot cannot know the right answer.
 * The default bot answers at random after a short random delay, which is
 * enough to make a game finish. Tests and in-process helpers that hold the
 * host state can pass an `oracle` (e.g. built on `currentAnswerKey`).
 *
 * @module
 */
import type { BotDecision, GameBot } from "../types.ts";
import type { QcmView } from "./wire.ts";

/** How a QCM bot plays. */
export interface QcmBotOptions {
  /** `random` (default): any answer; `first`: always answer 1. */
  mode?: "random" | "first";
  /** Thinking time: a fixed delay, or a range; 100–1500 ms by default. */
  delayMs?: number | { min: number; max: number };
  /**
   * Chooses the answer numbers (1-based) instead of `mode`; null to skip.
   * Only host-side code can know the key, so only it can build an oracle.
   */
  oracle?: (view: QcmView) => number[] | null;
}

function isOpenQuestion(v: unknown): v is QcmView {
  if (typeof v !== "object" || v === null) return false;
  const view = v as QcmView;
  return view.game === "qcm" && view.phase === "question" &&
    view.question !== null && view.me !== null && view.me.choices === null &&
    view.remainingMs > 0;
}

/** A random non-empty subset of 1..n, sorted. */
function randomSubset(n: number, random: () => number): number[] {
  const picked = [...Array(n).keys()].map((i) => i + 1).filter(() =>
    random() < 0.5
  );
  return picked.length > 0 ? picked : [1 + Math.floor(random() * n) % n];
}

/**
 * Makes a QCM bot.
 *
 * @example
 * ```ts
 * import { makeQcmBot } from "./bot.ts";
 * const bot = makeQcmBot({ mode: "first", delayMs: 0 });
 * const view = {
 *   game: "qcm", phase: "question", index: 1, total: 1,
 *   question: { text: { fr: "?", en: "?" }, answers: { fr: ["a", "b"], en: ["a", "b"] }, multiple: false, timeLimitMs: 20000 },
 *   remainingMs: 20000, answeredCount: 0, playerCount: 1,
 *   me: { nickname: "bot", score: 0, streak: 0, rank: 1, choices: null, result: null },
 *   reveal: null, leaderboard: [], ranking: null,
 * };
 * bot(view, Math.random); // { move: { type: "answer", choices: [1] }, key: "qcm:1", delayMs: 0 }
 * ```
 */
export function makeQcmBot(options: QcmBotOptions = {}): GameBot {
  const mode = options.mode ?? "random";
  const delay = options.delayMs ?? { min: 100, max: 1500 };
  return (view: unknown, random: () => number): BotDecision | null => {
    if (!isOpenQuestion(view)) return null;
    const q = view.question!;
    const n = q.answers.en.length;
    let choices: number[] | null;
    if (options.oracle) choices = options.oracle(view);
    else if (mode === "first") choices = [1];
    else {
      choices = q.multiple
        ? randomSubset(n, random)
        : [1 + Math.floor(random() * n) % n];
    }
    if (!choices || choices.length === 0) return null;
    let delayMs = typeof delay === "number"
      ? delay
      : delay.min + Math.floor(random() * (delay.max - delay.min + 1));
    // Never plan to answer after the deadline.
    delayMs = Math.max(0, Math.min(delayMs, view.remainingMs - 50));
    return {
      move: { type: "answer", choices },
      key: `qcm:${view.index}`,
      delayMs,
    };
  };
}

/**
 * The default QCM bot: a random answer after 100–1500 ms.
 *
 * @example
 * ```ts
 * import { qcmBot } from "./bot.ts";
 * qcmBot({ game: "qcm", phase: "over" }, Math.random); // null
 * ```
 */
export const qcmBot: GameBot = makeQcmBot();
