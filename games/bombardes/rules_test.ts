import assert from "node:assert/strict";
import { GameRuleError } from "../errors.ts";
import type { Env, GameMove } from "../types.ts";
import { bombardesBot } from "./bot.ts";
import {
  bombardesRules as rules,
  type BombardesState,
  HIT_POINTS,
  SURVIVOR_BONUS,
  TURNS_PER_CANNON,
} from "./rules.ts";
import { optionsOf, playGame, seatsOf, seeded } from "./testing.ts";
import type { BombardesView, FireMove } from "./wire.ts";

const env = (now: number, seed = 1): Env => ({ now, random: seeded(seed) });
const fire = (angle: number, charge: number): GameMove => ({
  type: "fire",
  angle,
  charge,
});
const types = (out: { message: { type: string } }[]) =>
  out.map((o) => o.message.type);

function started(n = 3, over = {}): BombardesState {
  const names = ["ana", "bob", "cid", "dan", "eve", "fay", "gus", "hal", "ivy"];
  return rules.start(seatsOf(...names.slice(0, n)), optionsOf(over), env(0))
    .state;
}

/** A state where the shooter's next shell lands on `target` (flat ground). */
function flatDuel(): BombardesState {
  const s = started(2, { wind: 0 });
  const terrain = new Array(s.terrain.length).fill(2);
  return {
    ...s,
    terrain,
    cannons: s.cannons.map((c, i) => ({ ...c, x: i === 0 ? 10 : 36, y: 2 })),
  };
}

function refusal(f: () => unknown, code: string) {
  assert.throws(f, (e) => e instanceof GameRuleError && e.code === code, code);
}

Deno.test("rules: a game starts with a landscape, the first shooter and a deadline", () => {
  const { state, out } = rules.start(
    seatsOf("ana", "bob"),
    optionsOf({ turnSec: 15 }),
    env(1000),
  );
  assert.deepEqual(types(out), ["round_start", "landscape", "turn"]);
  assert.equal(state.shooter, "p1");
  assert.equal(rules.deadline(state), 16_000);
  assert.equal(state.maxTurns, 2 * TURNS_PER_CANNON);
  assert.ok(Math.abs(state.wind) <= 5);
});

Deno.test("rules: turns go round the living cannons; each round starts with the next seat", () => {
  let s = started(3);
  const order: string[] = [];
  let now = 0;
  for (let i = 0; i < 4; i++) {
    order.push(s.shooter!);
    now = rules.deadline(s)!;
    s = rules.tick(s, env(now)).state;
  }
  assert.deepEqual(order, ["p1", "p2", "p3", "p1"]);
  s = {
    ...s,
    cannons: s.cannons.map((c) => c.id === "p2" ? { ...c, alive: false } : c),
  };
  s = rules.tick(s, env(rules.deadline(s)!)).state;
  assert.equal(s.shooter, "p3", "a destroyed cannon is skipped");
  const two = rules.tick(
    { ...started(2), round: 1, phase: "pause", endsAt: 5 },
    env(5),
  ).state;
  assert.equal(two.round, 2);
  assert.equal(two.shooter, "p2", "round 2 begins with the second seat");
});

Deno.test("rules: the deadline — before it nothing happens, at it the shooter loses the turn", () => {
  const s = started(2, { turnSec: 10 });
  const early = rules.tick(s, env(9_999));
  assert.equal(early.state, s);
  assert.deepEqual(early.out, []);
  const late = rules.tick(s, env(10_000));
  assert.deepEqual(types(late.out), ["missed_turn", "landscape", "turn"]);
  assert.equal(late.state.shooter, "p2");
  assert.equal(rules.deadline(late.state), 20_000);
});

Deno.test("rules: refusals have codes", () => {
  const s = started(3);
  refusal(() => rules.move(s, "p2", fire(45, 50), env(1)), "not_your_turn");
  refusal(() => rules.move(s, "zed", fire(45, 50), env(1)), "not_playing");
  refusal(() => rules.move(s, "p1", fire(181, 50), env(1)), "out_of_range");
  refusal(() => rules.move(s, "p1", fire(45, 0), env(1)), "out_of_range");
  refusal(
    () => rules.move(s, "p1", { type: "fire", angle: "x" }, env(1)),
    "invalid_move",
  );
  const dead = {
    ...s,
    cannons: s.cannons.map((c) => c.id === "p1" ? { ...c, alive: false } : c),
  };
  refusal(() => rules.move(dead, "p1", fire(45, 50), env(1)), "destroyed");
  const flying = rules.move(s, "p1", fire(45, 50), env(1)).state;
  refusal(
    () => rules.move(flying, "p1", fire(45, 50), env(2)),
    "not_your_turn",
  );
  refusal(
    () =>
      rules.move(
        { ...s, phase: "over", endsAt: null },
        "p1",
        fire(45, 50),
        env(1),
      ),
    "game_over",
  );
});

Deno.test("rules: a shot flies for the flight time, then the impact destroys, scores and digs", () => {
  const s = flatDuel();
  const fired = rules.move(s, "p1", fire(45, 50), env(100));
  assert.deepEqual(types(fired.out), ["fired"]);
  const { flightMs } = fired.out[0].message as unknown as { flightMs: number };
  assert.equal(rules.deadline(fired.state), 100 + flightMs);
  assert.ok(flightMs > 1000 && flightMs < 3000);
  const view = rules.view(fired.state, "p2", 100) as BombardesView;
  assert.equal(view.phase, "flight");
  assert.ok(view.flight!.path.length > 5);
  assert.equal(rules.tick(fired.state, env(99 + flightMs)).out.length, 0);
  const landed = rules.tick(fired.state, env(100 + flightMs));
  assert.deepEqual(types(landed.out), ["impact", "round_end"]);
  const impact = landed.out[0].message as unknown as {
    outcome: string;
    hits: { id: string; points: number }[];
  };
  assert.equal(impact.outcome, "hit");
  assert.deepEqual(impact.hits.map((h) => [h.id, h.points]), [[
    "p2",
    HIT_POINTS,
  ]]);
  const ana = landed.state.cannons[0];
  assert.equal(ana.points, HIT_POINTS + SURVIVOR_BONUS, "hit + last standing");
  assert.equal(landed.state.cannons[1].alive, false);
  assert.ok(landed.state.terrain[36] < 2, "a crater where it fell");
  assert.deepEqual(ana.shots, [{ angle: 45, charge: 50, x: ana.shots[0].x }]);
  assert.equal(landed.state.phase, "pause");
});

Deno.test("rules: a miss is reported with the nearest cannon; the turn passes", () => {
  const fired = rules.move(flatDuel(), "p1", fire(45, 40), env(0)).state;
  const { state, out } = rules.tick(fired, env(rules.deadline(fired)!));
  assert.deepEqual(types(out), ["impact", "landscape", "turn"]);
  const impact = out[0].message as unknown as {
    outcome: string;
    nearest: { nickname: string; distance: number };
  };
  assert.equal(impact.outcome, "ground");
  assert.equal(impact.nearest.nickname, "bob");
  assert.ok(impact.nearest.distance > 3);
  assert.equal(state.shooter, "p2");
});

Deno.test("rules: a round ends after TURNS_PER_CANNON turns a cannon, so idle players cannot block it", () => {
  const log = playGame(
    seatsOf("ana", "bob", "cid"),
    optionsOf({ rounds: 2 }),
    () => null,
    1,
  );
  assert.ok(rules.over(log.state), "the game ends without a single shot");
  const missed = types(log.out).filter((t) => t === "missed_turn").length;
  assert.equal(missed, 2 * 3 * TURNS_PER_CANNON);
  assert.equal(log.now, missed * 20_000 + 3_000, "turns plus one pause");
  assert.deepEqual(rules.standings(log.state).map((s) => [s.rank, s.points]), [
    [1, 0],
    [1, 0],
    [1, 0],
  ]);
});

Deno.test("rules: bots play whole games to the end, ranked by points", () => {
  for (const seed of [1, 2, 3]) {
    const random = seeded(100 + seed);
    const log = playGame(
      seatsOf("ana", "bob", "cid", "dan"),
      optionsOf({}),
      (v) => (bombardesBot(v, random)?.move ?? null) as FireMove | null,
      seed,
    );
    assert.ok(rules.over(log.state), `seed ${seed}: over`);
    assert.equal(types(log.out).filter((t) => t === "round_end").length, 3);
    const standings = rules.standings(log.state);
    assert.ok(standings[0].points > 0, "somebody hit something");
    for (const s of standings) {
      assert.equal(
        s.points,
        log.state.cannons.find((c) => c.id === s.id)!.points,
      );
    }
    const winners = log.out.filter((o) => o.message.type === "round_end")
      .map((o) => (o.message as { winner?: string | null }).winner);
    assert.ok(winners.some((w) => w !== null), "bots finish rounds by hits");
  }
});

Deno.test("rules: eight cannons at most, the others watch", () => {
  const s = started(9);
  assert.equal(s.cannons.length, 8);
  const v = rules.view(s, "p9", 0) as BombardesView;
  assert.equal(v.me, undefined);
  refusal(() => rules.move(s, "p9", fire(45, 50), env(1)), "not_playing");
});

Deno.test("rules: a player who leaves loses their cannon; the game goes on or ends", () => {
  const s = started(3);
  const left = rules.leave(s, "p1", env(5));
  assert.deepEqual(types(left.out), ["cannon_lost", "landscape", "turn"]);
  assert.equal(left.state.shooter, "p2", "the shooter left: next turn");
  assert.equal(left.state.cannons[0].alive, false);
  const other = rules.leave(s, "p3", env(5));
  assert.deepEqual(types(other.out), ["cannon_lost"]);
  assert.equal(other.state.shooter, "p1");
  const last = rules.leave(other.state, "p2", env(6));
  assert.deepEqual(types(last.out), ["cannon_lost", "round_end"]);
  assert.ok(rules.over(last.state), "one player left: the game is over");
  assert.equal(rules.standings(last.state)[0].nickname, "ana");
  const flying = rules.move(started(2), "p1", fire(45, 50), env(1)).state;
  const mid = rules.leave(flying, "p2", env(2));
  assert.equal(mid.state.phase, "flight", "the shell still lands");
  const end = rules.tick(mid.state, env(rules.deadline(mid.state)!));
  assert.ok(types(end.out).includes("round_end"));
  assert.ok(rules.over(end.state));
  assert.deepEqual(rules.leave(end.state, "p1", env(9)).out, []);
});

Deno.test("rules: views are JSON-safe, carry remainingMs, and `me` only for a seat", () => {
  const s = started(2, { turnSec: 10 });
  const v = rules.view(s, "p1", 4_000) as BombardesView;
  assert.deepEqual(JSON.parse(JSON.stringify(v)), v);
  assert.equal(v.remainingMs, 6_000);
  assert.equal(v.phaseMs, 10_000);
  assert.equal(v.me, "p1");
  assert.equal(v.turn, 1);
  assert.equal(
    (rules.view(
      { ...s, phase: "over", endsAt: null },
      "p1",
      0,
    ) as BombardesView)
      .remainingMs,
    undefined,
  );
});
