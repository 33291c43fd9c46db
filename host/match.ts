/**
 * The game side of a room: which game is chosen (and its options), starting
 * it (by the leader or by itself), stopping it (with the points scored so
 * far), moves, and adding the points of a finished game to the session
 * scores. The leader shapes the next game from the room: its options
 * (`options`, `set`, checked by ./option_table.ts like the command line's)
 * and the QCM's quiz, loaded from the files next to the host
 * (./quiz_shelf.ts). No sockets.
 *
 * Game ids and option names come from the wire: games are looked up only
 * among the registry's own entries ({@linkcode gameById}) and options are
 * kept in null-prototype tables, so `toString` or `__proto__` is just an
 * unknown game.
 *
 * @module
 */
import { loadState } from "../games/saved.ts";
import type { Lang } from "../protocol/constants.ts";
import type {
  OptionsMessage,
  QuizInfo,
  QuizzesMessage,
} from "../protocol/options_messages.ts";
import type { AnyGame, GameMove, Seat, Standing } from "../games/types.ts";
import { GameRuleError } from "../games/errors.ts";
import { gameById } from "../games/registry.ts";
import { sanitize } from "../text/sanitize.ts";
import type { Clock } from "./clock.ts";
import { GameRunner } from "./game_runner.ts";
import { describeIssues } from "./inbound.ts";
import type { Member, Members } from "./members.ts";
import { checkOption, optionLines } from "./option_table.ts";
import {
  invalidLines,
  type LoadedQuiz,
  quizInfo,
  QuizLoadError,
  type QuizShelf,
} from "./quiz_shelf.ts";

/** The game whose `questions` a quiz file fills. */
export const QUIZ_GAME = "qcm";

/** Most problem lines of a quiz file the leader is sent (then how many more). */
export const MAX_QUIZ_PROBLEMS = 10;

/**
 * Least time between two quiz loads of a room (ms): reading and checking a
 * big file holds the host up to a few hundred ms, so a leader repeating
 * `/quiz NAME` cannot hold it all the time.
 */
export const QUIZ_LOAD_INTERVAL_MS = 2000;

/** Refusals of a quiz name that read no file (they do not start the interval). */
const NO_READ = new Set(["quiz_bad_name", "quiz_not_found"]);

/**
 * Most players `game_start` and `game_end` name (the best first at the
 * end; `count` says how many played): what everyone gets stays small in a
 * lecture hall.
 */
export const NAMED_MAX = 32;

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
  /** The quiz files the leader may load (`quiz`); none when absent. */
  quizzes?: QuizShelf | null;
  /** A quiz loaded at start (`--questions`): the QCM's questions. */
  quiz?: LoadedQuiz | null;
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
  /** Optional: the running game's state changed (host migration replicates it). */
  stepped?(tick: boolean): void;
}

/**
 * Longest wait of a restored game for the seats that were connected when
 * the snapshot was taken (ms): then it resumes without them.
 */
export const RESUME_WAIT_MS = 3000;

/** A match as a snapshot keeps it (JSON-safe). */
export interface SavedMatch {
  /** The chosen (or running) game. */
  game: string;
  /** Raw options by game id (the QCM's may hold a quiz's questions). */
  options: Record<string, Record<string, unknown>>;
  /** The quiz file whose questions the QCM's options hold, if any. */
  quiz: { file: string; title: string } | null;
  /** Players that start the first game by themselves, or null. */
  autostart: number | null;
  /** The running game, if any. */
  running: {
    /** Its id. */
    id: string;
    /** Its seats. */
    seats: Seat[];
    /** Its state (`rules.save`, else the state). */
    saved: unknown;
    /** Its clock when saved (ms). */
    gameNow: number;
    /** The quiz it asks, if any. */
    quiz: QuizInfo | null;
  } | null;
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
  /** The quiz file whose questions the QCM's options hold, if any. */
  #quiz: LoadedQuiz | null = null;
  /** The quiz of the running game, if it has one. */
  #runningQuiz: QuizInfo | null = null;
  /** When a quiz file was last loaded (or tried). */
  #quizLoadedAt = -Infinity;
  /** A paused restored game: the seats it waits for (connected in the snapshot). */
  #present: Set<string> | null = null;
  /** Cancels the resume of a paused game after {@linkcode RESUME_WAIT_MS}. */
  #resumeTimer: (() => void) | null = null;

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
    if (ctx.quiz) this.#useQuiz(ctx.quiz);
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
      this.close();
      return;
    }
    this.#maybeResume();
  }

  /**
   * A member's connection was lost (`present` false; the seat is held) or
   * is back: the running game's rules hear of it.
   * @param id the member
   * @param present true when they are back
   */
  presence(id: string, present: boolean): void {
    // A paused game hears of presence when it resumes.
    if (this.#runner?.paused) return this.#maybeResume();
    this.#runner?.presence(id, present);
  }

  /** The room closes: the running game stops without an end. */
  close(): void {
    this.#resumeTimer?.();
    this.#resumeTimer = null;
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
   * The leader stops the running game: it ends with the standings so far,
   * whose points are added to the session scores like a finished game's.
   * @param m who asks
   */
  stop(m: Member): void {
    if (!this.#isLeader(m)) return;
    if (!this.#runner) return this.#ctx.error(m.id, "no_game");
    this.#finish(this.#runner.standings());
  }

  /**
   * Sends a member a game's options for the next game (the chosen game when
   * `id` is absent): values, ranges, defaults, and the QCM's quiz. Anyone
   * may look; only the leader changes them.
   * @param m who asks
   * @param id game id
   */
  showOptions(m: Member, id: string | undefined): void {
    const gameId = id ?? this.#game;
    const game = this.#gameFor(m, gameId);
    if (game) m.port.send(this.#optionsMessage(gameId, game));
  }

  /**
   * The leader sets one option of a game's next game (the chosen game when
   * `id` is absent), checked like the command line's `--set`; they get the
   * `options` with `changed`.
   * @param m who asks
   * @param id game id
   * @param key the option
   * @param value its value (text is typed: `5`, `true`)
   */
  set(m: Member, id: string | undefined, key: string, value: unknown): void {
    if (!this.#isLeader(m)) return;
    const gameId = id ?? this.#game;
    const game = this.#gameFor(m, gameId);
    if (!game) return;
    const label = id === undefined ? key : `${gameId}.${key}`;
    const checked = checkOption(
      game,
      this.#options[gameId],
      key,
      value,
      label,
      game.rules.title[m.lang],
    );
    if (!checked.ok) {
      return this.#ctx.error(
        m.id,
        checked.problem.code,
        checked.problem.params,
      );
    }
    this.#options[gameId] = checked.options;
    m.port.send({ ...this.#optionsMessage(gameId, game), changed: key });
  }

  /**
   * The leader lists the quiz files next to the host (no `name`), or loads
   * one as the QCM's questions (and chooses the QCM when no game runs).
   * Everyone's lobby then names the quiz; a broken file changes nothing
   * and the leader gets its problems, each with its line.
   * @param m who asks
   * @param name the file's name, as `quizzes` lists it (untrusted)
   */
  quiz(m: Member, name: string | undefined): void {
    if (!this.#isLeader(m)) return;
    const shelf = this.#ctx.quizzes;
    const qcm = gameById(this.#ctx.games, QUIZ_GAME);
    if (!shelf || !qcm) return this.#ctx.error(m.id, "quiz_none");
    try {
      if (name === undefined || name.trim() === "") {
        const list: QuizzesMessage = { type: "quizzes", ...shelf.list() };
        return m.port.send(list);
      }
      const now = this.#ctx.clock.now();
      const wait = this.#quizLoadedAt + QUIZ_LOAD_INTERVAL_MS - now;
      if (wait > 0) {
        return this.#ctx.error(m.id, "quiz_wait", {
          n: Math.ceil(wait / 1000),
        });
      }
      let quiz: LoadedQuiz;
      try {
        quiz = shelf.load(name);
      } catch (e) {
        // Only reading a file costs: a wrong name does not make one wait.
        if (!(e instanceof QuizLoadError) || !NO_READ.has(e.code)) {
          this.#quizLoadedAt = now;
        }
        throw e;
      }
      this.#quizLoadedAt = now;
      this.#useQuiz(quiz);
    } catch (e) {
      if (!(e instanceof QuizLoadError)) throw e;
      if (e.code !== "quiz_invalid") {
        return this.#ctx.error(m.id, e.code, e.params);
      }
      for (const line of invalidLines(e, m.lang, "room", MAX_QUIZ_PROBLEMS)) {
        this.#ctx.error(m.id, e.code, { line: sanitize(line) });
      }
      return;
    }
    if (!this.#runner) this.#game = QUIZ_GAME;
    m.port.send({
      ...this.#optionsMessage(QUIZ_GAME, qcm),
      changed: "questions",
    });
    this.#ctx.changed();
  }

  /**
   * What the lobby adds about the game: the quiz the running game asks,
   * or the next QCM's custom quiz when the QCM is chosen.
   */
  lobbyFields(): { quiz?: QuizInfo } {
    if (this.#runner) {
      return this.#runningQuiz ? { quiz: this.#runningQuiz } : {};
    }
    if (this.#game !== QUIZ_GAME) return {};
    const quiz = this.#quizOf(this.#options[QUIZ_GAME]);
    return quiz ? { quiz } : {};
  }

  /** Puts a loaded quiz's questions in the QCM's options. */
  #useQuiz(quiz: LoadedQuiz): void {
    this.#quiz = quiz;
    this.#options[QUIZ_GAME] = ownEntries(this.#options[QUIZ_GAME], {
      questions: quiz.questions,
    });
  }

  /** The custom quiz in some raw QCM options, or null (the shipped questions). */
  #quizOf(raw: Record<string, unknown> | undefined): QuizInfo | null {
    const questions = raw?.questions;
    if (!Array.isArray(questions)) return null;
    if (this.#quiz && this.#quiz.questions === questions) {
      return quizInfo(this.#quiz);
    }
    return { title: "", count: questions.length };
  }

  #optionsMessage(id: string, game: AnyGame): OptionsMessage {
    const raw = ownEntries(this.#options[id]);
    return {
      type: "options",
      game: id,
      options: optionLines(game, raw),
      ...(id === QUIZ_GAME ? { quiz: this.#quizOf(raw) } : {}),
    };
  }

  /** The game with this id, or an `unknown_game` error to the member. */
  #gameFor(m: Member, id: string): AnyGame | null {
    const game = gameById(this.#ctx.games, id);
    if (!game) {
      this.#ctx.error(m.id, "unknown_game", {
        game: id,
        games: Object.keys(this.#ctx.games).join(", "),
      });
      return null;
    }
    return game;
  }

  /**
   * A member's move for the running game; rule refusals go back to them.
   * @param m who plays
   * @param move the move, already checked against the game's schemas
   */
  move(m: Member, move: GameMove): void {
    const runner = this.#runner;
    if (!runner) return this.#ctx.error(m.id, "no_game");
    if (runner.paused) return this.#ctx.error(m.id, "game_paused");
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
    this.#runningQuiz = id === QUIZ_GAME ? this.#quizOf(raw) : null;
    const runner = this.#newRunner(game, id, seats, parsed.data);
    this.#runner = runner;
    for (const m of members.sorted()) m.ready = false;
    members.broadcast({
      type: "game_start",
      game: id,
      players: seats.slice(0, NAMED_MAX).map((s) => ({
        id: s.id,
        nickname: s.nickname,
      })),
      ...(seats.length > NAMED_MAX ? { count: seats.length } : {}),
    });
    this.#ctx.changed();
    runner.start();
    // Seats held for players who are reconnecting play too: the rules
    // learn at once that they are away (morpion times their turns).
    for (const m of members.sorted()) {
      if (!m.connected && this.#runner === runner) runner.presence(m.id, false);
    }
    return null;
  }

  /** A runner whose output goes to the room's members. */
  #newRunner(
    game: AnyGame,
    id: string,
    seats: Seat[],
    options: unknown,
  ): GameRunner {
    const { members } = this.#ctx;
    const seated = new Set(seats.map((s) => s.id));
    const runner: GameRunner = new GameRunner(
      game,
      seats,
      options,
      this.#ctx.clock,
      this.#ctx.random,
      {
        deliver: (to, message) => {
          if (to === "all") members.broadcast(message);
          else members.get(to)?.port.send(message);
        },
        audience: () => members.ids(),
        view: (to, view) =>
          members.get(to)?.port.send({
            type: "view",
            game: id,
            view,
            // A member without a seat in this game watches it.
            ...(seated.has(to) ? {} : { watching: true }),
          }),
        // The member's connection said `view-patch` (host/members.ts).
        patches: (to) => members.get(to)?.port.patches === true,
        latency: (seat) => this.#ctx.latency?.(seat) ?? 0,
        over: (standings) => this.#finish(standings, runner),
        stepped: (tick) => this.#ctx.stepped?.(tick),
      },
    );
    return runner;
  }

  /**
   * What a snapshot keeps of the match (host migration): the chosen game,
   * options, quiz, autostart and the running game with its clock.
   */
  save(): SavedMatch {
    const runner = this.#runner;
    const qcmQuestions = this.#options[QUIZ_GAME]?.questions;
    return {
      game: this.#game,
      options: Object.fromEntries(Object.entries(this.#options)),
      quiz: this.#quiz && this.#quiz.questions === qcmQuestions
        ? { file: this.#quiz.file, title: this.#quiz.title }
        : null,
      autostart: this.#autostart,
      running: runner && !runner.ended
        ? {
          id: runner.game.rules.id,
          seats: runner.seats.map((s) => ({ id: s.id, nickname: s.nickname })),
          saved: runner.save(),
          gameNow: runner.now(),
          quiz: this.#runningQuiz,
        }
        : null,
    };
  }

  /**
   * Takes a saved match back (host migration). A running game comes back
   * **paused**: it resumes when every seat that was connected in the
   * snapshot (`present`) is back, or after {@linkcode RESUME_WAIT_MS};
   * seats still away are then told to the rules as away. A game whose
   * saved state its rules refuse is dropped (the room is in the lobby).
   * @param saved what {@linkcode Match.save} gave (validated)
   * @param present ids of the seats connected when the snapshot was taken
   */
  restore(saved: SavedMatch, present: ReadonlySet<string>): void {
    this.#game = saved.game;
    this.#autostart = saved.autostart;
    this.#options = Object.create(null);
    for (const [id, opts] of Object.entries(saved.options)) {
      this.#options[id] = ownEntries(opts);
    }
    const questions = this.#options[QUIZ_GAME]?.questions;
    this.#quiz = saved.quiz && Array.isArray(questions)
      ? { ...saved.quiz, questions: questions as LoadedQuiz["questions"] }
      : null;
    const run = saved.running;
    const game = run && gameById(this.#ctx.games, run.id);
    if (!run || !game) return;
    let state: unknown;
    try {
      state = loadState(game.rules, run.saved);
    } catch (e) {
      if (e instanceof GameRuleError) return;
      throw e;
    }
    const runner = this.#newRunner(game, run.id, run.seats, undefined);
    runner.restore({ state, gameNow: run.gameNow });
    this.#runner = runner;
    this.#game = run.id;
    this.#runningQuiz = run.quiz;
    this.#present = new Set(
      run.seats.map((s) => s.id).filter((id) => present.has(id)),
    );
    this.#resumeTimer = this.#ctx.clock.after(
      RESUME_WAIT_MS,
      () => this.#resume(),
    );
  }

  /** True while a restored game waits for its players. */
  get paused(): boolean {
    return this.#runner?.paused ?? false;
  }

  /** Resumes a paused game once every seat that was there is back. */
  #maybeResume(): void {
    const present = this.#present;
    if (!present || !this.#runner?.paused) return;
    for (const id of present) {
      const m = this.#ctx.members.get(id);
      if (m && !m.connected) return;
    }
    this.#resume();
  }

  /**
   * Game time goes on; the rules hear of every seat whose presence
   * changed since the snapshot; everyone gets a fresh view.
   */
  #resume(): void {
    const runner = this.#runner;
    const present = this.#present;
    this.#resumeTimer?.();
    this.#resumeTimer = null;
    this.#present = null;
    if (!runner || !present || !runner.paused) return;
    runner.resume();
    for (const s of runner.seats) {
      const m = this.#ctx.members.get(s.id);
      if (!m || m.connected === present.has(s.id)) continue;
      if (this.#runner !== runner) return;
      runner.presence(s.id, m.connected);
    }
    if (this.#runner === runner && !runner.ended) runner.sendViews();
    this.#ctx.stepped?.(false);
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
      ranking: standings.slice(0, NAMED_MAX).map((s) => ({
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
        .sort((a, b) => b.score - a.score).slice(0, NAMED_MAX),
      ...(standings.length > NAMED_MAX ? { count: standings.length } : {}),
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
