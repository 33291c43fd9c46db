/**
 * Rules of juste prix ("guess the number"). Each round the host draws a
 * secret integer in [1, max]; every player guesses at the same time and
 * gets a private hint (`plus`, `moins`, `found`). The others only see
 * progress (attempts, found, rank), never a guess or the secret before the
 * round ends. A round ends when every present player has found or the time
 * limit passes; a short pause shows the result, then the next round starts.
 * Scoring is in ./scoring.ts; wire shapes and options in ./wire.ts.
 *
 * The state is never mutated: each function returns a new one.
 *
 * @module
 */
import { GameRuleError } from "../errors.ts";
import type {
  Env,
  GameMove,
  GameRules,
  Outgoing,
  Seat,
  Standing,
  Step,
} from "../types.ts";
import {
  GAME_ID,
  type GuessView,
  type Hint,
  type HintMessage,
  type JustePrixOptions,
  type JustePrixView,
  moveSchema,
  optionsSchema,
  type ProgressEntry,
  type RoundEndMessage,
  type RoundEndReason,
  type RoundStartMessage,
} from "./wire.ts";
import { loadJustePrix } from "./saved.ts";
import type { JustePrixState, PlayerState, RoundResult } from "./state.ts";
import { rankRound, totals } from "./scoring.ts";

/**
 * Smallest possible secret.
 *
 * @example
 * ```ts
 * import { MIN } from "./rules.ts";
 * MIN; // 1
 * ```
 */
export const MIN = 1;

export type { JustePrixState, PlayerState, RoundResult } from "./state.ts";

/**
 * Draws a secret in [1, max] from a random source like `Math.random`.
 *
 * @example
 * ```ts
 * import { drawSecret } from "./rules.ts";
 * drawSecret(100, () => 0.5); // 51
 * ```
 */
export function drawSecret(max: number, random: () => number): number {
  const r = Math.floor(random() * max);
  return MIN + Math.min(max - 1, Math.max(0, r));
}

/**
 * The hint for a guess.
 *
 * @example
 * ```ts
 * import { hintFor } from "./rules.ts";
 * hintFor(42, 50); // "moins": the secret is lower
 * ```
 */
export function hintFor(secret: number, guess: number): Hint {
  return guess === secret ? "found" : secret > guess ? "plus" : "moins";
}

/**
 * The interval still possible after these guesses, within [min, max].
 *
 * @example
 * ```ts
 * import { knownInterval } from "./rules.ts";
 * knownInterval([{ value: 50, hint: "moins" }, { value: 25, hint: "plus" }], 1, 100);
 * // { low: 26, high: 49 }
 * ```
 */
export function knownInterval(
  guesses: GuessView[],
  min: number,
  max: number,
): { low: number; high: number } {
  let low = min;
  let high = max;
  for (const g of guesses) {
    if (g.hint === "found") return { low: g.value, high: g.value };
    if (g.hint === "plus") low = Math.max(low, g.value + 1);
    else high = Math.min(high, g.value - 1);
  }
  return { low, high };
}

function records(state: JustePrixState) {
  return state.players.map((p) => ({
    id: p.id,
    nickname: p.nickname,
    attempts: p.guesses.length,
    foundAt: p.foundAt,
  }));
}

function progress(state: JustePrixState): ProgressEntry[] {
  const ranked = new Map(
    rankRound(records(state), state.options.max).map((r) => [r.id, r]),
  );
  return state.players.map((p) => ({
    id: p.id,
    nickname: p.nickname,
    attempts: p.guesses.length,
    found: p.foundAt !== null,
    rank: p.foundAt !== null ? ranked.get(p.id)!.rank : null,
    left: !p.present,
  }));
}

function currentTotals(state: JustePrixState) {
  return totals(state.players, state.results.map((r) => r.ranking));
}

function startRound(
  state: JustePrixState,
  round: number,
  env: Env,
): Step<JustePrixState> {
  const { max, rounds, timeLimitSec } = state.options;
  const next: JustePrixState = {
    ...state,
    phase: "playing",
    round,
    secret: drawSecret(max, env.random),
    phaseStartedAt: env.now,
    phaseEndsAt: timeLimitSec > 0 ? env.now + timeLimitSec * 1000 : null,
    players: state.players.map((p) => ({ ...p, guesses: [], foundAt: null })),
  };
  const message: RoundStartMessage = {
    type: "round_start",
    round,
    rounds,
    min: MIN,
    max,
    endsIn: timeLimitSec > 0 ? timeLimitSec * 1000 : null,
  };
  return { state: next, out: [{ to: "all", message }] };
}

function endRound(
  state: JustePrixState,
  reason: RoundEndReason,
  env: Env,
): Step<JustePrixState> {
  const { max, rounds, pauseSec } = state.options;
  const ranking = rankRound(records(state), max);
  const result: RoundResult = {
    round: state.round,
    secret: state.secret,
    reason,
    ranking,
  };
  const last = state.round >= rounds || reason === "no_players";
  const next: JustePrixState = {
    ...state,
    phase: last ? "over" : "pause",
    phaseStartedAt: env.now,
    phaseEndsAt: last ? null : env.now + pauseSec * 1000,
    results: [...state.results, result],
  };
  const message: RoundEndMessage = {
    type: "round_end",
    round: state.round,
    rounds,
    secret: state.secret,
    reason,
    ranking,
    totals: currentTotals(next),
    nextIn: last ? null : pauseSec * 1000,
  };
  return { state: next, out: [{ to: "all", message }] };
}

function allPresentFound(state: JustePrixState): boolean {
  return state.players.every((p) => !p.present || p.foundAt !== null);
}

function refuseMove(
  state: JustePrixState,
  player: PlayerState | undefined,
  move: GameMove,
  now: number,
): number {
  if (!player) {
    throw new GameRuleError(
      "not_playing",
      "You are not playing this game: watch and chat until the next one.",
    );
  }
  const timeUp = state.phaseEndsAt !== null && now >= state.phaseEndsAt;
  if (state.phase !== "playing" || timeUp) {
    throw new GameRuleError(
      "round_over",
      "The round is over: wait for the next one to guess again.",
    );
  }
  if (player.foundAt !== null) {
    throw new GameRuleError(
      "already_found",
      "You already found this round's number: wait for the next round.",
    );
  }
  const value = move.value;
  if (
    move.type !== "guess" || typeof value !== "number" ||
    !Number.isSafeInteger(value)
  ) {
    throw new GameRuleError(
      "invalid_move",
      'Send {"type":"guess","value":<integer>}, e.g. {"type":"guess","value":50}.',
    );
  }
  const max = state.options.max;
  if (value < MIN || value > max) {
    throw new GameRuleError(
      "out_of_range",
      `${value} is out of range: guess a whole number between ${MIN} and ${max}.`,
      { min: MIN, max },
    );
  }
  return value;
}

/**
 * The rules of juste prix, for the host's game runner.
 *
 * @example
 * ```ts
 * import { justePrixRules } from "./rules.ts";
 * const env = { now: 0, random: () => 0.41 };
 * const opts = justePrixRules.optionsSchema.parse({});
 * let { state } = justePrixRules.start([{ id: "a", nickname: "Ana" }], opts, env);
 * const step = justePrixRules.move(state, "a", { type: "guess", value: 50 }, env);
 * step.out[0]; // { to: "a", message: { type: "hint", guess: 50, hint: "moins", ... } }
 * ```
 */
export const justePrixRules: GameRules<JustePrixState, JustePrixOptions> = {
  id: GAME_ID,
  title: { fr: "Juste prix", en: "Guess the number" },
  minPlayers: 1,
  optionsSchema,
  moveTypes: ["guess"],
  moveSchema,

  start(seats: Seat[], options: JustePrixOptions, env: Env) {
    const initial: JustePrixState = {
      options,
      phase: "playing",
      round: 0,
      secret: MIN,
      phaseStartedAt: env.now,
      phaseEndsAt: null,
      players: seats.map((s) => ({
        id: s.id,
        nickname: s.nickname,
        present: true,
        guesses: [],
        foundAt: null,
      })),
      results: [],
    };
    return startRound(initial, 1, env);
  },

  move(state, seat, move, env) {
    const player = state.players.find((p) => p.id === seat);
    const value = refuseMove(state, player, move, env.now);
    const hint = hintFor(state.secret, value);
    const guesses = [...player!.guesses, { value, hint }];
    const next: JustePrixState = {
      ...state,
      players: state.players.map((p) =>
        p.id !== seat ? p : {
          ...p,
          // A guess from a seat that had left means it came back.
          present: true,
          guesses,
          foundAt: hint === "found" ? env.now : null,
        }
      ),
    };
    const { low, high } = knownInterval(guesses, MIN, state.options.max);
    const hintMessage: HintMessage = {
      type: "hint",
      round: state.round,
      guess: value,
      hint,
      attempts: guesses.length,
      low,
      high,
    };
    const players = progress(next);
    const out: Outgoing[] = [{ to: seat, message: hintMessage }];
    if (hint === "found") {
      out.push({
        to: "all",
        message: {
          type: "found",
          round: state.round,
          id: seat,
          nickname: player!.nickname,
          attempts: guesses.length,
          rank: players.find((p) => p.id === seat)!.rank!,
        },
      });
    }
    out.push({
      to: "all",
      message: { type: "progress", round: state.round, players },
    });
    if (!allPresentFound(next)) return { state: next, out };
    const end = endRound(next, "all_found", env);
    return { state: end.state, out: [...out, ...end.out] };
  },

  tick(state, env) {
    if (state.phaseEndsAt === null || env.now < state.phaseEndsAt) {
      return { state, out: [] };
    }
    if (state.phase === "playing") return endRound(state, "time_up", env);
    if (state.phase === "pause") return startRound(state, state.round + 1, env);
    return { state, out: [] };
  },

  deadline(state) {
    return state.phase === "over" ? null : state.phaseEndsAt;
  },

  leave(state, seat, env) {
    const player = state.players.find((p) => p.id === seat);
    if (!player || !player.present || state.phase === "over") {
      return { state, out: [] };
    }
    const next: JustePrixState = {
      ...state,
      players: state.players.map((p) =>
        p.id === seat ? { ...p, present: false } : p
      ),
    };
    const nobody = next.players.every((p) => !p.present);
    if (state.phase === "pause") {
      if (!nobody) return { state: next, out: [] };
      return {
        state: { ...next, phase: "over", phaseEndsAt: null },
        out: [],
      };
    }
    const out: Outgoing[] = [{
      to: "all",
      message: {
        type: "progress",
        round: state.round,
        players: progress(next),
      },
    }];
    if (nobody) {
      const end = endRound(next, "no_players", env);
      return { state: end.state, out: [...out, ...end.out] };
    }
    if (allPresentFound(next)) {
      const end = endRound(next, "all_found", env);
      return { state: end.state, out: [...out, ...end.out] };
    }
    return { state: next, out };
  },

  over(state) {
    return state.phase === "over";
  },

  standings(state): Standing[] {
    return currentTotals(state).map(({ id, nickname, rank, points }) => ({
      id,
      nickname,
      rank,
      points,
    }));
  },

  view(state, seat, now): JustePrixView {
    const { max, rounds, timeLimitSec, pauseSec } = state.options;
    const player = state.players.find((p) => p.id === seat);
    const players = progress(state);
    const lastResult = state.results.at(-1);
    const showResult = state.phase !== "playing" && lastResult !== undefined;
    let me: JustePrixView["me"] = null;
    if (player) {
      const mine = players.find((p) => p.id === seat)!;
      me = {
        id: player.id,
        nickname: player.nickname,
        attempts: mine.attempts,
        found: mine.found,
        rank: mine.rank,
        ...knownInterval(player.guesses, MIN, max),
        guesses: player.guesses.map((g) => ({ ...g })),
      };
    }
    const durationMs = state.phase === "playing"
      ? (timeLimitSec > 0 ? timeLimitSec * 1000 : null)
      : state.phase === "pause"
      ? pauseSec * 1000
      : null;
    return {
      game: GAME_ID,
      phase: state.phase,
      round: state.round,
      rounds,
      min: MIN,
      max,
      remainingMs: state.phaseEndsAt === null || state.phase === "over"
        ? null
        : Math.max(0, state.phaseEndsAt - now),
      durationMs,
      me,
      players,
      result: showResult
        ? {
          round: lastResult.round,
          secret: lastResult.secret,
          reason: lastResult.reason,
          ranking: lastResult.ranking.map((r) => ({ ...r })),
        }
        : null,
      totals: currentTotals(state),
    };
  },

  // The state is JSON-safe: no `save`; `load` checks what a deputy got.
  load: loadJustePrix,
};
