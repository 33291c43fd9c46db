/**
 * Drives one game's pure rules with the host's clock: applies moves, runs
 * `tick` when a deadline passes, delivers what the rules say and sends every
 * member a fresh view after each step — or, when the step names the seats
 * whose view changed (`Step.views`), those seats only; when the step's
 * messages make those views (`Step.patchable`), only to members that do
 * not build views from messages themselves ({@linkcode RunnerOutput.patches}).
 *
 * @module
 */
import { saveState } from "../games/saved.ts";
import type {
  AnyGame,
  Env,
  GameMessage,
  GameMove,
  Seat,
  Standing,
  Step,
} from "../games/types.ts";
import type { Clock } from "./clock.ts";

/** Bytes of each {@linkcode Env.secret} the runner gives the rules. */
const SECRET_BYTES = 16;

/** A fresh unguessable secret: 16 bytes from the system's CSPRNG, as hex. */
function hexSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Where a runner sends things. */
export interface RunnerOutput {
  /** Delivers a game message to one member id, or to everyone. */
  deliver(to: "all" | string, message: GameMessage): void;
  /** Ids of every member who should get a view (players and spectators). */
  audience(): string[];
  /** Sends one member its view (an id that is no longer a member is ignored). */
  view(to: string, view: unknown): void;
  /** The game has ended with these standings. */
  over(standings: Standing[]): void;
  /**
   * Optional: true when a member builds views from game messages
   * (`hello.capabilities` `"view-patch"`): a patchable step
   * (`Step.patchable`) sends it no view. Absent: every member gets every
   * view.
   */
  patches?(id: string): boolean;
  /** Optional: the host's one-way latency estimate to a seat (ms). */
  latency?(seat: string): number;
  /**
   * Optional: the game's state changed (a move, or `tick` true: a deadline
   * passed — a phase change, such as a reveal): host migration replicates it.
   */
  stepped?(tick: boolean): void;
}

/** A game taken from a snapshot (host migration): its state and its clock. */
export interface RunnerSave {
  /** The rules' state (after `rules.load`). */
  state: unknown;
  /** The game's clock when the snapshot was taken (ms). */
  gameNow: number;
}

/**
 * One running game.
 *
 * @example
 * ```ts
 * import { GameRunner } from "./game_runner.ts";
 * import { justeprix } from "../games/justeprix/mod.ts";
 * const clock = { now: () => 0, after: () => () => {} }; // time stands still
 * const sent: string[] = [];
 * const options = justeprix.rules.optionsSchema.parse({ max: 100 });
 * const runner = new GameRunner(justeprix, [{ id: "p1", nickname: "ana" }], options, clock, Math.random, {
 *   deliver: (_to, message) => void sent.push(message.type),
 *   audience: () => ["p1"],
 *   view: () => void sent.push("view"),
 *   over: () => {},
 * });
 * runner.start();
 * runner.move("p1", { type: "guess", value: 50 });
 * sent.includes("view"); // true
 * runner.stop();
 * ```
 */
export class GameRunner {
  readonly game: AnyGame;
  #state: unknown;
  #cancelTimer: (() => void) | null = null;
  /** The deadline the pending timer is for. */
  #timerAt: number | null = null;
  #ended = false;
  readonly #seats: Seat[];
  readonly #options: unknown;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #out: RunnerOutput;
  /** Game time = host time − offset (0 for a game started here). */
  #offset = 0;
  /** While paused, the frozen game time; null when running. */
  #pausedAt: number | null = null;

  /**
   * @param game the game
   * @param seats players taking part
   * @param options options already validated by the game's schema
   * @param clock time and timers
   * @param random random source
   * @param out where messages and views go
   */
  constructor(
    game: AnyGame,
    seats: Seat[],
    options: unknown,
    clock: Clock,
    random: () => number,
    out: RunnerOutput,
  ) {
    this.game = game;
    this.#seats = seats;
    this.#options = options;
    this.#clock = clock;
    this.#random = random;
    this.#out = out;
  }

  /** True once the game is over or stopped. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Seats the game started with. */
  get seats(): readonly Seat[] {
    return this.#seats;
  }

  /** Starts the game. */
  start(): void {
    this.#apply(this.game.rules.start(this.#seats, this.#options, this.#env()));
  }

  /**
   * Takes over a game from a snapshot instead of starting it: the state
   * as saved, game time going on from `saved.gameNow`, **paused** (no
   * tick, game time frozen) until {@linkcode GameRunner.resume}.
   * @param saved the state and the game clock when saved
   */
  restore(saved: RunnerSave): void {
    this.#state = saved.state;
    this.#pausedAt = saved.gameNow;
    this.#offset = this.#clock.now() - saved.gameNow;
  }

  /** The game's clock (ms): the host's clock shifted by the outages, frozen while paused. */
  now(): number {
    return this.#pausedAt ?? this.#clock.now() - this.#offset;
  }

  /** True while a restored game waits for its players. */
  get paused(): boolean {
    return this.#pausedAt !== null;
  }

  /**
   * Game time goes on from where it froze; the next deadline is timed
   * again (deadlines are shifted by the pause).
   */
  resume(): void {
    if (this.#pausedAt === null) return;
    this.#offset = this.#clock.now() - this.#pausedAt;
    this.#pausedAt = null;
    if (!this.#ended) this.#schedule(this.now());
  }

  /** The state as JSON-safe data (`rules.save`, else the state itself). */
  save(): unknown {
    return saveState(this.game.rules, this.#state);
  }

  /**
   * Applies a validated move; a GameRuleError propagates to the caller.
   * @param seat the mover's id
   * @param move the move
   */
  move(seat: string, move: GameMove): void {
    if (this.#ended) return;
    this.#apply(this.game.rules.move(this.#state, seat, move, this.#env()));
  }

  /**
   * A member left.
   * @param seat the member's id
   */
  leave(seat: string): void {
    if (this.#ended || !this.#seats.some((s) => s.id === seat)) return;
    this.#apply(this.game.rules.leave(this.#state, seat, this.#env()));
  }

  /**
   * A seat's connection was lost (`present` false) or is back: the rules
   * decide what changes (games without `presence` go on unchanged).
   * @param seat the member's id
   * @param present true when the player is back
   */
  presence(seat: string, present: boolean): void {
    const presence = this.game.rules.presence;
    if (
      !presence || this.#ended || !this.#seats.some((s) => s.id === seat)
    ) return;
    this.#apply(
      presence.call(this.game.rules, this.#state, seat, present, this.#env()),
    );
  }

  /**
   * Sends one member its current view (a late joiner, a reconnect).
   * @param id the member's id
   */
  sendView(id: string): void {
    if (this.#state === undefined) return;
    this.#out.view(
      id,
      this.game.rules.view(this.#state, id, this.now()),
    );
  }

  /** Sends every member its current view (a restored game resuming). */
  sendViews(): void {
    if (this.#state === undefined) return;
    const now = this.now();
    for (const id of this.#out.audience()) {
      this.#out.view(id, this.game.rules.view(this.#state, id, now));
    }
  }

  /** Stops without standings (host closing, leader's stop). */
  stop(): void {
    this.#ended = true;
    this.#cancel();
  }

  /** Current standings. */
  standings(): Standing[] {
    return this.game.rules.standings(this.#state);
  }

  #env(): Env {
    const out = this.#out;
    return {
      now: this.now(),
      random: this.#random,
      secret: hexSecret,
      latencyMs: (seat) => out.latency?.(seat) ?? 0,
    };
  }

  #apply(step: Step<unknown>, tick = false): void {
    this.#state = step.state;
    for (const o of step.out) this.#out.deliver(o.to, o.message);
    const now = this.now();
    const rules = this.game.rules;
    // The step's messages make its views: members that patch build theirs
    // (a question in a lecture hall: the shared message alone, no view).
    const patches = step.patchable ? this.#out.patches : undefined;
    const send = (id: string) => {
      if (patches?.call(this.#out, id)) return;
      this.#out.view(id, rules.view(this.#state, id, now));
    };
    if (step.views === undefined) {
      for (const id of this.#out.audience()) send(id);
    } else {
      // Only these views changed: the others are not even computed (no
      // O(members) work per move). A seat gone meanwhile is the output's
      // to drop, as for `deliver`.
      for (const id of step.views) send(id);
    }
    this.#out.stepped?.(tick);
    if (rules.over(this.#state)) {
      this.#cancel();
      this.#ended = true;
      this.#out.over(rules.standings(this.#state));
      return;
    }
    if (this.#pausedAt === null) this.#schedule(now);
  }

  /** Times the rules' next deadline (game time `now`). */
  #schedule(now: number): void {
    const rules = this.game.rules;
    const deadline = rules.deadline(this.#state);
    if (deadline === this.#timerAt && this.#cancelTimer) return; // same timer
    this.#cancel();
    if (deadline !== null) {
      this.#timerAt = deadline;
      this.#cancelTimer = this.#clock.after(deadline - now, () => {
        this.#cancelTimer = null;
        this.#timerAt = null;
        if (!this.#ended) {
          this.#apply(rules.tick(this.#state, this.#env()), true);
        }
      });
    }
  }

  #cancel(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#timerAt = null;
  }
}
