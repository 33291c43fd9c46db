/**
 * The QCM's state and its phases: a question opens, answers come in (their
 * count told to everyone at most every {@linkcode progressIntervalMs}), the
 * round closes (scoring everyone and telling the key), the game finishes
 * (the podium). The answer key and the answers stay in the state, never in
 * a message of an open round.
 *
 * Everything an answer touches is O(1) (./answers.ts, the counts below), so
 * a room of thousands costs each answer what a room of three does; what
 * goes to everyone is bounded (the best {@linkcode SHOWN_MAX} by name).
 *
 * @module
 */
import type { Outgoing, Step } from "../types.ts";
import { Answers, type QcmAnswer } from "./answers.ts";
import { commitment } from "./fairness.ts";
import { boardOf, SHOWN_MAX } from "./ranking.ts";
import { type Round, shown } from "./round.ts";
import { scoreAnswer } from "./scoring.ts";
import { responseMs } from "./timing.ts";
import type { ResultLine, RevealMessage } from "./wire.ts";

export type { QcmAnswer } from "./answers.ts";

/** A player's standing in the game. */
export interface QcmPlayer {
  /** Seat id. */
  id: string;
  /** Nickname shown to all. */
  nickname: string;
  /** Points so far. */
  score: number;
  /** Correct answers in a row so far. */
  streak: number;
  /**
   * False while the player's connection is lost (the host holds the seat)
   * and after leaving; answering again brings the player back.
   */
  present: boolean;
  /** True once the player left for good (quit, kicked, grace over). */
  gone?: boolean;
}

/** The whole game. Never sent as is: views and messages are made from it. */
export interface QcmState {
  /** The `points` option. */
  points: number;
  /** Pause after a reveal, in milliseconds. */
  pauseMs: number;
  /** Everyone seated at the start, in seat order (a new list whenever one changes). */
  players: QcmPlayer[];
  /** The questions of this game, as played. */
  rounds: Round[];
  /** The secret salt of each round's commitment (./fairness.ts), same order. Secret until its reveal. */
  salts: string[];
  /** 0-based index of the current round. */
  index: number;
  /**
   * Getting ready before question 1 ({@linkcode READY_MS}), answering,
   * showing the answer, or finished.
   */
  phase: "ready" | "question" | "reveal" | "over";
  /** When the current phase began (host clock, ms). */
  phaseStart: number;
  /** When the current phase ends: the next `tick`. */
  phaseEnd: number;
  /** Answers to the open question, by seat id. Secret like the key. */
  answers: Answers;
  /** Players here now (not away, not gone). */
  presentCount: number;
  /** Players gone for good. */
  goneCount: number;
  /** Players here now who answered the open question. */
  answerCount: number;
  /** The answered count everyone was last told (`answered`, `answer_count`, views). */
  toldCount: number;
  /**
   * When the last `answered` or `answer_count` of this round went out
   * (-Infinity: none yet).
   */
  toldAt: number;
  /**
   * What everyone has not been told yet: the nickname of the last answer
   * not told, {@linkcode COUNT_ONLY} when only the count changed (a player
   * away, back or gone), or null when nothing is untold.
   */
  untold: string | null;
  /** The last reveal (kept for views during the pause and at the end). */
  reveal: RevealMessage | null;
  /** Every player's result in the last reveal, seat order (the message may show fewer). */
  results: ResultLine[];
}

/**
 * How long the « Préparez-vous » phase lasts before question 1 (ms). The
 * start's bytes (`game_start`, the lobby's update, every first view) drain
 * during it, so that question 1 comes alone, patched like the others, and
 * reaches everyone at the same moment (speed scoring is fair only then).
 */
export const READY_MS = 3_000;

/** Least time between two `answered` or `answer_count` messages of a round (ms). */
export const PROGRESS_MS = 100;

/**
 * {@linkcode QcmState.untold} when the count changed with no answer to
 * name: a player went away, came back or left. It goes out as `answer_count`
 * (count only) instead of `answered` (nicknames are never empty).
 */
export const COUNT_ONLY = "";

/**
 * Least time between two `answered` or `answer_count` messages (one message to
 * every member; clients patch the count into their views): {@linkcode PROGRESS_MS},
 * longer in big rooms (0.1 ms per player), so that telling the count costs
 * the host a bounded share of its time.
 *
 * @example
 * ```ts
 * import { progressIntervalMs } from "./phases.ts";
 * progressIntervalMs(30); // 100
 * progressIntervalMs(5000); // 500
 * ```
 */
export function progressIntervalMs(players: number): number {
  return Math.max(PROGRESS_MS, players / 10);
}

/** The answer of a seat to the open question. */
export function answerOf(s: QcmState, id: string): QcmAnswer | undefined {
  return s.answers.get(id);
}

/** The players still here (O(n): not for the hot path). */
export const present = (s: QcmState) => s.players.filter((p) => p.present);

/**
 * How many of the players still here have answered the open question (a
 * player who answered and then left no longer counts: the count never
 * exceeds the players present).
 */
export function answeredCount(s: QcmState): number {
  return s.answerCount;
}

/** True when every player still here has answered (and one at least is here). */
export function allAnswered(s: QcmState): boolean {
  return s.presentCount > 0 && s.answerCount >= s.presentCount;
}

const indexes = new WeakMap<readonly QcmPlayer[], Map<string, QcmPlayer>>();

/** A player by seat id (a table built once per list of players). */
export function playerOf(s: QcmState, id: string): QcmPlayer | undefined {
  let index = indexes.get(s.players);
  if (!index) {
    index = new Map(s.players.map((p) => [p.id, p]));
    indexes.set(s.players, index);
  }
  return index.get(id);
}

/**
 * The state with one player's presence changed (away or back, or gone for
 * good), the counts kept right. When the number of players here changed
 * during a question or its reveal, the change is marked untold (the next
 * `answered` or `answer_count` carries it; no view is needed).
 */
export function withPresence(
  s: QcmState,
  id: string,
  here: boolean,
  gone = false,
): QcmState {
  const p = playerOf(s, id);
  if (!p) return s;
  const nowGone = !here && (gone || !!p.gone);
  if (p.present === here && !!p.gone === nowGone) return s;
  const moved = p.present !== here ? (here ? 1 : -1) : 0;
  const answered = s.phase === "question" && s.answers.get(id) !== undefined;
  const answerCount = s.answerCount + (answered ? moved : 0);
  const toldCount = Math.min(s.toldCount, answerCount);
  return {
    ...s,
    players: s.players.map((q) => {
      if (q.id !== id) return q;
      const { gone: _, ...rest } = q;
      return nowGone ? { ...rest, present: here, gone: true } : {
        ...rest,
        present: here,
      };
    }),
    presentCount: s.presentCount + moved,
    goneCount: s.goneCount + (nowGone ? 1 : 0) - (p.gone ? 1 : 0),
    answerCount,
    toldCount,
    // An answer still untold is named; otherwise only the count goes out.
    untold: moved === 0 || s.phase === "over"
      ? s.untold
      : answerCount > toldCount
      ? (s.untold ?? COUNT_ONLY)
      : COUNT_ONLY,
  };
}

/** The commitment to the key of round `index` (0-based). */
export function sealOf(s: QcmState, index: number): string {
  const key = s.rounds[index].correct.map((c) => c + 1);
  return commitment(index + 1, key, s.salts[index]);
}

/**
 * The « Préparez-vous » phase: the game has started, question 1 comes at
 * `now + readyMs` (the deadline's tick asks it). No answer is taken; the
 * views say `phase: "ready"`, `index: 0` (no question asked yet) and the
 * time left until question 1.
 *
 * @example
 * ```ts
 * import { getReady, READY_MS } from "./phases.ts";
 * import { qcmRules } from "./rules.ts";
 * const { state } = qcmRules.start(
 *   [{ id: "a", nickname: "Ana" }],
 *   qcmRules.optionsSchema.parse({ count: 1 }),
 *   { now: 0, random: Math.random },
 * );
 * getReady(state, 0).state.phaseEnd === READY_MS; // true
 * ```
 */
export function getReady(
  s: QcmState,
  now: number,
  readyMs = READY_MS,
): Step<QcmState> {
  return {
    state: {
      ...s,
      index: 0,
      phase: "ready",
      phaseStart: now,
      phaseEnd: now + readyMs,
      answers: Answers.empty(),
      answerCount: 0,
      toldCount: 0,
      toldAt: -Infinity,
      untold: null,
    },
    out: [],
  };
}

/**
 * Opens question `index` (0-based) now, with the commitment to its key.
 * The step is patchable (`Step.patchable`): the `question` message, with
 * the players here (`of`), makes every view of the new question from the
 * view a client holds — the reveal's of the question before, or for
 * question 1 the « Préparez-vous » view (./patch.ts) — so the host sends no
 * view to clients that patch. Views go to everyone with the game's start
 * (the ready phase, {@linkcode getReady}).
 */
export function askQuestion(
  s: QcmState,
  index: number,
  now: number,
): Step<QcmState> {
  const round = s.rounds[index];
  const state: QcmState = {
    ...s,
    index,
    phase: "question",
    phaseStart: now,
    phaseEnd: now + round.limitMs,
    answers: Answers.empty(),
    answerCount: 0,
    toldCount: 0,
    toldAt: -Infinity,
    untold: null,
  };
  return {
    state,
    out: [{
      to: "all",
      message: {
        type: "question",
        index: index + 1,
        total: s.rounds.length,
        ...shown(round),
        endsIn: round.limitMs,
        of: s.presentCount,
        commitment: sealOf(s, index),
      },
    }],
    patchable: true,
  };
}

const answeredTables = new WeakMap<readonly ResultLine[], number>();

/** How many players answered the revealed question (the reveal's views say it). */
function revealedCount(results: readonly ResultLine[]): number {
  let n = answeredTables.get(results);
  if (n === undefined) {
    n = results.filter((r) => r.choices.length > 0).length;
    answeredTables.set(results, n);
  }
  return n;
}

/**
 * Tells everyone what is untold ({@linkcode QcmState.untold}) and no view
 * (`views: []`): `answered` with the nickname of the last answer, or
 * `answer_count` (count only) after a player went away, came back or left.
 * The count in every view (`answeredCount`, `playerCount`) is what the
 * message says; clients patch it into the view they hold (./patch.ts), so
 * a tick in a room of a thousand costs one small message per member, not a
 * view each, while players are still reading the question. During a
 * reveal the count is the reveal's (how many answered it).
 *
 * @example
 * ```ts
 * import { COUNT_ONLY, tellProgress } from "./phases.ts";
 * import { qcmRules } from "./rules.ts";
 * const seats = [{ id: "a", nickname: "Ana" }, { id: "b", nickname: "Bob" }];
 * const options = qcmRules.optionsSchema.parse({ count: 1 });
 * const { state } = qcmRules.start(seats, options, { now: 0, random: Math.random });
 * const step = tellProgress({ ...state, answerCount: 1, untold: "Ana" }, 500);
 * step.out[0].message; // { type: "answered", nickname: "Ana", count: 1, of: 2 }
 * step.views; // []
 * const away = tellProgress({ ...state, presentCount: 1, untold: COUNT_ONLY }, 600);
 * away.out[0].message; // { type: "answer_count", count: 0, of: 1 }
 * ```
 */
export function tellProgress(s: QcmState, now: number): Step<QcmState> {
  const count = s.phase === "reveal" ? revealedCount(s.results) : s.answerCount;
  const of = s.presentCount;
  return {
    state: { ...s, toldCount: s.answerCount, toldAt: now, untold: null },
    out: [{
      to: "all",
      message: s.untold
        ? { type: "answered", nickname: s.untold, count, of }
        : { type: "answer_count", count, of },
    }],
    views: [],
  };
}

/**
 * When what is untold must go out (during a question or its reveal), or
 * null: an interval after the last message of the round, never before the
 * phase began.
 */
export function progressDue(s: QcmState): number | null {
  if (s.phase === "over" || s.untold === null) return null;
  return Math.max(
    s.toldAt + progressIntervalMs(s.players.length),
    s.phaseStart,
  );
}

/**
 * The step of a change that names no view: what is untold goes out now
 * when it is due ({@linkcode tellProgress}), else with a later tick.
 */
export function tellIfDue(s: QcmState, now: number): Step<QcmState> {
  const due = progressDue(s);
  if (due === null || now < due || now >= s.phaseEnd) {
    return { state: s, out: [], views: [] };
  }
  return tellProgress(s, now);
}

/**
 * Closes the open round: scores everyone, tells the key and opens its
 * commitment. In a room of more than {@linkcode SHOWN_MAX} players the
 * reveal lists the best of them; the others get their own `result`.
 */
export function closeRound(s: QcmState, now: number): Step<QcmState> {
  const round = s.rounds[s.index];
  const key = round.correct.join(",");
  const counts = round.answers.fr.map(() => 0);
  const results: ResultLine[] = [];
  const players = s.players.map((p) => {
    const a = s.answers.get(p.id);
    if (a) { for (const c of a.choices) counts[c]++; }
    const right = a !== undefined && a.choices.join(",") === key;
    const scored = scoreAnswer(
      right,
      a ? responseMs(a, s.phaseStart) : round.limitMs,
      round.limitMs,
      s.points,
      p.streak,
    );
    const next = {
      ...p,
      score: p.score + scored.points,
      streak: scored.streak,
    };
    results.push({
      id: p.id,
      nickname: p.nickname,
      choices: a ? a.choices.map((c) => c + 1) : [],
      correct: right,
      points: scored.points,
      streak: scored.streak,
      score: next.score,
    });
    return next;
  });
  const board = boardOf(players);
  let shownResults = results;
  const out: Outgoing[] = [];
  if (results.length > SHOWN_MAX) {
    const byId = new Map(results.map((r) => [r.id, r]));
    shownResults = board.topIds.map((id) => byId.get(id)!);
  }
  const reveal: RevealMessage = {
    type: "reveal",
    index: s.index + 1,
    total: s.rounds.length,
    text: { ...round.text },
    answers: { fr: [...round.answers.fr], en: [...round.answers.en] },
    correct: round.correct.map((c) => c + 1),
    counts,
    results: shownResults,
    leaderboard: board.leaderboard,
    nextIn: s.pauseMs,
    last: s.index === s.rounds.length - 1,
    commitment: sealOf(s, s.index),
    salt: s.salts[s.index],
  };
  out.push({ to: "all", message: { ...reveal } });
  if (shownResults !== results) {
    const listed = new Set(board.topIds);
    players.forEach((p, i) => {
      if (listed.has(p.id) || p.gone) return;
      out.push({
        to: p.id,
        message: {
          type: "result",
          index: s.index + 1,
          ...results[i],
          rank: board.rankOf.get(p.id) ?? 0,
          of: players.length,
        },
      });
    });
  }
  return {
    state: {
      ...s,
      players,
      phase: "reveal",
      phaseStart: now,
      phaseEnd: now + s.pauseMs,
      untold: null,
      reveal,
      results,
    },
    out,
  };
}

/** Ends the game: the podium and the ranking (the best {@linkcode SHOWN_MAX}). */
export function finish(s: QcmState, now: number): Step<QcmState> {
  const { top } = boardOf(s.players);
  return {
    state: {
      ...s,
      phase: "over",
      phaseStart: now,
      phaseEnd: now,
      untold: null,
    },
    out: [{
      to: "all",
      message: { type: "quiz_end", podium: top.slice(0, 3), ranking: top },
    }],
  };
}
