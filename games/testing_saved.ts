/**
 * Test helper for host migration (./saved.ts): plays a game through a
 * random script of moves, time and presence changes, and at one point of
 * it copies the state as a deputy would get it,
 * `loadState(rules, JSON.parse(JSON.stringify(saveState(rules, state))))`;
 * then it plays the rest of the script on the original and on the copy
 * and checks that every later step is the same: the state (saved), the
 * messages, the views of every seat and of a spectator, the deadline, the
 * standings, the end. Each game's `saved_test.ts` runs it with fast-check.
 * Test-only; nothing else imports it.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { GameRuleError } from "./errors.ts";
import { BAD_SAVE, loadState, saveState } from "./saved.ts";
import { seeded } from "./testing_random.ts";
import type { AnyGame, Env, GameMove, Seat, Step } from "./types.ts";

/** One thing that happens to a game, as the host's runner would do it. */
export type Action =
  /** Seat `seat` (an index; past the seats: a spectator) plays what its bot (or `randomMove`) picks with seed `pick`. */
  | { kind: "move"; seat: number; pick: number }
  /** `ms` pass; every deadline passed on the way is ticked, as the runner does. */
  | { kind: "wait"; ms: number }
  /** Time jumps to the deadline (if any), which is ticked. */
  | { kind: "tick" }
  /** Seat `seat` leaves for good. */
  | { kind: "leave"; seat: number }
  /** Seat `seat` loses its connection or comes back. */
  | { kind: "presence"; seat: number; present: boolean };

/** A game to play: seats, options, when it starts, what happens, when it migrates. */
export interface Script {
  /** The seats. */
  seats: Seat[];
  /** Raw options (parsed with the game's schema). */
  options: unknown;
  /** Game clock at the start (ms). */
  start: number;
  /** Seed of the random sources. */
  seed: number;
  /** What happens, in order. */
  actions: Action[];
  /** The copy is made before `actions[split]` (0: right after the start). */
  split: number;
}

/** How to build scripts of a game. */
export interface ScriptShape {
  /** Fewest seats. */
  minSeats: number;
  /** Most seats. */
  maxSeats: number;
  /** Raw options. */
  options: fc.Arbitrary<unknown>;
  /** Longest script. */
  maxActions?: number;
  /** Longest wait (ms). */
  maxWaitMs?: number;
}

/**
 * Random scripts of a game: moves are the most frequent actions.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { scripts } from "./testing_saved.ts";
 * const [one] = fc.sample(scripts({ minSeats: 2, maxSeats: 3, options: fc.constant({}) }), 1);
 * one.seats.length >= 2; // true
 * ```
 */
export function scripts(shape: ScriptShape): fc.Arbitrary<Script> {
  const maxSeats = shape.maxSeats;
  const seat = fc.nat({ max: maxSeats }); // maxSeats: a spectator
  const action: fc.Arbitrary<Action> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant("move" as const),
        seat,
        pick: fc.nat(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("wait" as const),
        ms: fc.integer({ min: 0, max: shape.maxWaitMs ?? 5_000 }),
      }),
    },
    { weight: 2, arbitrary: fc.constant({ kind: "tick" as const }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant("leave" as const), seat }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("presence" as const),
        seat,
        present: fc.boolean(),
      }),
    },
  );
  return fc.record({
    n: fc.integer({ min: shape.minSeats, max: maxSeats }),
    options: shape.options,
    start: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 2_000_000_000 }),
    ),
    seed: fc.nat(),
    actions: fc.array(action, { maxLength: shape.maxActions ?? 40 }),
    split: fc.nat(),
  }).map(({ n, options, start, seed, actions, split }) => ({
    seats: Array.from({ length: n }, (_, i) => ({
      id: `s${i}`,
      nickname: `P${i}`,
    })),
    options,
    start,
    seed,
    actions,
    split: split % (actions.length + 1),
  }));
}

/** A step's result: the step, or the code of the rule error. */
type Outcome = { step: Step<unknown> } | { refused: string };

/** The game as one side plays it. */
interface Side {
  state: unknown;
}

/**
 * Plays `script` on `game` and checks that the copy made at `script.split`
 * behaves exactly as the original until the end. `randomMove` gives a move
 * when the game's bot has none to play (it may be illegal: the refusal
 * must then be the same on both sides). Throws an assertion error at the
 * first difference.
 *
 * @example
 * ```ts
 * import { checkMigration } from "./testing_saved.ts";
 * import { qcm } from "./qcm/mod.ts";
 * checkMigration(qcm, {
 *   seats: [{ id: "a", nickname: "Ana" }, { id: "b", nickname: "Bob" }],
 *   options: { count: 2 },
 *   start: 0,
 *   seed: 1,
 *   actions: [{ kind: "move", seat: 0, pick: 1 }, { kind: "move", seat: 1, pick: 2 }],
 *   split: 1,
 * }, () => ({ type: "answer", choices: [1] }));
 * ```
 *
 * @param game the game
 * @param script what happens
 * @param randomMove a move from a random source (any move of the game)
 */
export function checkMigration(
  game: AnyGame,
  script: Script,
  randomMove: (random: () => number) => GameMove,
): void {
  const rules = game.rules;
  const ids = [...script.seats.map((s) => s.id), "watcher"];
  let now = script.start;
  let count = 0;
  /** The env of step number `n` at `at`: each call makes the same fresh one. */
  const envOf = (at: number, n: number): Env => {
    const salt = script.seed * 1_000 + n;
    const secrets = seeded(salt + 1);
    return {
      now: at,
      random: seeded(salt),
      secret: () =>
        Math.floor(secrets() * 2 ** 32).toString(16).padStart(16, "0"),
      latencyMs: (seat) => seat.length * 7 % 40,
    };
  };
  const options = rules.optionsSchema.parse(script.options);
  const first = rules.start(script.seats, options, envOf(now, count++));
  const original: Side = { state: first.state };
  let copy: Side | null = null;

  const migrate = () => {
    const wire = JSON.stringify(saveState(rules, original.state));
    copy = { state: loadState(rules, JSON.parse(wire)) };
    compare(null, null, "right after the copy");
  };

  /** Applies `f` on both sides with the same env; compares. */
  const both = (
    what: string,
    f: (state: unknown, env: Env) => Step<unknown>,
  ) => {
    const n = count++;
    const a = attempt(() => f(original.state, envOf(now, n)));
    if ("step" in a) original.state = a.step.state;
    if (!copy) return;
    const b = attempt(() => f(copy!.state, envOf(now, n)));
    if ("step" in b) copy.state = b.step.state;
    compare(a, b, what);
  };

  const compare = (a: Outcome | null, b: Outcome | null, what: string) => {
    const c = copy!;
    const at = `${what} at ${now}`;
    if (a && b) {
      if ("refused" in a || "refused" in b) {
        assert.deepStrictEqual(b, a, `${at}: same refusal`);
      } else {
        assert.deepStrictEqual(b.step.out, a.step.out, `${at}: same messages`);
        assert.deepStrictEqual(
          b.step.views,
          a.step.views,
          `${at}: same views list`,
        );
      }
    }
    assert.deepStrictEqual(
      JSON.parse(JSON.stringify(saveState(rules, c.state))),
      JSON.parse(JSON.stringify(saveState(rules, original.state))),
      `${at}: same saved state`,
    );
    assert.strictEqual(
      rules.deadline(c.state),
      rules.deadline(original.state),
      `${at}: deadline`,
    );
    assert.strictEqual(
      rules.over(c.state),
      rules.over(original.state),
      `${at}: over`,
    );
    assert.deepStrictEqual(
      rules.standings(c.state),
      rules.standings(original.state),
      `${at}: standings`,
    );
    for (const id of ids) {
      assert.deepStrictEqual(
        rules.view(c.state, id, now),
        rules.view(original.state, id, now),
        `${at}: view of ${id}`,
      );
    }
  };

  const seatId = (i: number) => ids[Math.min(i, ids.length - 1)];
  const tickDue = () => {
    for (let guard = 0; guard < 100; guard++) {
      const due = rules.deadline(original.state);
      if (due === null || due > now) return;
      both("tick", (s, env) => rules.tick(s, env));
    }
  };

  script.actions.forEach((action, i) => {
    if (i === script.split) migrate();
    switch (action.kind) {
      case "move": {
        const id = seatId(action.seat);
        const random = seeded(action.pick);
        const view = JSON.parse(
          JSON.stringify(rules.view(original.state, id, now) ?? null),
        );
        const move = game.bot(view, random)?.move ?? randomMove(random);
        both(
          `move ${JSON.stringify(move)} by ${id}`,
          (s, env) => rules.move(s, id, move, env),
        );
        break;
      }
      case "wait": {
        const end = now + action.ms;
        for (let guard = 0; guard < 100; guard++) {
          const due = rules.deadline(original.state);
          if (due === null || due > end) break;
          now = Math.max(now, due);
          tickDue();
        }
        now = end;
        break;
      }
      case "tick": {
        const due = rules.deadline(original.state);
        if (due !== null) now = Math.max(now, due);
        tickDue();
        break;
      }
      case "leave": {
        const id = seatId(action.seat);
        both(`leave ${id}`, (s, env) => rules.leave(s, id, env));
        break;
      }
      case "presence": {
        const id = seatId(action.seat);
        if (!rules.presence) break;
        const present = action.present;
        both(
          `presence ${id} ${present}`,
          (s, env) => rules.presence!(s, id, present, env),
        );
        break;
      }
    }
  });
  if (script.split === script.actions.length) migrate();
  // Then the game plays to its end on both sides (ticks only).
  for (let guard = 0; guard < 1_000 && !rules.over(original.state); guard++) {
    const due = rules.deadline(original.state);
    if (due === null) break;
    now = Math.max(now, due);
    tickDue();
  }
}

function attempt(f: () => Step<unknown>): Outcome {
  try {
    return { step: f() };
  } catch (e) {
    if (e instanceof GameRuleError) return { refused: e.code };
    throw e;
  }
}

/**
 * Asserts that `rules.load` refuses `data` with the `GameRuleError`
 * `bad_save` (through {@linkcode loadState}, as the deputy calls it).
 *
 * @example
 * ```ts
 * import { assertRefused } from "./testing_saved.ts";
 * import { qcmRules } from "./qcm/rules.ts";
 * assertRefused(qcmRules, { v: 1, players: "everyone" });
 * ```
 *
 * @param rules the game's rules
 * @param data what must not load
 */
export function assertRefused(
  rules: AnyGame["rules"],
  data: unknown,
): void {
  assert.throws(
    () => loadState(rules, data),
    (e) => e instanceof GameRuleError && e.code === BAD_SAVE,
    `refused: ${JSON.stringify(data)?.slice(0, 120)}`,
  );
}

/**
 * A list of `n` copies of `item`: a saved list longer than a game allows.
 *
 * @example
 * ```ts
 * import { many } from "./testing_saved.ts";
 * many(3, 0); // [0, 0, 0]
 * ```
 */
export function many<T>(n: number, item: T): T[] {
  return Array.from({ length: n }, () => item);
}
