import assert from "node:assert/strict";
import { z } from "zod";
import type { Clock } from "./clock.ts";
import { GameRunner, type RunnerOutput } from "./game_runner.ts";
import { GameRuleError } from "../games/errors.ts";
import type { Env, Game, GameMessage, Seat, Standing } from "../games/types.ts";

/** Time moved by hand; timers fire only when the test says so. */
class FakeClock implements Clock {
  time = 10_000;
  timers: { at: number; fn: () => void }[] = [];
  /** When false, cancel functions do nothing (a sloppy clock). */
  honourCancel = true;
  now(): number {
    return this.time;
  }
  after(ms: number, fn: () => void): () => void {
    const timer = { at: this.time + ms, fn };
    this.timers.push(timer);
    return () => {
      if (this.honourCancel) {
        this.timers = this.timers.filter((x) => x !== timer);
      }
    };
  }
  /** Jumps to the earliest timer and fires it. */
  fireNext(): void {
    const next = [...this.timers].sort((a, b) => a.at - b.at)[0];
    assert.ok(next, "a timer is scheduled");
    this.timers = this.timers.filter((x) => x !== next);
    this.time = Math.max(this.time, next.at);
    next.fn();
  }
}

interface CountState {
  n: number;
  ticks: number;
  until: number;
  over: boolean;
  seen: number[];
}

/**
 * A counting game: `inc` adds one (3 ends it), each tick adds a tick (2
 * ends it), `inc` with `bad` is refused. Each step pushes `env.now` to `seen`.
 */
const count: Game<CountState, { step: number }> = {
  rules: {
    id: "count",
    title: { fr: "Compte", en: "Count" },
    minPlayers: 1,
    optionsSchema: z.object({ step: z.number().default(1000) }),
    moveTypes: ["inc"],
    moveSchema: z.object({
      type: z.literal("inc"),
      bad: z.boolean().optional(),
    }),
    start: (_seats: Seat[], o, env: Env) => ({
      state: {
        n: 0,
        ticks: 0,
        until: env.now + o.step,
        over: false,
        seen: [env.now],
      },
      out: [{ to: "all", message: { type: "begin", r: env.random() } }],
    }),
    move(state, seat, move, env) {
      if (move.bad) throw new GameRuleError("bad", "Bad move.");
      const n = state.n + 1;
      return {
        state: {
          ...state,
          n,
          until: env.now + 1000,
          over: n >= 3,
          seen: [...state.seen, env.now],
        },
        out: [{ to: seat, message: { type: "ack", n } }, {
          to: "all",
          message: { type: "count", n },
        }],
      };
    },
    tick(state, env) {
      const ticks = state.ticks + 1;
      return {
        state: {
          ...state,
          ticks,
          until: env.now + 1000,
          over: ticks >= 2,
          seen: [...state.seen, env.now],
        },
        out: [{ to: "all", message: { type: "tick", ticks } }],
      };
    },
    deadline: (state) => (state.over ? null : state.until),
    leave: (state, seat) => ({
      state,
      out: [{ to: "all", message: { type: "gone", seat } }],
    }),
    over: (state) => state.over,
    standings: (
      state,
    ): Standing[] => [{
      id: "a",
      nickname: "Ana",
      rank: 1,
      points: state.n * 10,
    }],
    view: (state, seat, now) => ({
      seat,
      n: state.n,
      ticks: state.ticks,
      now,
      seen: state.seen,
    }),
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

const SEATS: Seat[] = [{ id: "a", nickname: "Ana" }, {
  id: "b",
  nickname: "Bob",
}];

function setup(audience = ["a", "b", "spectator"]) {
  const clock = new FakeClock();
  const log: string[] = [];
  const messages: GameMessage[] = [];
  const views: {
    to: string;
    view: {
      seat: string;
      n: number;
      ticks: number;
      now: number;
      seen: number[];
    };
  }[] = [];
  const overs: Standing[][] = [];
  const out: RunnerOutput = {
    deliver: (to: string, message: GameMessage) => {
      log.push(`${to}:${message.type}`);
      messages.push(message);
    },
    audience: () => audience,
    view: (to, view) => {
      log.push(`view:${to}`);
      views.push({ to, view: view as (typeof views)[number]["view"] });
    },
    over: (standings) => overs.push(standings),
  };
  const runner = new GameRunner(
    count,
    SEATS,
    { step: 500 },
    clock,
    () => 0.25,
    out,
  );
  return { clock, log, messages, views, overs, runner };
}

Deno.test("GameRunner", async (t) => {
  await t.step(
    "start: messages, then a view to the whole audience, then a timer",
    () => {
      const { clock, log, views, runner } = setup();
      runner.sendView("a");
      assert.deepEqual(log, [], "no view before the game starts");
      runner.start();
      assert.deepEqual(log, [
        "all:begin",
        "view:a",
        "view:b",
        "view:spectator",
      ]);
      assert.deepEqual(views.map((v) => v.view.seat), ["a", "b", "spectator"]);
      assert.equal(clock.timers.length, 1);
      assert.equal(
        clock.timers[0].at,
        10_500,
        "deadline comes from the options",
      );
      assert.equal(runner.ended, false);
      assert.deepEqual(runner.seats, SEATS);
    },
  );

  await t.step("a move replaces the timer and sends fresh views", () => {
    const { clock, log, views, runner } = setup();
    runner.start();
    log.length = 0;
    clock.time = 10_200;
    runner.move("b", { type: "inc" });
    assert.deepEqual(log, [
      "b:ack",
      "all:count",
      "view:a",
      "view:b",
      "view:spectator",
    ]);
    assert.ok(
      views.slice(-3).every((v) => v.view.n === 1 && v.view.now === 10_200),
    );
    assert.deepEqual(
      clock.timers.map((x) => x.at),
      [11_200],
      "the old timer was cancelled",
    );
  });

  await t.step("a passed deadline runs tick with the clock's time", () => {
    const { clock, log, views, runner } = setup();
    runner.start();
    log.length = 0;
    clock.fireNext();
    assert.equal(clock.time, 10_500);
    assert.deepEqual(log, ["all:tick", "view:a", "view:b", "view:spectator"]);
    assert.equal(views.at(-1)!.view.ticks, 1);
    assert.deepEqual(clock.timers.map((x) => x.at), [11_500]);
  });

  await t.step(
    "over is reported once, with the standings; then nothing moves",
    () => {
      const { clock, log, overs, runner } = setup();
      runner.start();
      runner.move("a", { type: "inc" });
      runner.move("a", { type: "inc" });
      assert.equal(overs.length, 0);
      runner.move("a", { type: "inc" });
      assert.deepEqual(overs, [[{
        id: "a",
        nickname: "Ana",
        rank: 1,
        points: 30,
      }]]);
      assert.equal(runner.ended, true);
      assert.deepEqual(clock.timers, [], "no deadline once over");
      assert.deepEqual(
        log.slice(-3),
        ["view:a", "view:b", "view:spectator"],
        "final views went out",
      );
      const before = log.length;
      runner.move("a", { type: "inc" });
      runner.leave("a");
      assert.equal(log.length, before);
      assert.equal(overs.length, 1);
      assert.deepEqual(runner.standings(), overs[0]);
    },
  );

  await t.step("over through ticks is reported once too", () => {
    const { clock, overs, runner } = setup();
    runner.start();
    clock.fireNext();
    clock.fireNext();
    assert.equal(overs.length, 1);
    assert.deepEqual(clock.timers, []);
  });

  await t.step("stop cancels the timer", () => {
    const { clock, log, overs, runner } = setup();
    runner.start();
    assert.equal(clock.timers.length, 1);
    runner.stop();
    assert.deepEqual(clock.timers, []);
    assert.equal(runner.ended, true);
    const before = log.length;
    runner.move("a", { type: "inc" });
    assert.equal(log.length, before);
    assert.deepEqual(overs, [], "stop does not report over");
  });

  await t.step("a timer that fires after stop anyway does nothing", () => {
    const { clock, log, runner } = setup();
    clock.honourCancel = false;
    runner.start();
    runner.stop();
    const before = log.length;
    clock.fireNext();
    assert.equal(log.length, before);
  });

  await t.step("a rule error propagates and changes nothing", () => {
    const { clock, log, runner } = setup();
    runner.start();
    const before = log.length;
    assert.throws(
      () => runner.move("a", { type: "inc", bad: true }),
      GameRuleError,
    );
    assert.equal(log.length, before);
    assert.equal(clock.timers.length, 1, "the deadline still stands");
    runner.move("a", { type: "inc" });
    assert.equal(log.at(-1), "view:spectator");
  });

  await t.step("leave: seats go to the rules, spectators are ignored", () => {
    const { log, runner } = setup();
    runner.start();
    log.length = 0;
    runner.leave("spectator");
    assert.deepEqual(log, []);
    runner.leave("b");
    assert.deepEqual(log, ["all:gone", "view:a", "view:b", "view:spectator"]);
  });

  await t.step("views follow the audience as it changes", () => {
    const audience = ["a"];
    const { log, runner } = setup(audience);
    runner.start();
    audience.push("late");
    runner.move("a", { type: "inc" });
    assert.deepEqual(log.slice(-2), ["view:a", "view:late"]);
    log.length = 0;
    runner.sendView("late");
    assert.deepEqual(log, ["view:late"]);
  });

  await t.step("a step that names its views: those seats alone get one", () => {
    const { log, views, runner } = setup();
    const rules = runner.game.rules;
    const move = rules.move;
    let hint: string[] | undefined = ["b"];
    rules.move = (state, seat, m, env) => ({
      ...move(state, seat, m, env),
      ...(hint ? { views: hint } : {}),
    });
    try {
      runner.start();
      log.length = 0;
      runner.move("a", { type: "inc" });
      assert.deepEqual(log, ["a:ack", "all:count", "view:b"]);
      assert.equal(views.at(-1)!.view.n, 1, "the view is the new state's");
      log.length = 0;
      hint = [];
      runner.move("a", { type: "inc" });
      assert.deepEqual(log, ["a:ack", "all:count"], "an empty list: no view");
      log.length = 0;
      hint = undefined;
      runner.move("a", { type: "inc" });
      assert.deepEqual(log.filter((l) => l.startsWith("view")), [
        "view:a",
        "view:b",
        "view:spectator",
      ]);
    } finally {
      rules.move = move;
    }
  });

  await t.step("the same deadline keeps its timer", () => {
    const { clock, runner } = setup();
    const rules = runner.game.rules;
    const tick = rules.tick;
    const made: number[] = [];
    const after = clock.after.bind(clock);
    clock.after = (ms, fn) => {
      made.push(clock.time + ms);
      return after(ms, fn);
    };
    // A tick that changes nothing keeps the deadline: no new timer.
    rules.tick = (state) => ({ state, out: [], views: [] });
    try {
      runner.start();
      assert.deepEqual(made, [10_500]);
      runner.leave("a"); // a step with the same deadline
      assert.deepEqual(made, [10_500], "no second timer");
      assert.equal(clock.timers.length, 1);
      clock.fireNext(); // the tick keeps the same deadline, now passed
      assert.deepEqual(made, [10_500, 10_500], "re-armed once it fired");
    } finally {
      rules.tick = tick;
    }
  });

  await t.step("the rules get the clock's time and the random source", () => {
    const { clock, messages, views, runner } = setup();
    runner.start();
    assert.deepEqual(messages[0], { type: "begin", r: 0.25 });
    clock.time = 12_345;
    runner.move("a", { type: "inc" });
    clock.fireNext();
    assert.deepEqual(views.at(-1)!.view.seen, [10_000, 12_345, 13_345]);
  });
});

Deno.test("the rules get an unguessable secret, fresh at each call, even with a fixed random", () => {
  const secrets: string[] = [];
  const probe = {
    ...count,
    rules: {
      ...count.rules,
      start: (seats: Seat[], o: unknown, env: Env) => {
        secrets.push(env.secret!(), env.secret!());
        return count.rules.start(seats, o as { step: number }, env);
      },
    },
  } as Game<CountState, { step: number }>;
  const clock = new FakeClock();
  const quiet: RunnerOutput = {
    deliver: () => {},
    audience: () => [],
    view: () => {},
    over: () => {},
  };
  new GameRunner(probe, SEATS, { step: 500 }, clock, () => 0.25, quiet)
    .start();
  assert.equal(secrets.length, 2);
  for (const s of secrets) assert.match(s, /^[0-9a-f]{32}$/);
  assert.notEqual(secrets[0], secrets[1]);
});
