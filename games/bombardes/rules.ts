/**
 * Rules of bombardes: each seated player (2 to 8; the others watch) has a
 * cannon on a generated landscape with wind. Players fire in turns (angle
 * and charge); the host flies the shell with the physics of ./physics.ts,
 * and when the flight time has passed, applies the impact: a crater, the
 * cannons within the blast destroyed, 100 points a cannon for the shooter.
 * A round ends when one cannon is left (it gets a bonus) or after
 * {@linkcode TURNS_PER_CANNON} turns a cannon; after the last round, the
 * points rank the players. A player who does not fire in time loses the
 * turn; a player who leaves loses their cannon.
 *
 * @module
 */
import { GameRuleError } from "../errors.ts";
import type {
  Env,
  GameMove,
  GameRules,
  Outgoing,
  Seat,
  Standing,
  Step,
} from "../types.ts";
import {
  BLAST_RADIUS,
  crater,
  fly,
  groundAt,
  makeTerrain,
  placeCannons,
  round1,
  WIDTH,
} from "./physics.ts";
import { loadBombardes } from "./saved.ts";
import { type BombardesState, type Cannon, SHOTS_KEPT } from "./state.ts";
import {
  type BombardesOptions,
  type BombardesView,
  type CannonShape,
  GAME_ID,
  type Hit,
  MAX_CANNONS,
  moveSchema,
  optionsSchema,
  type ShotShape,
} from "./wire.ts";

/**
 * Points for destroying another player's cannon.
 *
 * @example
 * ```ts
 * import { HIT_POINTS } from "./rules.ts";
 * HIT_POINTS; // 100
 * ```
 */
export const HIT_POINTS = 100;

/**
 * Bonus for the last cannon standing in a round.
 *
 * @example
 * ```ts
 * import { SURVIVOR_BONUS } from "./rules.ts";
 * SURVIVOR_BONUS; // 50
 * ```
 */
export const SURVIVOR_BONUS = 50;

/**
 * Turns per cannon (alive at the start) after which a round ends anyway, so
 * idle or hopeless gunners cannot make it last for ever.
 *
 * @example
 * ```ts
 * import { TURNS_PER_CANNON } from "./rules.ts";
 * TURNS_PER_CANNON; // 8
 * ```
 */
export const TURNS_PER_CANNON = 8;

export type { BombardesState, Cannon, Flight } from "./state.ts";
export { SHOTS_KEPT } from "./state.ts";

type S = BombardesState;

const alive = (s: S) => s.cannons.filter((c) => c.alive);
const present = (s: S) => s.cannons.filter((c) => c.present);

function shape(c: Cannon): CannonShape {
  return { id: c.id, nickname: c.nickname, x: c.x, y: c.y, alive: c.alive };
}

function landscape(s: S): Outgoing {
  return {
    to: "all",
    message: {
      type: "landscape",
      width: WIDTH,
      terrain: s.terrain,
      cannons: s.cannons.map(shape),
      wind: s.wind,
    },
  };
}

function startRound(s: S, round: number, env: Env): Step<S> {
  const { xs, terrain } = placeCannons(
    makeTerrain(env.random),
    s.cannons.length,
    env.random,
  );
  // + 0: no -0 on the wire (JSON writes it 0).
  const wind = Math.round((env.random() * 2 - 1) * s.options.wind) + 0;
  const cannons = s.cannons.map((c, i) => ({
    ...c,
    x: xs[i],
    y: terrain[xs[i]],
    alive: c.present,
    shots: [],
  }));
  const next: S = {
    ...s,
    round,
    terrain,
    wind,
    cannons,
    turns: 0,
    maxTurns: TURNS_PER_CANNON * cannons.filter((c) => c.alive).length,
    flight: null,
    lastImpact: null,
  };
  const first = (round - 1) % cannons.length;
  const step = beginTurn(next, env.now, first);
  return {
    state: step.state,
    out: [{
      to: "all",
      message: { type: "round_start", round, rounds: s.options.rounds, wind },
    }, ...step.out],
  };
}

/** The next alive cannon at or after index `from` (wrapping), or null. */
function nextAlive(s: S, from: number): Cannon | null {
  const n = s.cannons.length;
  for (let k = 0; k < n; k++) {
    const c = s.cannons[(from + k) % n];
    if (c.alive) return c;
  }
  return null;
}

function indexOf(s: S, id: string | null): number {
  return s.cannons.findIndex((c) => c.id === id);
}

function beginTurn(s: S, now: number, from: number): Step<S> {
  const shooter = nextAlive(s, from);
  if (!shooter || alive(s).length < 2 || s.turns >= s.maxTurns) {
    return endRound(s, now);
  }
  const endsIn = s.options.turnSec * 1000;
  const next: S = {
    ...s,
    phase: "aim",
    shooter: shooter.id,
    turns: s.turns + 1,
    startedAt: now,
    endsAt: now + endsIn,
    flight: null,
  };
  return {
    state: next,
    out: [landscape(next), {
      to: "all",
      message: {
        type: "turn",
        round: s.round,
        id: shooter.id,
        nickname: shooter.nickname,
        endsIn,
      },
    }],
  };
}

function afterShooter(s: S): number {
  return indexOf(s, s.shooter) + 1;
}

function endRound(s: S, now: number): Step<S> {
  const standing = alive(s);
  const winner = standing.length === 1 ? standing[0] : null;
  const cannons = s.cannons.map((c) =>
    c.id === winner?.id ? { ...c, points: c.points + SURVIVOR_BONUS } : c
  );
  const end: Outgoing = {
    to: "all",
    message: {
      type: "round_end",
      round: s.round,
      winner: winner?.nickname ?? null,
      bonus: winner ? SURVIVOR_BONUS : 0,
      scores: cannons.map((c) => ({ nickname: c.nickname, points: c.points })),
    },
  };
  const done = s.round >= s.options.rounds ||
    cannons.filter((c) => c.present).length < 2;
  const pauseMs = s.options.pauseSec * 1000;
  const next: S = {
    ...s,
    cannons,
    shooter: null,
    flight: null,
    phase: done ? "over" : "pause",
    startedAt: now,
    endsAt: done ? null : now + pauseMs,
  };
  return { state: next, out: [end] };
}

function land(s: S, now: number): Step<S> {
  const f = s.flight!;
  const t = f.trajectory;
  const shooter = s.cannons.find((c) => c.id === f.id)!;
  const exploded = t.stop !== "off";
  const struck = exploded
    ? s.cannons.filter((c) =>
      c.alive && Math.hypot(c.x - t.x, c.y - t.y) <= BLAST_RADIUS
    )
    : [];
  const hits: Hit[] = struck.map((c) => ({
    id: c.id,
    nickname: c.nickname,
    points: c.id === f.id ? 0 : HIT_POINTS,
  }));
  const gained = hits.reduce((sum, h) => sum + h.points, 0);
  const terrain = exploded ? crater(s.terrain, t.x, t.y) : s.terrain;
  const shot: ShotShape = { angle: f.angle, charge: f.charge, x: t.x };
  const cannons = s.cannons.map((c) => {
    const hit = struck.some((h) => h.id === c.id);
    const y = round1(groundAt(terrain, c.x));
    return {
      ...c,
      y,
      alive: c.alive && !hit,
      points: c.id === f.id ? c.points + gained : c.points,
      shots: c.id === f.id ? [...c.shots, shot].slice(-SHOTS_KEPT) : c.shots,
    };
  });
  const others = cannons.filter((c) => c.alive && c.id !== f.id);
  const closest =
    others.sort((a, b) => Math.abs(a.x - t.x) - Math.abs(b.x - t.x))[0];
  const impact: Outgoing = {
    to: "all",
    message: {
      type: "impact",
      id: f.id,
      nickname: shooter.nickname,
      outcome: hits.length ? "hit" : exploded ? "ground" : "off",
      x: t.x,
      hits,
      nearest: closest && exploded
        ? {
          nickname: closest.nickname,
          distance: Math.round(Math.abs(closest.x - t.x)),
        }
        : null,
    },
  };
  const next: S = {
    ...s,
    terrain,
    cannons,
    flight: null,
    lastImpact: exploded ? { x: t.x, y: t.y } : null,
  };
  const step = beginTurn(next, now, afterShooter(next));
  return { state: step.state, out: [impact, ...step.out] };
}

function refuse(code: string, message: string): never {
  throw new GameRuleError(code, message);
}

function view(s: S, seat: string, now: number): BombardesView {
  const me = s.cannons.find((c) => c.id === seat);
  return {
    phase: s.phase,
    round: s.round,
    rounds: s.options.rounds,
    wind: s.wind,
    width: WIDTH,
    terrain: s.terrain,
    cannons: s.cannons.map((c) => ({
      ...shape(c),
      points: c.points,
      shots: c.shots,
    })),
    turn: s.turns,
    shooter: s.shooter,
    ...(me ? { me: me.id } : {}),
    phaseMs: s.endsAt === null ? 0 : s.endsAt - s.startedAt,
    ...(s.endsAt === null ? {} : { remainingMs: Math.max(0, s.endsAt - now) }),
    ...(s.flight
      ? {
        flight: {
          id: s.flight.id,
          path: s.flight.trajectory.path,
          stepMs: 100,
          flightMs: s.endsAt! - s.startedAt,
        },
      }
      : {}),
    ...(s.lastImpact ? { lastImpact: s.lastImpact } : {}),
  };
}

function standings(s: S): Standing[] {
  const sorted = [...s.cannons].sort((a, b) => b.points - a.points);
  return sorted.map((c) => ({
    id: c.id,
    nickname: c.nickname,
    rank: 1 + sorted.filter((d) => d.points > c.points).length,
    points: c.points,
  }));
}

/**
 * The rules, for the host's game runner.
 *
 * @example
 * ```ts
 * import { bombardesRules } from "./rules.ts";
 * import { seeded } from "../testing_random.ts";
 * const env = { now: 0, random: seeded(1) };
 * const seats = [{ id: "a", nickname: "Ana" }, { id: "b", nickname: "Bob" }];
 * const { state, out } = bombardesRules.start(seats, bombardesRules.optionsSchema.parse({}), env);
 * out.map((o) => o.message.type); // ["round_start", "landscape", "turn"]
 * state.shooter; // "a"
 * bombardesRules.deadline(state); // 20000
 * ```
 */
export const bombardesRules: GameRules<S, BombardesOptions> = {
  id: GAME_ID,
  title: { fr: "Bombardes", en: "Bombardes (artillery)" },
  minPlayers: 2,
  optionsSchema,
  moveTypes: ["fire"],
  moveSchema,
  start(seats: Seat[], options: BombardesOptions, env: Env) {
    const cannons: Cannon[] = seats.slice(0, MAX_CANNONS).map((seat) => ({
      id: seat.id,
      nickname: seat.nickname,
      x: 0,
      y: 0,
      alive: true,
      present: true,
      points: 0,
      shots: [],
    }));
    const blank: S = {
      options,
      cannons,
      round: 0,
      terrain: [],
      wind: 0,
      phase: "aim",
      shooter: null,
      turns: 0,
      maxTurns: 0,
      startedAt: env.now,
      endsAt: null,
      flight: null,
      lastImpact: null,
    };
    return startRound(blank, 1, env);
  },
  move(s: S, seat: string, move: GameMove, env: Env) {
    const me = s.cannons.find((c) => c.id === seat && c.present);
    if (!me) refuse("not_playing", "You are not playing this game.");
    if (s.phase === "over") refuse("game_over", "The game is over.");
    if (!me.alive) {
      refuse("destroyed", "Your cannon is destroyed: wait for the next round.");
    }
    if (s.phase !== "aim" || s.shooter !== seat) {
      refuse("not_your_turn", "It is not your turn to fire.");
    }
    const parsed = moveSchema.safeParse(move);
    if (!parsed.success) {
      refuse("invalid_move", "Fire with an angle 0-180 and a charge 1-100.");
    }
    const { angle, charge } = parsed.data;
    if (angle < 0 || angle > 180 || charge < 1 || charge > 100) {
      throw new GameRuleError(
        "out_of_range",
        "The angle goes from 0 to 180 and the charge from 1 to 100.",
        { angle, charge },
      );
    }
    const trajectory = fly(
      s.terrain,
      alive(s),
      me,
      angle,
      charge,
      s.wind,
    );
    const flightMs = Math.max(300, Math.round(trajectory.seconds * 1000));
    const next: S = {
      ...s,
      phase: "flight",
      startedAt: env.now,
      endsAt: env.now + flightMs,
      flight: { id: seat, angle, charge, trajectory },
    };
    return {
      state: next,
      out: [{
        to: "all",
        message: {
          type: "fired",
          id: seat,
          nickname: me.nickname,
          angle,
          charge,
          flightMs,
        },
      }],
    };
  },
  tick(s: S, env: Env) {
    if (s.endsAt === null || env.now < s.endsAt) return { state: s, out: [] };
    switch (s.phase) {
      case "flight":
        return land(s, env.now);
      case "pause":
        return startRound(s, s.round + 1, env);
      case "aim": {
        const late = s.cannons.find((c) => c.id === s.shooter)!;
        const step = beginTurn(s, env.now, afterShooter(s));
        return {
          state: step.state,
          out: [{
            to: "all",
            message: {
              type: "missed_turn",
              id: late.id,
              nickname: late.nickname,
            },
          }, ...step.out],
        };
      }
      default:
        return { state: s, out: [] };
    }
  },
  deadline: (s) => s.endsAt,
  leave(s: S, seat: string, env: Env) {
    const gone = s.cannons.find((c) => c.id === seat && c.present);
    if (!gone || s.phase === "over") return { state: s, out: [] };
    const next: S = {
      ...s,
      cannons: s.cannons.map((c) =>
        c.id === seat ? { ...c, present: false, alive: false } : c
      ),
    };
    const lost: Outgoing[] = gone.alive
      ? [{
        to: "all",
        message: { type: "cannon_lost", id: gone.id, nickname: gone.nickname },
      }]
      : [];
    let step: Step<S> = { state: next, out: [] };
    if (next.phase === "pause") {
      if (present(next).length < 2) {
        step = { state: { ...next, phase: "over", endsAt: null }, out: [] };
      }
    } else if (next.phase === "aim") {
      if (alive(next).length < 2) step = endRound(next, env.now);
      else if (next.shooter === seat) {
        step = beginTurn(next, env.now, afterShooter(next));
      }
    }
    return { state: step.state, out: [...lost, ...step.out] };
  },
  over: (s) => s.phase === "over",
  standings,
  view,
  // The state is JSON-safe: no `save`; `load` checks what a deputy got.
  load: loadBombardes,
};
