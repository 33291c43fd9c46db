/**
 * The player's program once joined: shows what the host sends (full screen,
 * plain lines, or JSON events), turns keys into messages, and lets a bot
 * play when asked.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import type { HostMessage } from "../protocol/messages.ts";
import type { AnyGame, GameMessage, ViewCommon } from "../games/types.ts";
import { TextSession } from "../text/session.ts";
import { visibleWidth } from "../text/layout.ts";
import type { Key } from "./keys.ts";
import {
  gameOf,
  type LogLine,
  renderScreen,
  type ScreenState,
} from "./screen.ts";
import { ct } from "./texts.ts";
import type { Incoming, Session } from "./session.ts";
import type { Terminal } from "./terminal.ts";
import { CloseConfirmation } from "./close_confirmation.ts";
import { type BackoffOptions, reconnect } from "./reconnect.ts";
import type { Failover, FailoverNotice } from "./failover.ts";
import { JoinRefusedError, RoomImpostorError } from "./errors.ts";
import { lobbyStandings, parseStandings, type Standing } from "./standings.ts";

/** How the player's program runs. */
export interface PlayerOptions {
  session: Session;
  games: Record<string, AnyGame>;
  lang: Lang;
  terminal: Terminal;
  /** One JSON event per line on stdout instead of a screen. */
  json?: boolean;
  /** Let the game's bot play. */
  bot?: boolean;
  /** Leave after this many games have ended. */
  gamesLimit?: number;
  random?: () => number;
  /** Lines to show first in the log (e.g. how the host was found). */
  intro?: string[];
  /** Monotonic milliseconds (injected for tests). */
  now?: () => number;
  /**
   * One attempt at coming back after a lost connection, with the seat's
   * token (the same address today; by room id through discovery later).
   * Absent: a lost connection ends the program.
   */
  reconnect?: (token: string) => Promise<Session>;
  /**
   * Host migration (client/failover.ts): the deputy role, the fallback, a
   * moved room, discovery by room id and epoch, the takeover. When given,
   * each attempt at coming back is the failover's (with the seat's token).
   */
  failover?: Failover;
  /** How reconnection attempts are spaced (tests make them short). */
  backoff?: BackoffOptions;
  /**
   * Stop trying to come back after this long, ms (by default the room's
   * grace period from the welcome; {@linkcode NO_GRACE_RETRY_MS} when the
   * room holds no seat).
   */
  reconnectForMs?: number;
  /** Aborting it quits (SIGTERM, SIGINT off the full screen). */
  stop?: AbortSignal;
  /**
   * The hosting player's program: Ctrl-C asks for confirmation while other
   * players are in, and `/close` closes the room.
   */
  hosting?: HostingOptions;
}

/** What the hosting player's program needs of its room. */
export interface HostingOptions {
  /** How many players are in besides the hosting player. */
  others(): number;
  /**
   * Closes the room (everyone gets `bye` with the standings, this program
   * too, and ends with them).
   */
  close(): void;
  /** How long a first Ctrl-C waits for the second, ms (5000). */
  confirmMs?: number;
  /**
   * True when the room has a deputy to hand it over to (`/handover`): the
   * Ctrl-C confirmation says so.
   */
  hasDeputy?(): boolean;
  /**
   * Optional: false while this program does not host (a `join` that hosts
   * only once it took the room over); absent: it always hosts.
   */
  active?(): boolean;
  /**
   * Lets the host hand in Ctrl-Cs that come as a signal (SIGINT when the
   * terminal is not in raw mode): `interrupt` is what a Ctrl-C key does.
   * Returns a function that stops it.
   */
  interrupts?: (interrupt: () => void) => () => void;
}

/** How the player's program ended, and the standings to print after it. */
export interface PlayerOutcome {
  /** Why it ended. */
  end: PlayerEnd;
  /**
   * The session standings: the host's final ones (`bye.standings`), or the
   * last the lobby showed (when the host vanished), or null.
   */
  standings: Standing[] | null;
  /** True when `standings` are the host's final ones. */
  final: boolean;
}

/** How long the final screen of a game stays up (Enter skips it). */
export const FINAL_SCREEN_MS = 8000;

/**
 * Why the player's program ended: `quit` (the player left), `host_closed`
 * (the host closed the room), `lost` (the connection was lost and could not
 * be taken back), `games_done` (`--games N` reached), `kicked` (the leader
 * removed the player, or a ban: the client does not come back on its own),
 * `replaced` (the same seat was taken from another connection), `dropped`
 * (the host ended this connection: too many errors, a slow reader...).
 */
export type PlayerEnd =
  | "quit"
  | "host_closed"
  | "lost"
  | "games_done"
  | "kicked"
  | "replaced"
  | "dropped";

/**
 * Runs the player's side until they quit or the host goes.
 *
 * @example
 * ```ts ignore
 * const end = await runPlayer({ session, games, lang: "fr", terminal: systemTerminal() });
 * ```
 */
export async function runPlayer(opts: PlayerOptions): Promise<PlayerEnd> {
  return (await playRoom(opts)).end;
}

/**
 * Runs the player's side like {@linkcode runPlayer}, and returns the
 * standings too (to print once the full screen is left).
 *
 * @example
 * ```ts ignore
 * const { end, standings } = await playRoom({ session, games, lang: "fr", terminal });
 * ```
 *
 * @param opts the session, games and terminal
 */
export function playRoom(opts: PlayerOptions): Promise<PlayerOutcome> {
  return new PlayerApp(opts).run();
}

/** How long a first Ctrl-C of the hosting player waits for the second (ms). */
export const CONFIRM_CLOSE_MS = 5000;

/**
 * How long a player tries to come back to a room that holds no seat
 * (`welcome.graceMs` 0): as a newcomer, ms.
 */
export const NO_GRACE_RETRY_MS = 10_000;

/** Refusals after which coming back is pointless. */
const NO_COMING_BACK: readonly string[] = [
  "kicked",
  "banned",
  "pin_required",
  "bad_pin",
  "version",
];

/** How many chat lines are remembered to drop the tail a rejoin sends again. */
const CHAT_SEEN_MAX = 300;

class PlayerApp {
  readonly #o: PlayerOptions;
  readonly #text: TextSession;
  readonly #state: ScreenState;
  readonly #now: () => number;
  readonly #random: () => number;
  #session: Session;
  /** False while the connection is lost and not yet taken back. */
  #connected = true;
  /** Counts connections: 0 for the first, +1 at each reconnection. */
  #generation = 0;
  #comingBack: AbortController | null = null;
  #viewAt = 0;
  #rawView: unknown = null;
  #renderQueued = false;
  #ticker: ReturnType<typeof setInterval> | null = null;
  /** Bot decisions sent, by key, with the connection they went out on. */
  #botSent = new Map<string, number>();
  /** Bot decisions waiting for their delay, by key. */
  #botPending = new Map<string, ReturnType<typeof setTimeout>>();
  #chatSeen: string[] = [];
  #gamesEnded = 0;
  #finalTimer: ReturnType<typeof setTimeout> | null = null;
  #standings: Standing[] | null = null;
  #standingsFinal = false;
  /** The hosting player's Ctrl-C: asks first while others are in. */
  readonly #confirm: CloseConfirmation | null;
  #closeTimer: ReturnType<typeof setTimeout> | null = null;
  #end: PlayerEnd | null = null;
  #resolveEnd!: (end: PlayerEnd) => void;
  readonly #ended = new Promise<PlayerEnd>((r) => this.#resolveEnd = r);

  constructor(o: PlayerOptions) {
    // Game ids come from the wire: a null-prototype table, so `toString`
    // or `constructor` name no game here nor in the text session.
    o = { ...o, games: Object.assign(Object.create(null), o.games) };
    this.#o = o;
    this.#session = o.session;
    this.#confirm = o.hosting
      ? new CloseConfirmation(
        o.hosting.others,
        o.hosting.confirmMs ?? CONFIRM_CLOSE_MS,
      )
      : null;
    this.#now = o.now ?? (() => performance.now());
    this.#random = o.random ?? Math.random;
    if (o.failover) o.failover.notice = (n) => this.#failoverNotice(n);
    const w = o.session.welcome;
    this.#text = new TextSession(o.games, o.lang, w.you.nickname, {
      helpLine: (lang) => ct(lang, "footer_lobby"),
      // This program takes its seat back by itself (with the token).
      rejoinCode: false,
    });
    this.#state = {
      lang: o.lang,
      room: w.room.name,
      me: w.you.nickname,
      lobby: null,
      game: null,
      watching: false,
      view: null,
      cursor: null,
      lastEnd: null,
      final: null,
      log: (o.intro ?? []).map((text) => ({ text, kind: "notice" as const })),
      input: "",
      status: "",
      fingerprint: o.session.fingerprint,
    };
  }

  get #screen(): boolean {
    return this.#o.terminal.tty && !this.#o.json;
  }

  async run(): Promise<PlayerOutcome> {
    const term = this.#o.terminal;
    const unResize = term.onResize(() => this.#render());
    const onStop = () => this.#finish("quit");
    const unInterrupts = this.#o.hosting?.interrupts?.(() => this.#interrupt());
    this.#o.stop?.addEventListener("abort", onStop);
    if (this.#o.stop?.aborted) onStop();
    if (this.#screen) {
      term.enter();
      this.#ticker = setInterval(() => {
        if (this.#state.game || !this.#connected) this.#render();
      }, 250);
    }
    if (this.#o.json) {
      this.#emit({
        type: "connected",
        room: this.#state.room,
        you: this.#state.me,
        connectMs: round(this.#session.connectMs),
        fingerprint: this.#session.fingerprint,
      });
    }
    this.#onMessage(this.#session.welcome);
    const reading = this.#read();
    const typing = this.#type();
    const end = await this.#ended;
    this.#o.stop?.removeEventListener("abort", onStop);
    unInterrupts?.();
    for (const t of this.#botPending.values()) clearTimeout(t);
    if (this.#closeTimer) clearTimeout(this.#closeTimer);
    this.#dropFinal();
    if (this.#ticker) clearInterval(this.#ticker);
    unResize();
    await this.#session.close();
    await reading;
    if (this.#screen) term.leave();
    void typing; // stdin may stay blocked in a read; the caller exits the process
    return {
      end,
      standings: this.#standings,
      final: this.#standingsFinal,
    };
  }

  #finish(end: PlayerEnd): void {
    if (this.#end) return;
    this.#end = end;
    this.#comingBack?.abort();
    this.#resolveEnd(end);
  }

  async #read(): Promise<void> {
    while (!this.#end) {
      const session = this.#session;
      for await (const msg of session.messages()) {
        try {
          this.#onMessage(msg);
        } catch {
          // A message this client cannot show (a malformed view…) is skipped:
          // one bad message never ends the player's program.
          this.#log(
            ct(this.#o.lang, "bad_message", { type: String(msg.type) }),
            "error",
          );
        }
        if (this.#end) break;
      }
      if (this.#end) break;
      // The stream ended without a bye: the connection is lost.
      this.#connected = false;
      if (!await this.#comeBack(session)) {
        if (!this.#end) {
          this.#log(ct(this.#o.lang, "lost_end"), "error");
          this.#finish("lost");
        }
        break;
      }
    }
  }

  /**
   * Takes the seat back after a lost connection: attempts with back-off
   * until the grace period is over; true when a new session took over.
   */
  async #comeBack(lost: Session): Promise<boolean> {
    const failover = this.#o.failover?.retries ? this.#o.failover : undefined;
    const attempt = failover
      ? (token: string) => failover.attempt(token)
      : this.#o.reconnect;
    if (!attempt) return false;
    const L = () => this.#o.lang;
    const token = lost.seat.token;
    const controller = new AbortController();
    this.#comingBack = controller;
    const started = this.#now();
    const wakeSince = failover?.wake.count;
    failover?.lost(lost.end);
    const result = await reconnect({
      wake: failover?.wake,
      wakeSince,
      attempt: () => attempt(token),
      // As long as the host holds the seat; a room that holds none may
      // still take the player back as a newcomer for a while.
      giveUpMs: this.#o.reconnectForMs ??
        (lost.seat.graceMs || NO_GRACE_RETRY_MS),
      isFinal: (e) =>
        e instanceof RoomImpostorError ||
        (e instanceof JoinRefusedError && NO_COMING_BACK.includes(e.code)),
      onAttempt: (n) => {
        this.#state.status = ct(L(), "reconnecting_status", { n });
        if (this.#o.json) {
          this.#emit({
            type: "reconnecting",
            attempt: n,
            reason: lost.end,
            sinceMs: Math.round(this.#now() - started),
          });
        } else if (this.#screen ? n === 1 : (n & (n - 1)) === 0) {
          // Plain lines: attempts 1, 2, 4, 8… (the screen has the status).
          this.#log(ct(L(), "reconnecting", { n }), "error");
        }
        this.#render();
      },
      signal: controller.signal,
      discard: (late) => late.drop(),
      backoff: this.#o.backoff,
      random: this.#random,
    }).finally(() => failover?.done());
    this.#comingBack = null;
    this.#state.status = "";
    if (result.kind !== "ok") {
      if (result.kind === "aborted") return false;
      const error = result.error;
      if (result.kind === "refused" && error instanceof JoinRefusedError) {
        this.#log(
          ct(L(), "reconnect_failed", { reason: error.message }),
          "error",
        );
        if (error.code === "kicked" || error.code === "banned") {
          this.#finish("kicked");
        }
      } else {
        this.#log(
          ct(L(), "reconnect_gave_up", { n: result.attempts }),
          "error",
        );
      }
      if (this.#o.json) {
        this.#emit({
          type: "lost",
          attempts: result.attempts,
          reason: result.kind,
          ...(error instanceof Error ? { message: error.message } : {}),
        });
      }
      return false;
    }
    const session = result.session;
    if (this.#end) {
      session.drop();
      return false;
    }
    this.#session = session;
    this.#generation++;
    // A bot's decision taken on the lost connection's view is stale (the
    // new host's game may be elsewhere): the view after the rejoin decides.
    for (const t of this.#botPending.values()) clearTimeout(t);
    this.#botPending.clear();
    this.#connected = true;
    const rejoined = session.seat.rejoined;
    // A new seat does not play the running game: it watches it.
    if (!rejoined && this.#state.game !== null) this.#state.watching = true;
    if (this.#o.json) {
      this.#emit({
        type: "reconnected",
        attempts: result.attempts,
        rejoined,
        ms: Math.round(this.#now() - started),
      });
    }
    this.#log(
      ct(L(), rejoined ? "reconnected" : "reconnected_new_seat"),
      "notice",
    );
    this.#onMessage(session.welcome);
    return true;
  }

  async #type(): Promise<void> {
    for await (const key of this.#o.terminal.input()) {
      if (this.#end) return;
      this.#onKey(key);
    }
  }

  #emit(value: unknown): void {
    this.#o.terminal.write(JSON.stringify(value) + "\n");
  }

  #log(text: string, kind: LogLine["kind"]): void {
    if (this.#o.json) return;
    if (!this.#screen) {
      this.#o.terminal.write(text + "\n");
      return;
    }
    this.#state.log.push({ text, kind });
    if (this.#state.log.length > 500) this.#state.log.splice(0, 100);
    this.#render();
  }

  /** Sends to the host, or says the player is not connected right now. */
  #send(message: { type: string; [k: string]: unknown }): void {
    if (this.#connected) return this.#session.send(message);
    const text = ct(this.#o.lang, "not_connected");
    if (this.#o.json) {
      this.#emit({ type: "error", code: "not_connected", message: text });
    }
    this.#log(text, "error");
  }

  /** True for a chat line already shown (the tail a rejoin sends again). */
  #chatAgain(m: { from: string; text: string; at: number }): boolean {
    const key = `${m.at}\u0000${m.from}\u0000${m.text}`;
    if (this.#chatSeen.includes(key)) return true;
    this.#chatSeen.push(key);
    if (this.#chatSeen.length > CHAT_SEEN_MAX) this.#chatSeen.shift();
    return false;
  }

  /** True when `players` (ids and nicknames, or nicknames) names this seat. */
  #amIn(players: unknown): boolean {
    if (!Array.isArray(players)) return false;
    const me = this.#session.welcome.you;
    const mine = me.nickname.toLowerCase();
    return players.some((p) =>
      typeof p === "string"
        ? p.toLowerCase() === mine
        : !!p && typeof p === "object" &&
          ((p as { id?: unknown }).id === me.id ||
            String((p as { nickname?: unknown }).nickname).toLowerCase() ===
              mine)
    );
  }

  #onMessage(msg: Incoming): void {
    const m = msg as HostMessage;
    const seen = this.#o.failover?.observe(msg) ?? "show";
    if (seen !== "show") {
      // The fallback is worth a JSON event; replicas and deputy ranks not.
      if (this.#o.json && m.type === "fallback") this.#emit(msg);
      if (this.#o.json && m.type === "bye") this.#emit(msg);
      // A moved room, or a handover to this client: the session ends, the
      // failover comes back (at once).
      if (seen === "drop") this.#session.drop();
      return;
    }
    if (m.type === "chat" && this.#chatAgain(m)) return;
    if (this.#o.json && m.type !== "pong") this.#emit(msg);
    const again = m.type === "welcome" && this.#generation > 0;
    const lines = this.#text.render(msg);
    const kind: LogLine["kind"] = m.type === "chat"
      ? (m.from === this.#state.me ? "mine" : "chat")
      : m.type === "error" || m.type === "bye"
      ? "error"
      : m.type === "joined" || m.type === "left" || m.type === "welcome"
      ? "notice"
      : "game";
    // On the full screen the lobby panel already shows the players.
    const running = gameOf(this.#o.games, this.#state.game);
    const onPanel = m.type === "lobby" ||
      !!running?.view.panelOnly?.includes(m.type);
    const shown = (this.#screen && onPanel) || again ? [] : lines;
    for (const l of shown) this.#log(l, kind);
    const s = this.#state;
    switch (m.type) {
      case "welcome":
        s.me = m.you.nickname;
        break;
      case "lobby":
        s.lobby = m;
        if (Array.isArray(m.players)) {
          this.#standings = lobbyStandings(m.players);
          this.#standingsFinal = false;
        }
        if (m.state === "playing" && s.game === null) {
          // Joined (or back) while a game runs: its screen, not the lobby's.
          s.game = m.game;
          s.watching = !this.#session.seat.rejoined;
        } else if (m.state === "lobby" && s.game !== null) {
          // The game ended while we were away.
          s.game = null;
          s.view = null;
          s.watching = false;
          this.#rawView = null;
        }
        break;
      case "game_start":
        this.#dropFinal();
        s.cursor = null;
        s.game = m.game;
        s.watching = !this.#amIn(m.players);
        s.view = null;
        this.#rawView = null;
        this.#botSent.clear();
        break;
      case "view": {
        if (s.game !== m.game) {
          // A view before any game_start: joined or back during the game.
          this.#dropFinal();
          s.game = m.game;
          s.watching = !this.#session.seat.rejoined;
        }
        const said = (m as { watching?: unknown }).watching;
        if (typeof said === "boolean") s.watching = said;
        this.#rawView = m.view;
        this.#viewAt = this.#now();
        if (this.#o.bot) this.#botPlay(m.game, m.view);
        break;
      }
      case "error":
        // A move refused while a restored game waits for its players (host
        // migration): the bot decides again on the view the resume sends.
        if (m.code === "game_paused") this.#botSent.clear();
        break;
      case "game_end":
        // Keep the game's final screen (podium, board, ranking) up a while.
        s.final = this.#rawView === null
          ? null
          : { game: m.game, view: this.#rawView };
        if (this.#finalTimer) clearTimeout(this.#finalTimer);
        this.#finalTimer = setTimeout(() => {
          this.#finalTimer = null;
          s.final = null;
          this.#render();
        }, FINAL_SCREEN_MS);
        s.game = null;
        s.watching = false;
        s.view = null;
        this.#rawView = null;
        s.lastEnd = m;
        this.#gamesEnded++;
        if (this.#o.gamesLimit && this.#gamesEnded >= this.#o.gamesLimit) {
          queueMicrotask(() => this.#finish("games_done"));
        }
        break;
      case "pong": {
        const rtt = this.#session.rttMs;
        if (rtt !== null) {
          s.status = ct(this.#o.lang, "rtt", { ms: round(rtt) });
        }
        break;
      }
      case "bye": {
        const standings = parseStandings(
          (m as { standings?: unknown }).standings,
        );
        if (standings) {
          this.#standings = standings;
          this.#standingsFinal = true;
        }
        this.#finish(byeEnd(m.reason));
        break;
      }
      default:
        this.#patch(msg);
    }
    this.#render();
  }

  /**
   * A game message that changes the view held (QCM's `answered` carries
   * the count the host no longer sends in a view, its `question` a whole
   * new view: this client says `view-patch` in its hello): the game's
   * `patch` (`GameView.patch`, games/types.ts) makes the new view. Within a
   * phase the time it came stays the view's (`remainingMs` counts from
   * then); a message that starts a phase (`GameView.patchStarts`) makes a
   * view as if the host had sent it now: its countdown starts now, the
   * bot decides on it, and JSON mode emits it as a `view` event
   * (`"patched": true`).
   */
  #patch(msg: Incoming): void {
    const s = this.#state;
    if (s.game === null || this.#rawView === null) return;
    const view = gameOf(this.#o.games, s.game)?.view;
    const next = view?.patch?.(this.#rawView, msg as GameMessage);
    if (next === undefined || next === null) return;
    this.#rawView = next;
    if (!view?.patchStarts?.includes((msg as GameMessage).type)) return;
    this.#viewAt = this.#now();
    if (this.#o.json) {
      this.#emit({ type: "view", game: s.game, view: next, patched: true });
    }
    if (this.#o.bot) this.#botPlay(s.game, next);
  }

  #grid(): { columns: number; rows: number } | undefined {
    const id = this.#state.game;
    return gameOf(this.#o.games, id)?.view.grid;
  }

  #moveCursor(dir: "up" | "down" | "left" | "right"): void {
    const grid = this.#grid();
    if (!grid || this.#state.input !== "") return;
    const cells = grid.columns * grid.rows;
    if (this.#state.cursor === null) {
      this.#state.cursor = Math.ceil(cells / 2); // start in the middle
    } else {
      const i = this.#state.cursor - 1;
      let row = Math.floor(i / grid.columns);
      let col = i % grid.columns;
      if (dir === "up") row = (row + grid.rows - 1) % grid.rows;
      if (dir === "down") row = (row + 1) % grid.rows;
      if (dir === "left") col = (col + grid.columns - 1) % grid.columns;
      if (dir === "right") col = (col + 1) % grid.columns;
      this.#state.cursor = row * grid.columns + col + 1;
    }
    this.#render();
  }

  #dropFinal(): void {
    if (this.#finalTimer) clearTimeout(this.#finalTimer);
    this.#finalTimer = null;
    this.#state.final = null;
  }

  /**
   * Lets the bot decide on a view. A decision is sent once: its key is
   * remembered with the connection it went out on. A key sent on an
   * earlier connection that the view of a later one still asks for was
   * lost on the way (a move the host applied changes the view, and so the
   * key): it goes out once more. A decision due while the connection is
   * lost is not sent; the view after the rejoin decides again.
   */
  #botPlay(gameId: string, view: unknown): void {
    const game = gameOf(this.#o.games, gameId);
    if (!game) return;
    const d = game.bot(view, this.#random);
    if (!d || this.#botPending.has(d.key)) return;
    if (this.#botSent.get(d.key) === this.#generation) return;
    const timer = setTimeout(() => {
      this.#botPending.delete(d.key);
      if (this.#end || !this.#connected) return;
      this.#botSent.set(d.key, this.#generation);
      this.#session.send(d.move);
    }, d.delayMs ?? 0);
    this.#botPending.set(d.key, timer);
  }

  /** What the failover says: once quietly, or as news. */
  #failoverNotice(n: FailoverNotice): void {
    const L = this.#o.lang;
    const address = (to: { address: string; port: number }) =>
      `${to.address}:${to.port}`;
    switch (n.kind) {
      case "fallback":
        // The deputy itself is told it would take over, not its own address.
        if (n.nickname !== undefined && n.nickname === this.#state.me) {
          return this.#log(ct(L, "fallback_self"), "notice");
        }
        return this.#log(
          n.nickname !== undefined
            ? ct(L, "fallback_named", {
              nickname: n.nickname,
              address: address(n.to),
            })
            : ct(L, "fallback_line", { address: address(n.to) }),
          "notice",
        );
      case "moving":
        return this.#log(
          n.message || ct(L, "moving", { address: address(n.to) }),
          "notice",
        );
      case "gave_back":
        if (this.#o.json) {
          this.#emit({
            type: "gave_back",
            to: { address: n.to.host, port: n.to.port },
          });
        }
        return this.#log(
          ct(L, "gave_back", { address: `${n.to.host}:${n.to.port}` }),
          "notice",
        );
      case "took_over":
        if (this.#o.json) {
          this.#emit({ type: "took_over", room: n.room, port: n.port });
        }
        return this.#log(ct(L, "took_over", { room: n.room }), "notice");
      case "takeover_failed":
        return this.#log(
          ct(L, "takeover_failed", { reason: n.reason }),
          "error",
        );
    }
  }

  /** The hosting options while this program hosts the room, else null. */
  get #hosting(): HostingOptions | null {
    const hosting = this.#o.hosting;
    return hosting && hosting.active?.() !== false ? hosting : null;
  }

  /** Ctrl-C: quits; the hosting player confirms while others are in. */
  #interrupt(): void {
    const hosting = this.#hosting;
    if (!hosting || !this.#confirm) return this.#finish("quit");
    if (this.#confirm.interrupt(this.#now()) === "close") {
      return this.#closeRoom();
    }
    const ms = hosting.confirmMs ?? CONFIRM_CLOSE_MS;
    this.#log(
      ct(
        this.#o.lang,
        hosting.hasDeputy?.()
          ? "host_confirm_close_handover"
          : "host_confirm_close",
        {
          n: hosting.others(),
          s: Math.round(ms / 1000),
        },
      ),
      "error",
    );
  }

  /**
   * Closes the room: everyone, this program too, gets `bye` with the
   * standings; this program ends on it (or soon after, whatever comes).
   */
  #closeRoom(): void {
    const hosting = this.#hosting;
    if (!hosting) return this.#finish("quit");
    if (this.#closeTimer) return;
    this.#log(ct(this.#o.lang, "host_closing"), "notice");
    this.#closeTimer = setTimeout(() => this.#finish("host_closed"), 2000);
    try {
      hosting.close();
    } catch {
      this.#finish("host_closed");
    }
  }

  #onKey(key: Key): void {
    const s = this.#state;
    switch (key.kind) {
      case "interrupt":
        return this.#interrupt();
      case "eof":
        if (!this.#o.bot) this.#finish("quit");
        return;
      case "backspace":
        s.input = dropLastGrapheme(s.input);
        return this.#render();
      case "escape":
        s.input = "";
        return this.#render();
      case "up":
      case "down":
      case "left":
      case "right":
        return this.#moveCursor(key.kind);
      case "enter": {
        const line =
          s.input === "" && this.#state.cursor !== null && this.#grid()
            ? String(this.#state.cursor)
            : s.input;
        if (line === "" && s.final) {
          this.#dropFinal();
          return this.#render();
        }
        s.input = "";
        this.#submit(line);
        return this.#render();
      }
      case "char": {
        if (this.#screen && s.input === "" && this.#instantKey(key.text)) {
          return;
        }
        s.input += key.text;
        return this.#render();
      }
      default:
        return;
    }
  }

  /**
   * Offers a key pressed on an empty input line to the game: an instant
   * move is sent, a notice shown; true when the game took the key. A
   * watcher's key goes to the game with the spectator's view (null before
   * the first view): the game refuses it or the host says "you are
   * watching".
   */
  #instantKey(text: string): boolean {
    const s = this.#state;
    const game = gameOf(this.#o.games, s.game);
    if (!game?.view.key || (!s.watching && this.#rawView === null)) {
      return false;
    }
    const taken = game.view.key(text, this.#rawView);
    if (!taken) return false;
    if (!("type" in taken)) {
      // The game takes the key without a move: say why, type nothing.
      const params = taken.params ?? {};
      this.#log(game.view.error(taken.notice, params, this.#o.lang), "notice");
      return true;
    }
    this.#send(taken);
    return true;
  }

  #submit(line: string): void {
    const text = line.trim();
    if (this.#hosting && text === "/close") return this.#closeRoom();
    if (this.#hosting && text === "/handover") {
      // The room hands itself to its first deputy (lobby message), then
      // says bye to everyone, this program too.
      this.#log(ct(this.#o.lang, "handover_asked"), "notice");
      return this.#send({ type: "handover" });
    }
    if (text.startsWith("{")) {
      try {
        const value = JSON.parse(text);
        if (value && typeof value.type === "string") {
          return this.#send(value);
        }
      } catch { /* not JSON: typed text */ }
    }
    this.#text.lastView = this.#rawView;
    const input = this.#text.parse(text);
    switch (input.kind) {
      case "none":
        return;
      case "show":
        for (const l of input.lines) this.#log(l, "notice");
        return;
      case "send":
        // The hosting player's /quit closes the room (for everyone, with the
        // standings), like /close: typed, it needs no confirmation.
        if (input.message.type === "quit") {
          return this.#hosting ? this.#closeRoom() : this.#finish("quit");
        }
        // `/lang fr` switched the text session: the screen follows.
        this.#state.lang = this.#o.lang = this.#text.lang;
        this.#send(input.message);
        for (const l of input.lines ?? []) this.#log(l, "notice");
    }
  }

  #render(): void {
    if (!this.#screen || this.#renderQueued || this.#end) return;
    this.#renderQueued = true;
    setTimeout(() => {
      this.#renderQueued = false;
      if (this.#end) return;
      this.#state.view = adjustView(this.#rawView, this.#now() - this.#viewAt);
      const { columns, rows } = this.#o.terminal.size();
      const lines = renderScreen(
        this.#state,
        this.#o.games,
        columns,
        rows,
        this.#o.terminal.color,
      );
      const inputRow = lines.length - 1;
      const cursorCol = Math.min(columns, 3 + visibleWidth(this.#state.input));
      this.#o.terminal.write(
        "\x1b[?25l\x1b[H" + lines.map((l) => l + "\x1b[K").join("\r\n") +
          `\x1b[${inputRow};${cursorCol}H\x1b[?25h`,
      );
    }, 16);
  }
}

/** How a `bye` ends the program, by its reason. */
function byeEnd(reason: unknown): PlayerEnd {
  switch (reason) {
    case "quit":
      return "quit";
    case "kicked":
    case "banned":
      return "kicked";
    case "replaced":
      return "replaced";
    case "host_closed":
      return "host_closed";
    default:
      return "dropped";
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/**
 * A view as it stands `elapsed` ms after it arrived: `remainingMs` counts down.
 *
 * @example
 * ```ts
 * import { adjustView } from "./app.ts";
 * adjustView({ remainingMs: 5000 }, 1200); // { remainingMs: 3800 }
 * ```
 */
export function adjustView<V>(view: V, elapsed: number): V {
  // Every view may carry the declared common fields (games/types.ts).
  const common = view as (ViewCommon & object) | null;
  if (
    common && typeof common === "object" &&
    typeof common.remainingMs === "number"
  ) {
    const remainingMs = Math.max(0, common.remainingMs - elapsed);
    return { ...common, remainingMs } as V;
  }
  return view;
}

const graphemes = new Intl.Segmenter();

/**
 * `text` without its last user-perceived character (an emoji with its skin
 * tone or joiners, a letter with its accents): what Backspace removes.
 *
 * @example
 * ```ts
 * import { dropLastGrapheme } from "./app.ts";
 * dropLastGrapheme("ok👍🏽"); // "ok"
 * dropLastGrapheme("e\u0301"); // ""
 * ```
 */
export function dropLastGrapheme(text: string): string {
  let last = 0;
  for (const g of graphemes.segment(text)) last = g.index;
  return text.slice(0, last);
}
