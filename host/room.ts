/**
 * The room: who is here ({@linkcode Members}), the chat, the game side
 * ({@linkcode Match}) and what the lobby shows. It speaks to members through
 * {@linkcode MemberPort}s and never touches a socket, so it is tested
 * without I/O.
 *
 * What one player sends must not cost the host much more than its size in
 * output: lobby updates (the full player list, to everyone) are coalesced,
 * at most one every {@linkcode LOBBY_INTERVAL_MS} (ms) with the latest state, the
 * first one after a quiet spell at once, none when nothing changed.
 *
 * The leader can kick a player (`kick`, `/kick NAME`): their address and
 * their nickname's look-alikes are then refused (`banned`) for the session.
 * Loopback addresses are never banned: they are the host's own machine.
 *
 * @module
 */
import { DEFAULT_CAPACITY, type Lang } from "../protocol/constants.ts";
import type { HostMessage, RoomState } from "../protocol/messages.ts";
import { PROTOCOL_VERSION } from "../protocol/constants.ts";
import type { AnyGame } from "../games/types.ts";
import { t } from "../i18n/messages.ts";
import { nicknameSkeleton } from "../protocol/nickname.ts";
import { admit, type JoinRequest, type JoinResult } from "./admission.ts";
import { ChatLog } from "./chat.ts";
import type { Clock } from "./clock.ts";
import { classify } from "./inbound.ts";
import { Match } from "./match.ts";
import { type Member, type MemberPort, Members } from "./members.ts";
import type { LoadedQuiz, QuizShelf } from "./quiz_shelf.ts";

export type { JoinRequest, JoinResult } from "./admission.ts";
export type { MemberPort } from "./members.ts";

/** Least time between two `lobby` broadcasts of one room (ms). */
export const LOBBY_INTERVAL_MS = 100;

/**
 * The path of a `__proto__` key in a message or one of its fields (JSON
 * makes it an own key; schemas would drop it silently), or "".
 */
function protoField(value: unknown): string {
  if (typeof value !== "object" || value === null) return "";
  if (Object.hasOwn(value, "__proto__")) return "__proto__";
  for (const [key, inner] of Object.entries(value)) {
    if (
      typeof inner === "object" && inner !== null &&
      Object.hasOwn(inner, "__proto__")
    ) return `${key.slice(0, 40)}.__proto__`;
  }
  return "";
}

/** True for an address of the host's own machine (127.0.0.0/8, ::1). */
function isLoopback(address: string): boolean {
  return address.startsWith("127.") || address === "::1" ||
    address.startsWith("::ffff:127.");
}

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
  /** The quiz files the leader may load from the room (`/quiz`); none when absent. */
  quizzes?: QuizShelf | null;
  /** A quiz loaded at start (`--questions`): the QCM's questions, with its title. */
  quiz?: LoadedQuiz | null;
  /** Secret that makes a seat the leader (the hosting player's client). */
  hostKey?: string;
  /** The room's public key (base64url, discovery/room_key.ts), sent in `welcome`. */
  publicKey?: string;
  /** The PIN players must give (`--pin`); none when absent. */
  pin?: string;
  /** Time source for chat times, pongs and game deadlines. */
  clock: Clock;
  /** Uniform random number in [0, 1), handed to the games. */
  random: () => number;
  /** Called after anything an announcer would show changes. */
  onChange?: (summary: RoomSummary) => void;
  /** Chat lines a newcomer is shown. */
  chatHistory?: number;
  /**
   * Least time between two `lobby` broadcasts, in ms (default
   * {@linkcode LOBBY_INTERVAL_MS}; 0 sends each change at once).
   */
  lobbyIntervalMs?: number;
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

/**
 * A lanplay room.
 *
 * @example
 * ```ts
 * import { Room } from "./room.ts";
 * import { realClock } from "./clock.ts";
 * import { GAMES } from "../games/registry.ts";
 * const room = new Room({ name: "Salle", hostId: "h1", games: GAMES, game: "justeprix", clock: realClock, random: Math.random });
 * const seen: string[] = [];
 * const port = { send: (m: { type: string }) => void seen.push(m.type), close() {} };
 * const r = room.join({ nickname: "ana", protocol: 1, lang: "fr", mode: "json" }, port);
 * if (r.ok) room.receive(r.id, { type: "chat", text: "salut" });
 * seen; // ["welcome", "lobby", "chat"]
 * ```
 */
export class Room {
  /** Room name shown in the banner, `welcome` and LAN announcements. */
  readonly name: string;
  /** Id of this host, the same as in its LAN announcements. */
  readonly hostId: string;
  /** Most members at once. */
  readonly capacity: number;
  readonly #members: Members;
  readonly #chat = new ChatLog(100);
  readonly #match: Match;
  #closed = false;
  readonly #opts: RoomOptions;
  readonly #moveTypes: string[];
  readonly #bannedAddresses = new Set<string>();
  readonly #bannedSkeletons = new Set<string>();
  #lobbyAt = -Infinity;
  #lobbyTimer: (() => void) | null = null;
  #lobbyJson = "";

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
    this.#members = new Members(options.hostKey);
    this.#match = new Match({
      members: this.#members,
      games: options.games,
      game: options.game,
      gameOptions: options.gameOptions,
      autostart: options.autostart,
      quizzes: options.quizzes,
      quiz: options.quiz,
      clock: options.clock,
      random: options.random,
      error: (id, code, params, key) => this.error(id, code, params, key),
      changed: () => {
        this.#sendLobby();
        this.#changed();
      },
    });
    this.#moveTypes = Object.values(options.games).flatMap((
      g,
    ) => [...g.rules.moveTypes]);
  }

  /** Current state for announcers and logs. */
  summary(): RoomSummary {
    return {
      players: this.#members.size,
      capacity: this.capacity,
      state: this.#match.playing ? "playing" : "lobby",
      game: this.#match.game,
    };
  }

  /** Nicknames of the members, in joining order. */
  nicknames(): string[] {
    return this.#members.sorted().map((m) => m.nickname);
  }

  /**
   * Seats a new member, or says why not.
   * @param req who asks
   * @param port how to reach them
   */
  join(req: JoinRequest, port: MemberPort): JoinResult {
    const members = this.#members;
    const isHost = !!this.#opts.hostKey && req.hostKey === this.#opts.hostKey;
    const checked = admit(req, {
      closed: this.#closed,
      size: members.size,
      capacity: this.capacity,
      hasNickname: (n) => members.hasNickname(n),
      lookalikeOf: (skeleton) => members.lookalikeOf(skeleton),
      pin: this.#opts.pin,
      isBanned: (address, skeleton) =>
        !isHost &&
        ((address !== undefined && this.#bannedAddresses.has(address)) ||
          (skeleton !== null && this.#bannedSkeletons.has(skeleton))),
    });
    if (!checked.ok) return checked;
    const { nickname } = checked;
    const { id } = members.add({
      nickname,
      lang: req.lang,
      mode: req.mode,
      port,
      isHost,
      bot: !!req.bot,
      ...(req.address !== undefined ? { address: req.address } : {}),
    });
    port.send({
      type: "welcome",
      protocol: PROTOCOL_VERSION,
      token: crypto.randomUUID(),
      you: { id, nickname, leader: members.leader()?.id === id },
      room: {
        name: this.name,
        hostId: this.hostId,
        capacity: this.capacity,
        ...(this.#opts.publicKey ? { key: this.#opts.publicKey } : {}),
        ...(req.proof ? { proof: req.proof } : {}),
      },
      capabilities: ["chat", "text-mode", ...Object.keys(this.#opts.games)],
    });
    for (const c of this.#chat.last(this.#opts.chatHistory ?? 20)) {
      port.send({ type: "chat", ...c });
    }
    members.broadcast({ type: "joined", nickname }, id);
    this.#sendLobby(id);
    this.#match.sendView(id);
    this.#changed();
    this.#match.maybeAutostart();
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
    const proto = protoField(value);
    if (proto) {
      this.error(id, "invalid_message", {
        type: String((value as { type?: unknown }).type).slice(0, 40),
        detail: `field "${proto}" is not allowed`,
      });
      return false;
    }
    const r = classify(value, this.#match.rules, this.#moveTypes);
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
    if (r.kind === "move") return this.#match.move(m, r.move);
    const msg = r.message;
    switch (msg.type) {
      case "chat": {
        const line = {
          from: m.nickname,
          text: msg.text,
          at: this.#opts.clock.now(),
        };
        this.#chat.add(line);
        this.#members.broadcast({ type: "chat", ...line });
        return;
      }
      case "start":
        return this.#match.start(m, msg.game, msg.options);
      case "choose":
        return this.#match.choose(m, msg.game, msg.options);
      case "kick":
        return this.#kick(m, msg.id);
      case "stop":
        return this.#match.stop(m);
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
        this.leave(m.id, "quit");
        return;
      case "options":
        return this.#match.showOptions(m, msg.game);
      case "set":
        return this.#match.set(m, msg.game, msg.key, msg.value);
      case "quiz":
        return this.#match.quiz(m, msg.name);
    }
  }

  /**
   * The leader puts a player out: bye `kicked`, the seat and the nickname
   * are freed, and their address and nickname look-alikes are refused
   * `banned` for the rest of the session.
   */
  #kick(by: Member, who: string): void {
    const leader = this.#members.leader();
    if (by !== leader) {
      return this.error(by.id, "not_leader", {
        leader: leader?.nickname ?? "?",
      });
    }
    const target = this.#members.find(who);
    if (!target) return this.error(by.id, "unknown_player", { player: who });
    if (target === by) return this.error(by.id, "kick_self");
    this.#bannedSkeletons.add(nicknameSkeleton(target.nickname));
    if (target.address !== undefined && !isLoopback(target.address)) {
      this.#bannedAddresses.add(target.address);
    }
    target.port.close("kicked", t(target.lang, "bye.kicked"));
    this.leave(target.id, "kicked");
  }

  /**
   * Sends a member an `error` in their language.
   * @param id the member
   * @param code error code (key `err.<code>` in the catalog)
   * @param params template values
   * @param key catalog key of the sentence when not `err.<code>`
   */
  error(
    id: string,
    code: string,
    params: Record<string, string | number> = {},
    key = `err.${code}`,
  ): void {
    const m = this.#members.get(id);
    if (!m) return;
    m.port.send({
      type: "error",
      code,
      message: t(m.lang, key, params),
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
    const m = this.#members.delete(id);
    if (!m) return;
    this.#match.left(id);
    for (const o of this.#members.sorted()) {
      o.port.send({
        type: "left",
        nickname: m.nickname,
        reason: t(o.lang, `reason.${reason}`),
      });
    }
    this.#sendLobby();
    this.#changed();
  }

  /** Tells everyone the room closes and closes every connection. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#lobbyTimer?.();
    this.#lobbyTimer = null;
    this.#match.close();
    for (const m of this.#members.sorted()) {
      m.port.close("host_closed", t(m.lang, "bye.host_closed"));
    }
    this.#members.clear();
    this.#changed();
  }

  /**
   * The lobby changed: everyone gets the new state now after a quiet spell,
   * else once the interval since the last broadcast is over (one message with
   * the latest state, however many changes came in between).
   * @param newcomer a member who just joined: they get the state at once
   */
  #sendLobby(newcomer?: string): void {
    if (this.#closed) return;
    const now = this.#opts.clock.now();
    const interval = this.#opts.lobbyIntervalMs ?? LOBBY_INTERVAL_MS;
    const wait = this.#lobbyAt + interval - now;
    if (!this.#lobbyTimer && wait <= 0) return this.#flushLobby();
    if (newcomer) this.#members.get(newcomer)?.port.send(this.#lobby());
    this.#lobbyTimer ??= this.#opts.clock.after(wait, () => {
      this.#lobbyTimer = null;
      this.#flushLobby();
    });
  }

  #flushLobby(): void {
    const lobby = this.#lobby();
    const json = JSON.stringify(lobby);
    if (json === this.#lobbyJson) return; // nothing changed since the last one
    this.#lobbyJson = json;
    this.#lobbyAt = this.#opts.clock.now();
    this.#members.broadcast(lobby);
  }

  #lobby(): Extract<HostMessage, { type: "lobby" }> {
    return {
      type: "lobby",
      state: this.#match.playing ? "playing" : "lobby",
      game: this.#match.game,
      games: Object.keys(this.#opts.games),
      players: this.#members.players(),
      autostart: this.#match.autostart,
      ...this.#match.lobbyFields(),
    };
  }

  #changed(): void {
    this.#opts.onChange?.(this.summary());
  }
}
