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
import {
  DEFAULT_CAPACITY,
  DEFAULT_GRACE_MS,
  HEARTBEAT_INTERVAL_MS,
  HEARTBEAT_TIMEOUT_MS,
  type Lang,
  MAX_HELD_PER_ADDRESS,
  MAX_WATCHERS,
  PROTOCOL_VERSION,
} from "../protocol/constants.ts";
import type {
  HostMessage,
  RoomState,
  SessionStanding,
} from "../protocol/messages.ts";
import type { AnyGame } from "../games/types.ts";
import { t } from "../i18n/messages.ts";
import { nicknameSkeleton } from "../protocol/nickname.ts";
import {
  admit,
  type JoinRequest,
  type JoinResult,
  refusal,
  samePin,
} from "./admission.ts";
import { ChatLog } from "./chat.ts";
import type { Clock } from "./clock.ts";
import { classify } from "./inbound.ts";
import { Match } from "./match.ts";
import { type Member, type MemberPort, Members, NO_PORT } from "./members.ts";
import type { LoadedQuiz, QuizShelf } from "./quiz_shelf.ts";

export type { JoinRequest, JoinResult } from "./admission.ts";
export type { ByeExtra, MemberPort } from "./members.ts";

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
  /**
   * How long a lost player's seat is held for them to come back, in ms
   * (default {@linkcode DEFAULT_GRACE_MS}; 0 frees it at once).
   */
  graceMs?: number;
  /** Heartbeat timing told to clients in `welcome` (the connections run it). */
  heartbeat?: { intervalMs: number; timeoutMs: number };
}

/** What a watcher (a projector screen) may send. */
const WATCHER_MESSAGES = new Set(["ping", "pong", "lang", "quit"]);

/**
 * Why a connection ended without the room removing its member: those
 * seats are held for the player to come back (the others are freed).
 */
const HELD_REASONS = new Set([
  "disconnected",
  "timeout",
  "slow_reader",
  "internal_error",
]);

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
  readonly #grace = new Map<string, () => void>();
  #leaderId: string | undefined;
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
      latency: (seat) => this.#members.latencyMs(seat),
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

  /** How long a lost player's seat is held (ms). */
  get graceMs(): number {
    return this.#opts.graceMs ?? DEFAULT_GRACE_MS;
  }

  /**
   * Seats a new member, gives a held seat back (`token`, or `rejoinCode`
   * with the seat's nickname in text mode), or says why not.
   * @param req who asks
   * @param port how to reach them
   */
  join(req: JoinRequest, port: MemberPort): JoinResult {
    const members = this.#members;
    if (this.#closed) return refusal(req.lang, "host_closed", {});
    if (req.protocol !== PROTOCOL_VERSION) {
      return refusal(req.lang, "version", {
        theirs: req.protocol,
        ours: PROTOCOL_VERSION,
      });
    }
    const back = this.#seatBack(req);
    if (back && "ok" in back) return back;
    if (back) return this.#rejoin(back, req, port);
    if (req.watcher) return this.#watch(req, port);
    const isHost = !!this.#opts.hostKey && req.hostKey === this.#opts.hostKey;
    const checked = admit(req, {
      closed: this.#closed,
      size: members.size,
      capacity: this.capacity,
      hasNickname: (n) => members.hasNickname(n),
      isHeld: (n) => members.heldSeat(n) !== undefined,
      lookalikeOf: (skeleton) => members.lookalikeOf(skeleton),
      pin: this.#opts.pin,
      isBanned: (address, skeleton) =>
        !isHost &&
        ((address !== undefined && this.#bannedAddresses.has(address)) ||
          (skeleton !== null && this.#bannedSkeletons.has(skeleton))),
    });
    if (!checked.ok) return checked;
    const { nickname } = checked;
    const m = members.add({
      nickname,
      lang: req.lang,
      mode: req.mode,
      port,
      isHost,
      bot: !!req.bot,
      ...(req.address !== undefined ? { address: req.address } : {}),
    });
    this.#welcome(m, req, false);
    members.broadcast({ type: "joined", id: m.id, nickname }, m.id);
    this.#sendLobby(m.id);
    this.#match.sendView(m.id);
    this.#leaderChanged();
    this.#changed();
    this.#match.maybeAutostart();
    return { ok: true, id: m.id };
  }

  /**
   * The seat a join takes back: by token (an unknown one is a plain join),
   * or by nickname and rejoin code in text mode (a wrong code is refused).
   */
  #seatBack(req: JoinRequest): Member | JoinResult | undefined {
    if (req.token !== undefined) {
      const m = this.#members.byToken(req.token);
      if (m) return m;
    }
    if (req.rejoinCode === undefined) return undefined;
    const m = this.#members.find(req.nickname.trim().normalize("NFC"));
    if (!m || !samePin(req.rejoinCode.toUpperCase(), m.rejoin)) {
      return refusal(req.lang, "bad_rejoin_code", {
        nickname: req.nickname.slice(0, 40),
      });
    }
    return m;
  }

  /**
   * A player takes their seat back: same id, nickname, score and place in
   * the running game. A connection still open on that seat (the player
   * came back before the host saw the drop) is told `replaced` and closed.
   */
  #rejoin(m: Member, req: JoinRequest, port: MemberPort): JoinResult {
    this.#grace.get(m.id)?.();
    this.#grace.delete(m.id);
    const old = m.port;
    const wasAway = !m.connected;
    m.port = port;
    m.connected = true;
    m.lang = req.lang;
    if (old !== NO_PORT) old.close("replaced", t(req.lang, "bye.replaced"));
    this.#welcome(m, req, true);
    this.#members.broadcast(
      { type: "back", id: m.id, nickname: m.nickname },
      m.id,
    );
    this.#sendLobby(m.id);
    this.#match.sendView(m.id);
    if (wasAway) this.#match.presence(m.id, true);
    this.#leaderChanged();
    this.#changed();
    return { ok: true, id: m.id };
  }

  /** A watcher (the projector view): room messages, no seat. */
  #watch(req: JoinRequest, port: MemberPort): JoinResult {
    if (this.#members.watchers >= MAX_WATCHERS) {
      return refusal(req.lang, "too_many_watchers", { n: MAX_WATCHERS });
    }
    const m = this.#members.add({
      nickname: "screen",
      lang: req.lang,
      mode: req.mode,
      port,
      isHost: false,
      bot: false,
      watcher: true,
    });
    this.#welcome(m, req, false);
    this.#sendLobby(m.id);
    this.#match.sendView(m.id);
    return { ok: true, id: m.id };
  }

  /** The welcome, then the chat's last lines. */
  #welcome(m: Member, req: JoinRequest, rejoined: boolean): void {
    const hb = this.#opts.heartbeat ?? {
      intervalMs: HEARTBEAT_INTERVAL_MS,
      timeoutMs: HEARTBEAT_TIMEOUT_MS,
    };
    m.port.send({
      type: "welcome",
      protocol: PROTOCOL_VERSION,
      token: m.token,
      you: {
        id: m.id,
        nickname: m.nickname,
        leader: this.#members.leader() === m,
      },
      room: {
        name: this.name,
        hostId: this.hostId,
        capacity: this.capacity,
        ...(this.#opts.publicKey ? { key: this.#opts.publicKey } : {}),
        ...(req.proof ? { proof: req.proof } : {}),
      },
      capabilities: [
        "chat",
        "text-mode",
        "heartbeat",
        "rejoin",
        ...Object.keys(this.#opts.games),
      ],
      ...(m.watcher ? {} : { rejoin: m.rejoin }),
      rejoined,
      heartbeat: hb,
      graceMs: this.graceMs,
    });
    for (const c of this.#chat.last(this.#opts.chatHistory ?? 20)) {
      m.port.send({ type: "chat", ...c });
    }
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
    if (
      m.watcher &&
      (r.kind === "move" || !WATCHER_MESSAGES.has(r.message.type))
    ) return this.error(m.id, "watcher");
    if (r.kind === "move") return this.#match.move(m, r.move);
    const msg = r.message;
    switch (msg.type) {
      case "chat": {
        const line = {
          id: m.id,
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
      case "pong": // answers to the host's heartbeat: the connection reads them
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
   * Nickname of a member (for the host's log).
   * @param id the member
   */
  nicknameOf(id: string): string | undefined {
    return this.#members.get(id)?.nickname;
  }

  /**
   * Language of a member (for the connection's own messages).
   * @param id the member
   */
  langOf(id: string): Lang | undefined {
    return this.#members.get(id)?.lang;
  }

  /**
   * Records a heartbeat round trip of a member (its one-way latency is
   * offered to games for fair timing).
   * @param id the member
   * @param ms the round trip, measured by the host
   */
  heartbeat(id: string, ms: number): void {
    this.#members.recordRtt(id, ms);
  }

  /**
   * A member's connection ended without the room removing them. The seat
   * is held for {@linkcode Room.graceMs} when the connection was lost
   * (closed, silent, too slow, failed): the others get `away`, the game
   * keeps the seat; else, or with no grace, the member leaves. Nothing
   * happens when `port` no longer reaches the seat (it was replaced).
   * @param id the member
   * @param port the port of the connection that ended
   * @param reason key `reason.<reason>` in the catalog
   */
  lost(id: string, port: MemberPort, reason: string): void {
    const m = this.#members.get(id);
    if (!m || m.port !== port) return;
    if (this.#closed || m.watcher || this.graceMs <= 0) {
      return this.leave(id, reason);
    }
    if (!HELD_REASONS.has(reason)) return this.leave(id, reason);
    m.port = NO_PORT;
    m.connected = false;
    this.#grace.set(
      id,
      this.#opts.clock.after(this.graceMs, () => {
        this.#grace.delete(id);
        this.leave(id, "gone");
      }),
    );
    this.#members.broadcast({
      type: "away",
      id,
      nickname: m.nickname,
      graceMs: this.graceMs,
    });
    this.#match.presence(id, false);
    this.#leaderChanged();
    this.#sendLobby();
    this.#changed();
    this.#boundHeld(m.address);
  }

  /** Frees the oldest held seats of an address beyond {@linkcode MAX_HELD_PER_ADDRESS}. */
  #boundHeld(address: string | undefined): void {
    if (address === undefined) return;
    const held = this.#members.sorted().filter((o) =>
      !o.connected && o.address === address
    );
    for (const o of held.slice(0, -MAX_HELD_PER_ADDRESS)) {
      this.leave(o.id, "gone");
    }
  }

  /**
   * A member left for good (quit, kicked, did not come back in time): the
   * seat and the nickname are freed.
   * @param id the member
   * @param reason key `reason.<reason>` in the catalog
   */
  leave(id: string, reason: string): void {
    const m = this.#members.delete(id);
    if (!m) return;
    this.#grace.get(id)?.();
    this.#grace.delete(id);
    if (m.watcher) return;
    this.#match.left(id);
    for (const o of this.#members.sorted()) {
      o.port.send({
        type: "left",
        id: m.id,
        nickname: m.nickname,
        reason: t(o.lang, `reason.${reason}`),
      });
    }
    this.#leaderChanged();
    this.#sendLobby();
    this.#changed();
  }

  /**
   * The session standings: players by score, ties sharing a rank.
   */
  standings(): SessionStanding[] {
    return sessionStandings(this.#members.sorted());
  }

  /**
   * Tells everyone the room closes (`bye` with the session standings) and
   * closes every connection.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#lobbyTimer?.();
    this.#lobbyTimer = null;
    for (const cancel of this.#grace.values()) cancel();
    this.#grace.clear();
    this.#match.close();
    const standings = this.standings();
    for (const id of this.#members.ids()) {
      const m = this.#members.get(id)!;
      m.port.close("host_closed", t(m.lang, "bye.host_closed"), { standings });
    }
    this.#members.clear();
    this.#changed();
  }

  /** Tells everyone when the lead went to someone else. */
  #leaderChanged(): void {
    const leader = this.#members.leader();
    const before = this.#leaderId;
    this.#leaderId = leader?.id;
    if (!leader || before === undefined || before === leader.id) return;
    this.#members.broadcast({
      type: "leader",
      id: leader.id,
      nickname: leader.nickname,
    });
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
    if (!this.#lobbyTimer && wait <= 0) {
      if (this.#flushLobby() || !newcomer) return;
      // Nothing changed for the others (a watcher came in): only to them.
      return this.#members.get(newcomer)?.port.send(this.#lobby());
    }
    if (newcomer) this.#members.get(newcomer)?.port.send(this.#lobby());
    this.#lobbyTimer ??= this.#opts.clock.after(wait, () => {
      this.#lobbyTimer = null;
      this.#flushLobby();
    });
  }

  /** Sends everyone the lobby when it changed; true when it did. */
  #flushLobby(): boolean {
    const lobby = this.#lobby();
    const json = JSON.stringify(lobby);
    if (json === this.#lobbyJson) return false; // nothing changed since the last one
    this.#lobbyJson = json;
    this.#lobbyAt = this.#opts.clock.now();
    this.#members.broadcast(lobby);
    return true;
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

/**
 * Session standings of some players: by score (best first), ties sharing
 * a rank, then in the order given.
 *
 * @example
 * ```ts
 * import { sessionStandings } from "./room.ts";
 * sessionStandings([{ id: "p1", nickname: "ana", score: 3 }]);
 * // [{ id: "p1", nickname: "ana", score: 3, rank: 1 }]
 * ```
 *
 * @param players who, with their session scores
 */
export function sessionStandings(
  players: readonly { id: string; nickname: string; score: number }[],
): SessionStanding[] {
  const sorted = [...players].sort((a, b) => b.score - a.score);
  const out: SessionStanding[] = [];
  for (const [i, p] of sorted.entries()) {
    const tied = i > 0 && sorted[i - 1].score === p.score;
    out.push({
      id: p.id,
      nickname: p.nickname,
      score: p.score,
      rank: tied ? out[i - 1].rank : i + 1,
    });
  }
  return out;
}
