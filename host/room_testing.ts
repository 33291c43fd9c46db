/**
 * Test fixtures for the room: a clock moved by hand, a port that records
 * what the room sends, a tiny two-player game, and a room set up with them.
 * Used by the room and match tests only.
 *
 * @module
 */
import assert from "node:assert/strict";
import { z } from "zod";
import type { Clock } from "./clock.ts";
import {
  type JoinRequest,
  type MemberPort,
  Room,
  type RoomOptions,
  type RoomSummary,
} from "./room.ts";
import { GameRuleError } from "../games/errors.ts";
import type { Game, GameMessage, GameMove } from "../games/types.ts";
import { justeprix } from "../games/justeprix/mod.ts";
import type { HostMessage } from "../protocol/messages.ts";
import { PROTOCOL_VERSION } from "../protocol/constants.ts";
import type { ByeExtra } from "./members.ts";

/** A message as a client reads it off the wire. */
// deno-lint-ignore no-explicit-any
export type Msg = Record<string, any>;

/** Time moved by hand; timers fire only when the test says so. */
export class FakeClock implements Clock {
  time = 1_000_000;
  timers: { at: number; fn: () => void }[] = [];
  now(): number {
    return this.time;
  }
  after(ms: number, fn: () => void): () => void {
    const timer = { at: this.time + ms, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }
  /** Moves time forward by `ms`, firing due timers in time order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((x) =>
        x.at <= end
      ).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.time = Math.max(this.time, due.at);
      due.fn();
    }
    this.time = end;
  }
}

/** Records what the room sends, as JSON would carry it. */
export class FakePort implements MemberPort {
  sent: Msg[] = [];
  closed: { reason: string; message: string; extra?: ByeExtra }[] = [];
  send(message: HostMessage | GameMessage): void {
    this.sent.push(JSON.parse(JSON.stringify(message)));
  }
  close(reason: string, message: string, extra?: ByeExtra): void {
    this.closed.push({ reason, message, ...(extra ? { extra } : {}) });
  }
  of(type: string): Msg[] {
    return this.sent.filter((m) => m.type === type);
  }
  last(type: string): Msg | undefined {
    return this.of(type).at(-1);
  }
  types(): string[] {
    return this.sent.map((m) => m.type);
  }
  clear(): void {
    this.sent = [];
  }
}

/** A deterministic random source (LCG). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A tiny two-player game: `poke` ends it; `poke` with `hard` is refused. */
export const duo: Game<{ over: boolean; seats: string[] }, { speed: number }> =
  {
    rules: {
      id: "duo",
      title: { fr: "Le Duel", en: "The Duel" },
      minPlayers: 2,
      optionsSchema: z.object({ speed: z.number().int().min(1).default(1) }),
      moveTypes: ["poke"],
      moveSchema: z.object({
        type: z.literal("poke"),
        hard: z.boolean().optional(),
      }),
      start: (seats) => ({
        state: { over: false, seats: seats.map((s) => s.id) },
        out: [],
      }),
      move(state, seat, move: GameMove) {
        if (move.hard) {
          throw new GameRuleError("too_hard", "Too hard.", { n: 3 });
        }
        return {
          state: { ...state, over: true },
          out: [{ to: seat, message: { type: "poked" } }],
        };
      },
      tick: (state) => ({ state, out: [] }),
      deadline: () => null,
      leave: (state) => ({ state, out: [] }),
      over: (state) => state.over,
      standings: (state) =>
        state.seats.map((id, i) => ({
          id,
          nickname: id,
          rank: i + 1,
          points: i === 0 ? 5 : 0,
        })),
      view: (state, seat) => ({ seat, over: state.over }),
    },
    view: {
      lines: () => [],
      screen: () => [],
      parseInput: () => null,
      error: (code, params, lang) => `${lang}:${code}:${params.n}`,
      help: () => "",
    },
    bot: () => null,
  };

/** Juste prix options that keep tests short. */
export const JP_OPTIONS = { max: 100, rounds: 2, timeLimitSec: 0, pauseSec: 3 };

/**
 * A room with fake clock and ports; `join`/`joinOk` seat players. Lobby
 * updates go at once (`lobbyIntervalMs: 0`) unless the test asks otherwise.
 */
export function setup(options: Partial<RoomOptions> = {}) {
  const clock = new FakeClock();
  const changes: RoomSummary[] = [];
  const room = new Room({
    name: "Salle 12",
    hostId: "h-1",
    games: { justeprix, duo },
    game: "justeprix",
    gameOptions: { justeprix: JP_OPTIONS },
    clock,
    random: seeded(42),
    onChange: (s) => changes.push(s),
    lobbyIntervalMs: 0,
    ...options,
  });
  const ports = new Map<string, FakePort>();
  function join(nickname: string, req: Partial<JoinRequest> = {}) {
    const port = new FakePort();
    const r = room.join({
      nickname,
      protocol: PROTOCOL_VERSION,
      lang: "en",
      mode: "json",
      ...req,
    }, port);
    if (r.ok) ports.set(r.id, port);
    return { r, port, id: r.ok ? r.id : "", nickname: nickname.trim() };
  }
  function joinOk(nickname: string, req: Partial<JoinRequest> = {}) {
    const j = join(nickname, req);
    assert.equal(j.r.ok, true, JSON.stringify(j.r));
    return j;
  }
  return { room, clock, changes, join, joinOk, ports };
}

/** Lets the room's end-of-game microtask run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await Promise.resolve();
}

/** Guesses by bisection from the player's own views until found; returns attempts. */
export function bisect(
  room: Room,
  clock: FakeClock,
  p: { id: string; port: FakePort },
): number {
  for (let attempts = 1; attempts <= 10; attempts++) {
    const view = p.port.last("view")!.view;
    assert.equal(view.phase, "playing");
    const value = Math.floor((view.me.low + view.me.high) / 2);
    room.receive(p.id, { type: "guess", value });
    clock.advance(1000);
    const hint = p.port.last("hint")!;
    assert.equal(hint.guess, value);
    if (hint.hint === "found") return attempts;
  }
  throw new Error("bisection did not find the number in 10 attempts");
}
