/**
 * The QCM's state across host migration: {@linkcode saveQcm} makes it
 * JSON-safe, {@linkcode loadQcm} parses it back. Two things of
 * {@linkcode QcmState} do not survive `JSON.stringify` as they are: the
 * answers (an {@linkcode Answers} log, a class over a shared `Map`) and
 * `toldAt` (`-Infinity` before the first `answered` of a round, which JSON
 * writes `null`). Saving costs O(players); answering stays O(1).
 *
 * @module
 */
import { z } from "zod";
import {
  checkSaved,
  parseSaved,
  SAVED_SEATS_MAX,
  SAVED_STRING_MAX,
} from "../saved.ts";
import { Answers, type QcmAnswer } from "./answers.ts";
import type { QcmPlayer, QcmState } from "./phases.ts";
import { MAX_ANSWERS, MAX_QUESTIONS } from "./question.ts";
import type { Round } from "./round.ts";
import type { ResultLine, RevealMessage } from "./wire.ts";

/** Version of the saved form. */
const VERSION = 1;
/** Longest text of a question or an answer in a saved game (UTF-16 units). */
const TEXT_MAX = 4096;

/** A {@linkcode QcmState} as JSON-safe data. */
export type SavedQcm =
  & Omit<QcmState, "answers" | "toldAt">
  & {
    /** Version of this form. */
    v: typeof VERSION;
    /** The answers to the open question, in arrival order. */
    answers: [string, QcmAnswer][];
    /** `toldAt`, null for none yet (`-Infinity` in the state). */
    toldAt: number | null;
  };

/**
 * The state as JSON-safe data (secrets included: the key, the salts, the
 * answers). O(players).
 *
 * @example
 * ```ts
 * import { saveQcm } from "./saved.ts";
 * import { qcmRules } from "./rules.ts";
 * const env = { now: 0, random: () => 0.5 };
 * let { state } = qcmRules.start(
 *   [{ id: "a", nickname: "Ana" }, { id: "b", nickname: "Bob" }],
 *   qcmRules.optionsSchema.parse({ count: 2 }),
 *   env,
 * );
 * saveQcm(state).phase; // "ready" (« Préparez-vous », 3 s)
 * ({ state } = qcmRules.tick(state, { ...env, now: 3000 })); // question 1
 * ({ state } = qcmRules.move(state, "a", { type: "answer", choices: [2] }, { ...env, now: 3900 }));
 * saveQcm(state).answers; // [["a", { choices: [1], at: 3900, creditMs: 0 }]]
 * ```
 *
 * @param state a QCM state
 */
export function saveQcm(state: QcmState): SavedQcm {
  return {
    ...state,
    v: VERSION,
    answers: [...state.answers.entries()],
    toldAt: Number.isFinite(state.toldAt) ? state.toldAt : null,
  };
}

const str = z.string().max(SAVED_STRING_MAX);
const text = z.string().max(TEXT_MAX);
const num = z.number(); // finite: zod refuses Infinity and NaN
const int = z.number().int();
const nat = int.min(0);
const bilingual = z.object({ fr: text, en: text });
const answerTexts = z.array(text).min(1).max(MAX_ANSWERS);
const choiceList = z.array(int.min(0).max(MAX_ANSWERS - 1)).max(MAX_ANSWERS);
const shownList = z.array(int.min(1).max(MAX_ANSWERS)).max(MAX_ANSWERS);

const playerSchema: z.ZodType<QcmPlayer> = z.object({
  id: str,
  nickname: str,
  score: num,
  streak: nat,
  present: z.boolean(),
  gone: z.boolean().optional(),
}).transform(({ gone, ...p }) => gone === undefined ? p : { ...p, gone });

const roundSchema: z.ZodType<Round> = z.object({
  id: str,
  text: bilingual,
  answers: z.object({ fr: answerTexts, en: answerTexts }),
  correct: choiceList.min(1),
  limitMs: nat,
});

const answerSchema: z.ZodType<QcmAnswer> = z.object({
  choices: choiceList.min(1),
  at: num,
  creditMs: nat,
});

const resultSchema: z.ZodType<ResultLine> = z.object({
  id: str,
  nickname: str,
  choices: shownList,
  correct: z.boolean(),
  points: num,
  streak: nat,
  score: num,
});

const leaderSchema = z.object({ rank: nat, nickname: str, score: num });

const revealSchema: z.ZodType<RevealMessage> = z.object({
  type: z.literal("reveal"),
  index: nat,
  total: nat,
  text: bilingual,
  answers: z.object({ fr: answerTexts, en: answerTexts }),
  correct: shownList,
  counts: z.array(nat).max(MAX_ANSWERS),
  results: z.array(resultSchema).max(SAVED_SEATS_MAX),
  leaderboard: z.array(leaderSchema).max(SAVED_SEATS_MAX),
  nextIn: nat,
  last: z.boolean(),
  commitment: str,
  salt: str,
});

const savedSchema = z.object({
  v: z.literal(VERSION),
  points: z.union([z.literal(0), z.literal(1000), z.literal(2000)]),
  pauseMs: nat,
  players: z.array(playerSchema).max(SAVED_SEATS_MAX),
  rounds: z.array(roundSchema).max(MAX_QUESTIONS),
  salts: z.array(str).max(MAX_QUESTIONS),
  index: nat,
  phase: z.enum(["ready", "question", "reveal", "over"]),
  phaseStart: num,
  phaseEnd: num,
  answers: z.array(z.tuple([str, answerSchema])).max(SAVED_SEATS_MAX),
  presentCount: nat,
  goneCount: nat,
  answerCount: nat,
  toldCount: nat,
  toldAt: num.nullable(),
  untold: str.nullable(),
  reveal: revealSchema.nullable(),
  results: z.array(resultSchema).max(SAVED_SEATS_MAX),
});

/**
 * The state {@linkcode saveQcm} saved, after a JSON round trip. Throws the
 * `GameRuleError` `bad_save` when it is not one (wrong shape, too big, an
 * index out of range, answers of unknown or repeated seats). O(players).
 *
 * @example
 * ```ts
 * import { loadQcm, saveQcm } from "./saved.ts";
 * import { qcmRules } from "./rules.ts";
 * const env = { now: 0, random: () => 0.5 };
 * const { state } = qcmRules.start(
 *   [{ id: "a", nickname: "Ana" }],
 *   qcmRules.optionsSchema.parse({ count: 2 }),
 *   env,
 * );
 * const copy = loadQcm(JSON.parse(JSON.stringify(saveQcm(state))));
 * qcmRules.deadline(copy) === qcmRules.deadline(state); // true
 * try {
 *   loadQcm({ v: 1, players: "everyone" });
 * } catch (e) {
 *   (e as Error).name; // "GameRuleError"
 * }
 * ```
 *
 * @param saved JSON-parsed data from {@linkcode saveQcm}
 */
export function loadQcm(saved: unknown): QcmState {
  const s = parseSaved("qcm", savedSchema, saved);
  const game = "qcm";
  checkSaved(game, s.salts.length === s.rounds.length, "a salt per round");
  checkSaved(
    game,
    s.rounds.length === 0 ? s.phase === "over" : s.index < s.rounds.length,
    "index < rounds",
  );
  checkSaved(
    game,
    s.phase !== "ready" || (s.index === 0 && s.answers.length === 0),
    "ready: before question 1, no answers",
  );
  for (const r of s.rounds) {
    checkSaved(
      game,
      r.answers.en.length === r.answers.fr.length &&
        r.correct.every((c) => c < r.answers.fr.length),
      `round ${r.id}: answers and key agree`,
    );
  }
  const seats = new Set(s.players.map((p) => p.id));
  checkSaved(game, seats.size === s.players.length, "unique seat ids");
  const open = s.rounds[s.index]?.answers.fr.length ?? 0;
  let answers = Answers.empty();
  const answered = new Set<string>();
  for (const [id, answer] of s.answers) {
    checkSaved(game, seats.has(id) && !answered.has(id), "answers of seats");
    checkSaved(game, answer.choices.every((c) => c < open), "answers in range");
    answered.add(id);
    answers = answers.with(id, answer);
  }
  const { v: _, ...rest } = s;
  return {
    ...rest,
    answers,
    toldAt: s.toldAt ?? -Infinity,
  };
}
