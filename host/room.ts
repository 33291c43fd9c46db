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
import type { HostMessage, SessionStanding } from "../protocol/messages.ts";
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
import {
  LOBBY_INTERVAL_MS,
  LOBBY_PLAYERS_MAX,
  LobbyFeed,
  type LobbyMessage,
} from "./lobby_feed.ts";
import { sessionStandings } from "./standings.ts";
import type { RoomOptions, RoomSummary } from "./room_options.ts";
import { classify, protoField } from "./inbound.ts";
import { Match } from "./match.ts";
import {
  hashSecret,
  type Member,
  type MemberPort,
  Members,
  newSecrets,
  NO_PORT,
} from "./members.ts";

export type { JoinRequest, JoinResult } from "./admission.ts";
export type { ByeExtra, MemberPort } from "./members.ts";
export type { RoomOptions, RoomSummary } from "./room_options.ts";

export {
  LOBBY_INTERVAL_MS,
  LOBBY_MS_PER_MEMBER,
  LOBBY_PLAYERS_MAX,
} from "./lobby_feed.ts";

/**
 * Above this many players, arrivals and departures are not announced one
 * by one (`joined`, `left`): the lobby's `count` tells. Announcing each of
 * N arrivals to everyone costs N² messages.
 */
export const ANNOUNCE_MAX = 64;

/** True for an address of the host's own machine (127.0.0.0/8, ::1). */
function isLoopback(address: string): boolean {
  return address.startsWith("127.") || address === "::1" ||
    address.startsWith("::ffff:127.");
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
  readonly #lobbyFeed: LobbyFeed;

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
        this.#lobbyFeed.changed();
        this.#changed();
      },
    });
    this.#lobbyFeed = new LobbyFeed(
      this.#members,
      options.clock,
      options.lobbyIntervalMs ?? LOBBY_INTERVAL_MS,
      () => this.#lobby(),
    );
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
    const secrets = newSecrets();
    const m = members.add({
      nickname,
      lang: req.lang,
      mode: req.mode,
      port,
      isHost,
      bot: !!req.bot,
      ...(req.address !== undefined ? { address: req.address } : {}),
      ...(req.deputy !== undefined ? { deputyKey: req.deputy } : {}),
    }, secrets);
    this.#welcome(m, req, false, secrets);
    if (members.size <= ANNOUNCE_MAX) {
      members.broadcast({ type: "joined", id: m.id, nickname }, m.id);
    }
    this.#lobbyFeed.changed(m.id);
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
    if (
      !m || m.watcher ||
      !samePin(hashSecret(req.rejoinCode.toUpperCase()), m.rejoinHash)
    ) {
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
    if (this.#opts.hostKey && req.hostKey === this.#opts.hostKey) {
      this.#members.markHost(m); // a restored room's new host, back in its seat
    }
    // Only hashes are kept: the token offered is the one given back, and a
    // seat taken back by its text code gets a new token.
    const byToken = req.token !== undefined &&
      this.#members.byToken(req.token) === m;
    this.#welcome(m, req, true, {
      token: byToken ? req.token! : this.#members.newToken(m),
      ...(req.rejoinCode !== undefined && !byToken
        ? { rejoin: req.rejoinCode.toUpperCase() }
        : {}),
    });
    this.#members.broadcast(
      { type: "back", id: m.id, nickname: m.nickname },
      m.id,
    );
    this.#lobbyFeed.changed(m.id);
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
    const secrets = newSecrets();
    const m = this.#members.add({
      nickname: "screen",
      lang: req.lang,
      mode: req.mode,
      port,
      isHost: false,
      bot: false,
      watcher: true,
    }, secrets);
    this.#welcome(m, req, false, secrets);
    this.#lobbyFeed.changed(m.id);
    this.#match.sendView(m.id);
    return { ok: true, id: m.id };
  }

  /** The welcome, then the chat's last lines. */
  #welcome(
    m: Member,
    req: JoinRequest,
    rejoined: boolean,
    secrets: { token: string; rejoin?: string },
  ): void {
    const hb = this.#opts.heartbeat ?? {
      intervalMs: HEARTBEAT_INTERVAL_MS,
      timeoutMs: HEARTBEAT_TIMEOUT_MS,
    };
    m.port.send({
      type: "welcome",
      protocol: PROTOCOL_VERSION,
      token: secrets.token,
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
      ...(m.watcher || secrets.rejoin === undefined
        ? {}
        : { rejoin: secrets.rejoin }),
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
        this.#lobbyFeed.changed();
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
    this.#lobbyFeed.changed();
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
    if (this.#members.size < ANNOUNCE_MAX) {
      // One message per language, shared by everyone who reads it.
      const byLang = new Map<Lang, HostMessage>();
      for (const o of this.#members.sorted()) {
        let left = byLang.get(o.lang);
        if (!left) {
          left = {
            type: "left",
            id: m.id,
            nickname: m.nickname,
            reason: t(o.lang, `reason.${reason}`),
          };
          byLang.set(o.lang, left);
        }
        o.port.send(left);
      }
    }
    this.#leaderChanged();
    this.#lobbyFeed.changed();
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
    this.#lobbyFeed.close();
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

  #lobby(): LobbyMessage {
    return {
      type: "lobby",
      state: this.#match.playing ? "playing" : "lobby",
      game: this.#match.game,
      games: Object.keys(this.#opts.games),
      players: this.#members.players(LOBBY_PLAYERS_MAX),
      // Said when the list is cut: how many are in.
      ...(this.#members.size > LOBBY_PLAYERS_MAX
        ? { count: this.#members.size }
        : {}),
      autostart: this.#match.autostart,
      ...this.#match.lobbyFields(),
    };
  }

  #changed(): void {
    this.#opts.onChange?.(this.summary());
  }
}
