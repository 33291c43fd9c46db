/**
 * The built-in morpion opponent.
 *
 * - `easy` plays a random empty cell.
 * - `hard` plays perfectly: minimax (negamax) over every continuation, with
 *   a memo of the positions already scored (there are fewer than 6,000).
 *   It never loses, takes a win as soon as it has one, and when several moves
 *   are equally good it picks one at random so games vary.
 *
 * All functions work on cell indexes 0–8 (cell number − 1) and take
 * randomness as a function, like `Math.random`.
 *
 * @module
 */
import { type Board, legalMoves, nextMark, outcome, place } from "./board.ts";

/** How strong the built-in opponent plays. */
export type AiLevel = "easy" | "hard";

/** Scores already computed, by board key. Pure cache: same board, same score. */
const memo = new Map<string, number>();

function key(board: Board): string {
  let k = "";
  for (const c of board) k += c === "" ? "." : c;
  return k;
}

/**
 * Value of `board` for the player to move, under perfect play from both
 * sides: positive = that player wins, 0 = draw, negative = loses. The size
 * is 1 + the empty cells left when the game ends, so quicker wins (and
 * slower losses) score higher.
 *
 * @example
 * ```ts
 * import { emptyBoard } from "./board.ts";
 * import { minimaxValue } from "./ai.ts";
 * minimaxValue(emptyBoard()); // 0: perfect play draws
 * ```
 */
export function minimaxValue(board: Board): number {
  const k = key(board);
  const known = memo.get(k);
  if (known !== undefined) return known;
  const end = outcome(board);
  let value: number;
  if (end?.kind === "win") {
    // The previous player completed a line: the player to move has lost.
    value = -(1 + legalMoves(board).length);
  } else if (end?.kind === "draw") {
    value = 0;
  } else {
    const mark = nextMark(board);
    value = -Infinity;
    for (const i of legalMoves(board)) {
      const v = -minimaxValue(place(board, i, mark));
      if (v > value) value = v;
    }
  }
  value += 0; // no -0: a draw is 0
  memo.set(k, value);
  return value;
}

/**
 * Every best move (cell indexes 0–8) for the player to move; empty when the
 * game is over.
 *
 * @example
 * ```ts
 * import { bestMoves } from "./ai.ts";
 * bestMoves(["X", "X", "", "O", "O", "", "", "", ""]); // [2]: X wins now
 * ```
 */
export function bestMoves(board: Board): number[] {
  if (outcome(board)) return [];
  const mark = nextMark(board);
  let best = -Infinity;
  let moves: number[] = [];
  for (const i of legalMoves(board)) {
    const v = -minimaxValue(place(board, i, mark));
    if (v > best) {
      best = v;
      moves = [i];
    } else if (v === best) {
      moves.push(i);
    }
  }
  return moves;
}

function pick(moves: number[], random: () => number): number {
  if (moves.length === 0) {
    throw new RangeError(
      "The board has no move left: ask for a move only while the match is on.",
    );
  }
  const r = Math.floor(random() * moves.length);
  return moves[Math.min(Math.max(r, 0), moves.length - 1)];
}

/**
 * The hard opponent's move (cell index 0–8): one of {@linkcode bestMoves},
 * chosen with `random`. Throws a RangeError when the game is over.
 *
 * @example
 * ```ts
 * import { hardMove } from "./ai.ts";
 * hardMove(["O", "O", "", "X", "X", "", "", "", "X"], Math.random); // 2: O completes the top row
 * ```
 */
export function hardMove(board: Board, random: () => number): number {
  return pick(bestMoves(board), random);
}

/**
 * The easy opponent's move: any empty cell (index 0–8), chosen with
 * `random`. Throws a RangeError when the game is over.
 *
 * @example
 * ```ts
 * import { emptyBoard } from "./board.ts";
 * import { easyMove } from "./ai.ts";
 * easyMove(emptyBoard(), () => 0); // 0
 * ```
 */
export function easyMove(board: Board, random: () => number): number {
  if (outcome(board)) return pick([], random);
  return pick(legalMoves(board), random);
}

/**
 * The move of the opponent of `level` (cell index 0–8).
 *
 * @example
 * ```ts
 * import { emptyBoard } from "./board.ts";
 * import { aiMove } from "./ai.ts";
 * const cell = aiMove("hard", emptyBoard(), Math.random) + 1; // 1..9
 * ```
 */
export function aiMove(
  level: AiLevel,
  board: Board,
  random: () => number,
): number {
  return level === "hard" ? hardMove(board, random) : easyMove(board, random);
}
