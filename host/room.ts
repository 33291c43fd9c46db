/**
 * The room: who is here, the chat, the game choice, the running game and the
 * session scores. It speaks to members through {@linkcode MemberPort}s and
 * never touches a socket, so it is tested without I/O.
 *
 * @module
 */
import {
  DEFAULT_CAPACITY,
  type Lang,
  NICKNAME_MAX,
  PROTOCOL_VERSION,
} from "../protocol/constants.ts";
import {
  type HostMessage,
  nicknameSchema,
  type PlayerInfo,
  type RoomState,
} from "../protocol/messages.ts";
import type { AnyGame, GameMessage, Seat, Standing } from "../games/types.ts";
import { GameRuleError } from "../games/errors.ts";
import { isFatalRefusal } from "../protocol/refusals.ts";
import { t } from "../i18n/messages.ts";
import type { Clock } from "./clock.ts";
import { GameRunner } from "./game_runner.ts";
import { classify, describeIssues } from "./inbound.ts";

/** How the room reaches one member's connection. */
export interface MemberPort {
  /** Queues a message for this member. */
  send(message: HostMessage | GameMessage): void;
  /** Says goodbye and closes the connection. */
  close(reason: string, message: string): void;
}

/** A request to join. */
export interface JoinRequest {
  /** Nickname as typed; the room trims, normalizes and checks it. */
  nickname: string;
  /** Protocol version of the client; must be {@linkcode PROTOCOL_VERSION}. */
  protocol: number;
  /** Language of the messages this member gets. */
  lang: Lang;
  /** `json` for clients and bots, `text` for `nc`/telnet players. */
  mode: "json" | "text";
  /** Secret from `hello`: when it matches {@linkcode RoomOptions.hostKey}, the seat leads. */
  hostKey?: string;
  /** A bot (hello `client` is `lanplay-bot`): bots lead only a room of bots. */
  bot?: boolean;
}

/** Result of {@linkcode Room.join}. */
export type JoinResult =
  | { ok: true; id: string }
  | { ok: false; code: string; message: string; fatal: boolean };

/** A room's settings. */
export interface RoomOptions {
  /** Room name shown in the banner, `welcome` and LAN announcements. */
  name: string;
  /** Id of this host, the same as in its LAN announcements. */
  hostId: string;
  /** Games that can be played, by id. */
  games: Record<string, AnyGame>;
  /** Game preselected for the first start. */
  game: string;
  /** Raw options per game id (validated when a game starts). */
  gameOptions?: Record<string, Record<string, unknown>>;
  /** Most members at once (default {@linkcode DEFAULT_CAPACITY}). */
  capacity?: number;
  /** Start the first game by itself when this many players are in. */
  autostart?: number | null;
  /** Secret that makes a seat the leader (the hosting player's client). */
  hostKey?: string;
  /** Time source for chat times, pongs and game deadlines. */
  clock: Clock;
  /** Uniform random number in [0, 1), handed to the games. */
  random: () => number;
  /** Called after anything an announcer would show changes. */
  onChange?: (summary: RoomSummary) => void;
  /** Chat lines a newcomer is shown. */
  chatHistory?: number;
}

/** What the outside world (announcer, logs) needs to know. */
export interface RoomSummary {
  /** Members in the room now. */
  players: number;
  /** Most members at once. */
  capacity: number;
  /** `lobby` or `playing`. */
  state: RoomState;
  /** Id of the running game, or of the one chosen for the next start. */
  game: string;
}

interface Member {
  id: string;
  nickname: string;
  lang: Lang;
  mode: "json" | "text";
  port: MemberPort;
  score: number;
  joinedSeq: number;
  isHost: boolean;
  ready: boolean;
  bot: boolean;
}

/**
 * A lanplay room.
 *
 * @example
 * ```ts ignore
 * const room = new Room({ name: "Salle", hostId: "h1", games, game: "justeprix", clock: realClock, random: Math.random });
 * const r = room.join({ nickname: "ana", protocol: 1, lang: "fr", mode: "json" }, port);
 * if (r.ok) room.receive(r.id, { type: "chat", text: "salut" });
 * ```
 */
export class Room {
  /** Room name shown in the banner, `welcome` and LAN announcements. */
  readonly name: string;
  /** Id of this host, the same as in its LAN announcements. */
  readonly hostId: string;
  /** Most members at once. */
  readonly capacity: number;
  #members = new Map<string, Member>();
  #seq = 0;
  #game: string;
  #runner: GameRunner | null = null;
  #autostart: number | null;
  #chat: { from: string; text: string; at: number }[] = [];
  #closed = false;
  readonly #opts: RoomOptions;
  readonly #moveTypes: string[];

  /**
   * Makes an empty room in the lobby.
   *
   * @param options the room's settings
   */
  constructor(options: RoomOptions) {
    this.#opts = options;
    this.name = options.name;
    this.hostId = options.hostId;
    this.capacity = options.capacity ?? DEFAULT_CAPACITY;
    this.#game = options.game;
    this.#autostart = options.autostart ?? null;
    this.#moveTypes = Object.values(options.games).flatMap((
      g,
    ) => [...g.rules.moveTypes]);
  }

  /** Current state for announcers and logs. */
  summary(): RoomSummary {
    return {
      players: this.#members.size,
      capacity: this.capacity,
      state: this.#runner ? "playing" : "lobby",
      game: this.#game,
    };
  }

  /** Nicknames of the members, in joining order. */
  nicknames(): string[] {
    return this.#sorted().map((m) => m.nickname);
  }

  /**
   * Seats a new member, or says why not.
   * @param req who asks
   * @param port how to reach them
   */
  join(req: JoinRequest, port: MemberPort): JoinResult {
    const lang = req.lang;
    const refuse = (
      code: string,
      params: Record<string, string | number>,
    ): JoinResult => ({
      ok: false,
      code,
      message: t(lang, `err.${code}`, params),
      fatal: isFatalRefusal(code),
    });
    if (this.#closed) {
      return refuse("host_closed", {});
    }
    if (req.protocol !== PROTOCOL_VERSION) {
      return refuse(
        "version",
        { theirs: req.protocol, ours: PROTOCOL_VERSION },
      );
    }
    const parsed = nicknameSchema.safeParse(req.nickname);
    if (!parsed.success) {
      return refuse("bad_nickname", {
        nickname: req.nickname.slice(0, 40),
        max: NICKNAME_MAX,
      });
    }
    const nickname = parsed.data;
    const lower = nickname.toLowerCase();
    if (
      [...this.#members.values()].some((m) =>
        m.nickname.toLowerCase() === lower
      )
    ) {
      return refuse("nickname_taken", { nickname });
    }
    if (this.#members.size >= this.capacity) {
      return refuse("room_full", { n: this.capacity });
    }
    const id = `p${++this.#seq}`;
    const isHost = !!this.#opts.hostKey && req.hostKey === this.#opts.hostKey;
    const member: Member = {
      id,
      nickname,
      lang,
      mode: req.mode,
      port,
      score: 0,
      joinedSeq: this.#seq,
      isHost,
      ready: false,
      bot: !!req.bot,
    };
    this.#members.set(id, member);
    port.send({
      type: "welcome",
      protocol: PROTOCOL_VERSION,
      token: crypto.randomUUID(),
      you: { id, nickname, leader: this.#leader()?.id === id },
      room: { name: this.name, hostId: this.hostId, capacity: this.capacity },
      capabilities: ["chat", "text-mode", ...Object.keys(this.#opts.games)],
    });
    const history = this.#chat.slice(-(this.#opts.chatHistory ?? 20));
    for (const c of history) port.send({ type: "chat", ...c });
    this.#broadcast({ type: "joined", nickname }, id);
    this.#sendLobby();
    if (this.#runner) this.#runner.sendView(id);
    this.#changed();
    this.#maybeAutostart();
    return { ok: true, id };
  }

  /**
   * Handles one parsed JSON value from a member: validates, then applies.
   * Problems become an `error` message to that member only.
   * @param id the member
   * @param value parsed JSON (untrusted)
   * @returns false when the message broke the protocol (no type, unknown
   * type, schema error): the connection counts those; rule refusals (not
   * your turn, out of range...) are part of playing and return true.
   */
  receive(id: string, value: unknown): boolean {
    const m = this.#members.get(id);
    if (!m) return true;
    const r = classify(
      value,
      this.#runner?.game.rules ?? null,
      this.#moveTypes,
    );
    if (r.kind === "error") {
      this.error(id, r.code, r.params);
      return r.code === "no_game" || r.code === "wrong_game";
    }
    this.#dispatch(m, r);
    return true;
  }

  #dispatch(
    m: Member,
    r: Exclude<ReturnType<typeof classify>, { kind: "error" }>,
  ): void {
    const id = m.id;
    if (r.kind === "move") return this.#move(m, r.move);
    const msg = r.message;
    switch (msg.type) {
      case "chat": {
        const line = {
          from: m.nickname,
          text: msg.text,
          at: this.#opts.clock.now(),
        };
        this.#chat.push(line);
        if (this.#chat.length > 100) this.#chat.shift();
        this.#broadcast({ type: "chat", ...line });
        return;
      }
      case "start":
        return this.#start(m, msg.game, msg.options);
      case "choose":
        return this.#choose(m, msg.game, msg.options);
      case "stop":
        return this.#stop(m);
      case "lang":
        m.lang = msg.lang;
        return;
      case "ping":
        m.port.send({ type: "pong", id: msg.id, at: this.#opts.clock.now() });
        return;
      case "ready":
        m.ready = msg.ready ?? !m.ready;
        this.#sendLobby();
        return;
      case "quit":
        m.port.close("quit", t(m.lang, "bye.quit"));
        this.leave(id, "quit");
        return;
    }
  }

  /**
   * Sends a member an `error` in their language.
   * @param id the member
   * @param code error code (key `err.<code>` in the catalog)
   * @param params template values
   */
  error(
    id: string,
    code: string,
    params: Record<string, string | number> = {},
  ): void {
    const m = this.#members.get(id);
    if (!m) return;
    m.port.send({
      type: "error",
      code,
      message: t(m.lang, `err.${code}`, params),
    });
  }

  /**
   * Language of a member (for the connection's own messages).
   * @param id the member
   */
  langOf(id: string): Lang | undefined {
    return this.#members.get(id)?.lang;
  }

  /**
   * A member left (quit, lost connection, cut for being slow).
   * @param id the member
   * @param reason key `reason.<reason>` in the catalog
   */
  leave(id: string, reason: string): void {
    const m = this.#members.get(id);
    if (!m) return;
    this.#members.delete(id);
    this.#runner?.leave(id);
    for (const o of this.#members.values()) {
      o.port.send({
        type: "left",
        nickname: m.nickname,
        reason: t(o.lang, `reason.${reason}`),
      });
    }
    if (this.#runner && !this.#runner.ended && this.#members.size === 0) {
      this.#runner.stop();
      this.#runner = null;
    }
    this.#sendLobby();
    this.#changed();
  }

  /** Tells everyone the room closes and closes every connection. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#runner?.stop();
    this.#runner = null;
    for (const m of this.#members.values()) {
      m.port.close("host_closed", t(m.lang, "bye.host_closed"));
    }
    this.#members.clear();
    this.#changed();
  }

  #sorted(): Member[] {
    return [...this.#members.values()].sort((a, b) =>
      a.joinedSeq - b.joinedSeq
    );
  }

  #leader(): Member | undefined {
    const sorted = this.#sorted();
    return sorted.find((m) => m.isHost) ??
      (this.#opts.hostKey
        ? undefined
        : sorted.find((m) => !m.bot) ?? sorted[0]);
  }

  #broadcast(message: HostMessage | GameMessage, except?: string): void {
    for (const m of this.#members.values()) {
      if (m.id !== except) m.port.send(message);
    }
  }

  #players(): PlayerInfo[] {
    const leader = this.#leader();
    return this.#sorted().map((m) => ({
      id: m.id,
      nickname: m.nickname,
      score: m.score,
      leader: m === leader,
      mode: m.mode,
      connected: true,
      ready: m.ready,
    }));
  }

  #sendLobby(): void {
    this.#broadcast({
      type: "lobby",
      state: this.#runner ? "playing" : "lobby",
      game: this.#game,
      games: Object.keys(this.#opts.games),
      players: this.#players(),
      autostart: this.#autostart,
    });
  }

  #changed(): void {
    this.#opts.onChange?.(this.summary());
  }

  #maybeAutostart(): void {
    if (this.#autostart === null || this.#runner) return;
    if (this.#members.size >= this.#autostart) {
      this.#autostart = null; // only the first game starts by itself
      const problem = this.#launch(this.#game, undefined);
      const leader = this.#leader();
      if (problem && leader) {
        this.error(leader.id, problem.code, problem.params);
      }
    }
  }

  #start(
    m: Member,
    game: string | undefined,
    options: Record<string, unknown> | undefined,
  ): void {
    const leader = this.#leader();
    if (m !== leader) {
      return this.error(m.id, "not_leader", {
        leader: leader?.nickname ?? "?",
      });
    }
    if (this.#runner) return this.error(m.id, "game_running");
    const problem = this.#launch(game ?? this.#game, options, m.lang);
    if (problem) this.error(m.id, problem.code, problem.params);
  }

  #choose(
    m: Member,
    id: string,
    options: Record<string, unknown> | undefined,
  ): void {
    const leader = this.#leader();
    if (m !== leader) {
      return this.error(m.id, "not_leader", {
        leader: leader?.nickname ?? "?",
      });
    }
    const game = this.#opts.games[id];
    if (!game) {
      return this.error(m.id, "unknown_game", {
        game: id,
        games: Object.keys(this.#opts.games).join(", "),
      });
    }
    if (options) {
      const parsed = game.rules.optionsSchema.safeParse({
        ...this.#opts.gameOptions?.[id],
        ...options,
      });
      if (!parsed.success) {
        return this.error(m.id, "bad_options", {
          game: game.rules.title[m.lang],
          detail: describeIssues(parsed.error),
        });
      }
      this.#opts.gameOptions = {
        ...this.#opts.gameOptions,
        [id]: { ...this.#opts.gameOptions?.[id], ...options },
      };
    }
    this.#game = id;
    this.#sendLobby();
    this.#changed();
  }

  #stop(m: Member): void {
    const leader = this.#leader();
    if (m !== leader) {
      return this.error(m.id, "not_leader", {
        leader: leader?.nickname ?? "?",
      });
    }
    if (!this.#runner) return this.error(m.id, "no_game");
    this.#finish(this.#runner.standings().map((s) => ({ ...s, points: 0 })));
  }

  #launch(
    id: string,
    extra: Record<string, unknown> | undefined,
    lang: Lang = "en",
  ): { code: string; params: Record<string, string | number> } | null {
    const game = this.#opts.games[id];
    const games = Object.keys(this.#opts.games).join(", ");
    if (!game) return { code: "unknown_game", params: { game: id, games } };
    const title = game.rules.title[lang];
    const seats: Seat[] = this.#sorted().map((m) => ({
      id: m.id,
      nickname: m.nickname,
    }));
    if (seats.length < game.rules.minPlayers) {
      return {
        code: "too_few_players",
        params: { game: title, n: game.rules.minPlayers },
      };
    }
    const raw = { ...this.#opts.gameOptions?.[id], ...extra };
    const parsed = game.rules.optionsSchema.safeParse(raw);
    if (!parsed.success) {
      return {
        code: "bad_options",
        params: { game: title, detail: describeIssues(parsed.error) },
      };
    }
    this.#game = id;
    const runner = new GameRunner(
      game,
      seats,
      parsed.data,
      this.#opts.clock,
      this.#opts.random,
      {
        deliver: (to, message) => {
          if (to === "all") this.#broadcast(message);
          else this.#members.get(to)?.port.send(message);
        },
        audience: () => [...this.#members.keys()],
        view: (to, view) =>
          this.#members.get(to)?.port.send({ type: "view", game: id, view }),
        over: (standings) => this.#finish(standings, runner),
      },
    );
    this.#runner = runner;
    for (const m of this.#members.values()) m.ready = false;
    this.#broadcast({
      type: "game_start",
      game: id,
      players: seats.map((s) => s.nickname),
    });
    this.#sendLobby();
    this.#changed();
    runner.start();
    return null;
  }

  #finish(standings: Standing[], which?: GameRunner): void {
    const runner = this.#runner;
    if (!runner || (which && which !== runner)) return;
    runner.stop();
    this.#runner = null;
    for (const s of standings) {
      const m = this.#members.get(s.id);
      if (m) m.score += s.points;
    }
    this.#broadcast({
      type: "game_end",
      game: runner.game.rules.id,
      ranking: standings.map((s) => ({
        nickname: s.nickname,
        rank: s.rank,
        points: s.points,
      })),
      scores: this.#sorted().map((m) => ({
        nickname: m.nickname,
        score: m.score,
      }))
        .sort((a, b) => b.score - a.score),
    });
    this.#sendLobby();
    this.#changed();
  }

  #move(m: Member, move: { type: string; [k: string]: unknown }): void {
    const runner = this.#runner;
    if (!runner) return this.error(m.id, "no_game");
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
}
