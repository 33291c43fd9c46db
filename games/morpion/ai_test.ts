import assert from "node:assert/strict";
import fc from "fast-check";
import { aiMove, bestMoves, easyMove, hardMove, minimaxValue } from "./ai.ts";
import {
  type Board,
  type Cell,
  emptyBoard,
  legalMoves,
  type Mark,
  nextMark,
  outcome,
  place,
} from "./board.ts";

// --- An independent referee: plain win/draw/loss minimax, its own line scan.

const REF_LINES = [
  [0, 1, 2],
  [3, 4, 5],
  [6, 7, 8],
  [0, 3, 6],
  [1, 4, 7],
  [2, 5, 8],
  [0, 4, 8],
  [2, 4, 6],
];

function refWinner(b: Board): Cell {
  for (const [a, c, d] of REF_LINES) {
    if (b[a] !== "" && b[a] === b[c] && b[c] === b[d]) return b[a];
  }
  return "";
}

const refMemo = new Map<string, number>();

/** +1 / 0 / −1 for the player to move under perfect play. */
function refValue(b: Board): number {
  const k = b.map((c) => c || ".").join("");
  const known = refMemo.get(k);
  if (known !== undefined) return known;
  let v: number;
  if (refWinner(b) !== "") v = -1;
  else if (b.every((c) => c !== "")) v = 0;
  else {
    const xs = b.filter((c) => c === "X").length;
    const os = b.filter((c) => c === "O").length;
    const mark: Mark = xs === os ? "X" : "O";
    v = -1;
    for (let i = 0; i < 9; i++) {
      if (b[i] !== "") continue;
      const next = b.slice();
      next[i] = mark;
      v = Math.max(v, -refValue(next));
    }
  }
  v += 0; // no -0
  refMemo.set(k, v);
  return v;
}

/** Every position reachable from the empty board by legal play. */
function reachable(): Board[] {
  const seen = new Map<string, Board>();
  const walk = (b: Board) => {
    const k = b.join(",");
    if (seen.has(k)) return;
    seen.set(k, b);
    if (outcome(b)) return;
    for (const i of legalMoves(b)) walk(place(b, i, nextMark(b)));
  };
  walk(emptyBoard());
  return [...seen.values()];
}

interface Tally {
  wins: number;
  draws: number;
  losses: number;
}

/**
 * Plays every game from `board` where `ai` plays any move its policy
 * allows and the opponent tries every legal reply; counts the endings.
 */
function explore(
  board: Board,
  ai: Mark,
  policy: (b: Board) => number[],
  tally: Tally,
): void {
  const end = outcome(board);
  if (end) {
    if (end.kind === "draw") tally.draws++;
    else if (end.mark === ai) tally.wins++;
    else tally.losses++;
    return;
  }
  const mark = nextMark(board);
  const moves = mark === ai ? policy(board) : legalMoves(board);
  assert.ok(moves.length > 0, "the policy must move on an open board");
  for (const i of moves) explore(place(board, i, mark), ai, policy, tally);
}

const POSITIONS = reachable();

Deno.test("ai: the referee sees 5478 reachable positions and a drawn game", () => {
  assert.equal(POSITIONS.length, 5478);
  assert.equal(refValue(emptyBoard()), 0);
  assert.equal(minimaxValue(emptyBoard()), 0);
});

Deno.test("ai: the explorer does catch a losing policy", () => {
  const tally: Tally = { wins: 0, draws: 0, losses: 0 };
  explore(emptyBoard(), "X", (b) => [legalMoves(b)[0]], tally);
  assert.ok(
    tally.losses > 0,
    "playing the first empty cell must lose somewhere",
  );
});

Deno.test("ai: hard never loses from the start, as X and as O, whatever the opponent does", () => {
  for (const ai of ["X", "O"] as Mark[]) {
    const tally: Tally = { wins: 0, draws: 0, losses: 0 };
    explore(emptyBoard(), ai, bestMoves, tally);
    assert.equal(tally.losses, 0, `hard AI as ${ai} lost`);
    assert.ok(tally.wins > 0 && tally.draws > 0, JSON.stringify(tally));
  }
});

Deno.test("ai: hard never loses from ANY reachable position it is not already lost in, and converts every won one", () => {
  let checked = 0;
  for (const board of POSITIONS) {
    if (outcome(board)) continue;
    const value = refValue(board);
    if (value < 0) continue; // lost against perfect play: nothing to prove
    const ai = nextMark(board);
    const tally: Tally = { wins: 0, draws: 0, losses: 0 };
    explore(board, ai, bestMoves, tally);
    assert.equal(tally.losses, 0, `lost from ${board.join(",")}`);
    if (value > 0) {
      assert.equal(tally.draws, 0, `drew a won ${board.join(",")}`);
    }
    checked++;
  }
  assert.ok(checked > 3000, `only ${checked} positions checked`);
});

Deno.test("ai: every best move keeps the referee's value, and takes a win at once", () => {
  for (const board of POSITIONS) {
    if (outcome(board)) {
      assert.deepEqual(bestMoves(board), []);
      continue;
    }
    const mark = nextMark(board);
    const value = refValue(board);
    const best = bestMoves(board);
    assert.ok(best.length > 0);
    const winsNow = legalMoves(board).filter((i) =>
      refWinner(place(board, i, mark)) === mark
    );
    for (const i of best) {
      assert.equal(board[i], "", "best move on an empty cell");
      assert.equal(0 - refValue(place(board, i, mark)), value, board.join(","));
      if (winsNow.length > 0) assert.ok(winsNow.includes(i), "win at once");
    }
    assert.equal(Math.sign(minimaxValue(board)), value);
  }
});

Deno.test("ai: hardMove picks among the best moves with the random source", () => {
  const board: Cell[] = emptyBoard(); // every first move draws: all 9 are best
  const best = bestMoves(board);
  assert.equal(best.length, 9);
  const picked = new Set<number>();
  for (const r of [0, 0.2, 0.4, 0.6, 0.8, 0.999999]) {
    const i = hardMove(board, () => r);
    assert.ok(best.includes(i));
    picked.add(i);
  }
  assert.ok(picked.size > 1, "different random values give different moves");
});

Deno.test("ai: easy plays only legal moves, on any reachable open board", () => {
  const open = POSITIONS.filter((b) => !outcome(b));
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: open.length - 1 }),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      (n, r) => {
        const board = open[n];
        const i = easyMove(board, () => r);
        assert.ok(Number.isInteger(i) && i >= 0 && i <= 8);
        assert.equal(board[i], "");
        const j = aiMove("easy", board, () => r);
        assert.equal(board[j], "");
      },
    ),
    { numRuns: 500 },
  );
});

Deno.test("ai: asking for a move on a finished board is a RangeError", () => {
  const won: Cell[] = ["X", "X", "X", "O", "O", "", "", "", ""];
  assert.throws(() => hardMove(won, Math.random), RangeError);
  assert.throws(() => easyMove(won, Math.random), RangeError);
});
