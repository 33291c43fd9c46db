import assert from "node:assert/strict";
import { z } from "zod";
import type { Clock } from "./clock.ts";
import { GameRunner, type RunnerOutput } from "./game_runner.ts";
import type { Game, Seat } from "../games/types.ts";

/** Time stands still; the one timer fires when the test says so. */
class StillClock implements Clock {
  fire: (() => void) | null = null;
  now = () => 5_000;
  after(_ms: number, fn: () => void): () => void {
    this.fire = fn;
    return () => this.fire = null;
  }
}

interface PageState {
  page: number;
  over: boolean;
}

/**
 * A game turning pages: `start` opens page 1 (views for all); each tick
 * turns a page with a `page` message that makes every view (patchable); a
 * `mark` move names the views of `a` and `b` and is patchable when
 * `patch` is set; `plain` is an ordinary move (every view).
 */
const pages: Game<PageState, Record<string, never>> = {
  rules: {
    id: "pages",
    title: { fr: "Pages", en: "Pages" },
    minPlayers: 1,
    optionsSchema: z.object({}),
    moveTypes: ["mark", "plain"],
    moveSchema: z.object({
      type: z.enum(["mark", "plain"]),
      patch: z.boolean().optional(),
    }),
    start: () => ({
      state: { page: 1, over: false },
      out: [{ to: "all", message: { type: "page", page: 1 } }],
    }),
    move(state, _seat, move) {
      if (move.type === "plain") return { state, out: [] };
      return {
        state,
        out: [{ to: "all", message: { type: "mark" } }],
        views: ["a", "b"],
        ...(move.patch ? { patchable: true } : {}),
      };
    },
    tick: (state) => ({
      state: { page: state.page + 1, over: false },
      out: [{ to: "all", message: { type: "page", page: state.page + 1 } }],
      patchable: true,
    }),
    deadline: () => 6_000,
    leave: (state) => ({ state, out: [] }),
    over: (state) => state.over,
    standings: () => [],
    view: (state, seat) => ({ seat, page: state.page }),
  },
  view: {
    lines: () => [],
    screen: () => [],
    parseInput: () => null,
    error: (code) => code,
    help: () => "",
  },
  bot: () => null,
};

const SEATS: Seat[] = [
  { id: "a", nickname: "Ana" },
  { id: "b", nickname: "Bob" },
];

/** `a` and the spectator `w` patch; `b` does not. */
function setup(patching: string[] | null = ["a", "w"]) {
  const clock = new StillClock();
  const got: string[] = [];
  const out: RunnerOutput = {
    deliver: (to, message) => void got.push(`${to}:${message.type}`),
    audience: () => ["a", "b", "w"],
    view: (to, view) =>
      void got.push(`view:${to}:${(view as { page: number }).page}`),
    over: () => {},
    ...(patching ? { patches: (id: string) => patching.includes(id) } : {}),
  };
  const runner = new GameRunner(pages, SEATS, {}, clock, () => 0.5, out);
  return { clock, got, runner };
}

Deno.test("GameRunner: views left out for members that patch", async (t) => {
  await t.step("a step that is not patchable: every view", () => {
    const { got, runner } = setup();
    runner.start();
    assert.deepEqual(got, ["all:page", "view:a:1", "view:b:1", "view:w:1"]);
    got.length = 0;
    runner.move("a", { type: "plain" });
    assert.deepEqual(got, ["view:a:1", "view:b:1", "view:w:1"]);
  });

  await t.step(
    "a patchable step: the message to all, views to the others",
    () => {
      const { clock, got, runner } = setup();
      runner.start();
      got.length = 0;
      clock.fire!();
      // Fails when the runner sends views to members that patch.
      assert.deepEqual(got, ["all:page", "view:b:2"]);
    },
  );

  await t.step(
    "a patchable step naming views: the named that do not patch",
    () => {
      const { got, runner } = setup();
      runner.start();
      got.length = 0;
      runner.move("a", { type: "mark", patch: true });
      assert.deepEqual(got, ["all:mark", "view:b:1"]);
      got.length = 0;
      runner.move("a", { type: "mark" });
      assert.deepEqual(got, ["all:mark", "view:a:1", "view:b:1"]);
    },
  );

  await t.step("an output that cannot tell: every view", () => {
    const { clock, got, runner } = setup(null);
    runner.start();
    got.length = 0;
    clock.fire!();
    assert.deepEqual(got, ["all:page", "view:a:2", "view:b:2", "view:w:2"]);
  });

  await t.step(
    "a late joiner, a rejoin, a restored game: always a view",
    () => {
      const { clock, got, runner } = setup();
      runner.start();
      clock.fire!();
      got.length = 0;
      runner.sendView("a");
      runner.sendView("w");
      assert.deepEqual(got, ["view:a:2", "view:w:2"]);
      got.length = 0;
      const restored = setup();
      restored.runner.restore({ state: { page: 7, over: false }, gameNow: 0 });
      restored.runner.sendViews();
      assert.deepEqual(restored.got, ["view:a:7", "view:b:7", "view:w:7"]);
    },
  );
});
