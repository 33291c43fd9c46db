/**
 * The game side of a room: which game is chosen (and its options), starting
 * it (by the leader or by itself), stopping it, moves, and adding the
 * points of a finished game to the session scores. No sockets.
 *
 * Game ids and option names come from the wire: games are looked up only
 * among the registry's own entries ({@linkcode gameById}) and options are
 * kept in null-prototype tables, so `toString` or `__proto__` is just an
 * unknown game.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import type { AnyGame, GameMove, Seat, Standing } from "../games/types.ts";
import { GameRuleError } from "../games/errors.ts";
import { gameById } from "../games/registry.ts";
import type { Clock } from "./clock.ts";
import { GameRunner } from "./game_runner.ts";
import { describeIssues } from "./inbound.ts";
import type { Member, Members } from "./members.ts";

/** A refusal to tell one member: a code of the shared catalog and its values. */
export interface Problem {
  /** Error code (key `err.<code>`). */
  code: string;
  /** Template values. */
  params: Record<string, string | number>;
}

/** What a match needs from its room. */
export interface MatchContext {
  /** The room's members. */
  members: Members;
  /** Games that can be played, by id. */
  games: Record<string, AnyGame>;
  /** Game preselected for the first start. */
  game: string;
  /** Raw options per game id (validated when a game starts). */
  gameOptions?: Record<string, Record<string, unknown>>;
  /** Start the first game by itself when this many players are in. */
  autostart?: number | null;
  /** Time source for game deadlines. */
  clock: Clock;
  /** Uniform random number in [0, 1), handed to the games. */
  random: () => number;
  /** The host's one-way latency estimate to a seat, in ms (games/types.ts `Env.latencyMs`). */
  latency?: (seat: string) => number;
  /** Sends a member an `error` in their language (`key`: sentence when not `err.<code>`). */
  error(
    id: string,
    code: string,
    params?: Record<string, string | number>,
    key?: string,
  ): void;
  /** The lobby changed (state, game, players' ready marks or scores). */
  changed(): void;
}

/**
 * The chosen game, the running one and how games start and end.
 *
 * @example
 * ```ts
 * import { Match } from "./match.ts";
 * import { Members } from "./members.ts";
 * import { GAMES } from "../games/registry.ts";
 * const members = new Members(undefined);
 * const errors: string[] = [];
 * const port = { send() {}, close() {} };
 * const ana = members.add({ nickname: "ana", lang: "en", mode: "json", port, isHost: false, bot: false });
 * const match = new Match({
 *   members, games: GAMES, game: "morpion",
 *   clock: { now: () => 0, after: () => () => {} },
 *   random: Math.random,
 *   error: (_id, code) => void errors.push(code),
 *   changed: () => {},
 * });
 * match.start(ana, undefined, undefined);
 * errors; // ["too_few_players"]: morpion needs two
 * match.playing; // false
 * ```
 */
export class Match {
  readonly #ctx: MatchContext;
  #game: string;
  #runner: GameRunner | null = null;
  #autostart: number | null;
  /** Raw options by game id (null prototype: ids and names come from the wire). */
  #options: Record<string, Record<string, unknown>>;

  /**
   * A match in the lobby, nothing running.
   *
   * @param ctx the room's parts and settings
   */
  constructor(ctx: MatchContext) {
    this.#ctx = ctx;
    this.#game = ctx.game;
    this.#autostart = ctx.autostart ?? null;
    this.#options = Object.create(null);
    for (const [id, opts] of Object.entries(ctx.gameOptions ?? {})) {
      this.#options[id] = ownEntries(opts);
    }
  }

  /** Id of the running game, or of the one chosen for the next start. */
  get game(): string {
    return this.#game;
  }

  /** True while a game runs. */
  get playing(): boolean {
    return this.#runner !== null;
  }

  /** Players that start the first game by themselves, or null. */
  get autostart(): number | null {
    return this.#autostart;
  }

  /** Rules of the running game, or null in the lobby. */
  get rules(): AnyGame["rules"] | null {
    return this.#runner?.game.rules ?? null;
  }

  /**
   * Sends a member (a newcomer) the running game's view, if a game runs.
   * @param id the member
   */
  sendView(id: string): void {
    if (this.#runner) this.#runner.sendView(id);
  }

  /**
   * A member left: their seat is given up; a game with nobody left stops.
   * @param id the member who left
   */
  left(id: string): void {
    this.#runner?.leave(id);
    if (
      this.#runner && !this.#runner.ended && this.#ctx.members.size === 0
    ) {
      this.#runner.stop();
      this.#runner = null;
    }
  }

  /**
   * A member's connection was lost (`present` false; the seat is held) or
   * is back: the running game's rules hear of it.
   * @param id the member
   * @param present true when they are back
   */
  presence(id: string, present: boolean): void {
    this.#runner?.presence(id, present);
  }

  /** The room closes: the running game stops without an end. */
  close(): void {
    this.#runner?.stop();
    this.#runner = null;
  }

  /**
   * The leader starts a game (the chosen one when `game` is absent).
   * @param m who asks
   * @param game game id
   * @param options raw options over the room's ones
   */
  start(
    m: Member,
    game: string | undefined,
    options: Record<string, unknown> | undefined,
  ): void {
    if (!this.#isLeader(m)) return;
    if (this.#runner) return this.#ctx.error(m.id, "game_running");
    const problem = this.#launch(game ?? this.#game, options, m.lang);
    if (problem) this.#ctx.error(m.id, problem.code, problem.params);
  }

  /**
   * The leader chooses the next game (and maybe its options).
   * @param m who asks
   * @param id game id
   * @param options raw options, checked now and kept
   */
  choose(
    m: Member,
    id: string,
    options: Record<string, unknown> | undefined,
  ): void {
    if (!this.#isLeader(m)) return;
    if (this.#runner) {
      return this.#ctx.error(
        m.id,
        "game_running",
        {},
        "err.game_running_choose",
      );
    }
    const game = gameById(this.#ctx.games, id);
    if (!game) {
      return this.#ctx.error(m.id, "unknown_game", {
        game: id,
        games: Object.keys(this.#ctx.games).join(", "),
      });
    }
    if (options) {
      const merged = ownEntries(this.#options[id], options);
      const parsed = game.rules.optionsSchema.safeParse(merged);
      const detail = parsed.success
        ? unknownOption(options, parsed.data)
        : describeIssues(parsed.error);
      if (detail) {
        return this.#ctx.error(m.id, "bad_options", {
          game: game.rules.title[m.lang],
          detail,
        });
      }
      this.#options[id] = merged;
    }
    this.#game = id;
    this.#ctx.changed();
  }

  /**
   * The leader stops the running game: it ends with no points.
   * @param m who asks
   */
  stop(m: Member): void {
    if (!this.#isLeader(m)) return;
    if (!this.#runner) return this.#ctx.error(m.id, "no_game");
    this.#finish(this.#runner.standings().map((s) => ({ ...s, points: 0 })));
  }

  /**
   * A member's move for the running game; rule refusals go back to them.
   * @param m who plays
   * @param move the move, already checked against the game's schemas
   */
  move(m: Member, move: GameMove): void {
    const runner = this.#runner;
    if (!runner) return this.#ctx.error(m.id, "no_game");
    try {
      runner.move(m.id, move);
    } catch (e) {
      if (!(e instanceof GameRuleError)) throw e;
      m.port.send({
        type: "error",
        code: e.code,
        message: runner.game.view.error(e.code, e.params, m.lang),
      });
    }
  }

  #isLeader(m: Member): boolean {
    const leader = this.#ctx.members.leader();
    if (m === leader) return true;
    this.#ctx.error(m.id, "not_leader", { leader: leader?.nickname ?? "?" });
    return false;
  }

  /** Starts the first game by itself once enough players are in. */
  maybeAutostart(): void {
    if (this.#autostart === null || this.#runner) return;
    if (this.#ctx.members.size >= this.#autostart) {
      this.#autostart = null; // only the first game starts by itself
      const problem = this.#launch(this.#game, undefined);
      const leader = this.#ctx.members.leader();
      if (problem && leader) {
        this.#ctx.error(leader.id, problem.code, problem.params);
      }
    }
  }

  #launch(
    id: string,
    extra: Record<string, unknown> | undefined,
    lang: Lang = "en",
  ): Problem | null {
    const { members, games } = this.#ctx;
    const game = gameById(games, id);
    const names = Object.keys(games).join(", ");
    if (!game) {
      return { code: "unknown_game", params: { game: id, games: names } };
    }
    const title = game.rules.title[lang];
    const seats: Seat[] = members.sorted().map((m) => ({
      id: m.id,
      nickname: m.nickname,
    }));
    if (seats.length < game.rules.minPlayers) {
      return {
        code: "too_few_players",
        params: { game: title, n: game.rules.minPlayers },
      };
    }
    const raw = ownEntries(this.#options[id], extra);
    const parsed = game.rules.optionsSchema.safeParse(raw);
    const detail = parsed.success
      ? unknownOption(extra, parsed.data)
      : describeIssues(parsed.error);
    if (detail || !parsed.success) {
      return { code: "bad_options", params: { game: title, detail } };
    }
    this.#game = id;
    const runner = new GameRunner(
      game,
      seats,
      parsed.data,
      this.#ctx.clock,
      this.#ctx.random,
      {
        deliver: (to, message) => {
          if (to === "all") members.broadcast(message);
          else members.get(to)?.port.send(message);
        },
        audience: () => members.ids(),
        view: (to, view) =>
          members.get(to)?.port.send({ type: "view", game: id, view }),
        latency: (seat) => this.#ctx.latency?.(seat) ?? 0,
        over: (standings) => this.#finish(standings, runner),
      },
    );
    this.#runner = runner;
    for (const m of members.sorted()) m.ready = false;
    members.broadcast({
      type: "game_start",
      game: id,
      players: seats.map((s) => ({ id: s.id, nickname: s.nickname })),
    });
    this.#ctx.changed();
    runner.start();
    return null;
  }

  #finish(standings: Standing[], which?: GameRunner): void {
    const runner = this.#runner;
    if (!runner || (which && which !== runner)) return;
    runner.stop();
    this.#runner = null;
    const { members } = this.#ctx;
    for (const s of standings) {
      const m = members.get(s.id);
      if (m) m.score += s.points;
    }
    members.broadcast({
      type: "game_end",
      game: runner.game.rules.id,
      ranking: standings.map((s) => ({
        id: s.id,
        nickname: s.nickname,
        rank: s.rank,
        points: s.points,
      })),
      scores: members.sorted().map((m) => ({
        id: m.id,
        nickname: m.nickname,
        score: m.score,
      }))
        .sort((a, b) => b.score - a.score),
    });
    this.#ctx.changed();
  }
}

/**
 * The own entries of some option records, merged into a null-prototype
 * record (later ones win): a key such as `__proto__` is only a key.
 */
function ownEntries(
  ...records: (Record<string, unknown> | undefined)[]
): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const r of records) {
    if (!r) continue;
    for (const key of Object.keys(r)) out[key] = r[key];
  }
  return out;
}

/**
 * Says which option a player gave that the game does not know (its
 * validated options lack it), or "" when all are known.
 */
function unknownOption(
  given: Record<string, unknown> | undefined,
  valid: unknown,
): string {
  if (!given || typeof valid !== "object" || valid === null) return "";
  const key = Object.keys(given).find((k) => !Object.hasOwn(valid, k));
  return key === undefined ? "" : `unknown option "${key.slice(0, 40)}"`;
}
