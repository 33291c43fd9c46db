/**
 * The player's program once joined: shows what the host sends (full screen,
 * plain lines, or JSON events), turns keys into messages, and lets a bot
 * play when asked.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import type { HostMessage } from "../protocol/messages.ts";
import type { AnyGame, ViewCommon } from "../games/types.ts";
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
}

/** How long the final screen of a game stays up (Enter skips it). */
export const FINAL_SCREEN_MS = 8000;

/**
 * Why the player's program ended: `kicked` when the leader removed the
 * player (bye `kicked`; the client does not come back on its own).
 */
export type PlayerEnd =
  | "quit"
  | "host_closed"
  | "lost"
  | "games_done"
  | "kicked";

/**
 * Runs the player's side until they quit or the host goes.
 *
 * @example
 * ```ts ignore
 * const end = await runPlayer({ session, games, lang: "fr", terminal: systemTerminal() });
 * ```
 */
export async function runPlayer(opts: PlayerOptions): Promise<PlayerEnd> {
  const app = new PlayerApp(opts);
  return await app.run();
}

class PlayerApp {
  readonly #o: PlayerOptions;
  readonly #text: TextSession;
  readonly #state: ScreenState;
  readonly #now: () => number;
  readonly #random: () => number;
  #viewAt = 0;
  #rawView: unknown = null;
  #renderQueued = false;
  #ticker: ReturnType<typeof setInterval> | null = null;
  #pinger: ReturnType<typeof setInterval> | null = null;
  #botSent = new Set<string>();
  #botTimers = new Set<ReturnType<typeof setTimeout>>();
  #gamesEnded = 0;
  #finalTimer: ReturnType<typeof setTimeout> | null = null;
  #end: PlayerEnd | null = null;
  #resolveEnd!: (end: PlayerEnd) => void;
  readonly #ended = new Promise<PlayerEnd>((r) => this.#resolveEnd = r);

  constructor(o: PlayerOptions) {
    // Game ids come from the wire: a null-prototype table, so `toString`
    // or `constructor` name no game here nor in the text session.
    o = { ...o, games: Object.assign(Object.create(null), o.games) };
    this.#o = o;
    this.#now = o.now ?? (() => performance.now());
    this.#random = o.random ?? Math.random;
    const w = o.session.welcome;
    this.#text = new TextSession(o.games, o.lang, w.you.nickname, {
      helpLine: (lang) => ct(lang, "footer_lobby"),
    });
    this.#state = {
      lang: o.lang,
      room: w.room.name,
      me: w.you.nickname,
      lobby: null,
      game: null,
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

  async run(): Promise<PlayerEnd> {
    const term = this.#o.terminal;
    const unResize = term.onResize(() => this.#render());
    if (this.#screen) {
      term.enter();
      this.#ticker = setInterval(() => {
        if (this.#state.game) this.#render();
      }, 250);
      this.#pinger = setInterval(
        () => this.#o.session.send({ type: "ping", id: this.#now() }),
        5000,
      );
      this.#o.session.send({ type: "ping", id: this.#now() });
    }
    if (this.#o.json) {
      this.#emit({
        type: "connected",
        room: this.#state.room,
        you: this.#state.me,
        connectMs: round(this.#o.session.connectMs),
        fingerprint: this.#o.session.fingerprint,
      });
    }
    this.#onMessage(this.#o.session.welcome);
    const reading = this.#read();
    const typing = this.#type();
    const end = await this.#ended;
    for (const t of this.#botTimers) clearTimeout(t);
    this.#dropFinal();
    if (this.#ticker) clearInterval(this.#ticker);
    if (this.#pinger) clearInterval(this.#pinger);
    unResize();
    await this.#o.session.close();
    await reading;
    if (this.#screen) term.leave();
    void typing; // stdin may stay blocked in a read; the caller exits the process
    return end;
  }

  #finish(end: PlayerEnd): void {
    if (this.#end) return;
    this.#end = end;
    this.#resolveEnd(end);
  }

  async #read(): Promise<void> {
    for await (const msg of this.#o.session.messages()) {
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
    if (!this.#end) {
      this.#log(ct(this.#o.lang, "lost"), "error");
      this.#finish("lost");
    }
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

  #onMessage(msg: Incoming): void {
    if (this.#o.json) this.#emit(msg);
    const m = msg as HostMessage;
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
    const shown = this.#screen && onPanel ? [] : lines;
    for (const l of shown) this.#log(l, kind);
    switch (m.type) {
      case "lobby":
        this.#state.lobby = m;
        break;
      case "game_start":
        this.#dropFinal();
        this.#state.cursor = null;
        this.#state.game = m.game;
        this.#state.view = null;
        this.#rawView = null;
        this.#botSent.clear();
        break;
      case "view":
        this.#rawView = m.view;
        this.#viewAt = this.#now();
        if (this.#o.bot) this.#botPlay(m.game, m.view);
        break;
      case "game_end":
        // Keep the game's final screen (podium, board, ranking) up a while.
        this.#state.final = this.#rawView === null
          ? null
          : { game: m.game, view: this.#rawView };
        if (this.#finalTimer) clearTimeout(this.#finalTimer);
        this.#finalTimer = setTimeout(() => {
          this.#finalTimer = null;
          this.#state.final = null;
          this.#render();
        }, FINAL_SCREEN_MS);
        this.#state.game = null;
        this.#state.view = null;
        this.#rawView = null;
        this.#state.lastEnd = m;
        this.#gamesEnded++;
        if (this.#o.gamesLimit && this.#gamesEnded >= this.#o.gamesLimit) {
          queueMicrotask(() => this.#finish("games_done"));
        }
        break;
      case "pong":
        if (typeof m.id === "number") {
          this.#state.status = ct(this.#o.lang, "rtt", {
            ms: round(this.#now() - m.id),
          });
        }
        break;
      case "bye":
        this.#finish(
          m.reason === "quit"
            ? "quit"
            : m.reason === "kicked"
            ? "kicked"
            : "host_closed",
        );
        break;
    }
    this.#render();
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

  #botPlay(gameId: string, view: unknown): void {
    const game = gameOf(this.#o.games, gameId);
    if (!game) return;
    const d = game.bot(view, this.#random);
    if (!d || this.#botSent.has(d.key)) return;
    this.#botSent.add(d.key);
    const timer = setTimeout(() => {
      this.#botTimers.delete(timer);
      if (!this.#end) this.#o.session.send(d.move);
    }, d.delayMs ?? 0);
    this.#botTimers.add(timer);
  }

  #onKey(key: Key): void {
    const s = this.#state;
    switch (key.kind) {
      case "interrupt":
        return this.#finish("quit");
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
   * move is sent, a notice shown; true when the game took the key. A player
   * who joined during a game watches it without a view: the game sees a
   * null view and may only refuse the key (it never plays for a watcher).
   */
  #instantKey(text: string): boolean {
    const s = this.#state;
    const watching = s.game === null && s.lobby?.state === "playing";
    const game = gameOf(this.#o.games, watching ? s.lobby!.game : s.game);
    if (!game?.view.key || (!watching && this.#rawView === null)) return false;
    const taken = game.view.key(text, watching ? null : this.#rawView);
    if (!taken) return false;
    if (!("type" in taken)) {
      // The game takes the key without a move: say why, type nothing.
      const params = taken.params ?? {};
      this.#log(game.view.error(taken.notice, params, this.#o.lang), "notice");
      return true;
    }
    if (watching) return false;
    this.#o.session.send(taken);
    return true;
  }

  #submit(line: string): void {
    const text = line.trim();
    if (text.startsWith("{")) {
      try {
        const value = JSON.parse(text);
        if (value && typeof value.type === "string") {
          return this.#o.session.send(value);
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
        if (input.message.type === "quit") return this.#finish("quit");
        // `/lang fr` switched the text session: the screen follows.
        this.#state.lang = this.#o.lang = this.#text.lang;
        this.#o.session.send(input.message);
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
