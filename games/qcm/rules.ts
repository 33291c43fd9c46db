/**
 * QCM rules: a timed multiple-choice quiz, Kahoot style. Every player gets
 * the question at the same moment; the round closes when every player still
 * here has answered or time is up; then the reveal (the key, how many chose
 * each answer, points, top 5), a pause, the next question; at the end a
 * podium. The answer key never leaves the host before the reveal: the
 * `question` and `answered` messages and the views of an open round carry
 * no key, only a commitment to it (./fairness.ts) that the reveal opens.
 * Phases: ./phases.ts; rounds: ./round.ts; options and moves: ./wire.ts.
 *
 * @module
 */
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
import {
  allAnswered,
  answerOf,
  askQuestion,
  closeRound,
  finish,
  getReady,
  playerOf,
  progressDue,
  type QcmState,
  tellIfDue,
  tellProgress,
  withPresence,
} from "./phases.ts";
import { Answers } from "./answers.ts";
import { newSalt } from "./fairness.ts";
import { ranked } from "./ranking.ts";
import { loadQcm, saveQcm } from "./saved.ts";
import { pickRounds } from "./round.ts";
import { seatView } from "./seat_view.ts";
import { creditMs } from "./timing.ts";
import {
  type AnswerMove,
  answerMoveSchema,
  type QcmOptions,
  qcmOptionsSchema,
  type QcmView,
} from "./wire.ts";

function refuse(
  code: string,
  message: string,
  params: Record<string, string | number> = {},
): never {
  throw new GameRuleError(code, message, params);
}

/**
 * The rules of the QCM. Moves: `answer`. Refusals (GameRuleError codes):
 * `not_playing` (spectator), `no_question` (before question 1, between
 * questions or over),
 * `time_up`, `already_answered`, `bad_choice` (`{max}`), `single_answer`.
 * Host migration: `save`/`load` (./saved.ts; the answers are a class).
 *
 * @example
 * ```ts
 * import { qcmRules } from "./rules.ts";
 * const env = { now: 0, random: () => 0.5 };
 * const seats = [{ id: "a", nickname: "Ana" }];
 * const options = qcmRules.optionsSchema.parse({ count: 2 });
 * let { state } = qcmRules.start(seats, options, env);
 * console.log(state.phase); // "ready" (« Préparez-vous », 3 s)
 * ({ state } = qcmRules.tick(state, { ...env, now: 3000 })); // question 1
 * ({ state } = qcmRules.move(state, "a", { type: "answer", choices: [1] }, { ...env, now: 4000 }));
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
    const rounds = pickRounds(options, env.random);
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
      rounds,
      salts: rounds.map(() => newSalt(env)),
      index: 0,
      phase: "ready",
      phaseStart: env.now,
      phaseEnd: env.now,
      answers: Answers.empty(),
      presentCount: seats.length,
      goneCount: 0,
      answerCount: 0,
      toldCount: 0,
      toldAt: -Infinity,
      untold: null,
      reveal: null,
      results: [],
    };
    if (s.players.length === 0 || s.rounds.length === 0) {
      return finish(s, env.now);
    }
    // « Préparez-vous »: question 1 comes with the deadline's tick, alone
    // (the start's bytes drain first) and patched like the others.
    return getReady(s, env.now);
  },

  move(state: QcmState, seat: string, move: GameMove, env: Env) {
    const player = playerOf(state, seat);
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
    // An away player who answers is back.
    const back = withPresence(state, seat, true);
    const next: QcmState = {
      ...back,
      answers: back.answers.with(seat, {
        choices: choices.map((c) => c - 1),
        at: env.now,
        creditMs: creditMs(env, seat),
      }),
      answerCount: back.answerCount + 1,
      untold: player.nickname,
    };
    const out: Outgoing[] = [{
      to: seat,
      message: { type: "answer_ack", index: state.index + 1, choices },
    }];
    // The answerer's view only, and only to clients that do not patch
    // (`view-patch` clients set `me.choices` from `answer_ack`);
    // everyone's count (and who is here, when the answerer came back)
    // goes in `answered`, told now or with the next progress tick
    // (./phases.ts, ./patch.ts).
    const told = tellIfDue(next, env.now);
    const step: Step<QcmState> = {
      state: told.state,
      out: [...out, ...told.out],
      views: [seat],
      patchable: true,
    };
    if (!allAnswered(step.state)) return step;
    const closed = closeRound(step.state, env.now);
    return { state: closed.state, out: [...step.out, ...closed.out] };
  },

  tick(state: QcmState, env: Env): Step<QcmState> {
    const due = progressDue(state);
    if (
      state.phase === "over" ||
      (env.now < state.phaseEnd && (due === null || env.now < due))
    ) {
      return { state, out: [], views: [] };
    }
    if (env.now < state.phaseEnd) return tellProgress(state, env.now);
    if (state.phase === "question") return closeRound(state, env.now);
    if (state.phase === "ready") return askQuestion(state, 0, env.now);
    if (state.index + 1 < state.rounds.length) {
      return askQuestion(state, state.index + 1, env.now);
    }
    return finish(state, env.now);
  },

  deadline(state: QcmState): number | null {
    if (state.phase === "over") return null;
    const due = progressDue(state);
    return due === null ? state.phaseEnd : Math.min(due, state.phaseEnd);
  },

  leave(state: QcmState, seat: string, env: Env): Step<QcmState> {
    if (state.phase === "over") return { state, out: [], views: [] };
    const next = withPresence(state, seat, false, true);
    if (next === state) return { state, out: [], views: [] };
    if (next.goneCount === next.players.length) return finish(next, env.now);
    if (
      next.phase === "question" && env.now < next.phaseEnd && allAnswered(next)
    ) {
      return closeRound(next, env.now);
    }
    // No view: the count of players here goes out as `answer_count`.
    return tellIfDue(next, env.now);
  },

  presence(
    state: QcmState,
    seat: string,
    here: boolean,
    env: Env,
  ): Step<QcmState> {
    if (state.phase === "over") return { state, out: [], views: [] };
    const next = withPresence(state, seat, here);
    if (next === state) return { state, out: [], views: [] };
    if (
      !here && next.phase === "question" && env.now < next.phaseEnd &&
      allAnswered(next)
    ) {
      return closeRound(next, env.now);
    }
    // No view, however big the room: what changed in views (the count of
    // players here, of answers) goes out as `answer_count` (./phases.ts).
    return tellIfDue(next, env.now);
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
    return seatView(state, seat, now);
  },

  save: saveQcm,
  load: loadQcm,
};

/**
 * The key of the open question (1-based numbers), for host-side helpers
 * only (tests, in-process bots that must play well). Never send it to a
 * client before the reveal.
 *
 * @example
 * ```ts
 * import { currentAnswerKey, qcmRules } from "./rules.ts";
 * const env = { now: 0, random: Math.random };
 * const { state } = qcmRules.start([{ id: "a", nickname: "Ana" }], qcmRules.optionsSchema.parse({}), env);
 * console.log(currentAnswerKey(state)); // null (« Préparez-vous »: no question yet)
 * const asked = qcmRules.tick(state, { ...env, now: 3000 }).state;
 * console.log(currentAnswerKey(asked)); // e.g. [2]
 * ```
 */
export function currentAnswerKey(state: QcmState): number[] | null {
  if (state.phase !== "question") return null;
  return state.rounds[state.index].correct.map((c) => c + 1);
}
