import assert from "node:assert/strict";
import fc from "fast-check";
import {
  type Cell,
  emptyBoard,
  isCellNumber,
  legalMoves,
  LINES,
  type Mark,
  nextMark,
  other,
  outcome,
  place,
  winner,
} from "./board.ts";

Deno.test("board: every one of the 8 lines wins, for X and for O", async (t) => {
  assert.equal(LINES.length, 8);
  assert.equal(new Set(LINES.map((l) => l.join())).size, 8);
  for (const mark of ["X", "O"] as Mark[]) {
    for (const line of LINES) {
      await t.step(`${mark} on ${line.map((i) => i + 1).join("-")}`, () => {
        const board = emptyBoard();
        for (const i of line) board[i] = mark;
        // Some opponent marks elsewhere must not matter.
        const free = legalMoves(board);
        board[free[0]] = other(mark);
        board[free[1]] = other(mark);
        assert.deepEqual(winner(board), { mark, line });
        assert.deepEqual(outcome(board), { kind: "win", mark, line });
      });
    }
  }
});

Deno.test("board: two in a line is not a win", () => {
  for (const line of LINES) {
    const board = emptyBoard();
    board[line[0]] = "X";
    board[line[1]] = "X";
    board[line[2]] = "O";
    const w = winner(board);
    assert.ok(w === null || w.line !== line);
  }
});

Deno.test("board: a full board without a line is a draw", () => {
  const board: Cell[] = ["X", "O", "X", "X", "O", "O", "O", "X", "X"];
  assert.equal(winner(board), null);
  assert.deepEqual(outcome(board), { kind: "draw" });
});

Deno.test("board: a full board with a line is a win, not a draw", () => {
  const board: Cell[] = ["X", "X", "X", "O", "O", "X", "O", "X", "O"];
  assert.equal(outcome(board)?.kind, "win");
});

Deno.test("board: an open board has no outcome", () => {
  assert.equal(outcome(emptyBoard()), null);
  assert.equal(outcome(["X", "O", "", "", "", "", "", "", ""]), null);
});

Deno.test("board: X moves first, then turns alternate", () => {
  let board = emptyBoard();
  const seen: Mark[] = [];
  for (const i of [4, 0, 8, 2]) {
    seen.push(nextMark(board));
    board = place(board, i, nextMark(board));
  }
  assert.deepEqual(seen, ["X", "O", "X", "O"]);
  assert.deepEqual(legalMoves(board), [1, 3, 5, 6, 7]);
});

Deno.test("board: place refuses taken cells and indexes off the board", () => {
  const board = place(emptyBoard(), 4, "X");
  assert.throws(() => place(board, 4, "O"), RangeError);
  assert.throws(() => place(board, 9, "O"), RangeError);
  assert.throws(() => place(board, -1, "O"), RangeError);
  assert.throws(() => place(board, 1.5, "O"), RangeError);
  assert.equal(board[4], "X");
  assert.equal(emptyBoard()[4], "", "place copies: the input is unchanged");
});

Deno.test("board: cell numbers are the integers 1 to 9", () => {
  for (let n = 1; n <= 9; n++) assert.ok(isCellNumber(n));
  for (const bad of [0, 10, 2.5, NaN, "5", null, undefined, -1]) {
    assert.ok(!isCellNumber(bad), String(bad));
  }
});

Deno.test("board: winner agrees with a naive scan on random boards", () => {
  const cell = fc.constantFrom<Cell>("X", "O", "");
  fc.assert(
    fc.property(fc.array(cell, { minLength: 9, maxLength: 9 }), (board) => {
      const naive = [
        [0, 1, 2],
        [3, 4, 5],
        [6, 7, 8],
        [0, 3, 6],
        [1, 4, 7],
        [2, 5, 8],
        [0, 4, 8],
        [2, 4, 6],
      ].some(([a, b, c]) =>
        board[a] !== "" && board[a] === board[b] && board[b] === board[c]
      );
      assert.equal(winner(board) !== null, naive);
    }),
  );
});
