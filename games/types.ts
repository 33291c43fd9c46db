/**
 * The contract every game implements. A game is pure: time comes in as a
 * number (`env.now`, milliseconds), randomness as a function (`env.random`,
 * like `Math.random`). No sockets, no terminal, no real clock.
 *
 * The host's game runner calls {@linkcode GameRules.start}, then
 * {@linkcode GameRules.move} for each validated move and
 * {@linkcode GameRules.tick} when {@linkcode GameRules.deadline} has passed;
 * it delivers every {@linkcode Outgoing} message, then sends each seat its
 * {@linkcode GameRules.view} (only those of {@linkcode Step.views} when the
 * step names them). Clients draw views with the game's
 * {@linkcode GameView}, patching the view they hold with the game's
 * messages in between ({@linkcode GameView.patch}); bots play with its
 * {@linkcode GameBot}.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import type { GameMessage, GameMove, Schema } from "../protocol/messages.ts";

export type { GameMessage, GameMove } from "../protocol/messages.ts";

/** A player taking part, as the game knows it. */
export interface Seat {
  /** Stable player id (opaque string). */
  id: string;
  /** Name shown to the other players. */
  nickname: string;
}

/** What the game gets besides state and move: the time and a random source. */
export interface Env {
  /** Current time in milliseconds (host clock). */
  now: number;
  /** Uniform random number in [0, 1). */
  random: () => number;
  /**
   * Optional: a fresh unguessable secret (at least 16 random bytes as hex)
   * on each call, for what a client must not be able to guess, like the
   * salt of the QCM's answer-key commitment. The host's game runner fills
   * it from `crypto.getRandomValues`; tests give a deterministic one. Rules
   * that get none fall back to `random`, which is only fit for tests.
   */
  secret?: () => string;
  /**
   * Optional: the host's estimate of the one-way latency to a seat, in ms
   * (half the recent minimum round trip of its heartbeats, 0 when unknown,
   * at most 250). Measured by the host only, never a client's claim: games
   * may use it for fair timing (QCM scores response time from when the
   * question reached the player).
   */
  latencyMs?: (seat: string) => number;
}

/** A message and who gets it: everyone in the room, or one seat id. */
export interface Outgoing {
  /** `all` for everyone in the room (spectators too), else one seat id. */
  to: "all" | string;
  /** What to send. */
  message: GameMessage;
}

/** The result of every rule function: the new state and what to tell whom. */
export interface Step<S> {
  /** The game's state after the step. */
  state: S;
  /** Messages to deliver, in order. */
  out: Outgoing[];
  /**
   * Optional: the only seats whose view this step may have changed (an
   * empty list: nobody's), beyond what clients patch in from the step's
   * messages with {@linkcode GameView.patch}. The host's runner then
   * computes and sends views to these alone, which keeps a move in a big
   * room from costing a view per member (QCM: neither an answer nor a
   * presence change names a view; clients patch in `answer_ack`,
   * `answered` and `answer_count`). Absent: every member's view may have changed,
   * spectators' too.
   */
  views?: readonly string[];
  /**
   * Optional: true when the step's messages make every new view it names
   * (all of them when {@linkcode Step.views} is absent) from the view a
   * client holds, with {@linkcode GameView.patch} (QCM: every question,
   * from its `question` message and the reveal's view — the ready view
   * for question 1). The
   * host's runner then sends these views only to members that said they
   * patch (`hello.capabilities` `"view-patch"`, docs/PROTOCOL.md §5.2):
   * in a lecture hall the bytes at a question's opening are the shared
   * message alone. Other members (`nc`, student clients) get these views
   * as before (QCM: the answerer's own view after an answer). Views a member gets outside a step (a late joiner, a
   * rejoin, a restored game resuming) are always sent.
   */
  patchable?: boolean;
}

/** One line of a game's final ranking. */
export interface Standing {
  /** Seat id of the player. */
  id: string;
  /** The player's nickname. */
  nickname: string;
  /** 1 for the best; equal ranks for ties. */
  rank: number;
  /** Points this game adds to the player's session score. */
  points: number;
}

/** Pure rules of one game. `S` is its state, `O` its options. */
export interface GameRules<S, O> {
  /** Identifier used on the command line and the wire, e.g. `justeprix`. */
  id: string;
  /** Display name per language. */
  title: Record<Lang, string>;
  /** Fewest seats needed to start. */
  minPlayers: number;
  /** Validates and fills options (from `--max 50`, a lobby command...). */
  optionsSchema: Schema<O>;
  /** Move `type`s this game accepts; other types are lobby messages. */
  moveTypes: readonly string[];
  /** Validates a move message of one of {@linkcode moveTypes}. */
  moveSchema: Schema<GameMove>;
  /** New game for these seats. */
  start(seats: Seat[], options: O, env: Env): Step<S>;
  /** Applies one validated move; throws {@linkcode GameRuleError} when the rules refuse it. */
  move(state: S, seat: string, move: GameMove, env: Env): Step<S>;
  /** Called when `env.now >= deadline(state)`: time-outs, next round, end. */
  tick(state: S, env: Env): Step<S>;
  /** Next time `tick` must run, or null when none. */
  deadline(state: S): number | null;
  /** A seat left (quit, kicked, or did not come back in time); the game goes on for the others. */
  leave(state: S, seat: string, env: Env): Step<S>;
  /**
   * Optional: a seat's connection was lost (`present` false: the host holds
   * the seat while the player reconnects) or came back (`present` true).
   * The seat stays in the game; rules may stop waiting for it (QCM reveals
   * once every present player answered) or time its turn (morpion). Absent:
   * nothing changes while a player reconnects.
   */
  presence?(state: S, seat: string, present: boolean, env: Env): Step<S>;
  /** True when the game has ended. */
  over(state: S): boolean;
  /** Final (or current) ranking. */
  standings(state: S): Standing[];
  /**
   * JSON-safe snapshot of what `seat` may see (a spectator when not
   * seated); never secrets. A part every seat sees alike (a question, a
   * leaderboard) may be built once and frozen with `shared`
   * (games/shared.ts): the host then serializes it once for all views.
   */
  view(state: S, seat: string, now: number): unknown;
  /**
   * Optional: the whole state as JSON-safe data (secrets included), for
   * host migration: the host replicates it to a deputy, which takes the
   * game over with {@linkcode GameRules.load}. Absent: the state is
   * JSON-safe already and is copied as it is.
   */
  save?(state: S): unknown;
  /**
   * Optional: the state {@linkcode GameRules.save} gave (after a JSON round
   * trip); throws {@linkcode GameRuleError} when it is not one. Absent: the
   * data is the state.
   */
  load?(saved: unknown): S;
}

/**
 * Fields of a view that clients interpret the same way for every game. A
 * game's view may carry them; clients read nothing else of a view outside
 * the game's own {@linkcode GameView}.
 */
export interface ViewCommon {
  /**
   * Milliseconds left before the game's current deadline when the host sent
   * the view; the client counts it down between views.
   */
  remainingMs?: number;
}

/**
 * Client-side state a client passes to {@linkcode GameView.screen}: things
 * the host never sends (they belong to one player's keyboard).
 */
export interface ScreenLocal {
  /** Cell under the keyboard cursor on a {@linkcode GameView.grid} board (1-based). */
  cursor?: number;
}

/**
 * A key a game takes without a move (from {@linkcode GameView.key}): the
 * client drops the key, so the input line stays clean, and shows the game's
 * sentence for the rule error `notice` ({@linkcode GameView.error}), e.g.
 * morpion's `not_your_turn` for a cell digit pressed out of turn.
 */
export interface KeyNotice {
  /** A rule error code of the game, shown as a notice. */
  notice: string;
  /** Parameters of its sentence. */
  params?: Record<string, string | number>;
}

/**
 * Any game of the registry, whatever its state and options types (the host
 * and the clients handle games without knowing them).
 */
// deno-lint-ignore no-explicit-any
export type AnyGame = Game<any, any>;

/** How a client shows a game: text lines, a screen, and input parsing. */
export interface GameView {
  /** Human lines for one game message (text mode and the TUI's log). */
  lines(message: GameMessage, lang: Lang, me: string): string[];
  /**
   * Optional: text-mode lines for a view (given the view held before),
   * when a view says something no message does (QCM: « La première
   * question arrive dans 3 s. » as its ready phase opens).
   */
  viewLines?(view: unknown, previous: unknown, lang: Lang): string[];
  /**
   * The game's main panel for a view, `width` columns wide. `color` allows
   * ANSI styles; `local` is the player's client-side state (the grid cursor).
   */
  screen(
    view: unknown,
    lang: Lang,
    width: number,
    color: boolean,
    local?: ScreenLocal,
  ): string[];
  /**
   * Optional: one key pressed on an empty input line, as an instant move
   * (QCM answers 1–4, morpion cells 1–9), a {@linkcode KeyNotice} to drop
   * the key and say why it does nothing now (morpion: not your turn), or
   * null to type it normally. `view` is null for a player who joined while
   * the game ran and watches it without a view (only a notice counts then).
   */
  key?(key: string, view: unknown): GameMove | KeyNotice | null;
  /**
   * Optional: game message types whose text lines the full-screen client
   * leaves out of its log because the game's panel already shows them
   * (morpion's `board`, QCM's `question`). Text mode still prints them.
   */
  panelOnly?: readonly string[];
  /**
   * Optional: the game's board is a grid of numbered cells (morpion: 3×3,
   * cells 1–9 row by row). The client then moves a cursor with the arrows,
   * passes it to {@linkcode GameView.screen} as `local.cursor`, and plays it
   * on Enter as if the cell number had been typed.
   */
  grid?: { columns: number; rows: number };
  /**
   * Optional: a game message that changes the view a client holds: returns
   * the new view, or null when it does not (another message, or nothing to
   * change). Clients call it with each message that is not the room's own
   * (`view`, `lobby`, `chat`…) while they hold a view, keep what it returns
   * as their view (its `remainingMs` still counts from when the host sent
   * the view, unless the message starts a phase:
   * {@linkcode GameView.patchStarts}) and redraw. The host relies on it to send a message to
   * everyone instead of a view to everyone (then {@linkcode Step.views}
   * leaves those seats out): the patched view must equal the view the host
   * would send. The view given is never modified. Absent: only views
   * change views.
   *
   * @example
   * ```ts
   * import { qcm } from "./qcm/mod.ts";
   * const held = { game: "qcm", phase: "question", answeredCount: 0, playerCount: 40 };
   * const next = qcm.view.patch?.(held, { type: "answered", nickname: "Ana", count: 1, of: 40 });
   * console.log(next); // { game: "qcm", phase: "question", answeredCount: 1, playerCount: 40 }
   * console.log(qcm.view.patch?.(held, { type: "chat", from: "Bob", text: "hi" })); // null
   * ```
   */
  patch?(view: unknown, message: GameMessage): unknown | null;
  /**
   * Optional: message types whose patch starts a new phase (QCM:
   * `question`): the view {@linkcode GameView.patch} makes from one is a
   * view like one the host sends, so its `remainingMs` counts from when
   * that message came (not from the view held), and bots decide on it.
   */
  patchStarts?: readonly string[];
  /** A typed line as a move, or null when it is not one (then it is chat). */
  parseInput(line: string, view: unknown): GameMove | null;
  /** Sentence for a rule error code raised by this game. */
  error(
    code: string,
    params: Record<string, string | number>,
    lang: Lang,
  ): string;
  /** One-line help: how to play in text. */
  help(lang: Lang): string;
}

/** A bot's decision: a move, a key that is never played twice, and an optional delay. */
export interface BotDecision {
  /** The move to send. */
  move: GameMove;
  /** Same key = same decision: the client sends it once. */
  key: string;
  /** Milliseconds the client waits before sending it (0 when absent). */
  delayMs?: number;
}

/** Plays a game from the views a client receives. */
export type GameBot = (
  view: unknown,
  random: () => number,
) => BotDecision | null;

/** Everything about one game, registered in games/registry.ts. */
export interface Game<S = unknown, O = unknown> {
  /** The pure rules the host runs. */
  rules: GameRules<S, O>;
  /** How clients show the game and read typed moves. */
  view: GameView;
  /** How bots play it. */
  bot: GameBot;
}
