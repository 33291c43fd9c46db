import assert from "node:assert/strict";
import fc from "fast-check";
import type { Lang } from "../../protocol/constants.ts";
import { morpionRules as R, type MorpionState } from "./rules.ts";
import { bigBoard, smallBoard } from "./screen.ts";
import { playSeries, seatsOf, seeded } from "./testing.ts";
import { visibleWidth } from "../../text/layout.ts";
import { morpionView as V } from "./view.ts";

const env = { now: 0, random: seeded(5) };
const opts = R.optionsSchema.parse({});

function after(cells: number[]): MorpionState {
  let { state } = R.start(seatsOf("ana", "bob", "cy"), opts, env);
  for (const cell of cells) {
    const pair = state.schedule[state.match];
    const x = state.board.filter((c) => c === "X").length;
    const o = state.board.filter((c) => c === "O").length;
    ({ state } = R.move(state, x === o ? pair.x : pair.o, {
      type: "play",
      cell,
    }, env));
  }
  return state;
}

Deno.test("screen: empty cells show their numbers, played cells their marks", () => {
  const state = after([5]);
  const text = V.screen(R.view(state, "p1", 0), "en", 80, false).join("\n");
  for (const n of [1, 2, 3, 4, 6, 7, 8, 9]) {
    assert.ok(text.includes(`   ${n}   `), `cell ${n}`);
  }
  assert.ok(!text.includes("   5   "));
  assert.ok(text.includes("╳"));
  const small = smallBoard(state.board, null, false);
  assert.deepEqual(small, [
    " 1 | 2 | 3 ",
    "---+---+---",
    " 4 | X | 6 ",
    "---+---+---",
    " 7 | 8 | 9 ",
  ]);
});

Deno.test("screen: the winning line is bracketed without colour, reversed with colour", () => {
  const state = after([1, 4, 5, 7, 9]); // X: 1-5-9
  const view = R.view(state, "p1", 0);
  assert.deepEqual(view.line, [1, 5, 9]);
  const plain = bigBoard(state.board, view.line, false);
  assert.equal(plain.filter((r) => r.includes("[  ╳  ]")).length, 3);
  assert.ok(!plain.join("").includes("\x1b"));
  const colored = bigBoard(state.board, view.line, true);
  assert.ok(colored.join("").includes("\x1b[7;1;"));
  const screen = V.screen(view, "fr", 80, false).join("\n");
  assert.match(screen, /gagne/);
  assert.match(screen, /1-5-9/);
  assert.deepEqual(smallBoard(state.board, view.line, false)[0], "[X]| 2 | 3 ");
});

Deno.test("screen: the screen says whose turn it is and what you are", () => {
  const state = after([5]);
  const pair = state.schedule[state.match];
  const watcher = ["p1", "p2", "p3"].find((id) =>
    id !== pair.x && id !== pair.o
  )!;
  const mine = V.screen(R.view(state, pair.o, 0), "fr", 80, false).join("\n");
  assert.match(mine, /À vous de jouer \(O\)/);
  const theirs = V.screen(R.view(state, pair.x, 0), "fr", 80, false).join("\n");
  assert.match(theirs, /Au tour d(e |').* \(O\)/);
  assert.match(theirs, /Vous jouez X/);
  const watching = V.screen(R.view(state, watcher, 0), "en", 80, false).join(
    "\n",
  );
  assert.match(watching, /You are watching/);
  assert.match(watching, /Standings/);
});

Deno.test("screen: against the bot the screen names it and shows it thinking", () => {
  let { state } = R.start(
    seatsOf("ana"),
    R.optionsSchema.parse({ ai: "easy" }),
    env,
  );
  ({ state } = R.move(state, "p1", { type: "play", cell: 5 }, env));
  const text = V.screen(R.view(state, "p1", 0), "fr", 80, false).join("\n");
  assert.match(text, /ordinateur \(facile\)/);
  assert.match(text, /bot \(O\) réfléchit/);
});

Deno.test("screen: an unreadable view gives one short line", () => {
  assert.equal(V.screen({ nope: 1 }, "en", 80, true).length, 1);
  assert.equal(V.screen(null, "fr", 5, false)[0].length <= 5, true);
});

Deno.test("screen: lines never exceed the width; no ANSI at all without colour (property)", () => {
  // Views from every step of a few random series, watched by every seat.
  const views: unknown[] = [];
  for (const n of [1, 2, 3, 5]) {
    const seats = seatsOf(
      ...["ana", "bob", "漢字の名前", "zoé", "x".repeat(16)].slice(0, n),
    );
    const log = playSeries(
      seats,
      R.optionsSchema.parse({ matches: 2, moveTimeSec: 10 }),
      seeded(n),
      undefined,
      (state, now) => {
        for (const s of [...seats, { id: "outsider" }]) {
          views.push(R.view(state, s.id, now));
        }
      },
    );
    for (const s of seats) views.push(R.view(log.state, s.id, log.now));
  }
  const mid = after([5, 1, 9]);
  for (const id of ["p1", "p2", "p3", "outsider"]) {
    views.push(R.view(mid, id, 0));
  }
  assert.ok(views.length > 100, `${views.length} views`);
  const phases = new Set(views.map((v) => (v as { phase: string }).phase));
  assert.deepEqual([...phases].sort(), ["over", "pause", "playing"]);
  fc.assert(
    fc.property(
      fc.constantFrom(...views),
      fc.integer({ min: 1, max: 140 }),
      fc.constantFrom<Lang>("fr", "en"),
      fc.boolean(),
      (view, width, lang, color) => {
        const lines = V.screen(view, lang, width, color);
        assert.ok(lines.length > 0);
        for (const line of lines) {
          assert.ok(
            visibleWidth(line) <= width,
            `${visibleWidth(line)} > ${width}: ${line}`,
          );
          if (!color) assert.ok(!line.includes("\x1b"), line);
        }
      },
    ),
    { numRuns: 400 },
  );
});

Deno.test("screen: a wide screen gets the big board, a narrow one the small board", () => {
  const view = R.view(after([5]), "p1", 0);
  assert.ok(
    V.screen(view, "en", 40, false).some((l) => l.includes("┌───────┬")),
  );
  assert.ok(
    V.screen(view, "en", 20, false).some((l) => l.includes("---+---+---")),
  );
});

Deno.test("screen: the client's keyboard cursor shows on your turn only", () => {
  const seats = [{ id: "a", nickname: "Ana" }];
  const env = { now: 0, random: seeded(1) };
  const { state } = R.start(seats, R.optionsSchema.parse({}), env);
  const mine = R.view(state, "a", 0);
  assert.equal(mine.yourTurn, true);
  const shown = V.screen(mine, "en", 80, false, { cursor: 2 }).join("\n");
  assert.match(shown, /▶ {2}2 {2}◀/);
  const watcher = R.view(state, "nobody", 0);
  const notMine = V.screen(watcher, "en", 80, false, { cursor: 2 }).join(
    "\n",
  );
  assert.doesNotMatch(notMine, /▶/);
  assert.deepEqual(V.grid, { columns: 3, rows: 3 });
});
