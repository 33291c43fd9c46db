/**
 * The QCM's state and its phases: a question opens, the round closes
 * (scoring everyone and telling the key), the game finishes (the podium).
 * The answer key and the answers stay in the state, never in a message of
 * an open round.
 *
 * @module
 */
import type { Step } from "../types.ts";
import { commitment } from "./fairness.ts";
import { ranking } from "./ranking.ts";
import { type Round, shown } from "./round.ts";
import { scoreAnswer } from "./scoring.ts";
import type { ResultLine, RevealMessage } from "./wire.ts";

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
  /** False after leaving; answering again brings the player back. */
  present: boolean;
}

/** An answer to the open question. */
export interface QcmAnswer {
  /** 0-based indices, sorted, unique. */
  choices: number[];
  /** When it arrived (host clock, ms). */
  at: number;
}

/** The whole game. Never sent as is: views and messages are made from it. */
export interface QcmState {
  /** The `points` option. */
  points: number;
  /** Pause after a reveal, in milliseconds. */
  pauseMs: number;
  /** Everyone seated at the start, in seat order. */
  players: QcmPlayer[];
  /** The questions of this game, as played. */
  rounds: Round[];
  /** The secret salt of each round's commitment (./fairness.ts), same order. Secret until its reveal. */
  salts: string[];
  /** 0-based index of the current round. */
  index: number;
  /** Answering, showing the answer, or finished. */
  phase: "question" | "reveal" | "over";
  /** When the current phase began (host clock, ms). */
  phaseStart: number;
  /** When the current phase ends: the next `tick`. */
  phaseEnd: number;
  /** Answers to the open question, by seat id. Secret like the key. */
  answers: Record<string, QcmAnswer>;
  /** The last reveal (kept for views during the pause and at the end). */
  reveal: RevealMessage | null;
}

/** The answer of a seat to the open question (own keys only). */
export function answerOf(s: QcmState, id: string): QcmAnswer | undefined {
  return Object.hasOwn(s.answers, id) ? s.answers[id] : undefined;
}

/** The players still here. */
export const present = (s: QcmState) => s.players.filter((p) => p.present);

/**
 * How many of the players still here have answered the open question (a
 * player who answered and then left no longer counts: the count never
 * exceeds the players present).
 */
export function answeredCount(s: QcmState): number {
  return present(s).filter((p) => answerOf(s, p.id) !== undefined).length;
}

/** True when every player still here has answered. */
export function allAnswered(s: QcmState): boolean {
  return present(s).every((p) => answerOf(s, p.id) !== undefined);
}

/** The commitment to the key of round `index` (0-based). */
export function sealOf(s: QcmState, index: number): string {
  const key = s.rounds[index].correct.map((c) => c + 1);
  return commitment(index + 1, key, s.salts[index]);
}

/** Opens question `index` (0-based) now, with the commitment to its key. */
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
    answers: {},
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
        commitment: sealOf(s, index),
      },
    }],
  };
}

/** Closes the open round: scores everyone, tells the key and opens its commitment. */
export function closeRound(s: QcmState, now: number): Step<QcmState> {
  const round = s.rounds[s.index];
  const key = round.correct.join(",");
  const counts = round.answers.fr.map(() => 0);
  const results: ResultLine[] = [];
  const players = s.players.map((p) => {
    const a = answerOf(s, p.id);
    if (a) { for (const c of a.choices) counts[c]++; }
    const right = a !== undefined && a.choices.join(",") === key;
    const scored = scoreAnswer(
      right,
      a ? a.at - s.phaseStart : round.limitMs,
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
  const reveal: RevealMessage = {
    type: "reveal",
    index: s.index + 1,
    total: s.rounds.length,
    text: { ...round.text },
    answers: { fr: [...round.answers.fr], en: [...round.answers.en] },
    correct: round.correct.map((c) => c + 1),
    counts,
    results,
    leaderboard: ranking(players).slice(0, 5),
    nextIn: s.pauseMs,
    last: s.index === s.rounds.length - 1,
    commitment: sealOf(s, s.index),
    salt: s.salts[s.index],
  };
  return {
    state: {
      ...s,
      players,
      phase: "reveal",
      phaseStart: now,
      phaseEnd: now + s.pauseMs,
      reveal,
    },
    out: [{ to: "all", message: { ...reveal } }],
  };
}

/** Ends the game: the podium and the full ranking. */
export function finish(s: QcmState, now: number): Step<QcmState> {
  const all = ranking(s.players);
  return {
    state: { ...s, phase: "over", phaseStart: now, phaseEnd: now },
    out: [{
      to: "all",
      message: { type: "quiz_end", podium: all.slice(0, 3), ranking: all },
    }],
  };
}
