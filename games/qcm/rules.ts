/**
 * QCM rules: a timed multiple-choice quiz, Kahoot style. Every player gets
 * the question at the same moment; the round closes when every player still
 * here has answered or time is up; then the reveal (the key, how many chose
 * each answer, points, top 5), a pause, the next question; at the end a
 * podium. The answer key never leaves the host before the reveal: the
 * `question` and `answered` messages and the views of an open round carry
 * no key.
 *
 * @module
 */
import { z } from "zod";
import type {
  Env,
  GameMove,
  GameRules,
  Outgoing,
  Seat,
  Standing,
  Step,
} from "../types.ts";
import { GameRuleError } from "../errors.ts";
import { BANK } from "./bank.ts";
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
import { scoreAnswer } from "./scoring.ts";
import type {
  BilingualList,
  LeaderLine,
  QcmView,
  ResultLine,
  RevealMessage,
  ShownQuestion,
} from "./wire.ts";

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
 * import { qcmOptionsSchema } from "./rules.ts";
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
 * import { answerMoveSchema } from "./rules.ts";
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

/** A question as played: answers in shown order, the key in that order. */
export interface Round {
  /** Id of the question it comes from. */
  id: string;
  /** The question, in both languages. */
  text: Bilingual;
  /** The answers in the order shown. */
  answers: BilingualList;
  /** 0-based indices of the correct answers, in shown order. Secret until the reveal. */
  correct: number[];
  /** Time to answer, in milliseconds. */
  limitMs: number;
}

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

/**
 * Shuffles a copy with the given random source (Fisher–Yates).
 *
 * @example
 * ```ts
 * import { shuffled } from "./rules.ts";
 * shuffled([1, 2, 3], () => 0); // [2, 3, 1]
 * ```
 */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Makes the round of a question: answers shuffled unless `keepOrder`, the
 * key following its answers.
 *
 * @example
 * ```ts
 * import { makeRound } from "./rules.ts";
 * const round = makeRound({
 *   id: "q1",
 *   text: { fr: "2 + 2 ?", en: "2 + 2?" },
 *   answers: { fr: ["4", "5"], en: ["4", "5"] },
 *   correct: [0],
 * }, { timeSec: 20, shuffle: true }, () => 0);
 * console.log(round.answers.en, round.correct); // ["5", "4"] [1]
 * ```
 */
export function makeRound(
  q: QcmQuestion,
  options: { timeSec: number; shuffle: boolean },
  random: () => number,
): Round {
  const n = q.answers.fr.length;
  const identity = [...Array(n).keys()];
  const order = options.shuffle && !q.keepOrder
    ? shuffled(identity, random)
    : identity;
  return {
    id: q.id,
    text: { ...q.text },
    answers: {
      fr: order.map((i) => q.answers.fr[i]),
      en: order.map((i) => q.answers.en[i]),
    },
    correct: order.flatMap((orig, shown) =>
      q.correct.includes(orig) ? [shown] : []
    ),
    limitMs: (q.timeSec ?? options.timeSec) * 1000,
  };
}

function shown(round: Round): ShownQuestion {
  return {
    text: { ...round.text },
    answers: { fr: [...round.answers.fr], en: [...round.answers.en] },
    multiple: round.correct.length > 1,
    timeLimitMs: round.limitMs,
  };
}

/** Players by score (seat order on ties), equal scores sharing a rank. */
function ranked(players: QcmPlayer[]): { player: QcmPlayer; rank: number }[] {
  const sorted = players.map((p, i) => ({ p, i })).sort((a, b) =>
    b.p.score - a.p.score || a.i - b.i
  );
  const out: { player: QcmPlayer; rank: number }[] = [];
  sorted.forEach(({ p }, k) => {
    const prev = out[k - 1];
    const rank = prev && prev.player.score === p.score ? prev.rank : k + 1;
    out.push({ player: p, rank });
  });
  return out;
}

function ranking(players: QcmPlayer[]): LeaderLine[] {
  return ranked(players).map(({ player, rank }) => ({
    rank,
    nickname: player.nickname,
    score: player.score,
  }));
}

/** The answer of a seat to the open question (own keys only). */
function answerOf(s: QcmState, id: string): QcmAnswer | undefined {
  return Object.hasOwn(s.answers, id) ? s.answers[id] : undefined;
}

const present = (s: QcmState) => s.players.filter((p) => p.present);

function allAnswered(s: QcmState): boolean {
  return present(s).every((p) => answerOf(s, p.id) !== undefined);
}

function askQuestion(s: QcmState, index: number, now: number): Step<QcmState> {
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
      },
    }],
  };
}

/** Closes the open round: scores everyone, tells the key. */
function closeRound(s: QcmState, now: number): Step<QcmState> {
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

function finish(s: QcmState, now: number): Step<QcmState> {
  const all = ranking(s.players);
  return {
    state: { ...s, phase: "over", phaseStart: now, phaseEnd: now },
    out: [{
      to: "all",
      message: { type: "quiz_end", podium: all.slice(0, 3), ranking: all },
    }],
  };
}

function refuse(
  code: string,
  message: string,
  params: Record<string, string | number> = {},
): never {
  throw new GameRuleError(code, message, params);
}

/** Picks and prepares the rounds of a game. */
function pickRounds(options: QcmOptions, random: () => number): Round[] {
  const source = options.questions ?? BANK;
  const count = Math.min(
    source.length,
    options.count ?? (options.questions ? source.length : DEFAULT_COUNT),
  );
  const ordered = options.shuffle ? shuffled(source, random) : [...source];
  return ordered.slice(0, count).map((q) => makeRound(q, options, random));
}

/**
 * The rules of the QCM. Moves: `answer`. Refusals (GameRuleError codes):
 * `not_playing` (spectator), `no_question` (between questions or over),
 * `time_up`, `already_answered`, `bad_choice` (`{max}`), `single_answer`.
 *
 * @example
 * ```ts
 * import { qcmRules } from "./rules.ts";
 * const env = { now: 0, random: () => 0.5 };
 * const seats = [{ id: "a", nickname: "Ana" }];
 * const options = qcmRules.optionsSchema.parse({ count: 2 });
 * let { state } = qcmRules.start(seats, options, env);
 * ({ state } = qcmRules.move(state, "a", { type: "answer", choices: [1] }, { ...env, now: 1000 }));
 * console.log(state.phase); // "reveal" (everyone answered)
 * ```
 */
export const qcmRules: GameRules<QcmState, QcmOptions> = {
  id: "qcm",
  title: { fr: "QCM", en: "Quiz" },
  minPlayers: 1,
  optionsSchema: qcmOptionsSchema,
  moveTypes: ["answer"],
  moveSchema: answerMoveSchema,

  start(seats: Seat[], options: QcmOptions, env: Env): Step<QcmState> {
    const s: QcmState = {
      points: options.points,
      pauseMs: options.pauseSec * 1000,
      players: seats.map((seat) => ({
        id: seat.id,
        nickname: seat.nickname,
        score: 0,
        streak: 0,
        present: true,
      })),
      rounds: pickRounds(options, env.random),
      index: 0,
      phase: "question",
      phaseStart: env.now,
      phaseEnd: env.now,
      answers: {},
      reveal: null,
    };
    if (s.players.length === 0 || s.rounds.length === 0) {
      return finish(s, env.now);
    }
    return askQuestion(s, 0, env.now);
  },

  move(state: QcmState, seat: string, move: GameMove, env: Env) {
    const player = state.players.find((p) => p.id === seat);
    if (!player) {
      refuse(
        "not_playing",
        "You are watching this quiz: wait for the next game to play.",
      );
    }
    if (state.phase !== "question") {
      refuse(
        "no_question",
        "No question is open right now: wait for the next one.",
      );
    }
    if (env.now >= state.phaseEnd) {
      refuse("time_up", "Time is up for this question: wait for the next one.");
    }
    if (answerOf(state, seat)) {
      refuse(
        "already_answered",
        "You already answered this question: wait for the reveal.",
      );
    }
    const round = state.rounds[state.index];
    const n = round.answers.fr.length;
    const given = (move as AnswerMove).choices;
    const raw = Array.isArray(given) ? given : [];
    const choices = [...new Set(raw)].sort((a, b) => a - b);
    for (const c of choices) {
      if (!Number.isInteger(c) || c < 1 || c > n) {
        refuse("bad_choice", `There is no answer ${c}: choose 1 to ${n}.`, {
          choice: String(c),
          max: n,
        });
      }
    }
    if (choices.length === 0) {
      refuse("bad_choice", `Choose an answer from 1 to ${n}.`, {
        choice: "",
        max: n,
      });
    }
    if (choices.length > 1 && round.correct.length === 1) {
      refuse(
        "single_answer",
        "This question has one right answer: choose only one.",
        {
          max: n,
        },
      );
    }
    const players = state.players.map((p) =>
      p.id === seat && !p.present ? { ...p, present: true } : p
    );
    const next: QcmState = {
      ...state,
      players,
      answers: {
        ...state.answers,
        [seat]: { choices: choices.map((c) => c - 1), at: env.now },
      },
    };
    const out: Outgoing[] = [
      {
        to: seat,
        message: { type: "answer_ack", index: state.index + 1, choices },
      },
      {
        to: "all",
        message: {
          type: "answered",
          nickname: player.nickname,
          count: Object.keys(next.answers).length,
          of: present(next).length,
        },
      },
    ];
    if (!allAnswered(next)) return { state: next, out };
    const closed = closeRound(next, env.now);
    return { state: closed.state, out: [...out, ...closed.out] };
  },

  tick(state: QcmState, env: Env): Step<QcmState> {
    if (state.phase === "over" || env.now < state.phaseEnd) {
      return { state, out: [] };
    }
    if (state.phase === "question") return closeRound(state, env.now);
    if (state.index + 1 < state.rounds.length) {
      return askQuestion(state, state.index + 1, env.now);
    }
    return finish(state, env.now);
  },

  deadline(state: QcmState): number | null {
    return state.phase === "over" ? null : state.phaseEnd;
  },

  leave(state: QcmState, seat: string, env: Env): Step<QcmState> {
    if (state.phase === "over") return { state, out: [] };
    const next: QcmState = {
      ...state,
      players: state.players.map((p) =>
        p.id === seat ? { ...p, present: false } : p
      ),
    };
    if (present(next).length === 0) return finish(next, env.now);
    if (
      next.phase === "question" && env.now < next.phaseEnd && allAnswered(next)
    ) {
      return closeRound(next, env.now);
    }
    return { state: next, out: [] };
  },

  over(state: QcmState): boolean {
    return state.phase === "over";
  },

  standings(state: QcmState): Standing[] {
    return ranked(state.players).map(({ player, rank }) => ({
      id: player.id,
      nickname: player.nickname,
      rank,
      points: player.score,
    }));
  },

  view(state: QcmState, seat: string, now: number): QcmView {
    const round = state.rounds[state.index] as Round | undefined;
    const ranks = ranked(state.players);
    const board = ranking(state.players);
    const me = state.players.find((p) => p.id === seat);
    const revealed = state.phase !== "question" && state.reveal !== null &&
      state.reveal.index === state.index + 1;
    const answer = state.phase === "question"
      ? answerOf(state, seat)
      : undefined;
    const myResult = revealed
      ? state.reveal!.results.find((r) => r.id === seat)
      : undefined;
    return {
      game: "qcm",
      phase: state.phase,
      index: state.index + 1,
      total: state.rounds.length,
      question: round && state.phase !== "over" ? shown(round) : null,
      remainingMs: Math.max(0, state.phaseEnd - now),
      answeredCount: state.phase === "question"
        ? Object.keys(state.answers).length
        : (state.reveal?.results.filter((r) => r.choices.length > 0).length ??
          0),
      playerCount: present(state).length,
      me: me
        ? {
          nickname: me.nickname,
          score: me.score,
          streak: me.streak,
          rank: ranks.find((r) => r.player.id === seat)?.rank ?? 0,
          choices: answer
            ? answer.choices.map((c) => c + 1)
            : myResult && myResult.choices.length > 0
            ? [...myResult.choices]
            : null,
          result: myResult
            ? { correct: myResult.correct, points: myResult.points }
            : null,
        }
        : null,
      reveal: revealed
        ? {
          correct: [...state.reveal!.correct],
          counts: [...state.reveal!.counts],
          results: state.reveal!.results.map((r) => ({ ...r })),
        }
        : null,
      leaderboard: board.slice(0, 5),
      ranking: state.phase === "over" ? board : null,
    };
  },
};

/**
 * The key of the open question (1-based numbers), for host-side helpers
 * only (tests, in-process bots that must play well). Never send it to a
 * client before the reveal.
 *
 * @example
 * ```ts
 * import { currentAnswerKey, qcmRules } from "./rules.ts";
 * const { state } = qcmRules.start([{ id: "a", nickname: "Ana" }], qcmRules.optionsSchema.parse({}), { now: 0, random: Math.random });
 * console.log(currentAnswerKey(state)); // e.g. [2]
 * ```
 */
export function currentAnswerKey(state: QcmState): number[] | null {
  if (state.phase !== "question") return null;
  return state.rounds[state.index].correct.map((c) => c + 1);
}
