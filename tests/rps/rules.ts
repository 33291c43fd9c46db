/**
 * Rules of rock-paper-scissors, the test-only game: every seat throws a hand
 * each round before the deadline. With exactly two different hands thrown,
 * the players of the stronger hand win the round; with one hand only, its
 * players win when someone did not throw in time (no hand loses to any),
 * else it is a draw; three hands are a draw. First to `wins` round
 * wins takes the game (or the most wins after `maxRounds`).
 *
 * @module
 */
import { GameRuleError } from "../../games/errors.ts";
import type {
  Env,
  GameMove,
  GameRules,
  Outgoing,
  Seat,
  Standing,
  Step,
} from "../../games/types.ts";
import type { ViewCommon } from "../../games/types.ts";
import { loadRps } from "./saved.ts";
import {
  type Hand,
  moveSchema,
  optionsSchema,
  type RpsOptions,
  type RpsView,
} from "./wire.ts";

/** One seat. */
export interface Player extends Seat {
  /** Round wins so far. */
  wins: number;
  /** This round's hand, null until thrown. */
  hand: Hand | null;
  /** False once the player left. */
  present: boolean;
}

/** The state of a game. */
export interface RpsState {
  /** The options it runs with. */
  options: RpsOptions;
  /** Seats, in order. */
  players: Player[];
  /** Current round, from 1. */
  round: number;
  /** When the current round ends, null when the game is over. */
  endsAt: number | null;
}

const BEATS: Record<Hand, Hand> = {
  rock: "scissors",
  paper: "rock",
  scissors: "paper",
};

/**
 * The hand that wins among those thrown, or null for a draw (one hand
 * only, or all three).
 *
 * @example
 * ```ts
 * import { winningHand } from "./rules.ts";
 * winningHand(["rock", "paper", "rock"]); // "paper"
 * winningHand(["rock", "paper", "scissors"]); // null
 * ```
 */
export function winningHand(hands: readonly Hand[]): Hand | null {
  const distinct = [...new Set(hands)];
  if (distinct.length !== 2) return null;
  const [a, b] = distinct;
  return BEATS[a] === b ? a : b;
}

function roundStart(state: RpsState, now: number): Step<RpsState> {
  const endsIn = state.options.roundSec * 1000;
  return {
    state: {
      ...state,
      players: state.players.map((p) => ({ ...p, hand: null })),
      endsAt: now + endsIn,
    },
    out: [{
      to: "all",
      message: { type: "round_start", round: state.round, endsIn },
    }],
  };
}

function resolve(state: RpsState, now: number): Step<RpsState> {
  const thrown = state.players.filter((p) => p.present && p.hand !== null);
  const hands = thrown.map((p) => p.hand!);
  const missing = state.players.some((p) => p.present && p.hand === null);
  const best = new Set(hands).size === 1 && missing
    ? hands[0]
    : winningHand(hands);
  const winners = best === null
    ? []
    : thrown.filter((p) => p.hand === best).map((p) => p.id);
  const players = state.players.map((p) =>
    winners.includes(p.id) ? { ...p, wins: p.wins + 1 } : p
  );
  const end: Outgoing = {
    to: "all",
    message: {
      type: "round_end",
      round: state.round,
      throws: state.players.filter((p) => p.present).map((p) => ({
        id: p.id,
        nickname: p.nickname,
        hand: p.hand,
      })),
      winners,
      score: players.map((p) => ({ nickname: p.nickname, wins: p.wins })),
    },
  };
  const done = players.some((p) => p.wins >= state.options.wins) ||
    state.round >= state.options.maxRounds ||
    players.filter((p) => p.present).length < 2;
  const next = { ...state, players, endsAt: null };
  if (done) return { state: next, out: [end] };
  const step = roundStart({ ...next, round: state.round + 1 }, now);
  return { state: step.state, out: [end, ...step.out] };
}

function allThrown(state: RpsState): boolean {
  return state.players.every((p) => !p.present || p.hand !== null);
}

function view(state: RpsState, seat: string, now: number): RpsView {
  const me = state.players.find((p) => p.id === seat);
  const common: ViewCommon = state.endsAt === null
    ? {}
    : { remainingMs: Math.max(0, state.endsAt - now) };
  return {
    phase: state.endsAt === null ? "over" : "playing",
    round: state.round,
    wins: state.options.wins,
    roundMs: state.options.roundSec * 1000,
    ...common,
    ...(me ? { mine: me.hand } : {}),
    players: state.players.map((p) => ({
      id: p.id,
      nickname: p.nickname,
      wins: p.wins,
      thrown: p.hand !== null,
    })),
  };
}

function standings(state: RpsState): Standing[] {
  const sorted = [...state.players].sort((a, b) => b.wins - a.wins);
  return sorted.map((p) => {
    const rank = 1 + sorted.filter((q) => q.wins > p.wins).length;
    return {
      id: p.id,
      nickname: p.nickname,
      rank,
      points: rank === 1 ? 100 : 0,
    };
  });
}

/**
 * The rules, for the host's game runner.
 *
 * @example
 * ```ts
 * import { rpsRules } from "./rules.ts";
 * const env = { now: 0, random: Math.random };
 * const seats = [{ id: "a", nickname: "Ana" }, { id: "b", nickname: "Bob" }];
 * let { state } = rpsRules.start(seats, rpsRules.optionsSchema.parse({ wins: 1 }), env);
 * state = rpsRules.move(state, "a", { type: "throw", hand: "paper" }, env).state;
 * state = rpsRules.move(state, "b", { type: "throw", hand: "rock" }, env).state;
 * rpsRules.over(state); // true
 * rpsRules.standings(state)[0].nickname; // "Ana"
 * ```
 */
export const rpsRules: GameRules<RpsState, RpsOptions> = {
  id: "rps",
  title: { fr: "Pierre-feuille-ciseaux", en: "Rock-paper-scissors" },
  minPlayers: 2,
  optionsSchema,
  moveTypes: ["throw"],
  moveSchema,
  start(seats: Seat[], options: RpsOptions, env: Env) {
    const players = seats.map((s) => ({
      id: s.id,
      nickname: s.nickname,
      wins: 0,
      hand: null,
      present: true,
    }));
    return roundStart({ options, players, round: 1, endsAt: null }, env.now);
  },
  move(state: RpsState, seat: string, move: GameMove, env: Env) {
    const me = state.players.find((p) => p.id === seat && p.present);
    if (!me) {
      throw new GameRuleError("not_playing", "You are not playing this game.");
    }
    if (state.endsAt === null) {
      throw new GameRuleError("game_over", "The game is over.");
    }
    if (me.hand !== null) {
      throw new GameRuleError("already_thrown", "You already threw.", {
        round: state.round,
      });
    }
    const hand = moveSchema.parse(move).hand;
    const next = {
      ...state,
      players: state.players.map((p) => p.id === seat ? { ...p, hand } : p),
    };
    const thrown: Outgoing = {
      to: "all",
      message: { type: "thrown", round: state.round, nickname: me.nickname },
    };
    if (!allThrown(next)) return { state: next, out: [thrown] };
    const step = resolve(next, env.now);
    return { state: step.state, out: [thrown, ...step.out] };
  },
  tick(state: RpsState, env: Env) {
    if (state.endsAt === null || env.now < state.endsAt) {
      return { state, out: [] };
    }
    return resolve(state, env.now);
  },
  deadline: (state) => state.endsAt,
  leave(state: RpsState, seat: string, env: Env) {
    const next = {
      ...state,
      players: state.players.map((p) =>
        p.id === seat ? { ...p, present: false, hand: null } : p
      ),
    };
    if (next.endsAt === null) return { state: next, out: [] };
    const left = next.players.filter((p) => p.present).length;
    return left < 2 || allThrown(next)
      ? resolve(next, env.now)
      : { state: next, out: [] };
  },
  over: (state) => state.endsAt === null,
  standings,
  view,
  // The state is JSON-safe: no `save`; `load` checks what a deputy got.
  load: loadRps,
};
