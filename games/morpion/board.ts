/**
 * The morpion (tic-tac-toe) board: nine cells, eight lines, who won.
 *
 * Cells are numbered 1 to 9 for people and on the wire, row by row:
 *
 * ```
 *  1 | 2 | 3
 * ---+---+---
 *  4 | 5 | 6
 * ---+---+---
 *  7 | 8 | 9
 * ```
 *
 * Inside this module a board is an array of 9 cells indexed 0 to 8
 * (index = number − 1). X always moves first; the series alternates who
 * plays X.
 *
 * @module
 */

/** A player's mark. X always moves first. */
export type Mark = "X" | "O";

/** One cell: a mark, or `""` when empty. */
export type Cell = Mark | "";

/** Nine cells, row by row (index 0 is cell 1, top left). */
export type Board = readonly Cell[];

/** How a finished board ended: a line of three, or a full board. */
export type Outcome =
  | { kind: "win"; mark: Mark; line: readonly [number, number, number] }
  | { kind: "draw" };

/**
 * The eight lines of three, as cell indexes (0–8): three rows, three
 * columns, two diagonals.
 *
 * @example
 * ```ts
 * import { LINES } from "./board.ts";
 * LINES.length; // 8
 * ```
 */
export const LINES: readonly (readonly [number, number, number])[] = [
  [0, 1, 2],
  [3, 4, 5],
  [6, 7, 8],
  [0, 3, 6],
  [1, 4, 7],
  [2, 5, 8],
  [0, 4, 8],
  [2, 4, 6],
];

/**
 * A new empty board.
 *
 * @example
 * ```ts
 * import { emptyBoard } from "./board.ts";
 * emptyBoard().join(","); // ",,,,,,,,"
 * ```
 */
export function emptyBoard(): Cell[] {
  return Array<Cell>(9).fill("");
}

/**
 * The opponent's mark.
 *
 * @example
 * ```ts
 * import { other } from "./board.ts";
 * other("X"); // "O"
 * ```
 */
export function other(mark: Mark): Mark {
  return mark === "X" ? "O" : "X";
}

/**
 * True when `n` is a cell number people type: an integer from 1 to 9.
 *
 * @example
 * ```ts
 * import { isCellNumber } from "./board.ts";
 * isCellNumber(5); // true
 * isCellNumber(10); // false
 * ```
 */
export function isCellNumber(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 9;
}

/**
 * Whose mark goes next on a board where X started: X when both have played
 * as often, else O.
 *
 * @example
 * ```ts
 * import { emptyBoard, nextMark } from "./board.ts";
 * nextMark(emptyBoard()); // "X"
 * ```
 */
export function nextMark(board: Board): Mark {
  let x = 0;
  let o = 0;
  for (const c of board) {
    if (c === "X") x++;
    else if (c === "O") o++;
  }
  return x === o ? "X" : "O";
}

/**
 * Indexes (0–8) of the empty cells, in order.
 *
 * @example
 * ```ts
 * import { emptyBoard, legalMoves } from "./board.ts";
 * legalMoves(emptyBoard()).length; // 9
 * ```
 */
export function legalMoves(board: Board): number[] {
  const out: number[] = [];
  for (let i = 0; i < 9; i++) if (board[i] === "") out.push(i);
  return out;
}

/**
 * A copy of `board` with `mark` at `index` (0–8). Throws a RangeError when
 * the index is outside the board or the cell is taken: check first with
 * {@linkcode legalMoves}.
 *
 * @example
 * ```ts
 * import { emptyBoard, place } from "./board.ts";
 * place(emptyBoard(), 4, "X")[4]; // "X"
 * ```
 */
export function place(board: Board, index: number, mark: Mark): Cell[] {
  if (!Number.isInteger(index) || index < 0 || index > 8) {
    throw new RangeError(
      `Cell index ${index} is outside the board: use an index from 0 to 8.`,
    );
  }
  if (board[index] !== "") {
    throw new RangeError(
      `Cell index ${index} already holds ${
        board[index]
      }: play on an empty cell.`,
    );
  }
  const next = board.slice();
  next[index] = mark;
  return next;
}

/**
 * The line of three and its mark when someone has one, else null.
 *
 * @example
 * ```ts
 * import { winner } from "./board.ts";
 * winner(["X", "X", "X", "O", "O", "", "", "", ""]);
 * // { mark: "X", line: [0, 1, 2] }
 * ```
 */
export function winner(
  board: Board,
): { mark: Mark; line: readonly [number, number, number] } | null {
  for (const line of LINES) {
    const c = board[line[0]];
    if (c !== "" && c === board[line[1]] && c === board[line[2]]) {
      return { mark: c, line };
    }
  }
  return null;
}

/**
 * How the board ended (a win or a draw), or null while it is still open.
 *
 * @example
 * ```ts
 * import { outcome } from "./board.ts";
 * outcome(["X", "O", "X", "X", "O", "O", "O", "X", "X"]); // { kind: "draw" }
 * ```
 */
export function outcome(board: Board): Outcome | null {
  const w = winner(board);
  if (w) return { kind: "win", mark: w.mark, line: w.line };
  return board.every((c) => c !== "") ? { kind: "draw" } : null;
}
