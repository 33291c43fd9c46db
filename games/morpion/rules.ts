/**
 * Morpion rules: a series of tic-tac-toe matches on one shared board that
 * everybody in the room watches live.
 *
 * - 1 seat: the player meets the built-in opponent ({@linkcode AI_ID},
 *   nickname {@linkcode AI_NICKNAME}) for `matches` matches; it answers in
 *   `tick()` {@linkcode AI_DELAY_MS} ms after the player's move.
 * - 2 seats: `matches` matches, marks alternating (X moves first).
 * - 3+ seats: a round-robin, every pair once; the others watch.
 * - Between matches a pause of {@linkcode PAUSE_MS} ms shows the result.
 * - `moveTimeSec` > 0: a player who lets it run out loses the match.
 * - A player whose connection is lost (the host holds the seat) has
 *   {@linkcode AWAY_MOVE_MS} ms to come back and move when it is their
 *   turn, whatever `moveTimeSec` says (the shorter wins); else they lose
 *   the match on time, as with the move timer.
 * - A player who leaves loses their current match by forfeit; their other
 *   matches are not played and the series goes on for the others, or ends
 *   when no scheduled match is left with two players present.
 * - Session score: 300 per win, 100 per draw (see ./standings.ts).
 *
 * @module
 */
import { GameRuleError } from "../errors.ts";
import type {
  Env,
  GameRules,
  Outgoing,
  Seat,
  Standing,
  Step,
} from "../types.ts";
import { aiMove } from "./ai.ts";
import {
  emptyBoard,
  isCellNumber,
  type Mark,
  nextMark,
  outcome,
  place,
} from "./board.ts";
import { loadMorpion } from "./saved.ts";
import type { MatchResult, MorpionState } from "./state.ts";
import { type Pairing, roundRobin, seriesSchedule } from "./schedule.ts";
import { type PlayerRecord, rankRecords, SESSION_POINTS } from "./standings.ts";
import {
  type MorpionMessage,
  type MorpionOptions,
  type MorpionView,
  moveSchema,
  optionsSchema,
} from "./wire.ts";

/**
 * Time an away player (connection lost, seat held) has for a move before
 * losing the match on time, counted from the later of their turn and their
 * loss of connection (ms).
 */
export const AWAY_MOVE_MS = 20_000;

/** Player id of the built-in opponent (never a real player's id). */
export const AI_ID = "@ai";
/** Nickname of the built-in opponent. */
export const AI_NICKNAME = "bot";
/** How long the built-in opponent "thinks" before it plays, in ms. */
export const AI_DELAY_MS = 600;
/** Pause between two matches (and before the final table), in ms. */
export const PAUSE_MS = 3000;

export type { MatchResult, MorpionState } from "./state.ts";

function send(out: Outgoing[], message: MorpionMessage): void {
  out.push({ to: "all", message });
}

function player(state: MorpionState, id: string): PlayerRecord | undefined {
  return state.players.find((p) => p.id === id);
}

function nick(state: MorpionState, id: string): string {
  return player(state, id)?.nickname ?? id;
}

function current(state: MorpionState): Pairing | null {
  return state.schedule[state.match] ?? null;
}

/** Id of the player whose turn it is, or null when no match is on. */
function mover(state: MorpionState): string | null {
  const pair = current(state);
  if (state.phase !== "playing" || !pair) return null;
  return nextMark(state.board) === "X" ? pair.x : pair.o;
}

function present(state: MorpionState, id: string): boolean {
  const p = player(state, id);
  return p !== undefined && !p.left;
}

/** Index of the next scheduled match after `from` with both players present. */
function nextPlayable(state: MorpionState, from: number): number | null {
  for (let i = from; i < state.schedule.length; i++) {
    const { x, o } = state.schedule[i];
    if (present(state, x) && present(state, o)) return i;
  }
  return null;
}

function finish(state: MorpionState, out: Outgoing[]): MorpionState {
  const next = { ...state, phase: "over" as const, pauseUntil: null };
  send(out, { type: "series_end", standings: rankRecords(next.players) });
  return next;
}

function beginMatch(
  state: MorpionState,
  from: number,
  now: number,
  out: Outgoing[],
): MorpionState {
  const index = nextPlayable(state, from);
  if (index === null) return finish(state, out);
  const { x, o } = state.schedule[index];
  send(out, {
    type: "match_start",
    match: index + 1,
    matches: state.schedule.length,
    x: nick(state, x),
    o: nick(state, o),
    xId: x,
    oId: o,
    moveTimeSec: state.options.moveTimeSec,
  });
  return {
    ...state,
    match: index,
    phase: "playing",
    board: emptyBoard(),
    moves: 0,
    last: null,
    turnSince: now,
    pauseUntil: null,
    result: null,
  };
}

function endMatch(
  state: MorpionState,
  result: MatchResult,
  now: number,
  out: Outgoing[],
): MorpionState {
  const pair = current(state);
  const players = state.players.map((p) => {
    if (!pair || (p.id !== pair.x && p.id !== pair.o)) return p;
    if (result.winner === null) return { ...p, draws: p.draws + 1 };
    return p.id === result.winner
      ? { ...p, wins: p.wins + 1 }
      : { ...p, losses: p.losses + 1 };
  });
  send(out, {
    type: "match_end",
    match: state.match + 1,
    matches: state.schedule.length,
    winner: result.winner === null ? null : nick(state, result.winner),
    winnerId: result.winner,
    mark: result.mark,
    loser: result.loser === null ? null : nick(state, result.loser),
    line: result.line,
    draw: result.winner === null,
    reason: result.reason,
  });
  const next: MorpionState = {
    ...state,
    players,
    phase: "pause",
    pauseUntil: now + PAUSE_MS,
    result,
  };
  // A forfeit with nothing left to play ends at once: no board to look at.
  if (
    result.reason === "forfeit" && nextPlayable(next, next.match + 1) === null
  ) {
    return finish(next, out);
  }
  return next;
}

/** Plays `index` (0–8) for the player to move; the caller checked it is legal. */
function applyMove(
  state: MorpionState,
  index: number,
  now: number,
  out: Outgoing[],
): MorpionState {
  const pair = current(state);
  const by = mover(state);
  if (!pair || by === null) return state;
  const mark = nextMark(state.board);
  const board = place(state.board, index, mark);
  const end = outcome(board);
  const line = end?.kind === "win" ? end.line.map((i) => i + 1) : null;
  const nextId = end ? null : (mark === "X" ? pair.o : pair.x);
  send(out, {
    type: "board",
    match: state.match + 1,
    cells: board,
    last: index + 1,
    mark,
    by: nick(state, by),
    byId: by,
    next: end ? null : (mark === "X" ? "O" : "X"),
    nextNickname: nextId === null ? null : nick(state, nextId),
    nextId,
    line,
  });
  const played: MorpionState = {
    ...state,
    board,
    moves: state.moves + 1,
    last: index + 1,
    turnSince: now,
  };
  if (!end) return played;
  const loser = mark === "X" ? pair.o : pair.x;
  return endMatch(
    played,
    end.kind === "win"
      ? { winner: by, loser, mark, line, reason: "line" }
      : { winner: null, loser: null, mark: null, line: null, reason: "draw" },
    now,
    out,
  );
}

function start(
  seats: Seat[],
  options: MorpionOptions,
  env: Env,
): Step<MorpionState> {
  const seen = new Set<string>();
  const players: PlayerRecord[] = [];
  for (const seat of seats) {
    if (seen.has(seat.id)) continue;
    seen.add(seat.id);
    players.push({
      id: seat.id,
      nickname: seat.nickname,
      ai: false,
      left: false,
      wins: 0,
      draws: 0,
      losses: 0,
    });
  }
  if (players.length === 1) {
    players.push({
      id: AI_ID,
      nickname: AI_NICKNAME,
      ai: true,
      left: false,
      wins: 0,
      draws: 0,
      losses: 0,
    });
  }
  const ids = players.map((p) => p.id);
  const schedule = ids.length === 2
    ? seriesSchedule(ids[0], ids[1], options.matches)
    : roundRobin(ids);
  const state: MorpionState = {
    options,
    players,
    schedule,
    match: -1,
    phase: "pause",
    board: emptyBoard(),
    moves: 0,
    last: null,
    turnSince: env.now,
    pauseUntil: null,
    result: null,
  };
  const out: Outgoing[] = [];
  return { state: beginMatch(state, 0, env.now, out), out };
}

function move(
  state: MorpionState,
  seat: string,
  raw: { type: string; [key: string]: unknown },
  env: Env,
): Step<MorpionState> {
  if (state.phase !== "playing") {
    throw new GameRuleError(
      "game_over",
      state.phase === "over"
        ? "The series is over: no more moves."
        : "This match is over: wait for the next one.",
    );
  }
  const pair = current(state);
  if (!pair || (seat !== pair.x && seat !== pair.o) || !present(state, seat)) {
    throw new GameRuleError(
      "spectator",
      "You are watching this match: only its two players can move.",
    );
  }
  if (mover(state) !== seat) {
    throw new GameRuleError(
      "not_your_turn",
      "It is not your turn: wait for your opponent's move.",
    );
  }
  const cell = raw.cell;
  if (!isCellNumber(cell)) {
    throw new GameRuleError(
      "bad_cell",
      "There is no such cell: type a cell number from 1 to 9.",
      { min: 1, max: 9 },
    );
  }
  if (state.board[cell - 1] !== "") {
    throw new GameRuleError(
      "occupied",
      `Cell ${cell} is taken: choose an empty cell.`,
      { cell },
    );
  }
  const out: Outgoing[] = [];
  return { state: applyMove(state, cell - 1, env.now, out), out };
}

function deadline(state: MorpionState): number | null {
  if (state.phase === "pause") return state.pauseUntil;
  const id = mover(state);
  if (id === null) return null;
  if (player(state, id)?.ai) return state.turnSince + AI_DELAY_MS;
  return turnDeadline(state, id);
}

/** When a human mover loses on time: the move timer, or being away. */
function turnDeadline(state: MorpionState, id: string): number | null {
  const limit = state.options.moveTimeSec;
  const timer = limit > 0 ? state.turnSince + limit * 1000 : Infinity;
  const since = state.away?.[id];
  const away = since === undefined
    ? Infinity
    : Math.max(state.turnSince, since) + AWAY_MOVE_MS;
  const due = Math.min(timer, away);
  return due === Infinity ? null : due;
}

function presence(
  state: MorpionState,
  seat: string,
  present: boolean,
  env: Env,
): Step<MorpionState> {
  const away: Record<string, number> = { ...state.away };
  if (present) delete away[seat];
  else away[seat] = env.now;
  return { state: { ...state, away }, out: [] };
}

function tick(state: MorpionState, env: Env): Step<MorpionState> {
  const due = deadline(state);
  const out: Outgoing[] = [];
  if (due === null || env.now < due) return { state, out };
  if (state.phase === "pause") {
    return { state: beginMatch(state, state.match + 1, env.now, out), out };
  }
  const id = mover(state);
  const pair = current(state);
  if (id === null || !pair) return { state, out };
  if (player(state, id)?.ai) {
    const index = aiMove(state.options.ai, state.board, env.random);
    return { state: applyMove(state, index, env.now, out), out };
  }
  const winner = id === pair.x ? pair.o : pair.x;
  const result: MatchResult = {
    winner,
    loser: id,
    mark: id === pair.x ? "O" : "X",
    line: null,
    reason: "timeout",
  };
  return { state: endMatch(state, result, env.now, out), out };
}

function leave(
  state: MorpionState,
  seat: string,
  env: Env,
): Step<MorpionState> {
  const out: Outgoing[] = [];
  const p = player(state, seat);
  if (!p || p.left || p.ai || state.phase === "over") return { state, out };
  let next: MorpionState = {
    ...state,
    players: state.players.map((q) => q.id === seat ? { ...q, left: true } : q),
  };
  const pair = current(next);
  if (
    next.phase === "playing" && pair && (seat === pair.x || seat === pair.o)
  ) {
    const winner = seat === pair.x ? pair.o : pair.x;
    next = endMatch(
      next,
      {
        winner,
        loser: seat,
        mark: seat === pair.x ? "O" : "X",
        line: null,
        reason: "forfeit",
      },
      env.now,
      out,
    );
  } else if (
    next.phase === "pause" && nextPlayable(next, next.match + 1) === null
  ) {
    next = finish(next, out);
  }
  return { state: next, out };
}

function standings(state: MorpionState): Standing[] {
  return rankRecords(state.players)
    .filter((row) => !row.ai)
    .map((row) => ({
      id: row.id,
      nickname: row.nickname,
      rank: row.rank,
      points: row.points * SESSION_POINTS,
    }));
}

function view(state: MorpionState, seat: string, now: number): MorpionView {
  const pair = current(state) ?? { x: "", o: "" };
  const me = player(state, seat);
  const seated = me !== undefined && !me.ai && !me.left;
  const you: Mark | null = !seated || state.phase === "over"
    ? null
    : seat === pair.x
    ? "X"
    : seat === pair.o
    ? "O"
    : null;
  const playing = state.phase === "playing";
  const turn = playing ? nextMark(state.board) : null;
  const limit = state.options.moveTimeSec * 1000;
  const moverId = mover(state);
  const due = playing && moverId !== null && !player(state, moverId)?.ai
    ? turnDeadline(state, moverId)
    : null;
  const upcoming = state.phase === "pause"
    ? nextPlayable(state, state.match + 1)
    : null;
  const result = state.result;
  return {
    me: seat,
    phase: state.phase,
    match: state.match + 1,
    matches: state.schedule.length,
    cells: state.board.slice(),
    x: { id: pair.x, nickname: nick(state, pair.x) },
    o: { id: pair.o, nickname: nick(state, pair.o) },
    you,
    seated,
    turn,
    yourTurn: playing && you !== null && you === turn,
    moves: state.moves,
    last: state.last,
    line: result?.line ?? null,
    result: result === null ? null : {
      winner: result.winner === null ? null : nick(state, result.winner),
      loser: result.loser === null ? null : nick(state, result.loser),
      mark: result.mark,
      draw: result.winner === null,
      reason: result.reason,
    },
    moveTimeMs: limit > 0 ? limit : null,
    remainingMs: due === null ? null : Math.max(0, due - now),
    nextInMs: state.phase === "pause" && state.pauseUntil !== null
      ? Math.max(0, state.pauseUntil - now)
      : null,
    next: upcoming === null ? null : {
      x: nick(state, state.schedule[upcoming].x),
      o: nick(state, state.schedule[upcoming].o),
    },
    standings: rankRecords(state.players),
    ai: state.players.some((p) => p.ai) ? state.options.ai : null,
  };
}

/** Morpion's {@linkcode GameRules}, with `view` typed as {@linkcode MorpionView}. */
export type MorpionRules =
  & Omit<GameRules<MorpionState, MorpionOptions>, "view">
  & {
    view(state: MorpionState, seat: string, now: number): MorpionView;
  };

/**
 * The morpion rules (see the module doc for the series, the time limit and
 * leaving).
 *
 * @example
 * ```ts
 * import { morpionRules } from "./rules.ts";
 * const env = { now: 0, random: Math.random };
 * const seats = [{ id: "p1", nickname: "ana" }, { id: "p2", nickname: "bob" }];
 * let { state } = morpionRules.start(seats, morpionRules.optionsSchema.parse({}), env);
 * ({ state } = morpionRules.move(state, "p1", { type: "play", cell: 5 }, env));
 * state.board[4]; // "X"
 * ```
 */
export const morpionRules: MorpionRules = {
  id: "morpion",
  title: { fr: "Morpion", en: "Tic-tac-toe" },
  minPlayers: 1,
  optionsSchema,
  moveTypes: ["play"],
  moveSchema,
  start,
  move,
  tick,
  deadline,
  leave,
  presence,
  over: (state) => state.phase === "over",
  standings,
  view,
  // The state is JSON-safe: no `save`; `load` checks what a deputy got.
  load: loadMorpion,
};
