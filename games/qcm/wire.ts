/**
 * The QCM on the wire: its options and their schema, the `answer` move and
 * its schema, the messages the host sends (JSON, one per line) and the view
 * each player gets. Answer numbers on the wire are 1-based, in the order the
 * answers are shown (after shuffling): what a player types.
 * Documented for students in docs/games/qcm.md.
 *
 * @module
 */
import { z } from "zod";
import type { GameMove, ViewCommon } from "../types.ts";
import {
  type Bilingual,
  DEFAULT_TIME_SEC,
  MAX_ANSWERS,
  MAX_QUESTIONS,
  MAX_TIME_SEC,
  MIN_TIME_SEC,
  type QcmQuestion,
  questionSchema,
} from "./question.ts";

/** Answers in both languages, same order. */
export interface BilingualList {
  /** In French. */
  fr: string[];
  /** In English. */
  en: string[];
}

/** A question as shown: no answer key. */
export interface ShownQuestion {
  /** The question, in both languages. */
  text: Bilingual;
  /** The answers in the order shown (number 1 first). */
  answers: BilingualList;
  /** True when several answers are correct (select them all). */
  multiple: boolean;
  /** Time to answer, in milliseconds. */
  timeLimitMs: number;
}

/** `question` (to all): a new question starts now. */
export interface QuestionMessage extends ShownQuestion {
  /** Message type. */
  type: "question";
  /** 1-based number of the question. */
  index: number;
  /** Number of questions in the game. */
  total: number;
  /** Milliseconds left when the message was sent. */
  endsIn: number;
  /**
   * How many players are here as the question opens (the view's
   * `playerCount`): with it, a client holding the previous question's
   * reveal view builds this question's view (./patch.ts).
   */
  of: number;
  /**
   * SHA-256 (hex) of `qcm1:<index>:<key>:<salt>`: seals the answer key
   * before any answer comes in; the reveal opens it (./fairness.ts).
   */
  commitment: string;
}

/** `answered` (to all): someone answered; what they chose stays hidden. */
export interface AnsweredMessage {
  /** Message type. */
  type: "answered";
  /** Who answered. */
  nickname: string;
  /** How many have answered this question. */
  count: number;
  /** How many players are playing. */
  of: number;
}

/**
 * `answer_count` (to all): the count changed with no new answer to tell — a
 * player went away, came back or left. Clients patch it into the view they
 * hold (`answeredCount` = `count`, `playerCount` = `of`), during a question
 * and during its reveal; text mode prints nothing for it. An answer's count
 * travels in `answered` instead (it names who answered).
 */
export interface AnswerCountMessage {
  /** Message type. */
  type: "answer_count";
  /**
   * How many of the players here have answered this question (during the
   * reveal: how many players answered it, as the view's `answeredCount`).
   */
  count: number;
  /** How many players are here. */
  of: number;
}

/**
 * `answer_ack` (to the answerer): the answer is saved. No view follows:
 * clients set their view's `me.choices` to `choices` (./patch.ts).
 */
export interface AnswerAckMessage {
  /** Message type. */
  type: "answer_ack";
  /** 1-based number of the question answered. */
  index: number;
  /** The saved answer numbers (1-based, sorted). */
  choices: number[];
}

/** One line of a leaderboard. */
export interface LeaderLine {
  /** 1 for the best; equal scores share a rank. */
  rank: number;
  /** The player. */
  nickname: string;
  /** Total score. */
  score: number;
}

/** How one player did on one question. */
export interface ResultLine {
  /** The player's id. */
  id: string;
  /** The player's nickname. */
  nickname: string;
  /** The answer given (1-based numbers), empty when none. */
  choices: number[];
  /** True when the answer was exactly the right set. */
  correct: boolean;
  /** Points won on this question. */
  points: number;
  /** Correct answers in a row so far. */
  streak: number;
  /** Total score after this question. */
  score: number;
}

/** `reveal` (to all): the round is closed, here is the answer. */
export interface RevealMessage {
  /** Message type. */
  type: "reveal";
  /** 1-based number of the question. */
  index: number;
  /** Number of questions in the game. */
  total: number;
  /** The question, in both languages. */
  text: Bilingual;
  /** The answers in the order shown. */
  answers: BilingualList;
  /** Numbers (1-based) of the correct answers. */
  correct: number[];
  /** How many players chose each answer (same order as `answers`). */
  counts: number[];
  /**
   * How each player did, in seat order; in a room of more than 32 players
   * (`SHOWN_MAX`, ./ranking.ts), the 32 best after this question, best
   * first (the others get their own line in a `result` message).
   */
  results: ResultLine[];
  /** Top 5 after this question. */
  leaderboard: LeaderLine[];
  /** Milliseconds until the next question (or the podium). */
  nextIn: number;
  /** True after the last question. */
  last: boolean;
  /** The commitment sent with the question (clients check their own copy). */
  commitment: string;
  /** The secret salt of the commitment, now opened (hex). */
  salt: string;
}

/**
 * `result` (to one player, after a `reveal` whose `results` do not list
 * them: rooms of more than 32 players): how they did.
 */
export interface ResultMessage extends ResultLine {
  /** Message type. */
  type: "result";
  /** 1-based number of the question. */
  index: number;
  /** The player's rank after this question. */
  rank: number;
  /** Players in the game. */
  of: number;
}

/** `quiz_end` (to all): the podium (top 3) and the ranking. */
export interface QuizEndMessage {
  /** Message type. */
  type: "quiz_end";
  /** The first three (more on ties). */
  podium: LeaderLine[];
  /** Everyone, best first; the best 32 in a room of more than 32 players. */
  ranking: LeaderLine[];
}

/** Any QCM message. */
export type QcmMessage =
  | QuestionMessage
  | AnsweredMessage
  | AnswerCountMessage
  | AnswerAckMessage
  | RevealMessage
  | ResultMessage
  | QuizEndMessage;

/** What one seat sees (`view` of the QCM). Spectators get `me: null`. */
export interface QcmView extends ViewCommon {
  /** Always `qcm`. */
  game: "qcm";
  /**
   * Getting ready before question 1 (« Préparez-vous »: no question yet,
   * `remainingMs` until question 1), answering, looking at the answer, or
   * finished.
   */
  phase: "ready" | "question" | "reveal" | "over";
  /** 1-based number of the current question; 0 while getting ready. */
  index: number;
  /** Number of questions in the game. */
  total: number;
  /** The current question (also during its reveal); null when getting ready or over. */
  question: ShownQuestion | null;
  /** The commitment to the current question's key; null when getting ready or over. */
  commitment: string | null;
  /**
   * Milliseconds left in this phase (until question 1, answering, or the
   * pause after a reveal).
   */
  remainingMs: number;
  /** How many answered the current question. */
  answeredCount: number;
  /** How many players are here. */
  playerCount: number;
  /** The viewer's own standing and answer; null for a spectator. */
  me: {
    nickname: string;
    score: number;
    streak: number;
    rank: number;
    /** My answer to the current question (1-based), null when none yet. */
    choices: number[] | null;
    /** How I did on the revealed question; null before the reveal. */
    result: { correct: boolean; points: number } | null;
  } | null;
  /** The revealed answer; null while answering. */
  reveal: {
    correct: number[];
    counts: number[];
    /** As in the `reveal` message (the best 32 in a room of more than 32). */
    results: ResultLine[];
    /** The opened salt of {@linkcode QcmView.commitment}. */
    salt: string;
  } | null;
  /** Top 5. */
  leaderboard: LeaderLine[];
  /** Full ranking when over (the best 32 in a room of more than 32 players). */
  ranking: LeaderLine[] | null;
}

/** Questions asked when neither `count` nor a custom list says otherwise. */
export const DEFAULT_COUNT = 10;
/** Pause after a reveal, in seconds, by default. */
export const DEFAULT_PAUSE_SEC = 6;

/** Options of a QCM game (after validation). */
export interface QcmOptions {
  /** Questions to ask; all custom questions, or 10 from the bank, when absent. */
  count?: number;
  /** Time limit of questions without their own, in seconds (5–240). */
  timeSec: number;
  /** Points of an instant correct answer: 0 (practice), 1000 or 2000. */
  points: 0 | 1000 | 2000;
  /** Shuffle the questions and their answers (with the game's random source). */
  shuffle: boolean;
  /** Pause after each reveal, in seconds (2–60). */
  pauseSec: number;
  /** A custom quiz (from `parseQuizFile`); the shipped bank when absent. */
  questions?: QcmQuestion[];
}

/** Strings from a command line become numbers; other values pass. */
const numeric = (v: unknown) =>
  typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))
    ? Number(v)
    : v;
const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  yes: true,
  oui: true,
  on: true,
  "1": true,
  false: false,
  no: false,
  non: false,
  off: false,
  "0": false,
};
const booleanish = (v: unknown) =>
  typeof v === "string" ? BOOLEAN_WORDS[v.trim().toLowerCase()] ?? v : v;

/**
 * Validates and fills QCM options. Numbers and booleans may come as strings
 * (from a command line: `--points 2000 --shuffle no`).
 *
 * @example
 * ```ts
 * import { qcmOptionsSchema } from "./wire.ts";
 * qcmOptionsSchema.parse({ timeSec: "30" }); // { timeSec: 30, points: 1000, shuffle: true, pauseSec: 6 }
 * ```
 */
export const qcmOptionsSchema: z.ZodType<QcmOptions> = z.object({
  count: z.preprocess(numeric, z.number().int().min(1).max(MAX_QUESTIONS))
    .optional(),
  timeSec: z.preprocess(
    numeric,
    z.number().int().min(MIN_TIME_SEC).max(MAX_TIME_SEC),
  ).default(DEFAULT_TIME_SEC),
  points: z.preprocess(
    numeric,
    z.union([z.literal(0), z.literal(1000), z.literal(2000)]),
  ).default(1000),
  shuffle: z.preprocess(booleanish, z.boolean()).default(true),
  pauseSec: z.preprocess(numeric, z.number().int().min(2).max(60)).default(
    DEFAULT_PAUSE_SEC,
  ),
  questions: z.array(questionSchema).min(1).max(MAX_QUESTIONS).optional(),
}) as unknown as z.ZodType<QcmOptions>;

/** A move: `{ "type": "answer", "choices": [1, 3] }` (1-based, as shown). */
export interface AnswerMove extends GameMove {
  /** Move type. */
  type: "answer";
  /** Answer numbers as shown, 1-based. */
  choices: number[];
}

/**
 * Validates an answer move. `choices` are the answer numbers the player sees
 * (1 to 4); `{"type": "answer", "choice": 2}` is accepted for one answer.
 *
 * @example
 * ```ts
 * import { answerMoveSchema } from "./wire.ts";
 * answerMoveSchema.parse({ type: "answer", choice: 2 }); // { type: "answer", choices: [2] }
 * ```
 */
export const answerMoveSchema: z.ZodType<GameMove> = z.preprocess(
  (v) => {
    if (
      typeof v === "object" && v !== null && !("choices" in v) && "choice" in v
    ) {
      const { choice, ...rest } = v as Record<string, unknown>;
      return { ...rest, choices: [choice] };
    }
    return v;
  },
  z.object({
    type: z.literal("answer"),
    choices: z.array(z.number().int().min(1).max(MAX_ANSWERS)).min(1).max(
      MAX_ANSWERS,
    ),
  }),
) as unknown as z.ZodType<GameMove>;
