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
import {
  type HostMessage,
  type RoomAddress,
  type SessionStanding,
  VIEW_PATCH,
} from "../protocol/messages.ts";
import { sealKeys } from "../protocol/sealed.ts";
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
import { Deputies, isLoopback } from "./deputies.ts";
import type {
  RoomSnapshot,
  SavedMember,
  SavedRoom,
  SnapshotExtra,
} from "./snapshot.ts";
import { SNAPSHOT_CHAT_MAX } from "./snapshot.ts";
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
export type {
  RoomMigration,
  RoomOptions,
  RoomSummary,
} from "./room_options.ts";
export type { RoomSnapshot } from "./snapshot.ts";
export { DEPUTIES_MAX } from "./deputies.ts";
export { RESUME_WAIT_MS } from "./match.ts";

export {
  LOBBY_INTERVAL_MS,
  LOBBY_MS_PER_MEMBER,
  LOBBY_PLAYERS_MAX,
} from "./lobby_feed.ts";

/**
 * Above this many players, arrivals, departures and drops are not
 * announced one by one (`joined`, `left`, `away`, `back`): the lobby tells
 * (its `count`, each listed player's `connected`). Announcing each of N
 * arrivals to everyone costs N² messages — and a hall whose Wi-Fi drops
 * loses everyone at once.
 */
export const ANNOUNCE_MAX = 64;

/**
 * Least time a restored room holds its seats (ms), whatever its grace: the
 * players need a moment to find the new host.
 */
export const RESTORE_HOLD_MIN_MS = 10_000;

/** Messages that change nothing a snapshot keeps. */
const QUIET = new Set(["ping", "pong", "options", "handover"]);

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
  readonly #deputies: Deputies | null;
  #ports: { port: number; webPort?: number };
  /** Handing over or stepped down: no more moves, joins or messages. */
  #moving = false;
  #handedOver!: (to: RoomAddress) => void;
  /**
   * Resolves when the room handed itself over to its first deputy (the
   * hosting player's `handover`): the host command may exit.
   */
  readonly handedOver: Promise<RoomAddress> = new Promise((resolve) => {
    this.#handedOver = resolve;
  });

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
      stepped: (tick) => this.#deputies?.dirty(tick),
    });
    this.#ports = {
      port: options.port ?? 0,
      ...(options.webPort !== undefined ? { webPort: options.webPort } : {}),
    };
    const mig = options.migration;
    this.#deputies = mig
      ? new Deputies({
        members: this.#members,
        clock: options.clock,
        keys: Promise.resolve(mig.sealKeys ?? sealKeys()),
        epoch: this.epoch,
        loopback: mig.loopback,
        snapshot: (seq, leaving) =>
          this.snapshot({
            seq,
            room: { ...this.#ports, lang: mig.lang },
            key: mig.key,
          }, leaving),
        addressOf: (m) =>
          m.address === undefined || this.#ports.port === 0
            ? null
            : { ...this.#ports, address: m.address },
      })
      : null;
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

  /** The room's epoch (0 for the first host, +1 at each migration). */
  get epoch(): number {
    return this.#opts.epoch ?? 0;
  }

  /** The deputies' nicknames, rank order (for the host's log). */
  deputies(): string[] {
    return this.#deputies?.members().map((m) => m.nickname) ?? [];
  }

  /**
   * Tells the room its ports once bound (a port 0 picks one): `fallback`
   * and snapshots name them.
   * @param ports the TCP game port, and the web port when served
   */
  setPorts(ports: { port: number; webPort?: number }): void {
    this.#ports = { ...ports };
    this.#deputies?.refreshFallback();
    this.#deputies?.dirty();
  }

  /**
   * Resolves once every `deputy` and `replica` message queued so far (they
   * are sealed asynchronously) went to its deputy's port.
   */
  replicated(): Promise<void> {
    return this.#deputies?.settled() ?? Promise.resolve();
  }

  /**
   * Current state for announcers and logs. `players` counts the players
   * **here** (connected, watchers aside), not the seats held: a restored
   * room holds every seat but has only whoever came back, and two hosts
   * of one room compare it to know which keeps the room (cli/split_brain.ts).
   */
  summary(): RoomSummary {
    return {
      players: this.connectedPlayers(),
      capacity: this.capacity,
      state: this.#match.playing ? "playing" : "lobby",
      game: this.#match.game,
    };
  }

  /** How many players (not watchers) are connected now. */
  connectedPlayers(): number {
    return this.#members.connectedCount();
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
    if (this.#closed || this.#moving) {
      return refusal(req.lang, "host_closed", {});
    }
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
    // The connection it came back on: where a deputy would open the room,
    // with the key it has now (a restored room knows neither).
    if (req.address !== undefined) m.address = req.address;
    m.deputyKey = req.deputy;
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
    if (this.#members.size <= ANNOUNCE_MAX) {
      this.#members.broadcast(
        { type: "back", id: m.id, nickname: m.nickname },
        m.id,
      );
    }
    this.#lobbyFeed.changed(m.id);
    // Back in the game first, so that the view it gets counts it here.
    if (wasAway) this.#match.presence(m.id, true);
    this.#match.sendView(m.id);
    this.#leaderChanged();
    this.#changed();
    return { ok: true, id: m.id };
  }

  /** A watcher (the projector view): room messages, no seat. */
  #watch(req: JoinRequest, port: MemberPort): JoinResult {
    // Locked means locked: the projector gives the PIN like a player.
    const pin = this.#opts.pin;
    if (pin !== undefined && pin !== "") {
      if (req.pin === undefined || req.pin === "") {
        return refusal(req.lang, "pin_required", {});
      }
      if (!samePin(req.pin, pin)) return refusal(req.lang, "bad_pin", {});
    }
    if (req.address !== undefined && this.#bannedAddresses.has(req.address)) {
      return refusal(req.lang, "banned", {});
    }
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
        epoch: this.epoch,
      },
      capabilities: [
        "chat",
        "text-mode",
        "heartbeat",
        "rejoin",
        VIEW_PATCH,
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
    const fallback = this.#deputies?.fallback();
    if (fallback?.to) m.port.send(fallback);
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
    if (!m || this.#moving) return true;
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
    if (r.kind === "move" || !QUIET.has(r.message.type)) {
      this.#deputies?.dirty();
    }
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
      case "handover":
        return void this.#handover(m);
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
    if (this.#members.size <= ANNOUNCE_MAX) {
      this.#members.broadcast({
        type: "away",
        id,
        nickname: m.nickname,
        graceMs: this.graceMs,
      });
    }
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
    this.#shut((m, standings) =>
      m.port.close("host_closed", t(m.lang, "bye.host_closed"), { standings })
    );
  }

  /**
   * Split brain: another host has this room with a higher epoch. Everyone
   * is told `bye {reason: "moved", to}` and the room closes; the hosting
   * player's bye says it joins the room there as a player.
   * @param to where the live room is
   */
  stepDown(to: RoomAddress): void {
    this.#moving = true;
    const address = `${to.address}:${to.port}`;
    this.#shut((m) =>
      m.port.close(
        "moved",
        m.isHost
          ? t(m.lang, "bye.moved_hosting", { address })
          : t(m.lang, "bye.moved"),
        { to },
      )
    );
  }

  /** Stops everything and says goodbye to every member with `bye`. */
  #shut(bye: (m: Member, standings: SessionStanding[]) => void): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#deputies?.close();
    this.#lobbyFeed.close();
    for (const cancel of this.#grace.values()) cancel();
    this.#grace.clear();
    this.#match.close();
    const standings = this.standings();
    for (const id of this.#members.ids()) {
      bye(this.#members.get(id)!, standings);
    }
    this.#members.clear();
    this.#changed();
  }

  /**
   * The hosting player hands the room over to deputy 1: no more moves or
   * joins; deputy 1 gets a final replica and `handover`; then everyone
   * gets `bye {reason: "moved", to}` and the room closes;
   * {@linkcode Room.handedOver} resolves (and `onHandover` is called).
   */
  async #handover(m: Member): Promise<void> {
    if (!m.isHost) return this.error(m.id, "not_host");
    const first = this.#deputies?.first();
    const to = first && this.#deputies!.fallback().to;
    if (!this.#deputies || !first || !to) {
      return this.error(m.id, "no_deputy");
    }
    this.#moving = true;
    // The hosting player leaves with the host: the running game hears it
    // is away before the final replica (else the new host's game would
    // wait for it, e.g. a QCM question until its time is up).
    this.#match.presence(m.id, false);
    const done = await this.#deputies.handover(m.id);
    if (this.#closed) return;
    if (!done) {
      this.#moving = false;
      return this.error(m.id, "no_deputy");
    }
    this.#shut((o) => o.port.close("moved", t(o.lang, "bye.moved"), { to }));
    this.#opts.onHandover?.(to);
    this.#handedOver(to);
  }

  /**
   * The room as a deputy restores it (./snapshot.ts): seats with token
   * and rejoin code hashes, scores, ready marks, the chat's tail, bans,
   * who led, the match and the running game's save and clock. Watchers
   * are not kept.
   * @param extra what the room does not know: seq, ports, language, key
   * @param leaving a seat shown as not connected (the hosting player handing over)
   */
  snapshot(extra: SnapshotExtra, leaving?: string): RoomSnapshot {
    const match = this.#match.save();
    const members: SavedMember[] = this.#members.sorted().map((m) => ({
      id: m.id,
      nickname: m.nickname,
      lang: m.lang,
      mode: m.mode,
      tokenHash: m.tokenHash,
      rejoinHash: m.rejoinHash,
      score: m.score,
      ready: m.ready,
      ...(m.address !== undefined ? { address: m.address } : {}),
      bot: m.bot,
      isHost: m.isHost,
      joinedSeq: m.joinedSeq,
      connected: m.connected && m.id !== leaving,
    }));
    const state: SavedRoom = {
      members,
      seq: this.#members.seq,
      hostSeen: this.#members.hostSeen,
      ...(this.#leaderId !== undefined ? { leaderId: this.#leaderId } : {}),
      chat: this.#chat.last(SNAPSHOT_CHAT_MAX),
      bans: {
        addresses: [...this.#bannedAddresses],
        skeletons: [...this.#bannedSkeletons],
      },
      match,
    };
    return {
      v: 1,
      epoch: this.epoch,
      seq: extra.seq,
      at: this.#opts.clock.now(),
      ...(match.running ? { gameNow: match.running.gameNow } : {}),
      room: {
        name: this.name,
        capacity: this.capacity,
        graceMs: this.graceMs,
        ...(this.#opts.pin !== undefined ? { pin: this.#opts.pin } : {}),
        port: extra.room.port,
        ...(extra.room.webPort !== undefined
          ? { webPort: extra.room.webPort }
          : {}),
        lang: extra.room.lang,
        game: this.#match.game,
      },
      key: extra.key,
      state,
    };
  }

  /**
   * A room rebuilt from a snapshot (host migration): every seat is held
   * (not connected; its grace — at least {@linkcode RESTORE_HOLD_MIN_MS} —
   * runs from now) and is taken back with its token or text code as after
   * a drop; scores, ready marks, chat, bans, options and quiz come back; a
   * running game comes back paused until its players are back (or
   * `RESUME_WAIT_MS`). The epoch is the snapshot's + 1 unless `options`
   * says. The options' `hostKey` is the new host's: the old hosting
   * player's seat no longer leads.
   *
   * @example
   * ```ts
   * import { Room } from "./room.ts";
   * import { realClock } from "./clock.ts";
   * import { GAMES } from "../games/registry.ts";
   * const opts = { name: "Salle", hostId: "h1", games: GAMES, game: "justeprix", clock: realClock, random: Math.random };
   * const old = new Room(opts);
   * old.join({ nickname: "ana", protocol: 1, lang: "fr", mode: "json" }, { send() {}, close() {} });
   * const snap = old.snapshot({ seq: 1, room: { port: 50026, lang: "fr" }, key: { privateKey: "k", publicKey: "p" } });
   * const room = Room.restore(opts, JSON.parse(JSON.stringify(snap)));
   * room.epoch; // 1
   * room.nicknames(); // ["ana"]
   * room.close();
   * old.close();
   * ```
   *
   * @param options the new room's settings (clock, games, host key...)
   * @param snap a validated snapshot (`roomSnapshotSchema`)
   */
  static restore(options: RoomOptions, snap: RoomSnapshot): Room {
    const room = new Room({
      ...options,
      epoch: options.epoch ?? snap.epoch + 1,
    });
    room.#restore(snap.state);
    return room;
  }

  #restore(s: SavedRoom): void {
    const hold = Math.max(this.graceMs, RESTORE_HOLD_MIN_MS);
    const present = new Set<string>();
    const seats = [...s.members].sort((a, b) => a.joinedSeq - b.joinedSeq);
    for (const saved of seats) {
      if (this.#members.get(saved.id)) continue;
      const { connected, ...rest } = saved;
      // The old host key's holder is not this host's: nobody is the host
      // until this host's own player takes its seat back.
      const m = this.#members.restore({
        ...rest,
        isHost: false,
        watcher: false,
      });
      if (connected) present.add(m.id);
      this.#grace.set(
        m.id,
        this.#opts.clock.after(hold, () => {
          this.#grace.delete(m.id);
          this.leave(m.id, "gone");
        }),
      );
    }
    this.#members.seq = s.seq;
    for (const line of s.chat) this.#chat.add(line);
    for (const a of s.bans.addresses) this.#bannedAddresses.add(a);
    for (const k of s.bans.skeletons) this.#bannedSkeletons.add(k);
    this.#leaderId = s.leaderId;
    this.#match.restore(s.match, present);
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
    this.#deputies?.update();
    this.#deputies?.dirty();
    this.#opts.onChange?.(this.summary());
  }
}
