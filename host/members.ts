/**
 * The seats of a room: who is in, in joining order, who leads, and the
 * lobby's player list. No sockets: members are reached through their
 * {@linkcode MemberPort}.
 *
 * @module
 */
import {
  type Lang,
  LATENCY_CAP_MS,
  REJOIN_ALPHABET,
  REJOIN_CODE_LENGTH,
} from "../protocol/constants.ts";
import type { HostMessage, PlayerInfo } from "../protocol/messages.ts";
import type { GameMessage } from "../games/types.ts";
import { nicknameSkeleton } from "../protocol/nickname.ts";
import { createHash } from "node:crypto";

/** How the room reaches one member's connection. */
export interface MemberPort {
  /** Queues a message for this member. */
  send(message: HostMessage | GameMessage): void;
  /**
   * Says goodbye (`bye` with this reason and sentence, and `extra` fields
   * such as the session standings) and closes the connection.
   */
  close(reason: string, message: string, extra?: ByeExtra): void;
  /**
   * Optional: the client on this connection builds views from game
   * messages (`hello.capabilities` `"view-patch"`): a game step whose
   * messages make its views (`Step.patchable`) sends it none. Per
   * connection: a seat taken back by another client takes that one's.
   */
  readonly patches?: boolean;
}

/** Fields a `bye` may carry besides its reason and sentence. */
export type ByeExtra = Omit<
  Extract<HostMessage, { type: "bye" }>,
  "type" | "reason" | "message"
>;

/** The port of a held seat: nothing reaches a player who is not connected. */
export const NO_PORT: MemberPort = { send() {}, close() {} };

/** One seated member. */
export interface Member {
  /** Room-local id (`p1`, `p2`...). */
  readonly id: string;
  /** Nickname, checked and normalized. */
  readonly nickname: string;
  /** Confusable skeleton of the nickname (protocol/nickname.ts). */
  readonly skeleton: string;
  /** Language of the messages this member gets (they may change it). */
  lang: Lang;
  /** `json` for clients and bots, `text` for `nc`/telnet players. */
  readonly mode: "json" | "text";
  /** How to reach them ({@linkcode NO_PORT} while their seat is held). */
  port: MemberPort;
  /** False while the seat is held for a player whose connection was lost. */
  connected: boolean;
  /**
   * SHA-256 (hex) of the secret that takes the seat back (`hello.token`):
   * the token itself is given once, in the `welcome`, and kept nowhere.
   */
  tokenHash: string;
  /** SHA-256 (hex) of the short code that takes the seat back in text mode. */
  rejoinHash: string;
  /** A watcher (projector screen): gets broadcasts, is not a player. */
  readonly watcher: boolean;
  /** Recent heartbeat round trips (ms), newest last, at most 8. */
  readonly rtts: number[];
  /** Session score (points of every finished game). */
  score: number;
  /** Order of arrival. */
  readonly joinedSeq: number;
  /** True when they gave the room's host key. */
  isHost: boolean;
  /** Said `ready` in the lobby. */
  ready: boolean;
  /** A bot (leads only a room of bots). */
  readonly bot: boolean;
  /** The player's IP address, when known (for bans); the latest connection's. */
  address?: string;
  /**
   * The X25519 public key of a `join` client able to take the room over
   * (`hello.deputy`): it may be chosen as a deputy (./deputies.ts). Set
   * again at each rejoin (a restarted `join` has a new key; a seat taken
   * back from a browser has none).
   */
  deputyKey?: string;
}

/** A seat's secrets, given once in the `welcome` and stored only as hashes. */
export interface SeatSecrets {
  /** The session token (`welcome.token`, `hello.token`). */
  token: string;
  /** The text-mode rejoin code (`welcome.rejoin`). */
  rejoin: string;
}

/** What a new member brings; the id, arrival order and secrets are given here. */
export type Newcomer =
  & Omit<
    Member,
    | "id"
    | "joinedSeq"
    | "score"
    | "ready"
    | "skeleton"
    | "connected"
    | "tokenHash"
    | "rejoinHash"
    | "watcher"
    | "rtts"
  >
  & { address?: string; watcher?: boolean; deputyKey?: string };

/**
 * SHA-256 of a secret (a session token, a rejoin code), as hex. Synchronous
 * (node:crypto): it runs on every join and rejoin.
 *
 * @example
 * ```ts
 * import { hashSecret } from "./members.ts";
 * hashSecret("abc").slice(0, 8); // "ba7816bf"
 * ```
 *
 * @param secret the secret
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/**
 * Fresh secrets for a seat: a random UUID token and a rejoin code.
 *
 * @example
 * ```ts
 * import { newSecrets } from "./members.ts";
 * newSecrets().rejoin.length; // 5
 * ```
 */
export function newSecrets(): SeatSecrets {
  return { token: crypto.randomUUID(), rejoin: newRejoinCode() };
}

/**
 * A fresh text-mode rejoin code: {@linkcode REJOIN_CODE_LENGTH} characters
 * of {@linkcode REJOIN_ALPHABET} from the system's CSPRNG.
 *
 * @example
 * ```ts
 * import { newRejoinCode } from "./members.ts";
 * /^[2-9A-HJ-NP-Z]{5}$/.test(newRejoinCode()); // true
 * ```
 */
export function newRejoinCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(REJOIN_CODE_LENGTH));
  // 32 symbols: each byte's low 5 bits are uniform.
  return Array.from(bytes, (b) => REJOIN_ALPHABET[b & 31]).join("");
}

/**
 * The members of one room.
 *
 * @example
 * ```ts
 * import { Members } from "./members.ts";
 * import { nicknameSkeleton } from "../protocol/nickname.ts";
import { createHash } from "node:crypto";
 * const members = new Members(undefined);
 * const port = { send() {}, close() {} };
 * const ana = members.add({ nickname: "ana", lang: "fr", mode: "json", port, isHost: false, bot: false });
 * members.add({ nickname: "bob", lang: "en", mode: "text", port, isHost: false, bot: false });
 * members.leader() === ana; // true: the first human in leads
 * members.hasNickname("BOB"); // true
 * members.lookalikeOf(nicknameSkeleton("B0B")); // "bob"
 * ```
 */
export class Members {
  /** True while the seats' map iterates in joining order. */
  #inOrder = true;
  readonly #map = new Map<string, Member>();
  readonly #watchers = new Map<string, Member>();
  readonly #tokens = new Map<string, Member>();
  #seq = 0;
  readonly #hostKey: string | undefined;
  #hostSeen = false;

  /**
   * An empty room's members.
   *
   * @param hostKey the room's host key: when set, only its holder leads
   */
  constructor(hostKey: string | undefined) {
    this.#hostKey = hostKey;
  }

  /** How many players have a seat (held seats count; watchers do not). */
  get size(): number {
    return this.#map.size;
  }

  /** How many watchers are in. */
  get watchers(): number {
    return this.#watchers.size;
  }

  /**
   * One member (player or watcher) by id.
   * @param id the member
   */
  get(id: string): Member | undefined {
    return this.#map.get(id) ?? this.#watchers.get(id);
  }

  /** Ids of everyone who gets the room's messages: players, then watchers. */
  ids(): string[] {
    return [...this.#map.keys(), ...this.#watchers.keys()];
  }

  /** How many players (not watchers) are connected now: one pass, no copy. */
  connectedCount(): number {
    let n = 0;
    for (const m of this.#map.values()) if (m.connected) n++;
    return n;
  }

  /** The players in joining order (held seats too; no watchers). */
  sorted(): Member[] {
    const all = [...this.#map.values()];
    // Seats go in in joining order (`add`, `restore`): no sort unless a
    // restore came out of order.
    return this.#inOrder ? all : all.sort((a, b) => a.joinedSeq - b.joinedSeq);
  }

  /**
   * Seats a newcomer (checks are the caller's) and gives them an id; their
   * token and rejoin code are kept as hashes only.
   * @param who the newcomer
   * @param secrets the seat's token and rejoin code (fresh ones by default)
   */
  add(who: Newcomer, secrets: SeatSecrets = newSecrets()): Member {
    const seq = ++this.#seq;
    const member: Member = {
      ...who,
      id: `${who.watcher ? "w" : "p"}${seq}`,
      skeleton: nicknameSkeleton(who.nickname),
      joinedSeq: seq,
      score: 0,
      ready: false,
      connected: true,
      tokenHash: hashSecret(secrets.token),
      rejoinHash: hashSecret(secrets.rejoin),
      watcher: !!who.watcher,
      rtts: [],
    };
    (member.watcher ? this.#watchers : this.#map).set(member.id, member);
    if (member.isHost) this.#hostSeen = true;
    if (!member.watcher) this.#tokens.set(member.tokenHash, member);
    return member;
  }

  /**
   * Puts back a seat from a snapshot (host migration): same id, arrival
   * order, hashes and score, held (not connected, no port). Seats must
   * come in joining order; later arrivals get later numbers.
   * @param m the seat as saved
   */
  restore(m: Omit<Member, "port" | "connected" | "rtts" | "skeleton">): Member {
    const member: Member = {
      ...m,
      skeleton: nicknameSkeleton(m.nickname),
      port: NO_PORT,
      connected: false,
      rtts: [],
    };
    if (m.joinedSeq < this.#seq && !this.#map.has(member.id)) {
      this.#inOrder = false;
    }
    this.#seq = Math.max(this.#seq, m.joinedSeq);
    this.#map.set(member.id, member);
    this.#tokens.set(member.tokenHash, member);
    return member;
  }

  /**
   * The seat a session token takes back, if it is still there.
   * @param token a `hello.token`
   */
  byToken(token: string): Member | undefined {
    return this.#tokens.get(hashSecret(token));
  }

  /**
   * Gives a seat a new token (a rejoin by text code: the old token is not
   * known any more, only its hash); returns it.
   * @param m the seat
   */
  newToken(m: Member): string {
    const token = crypto.randomUUID();
    this.#tokens.delete(m.tokenHash);
    m.tokenHash = hashSecret(token);
    this.#tokens.set(m.tokenHash, m);
    return token;
  }

  /**
   * The seat taken by the host key's holder (a restored room's new host
   * rejoining its own seat): only it leads from now on.
   * @param m the seat
   */
  markHost(m: Member): void {
    for (const o of this.#map.values()) o.isHost = false;
    m.isHost = true;
    this.#hostSeen = true;
  }

  /** The last arrival number given (restored rooms go on from it). */
  get seq(): number {
    return this.#seq;
  }
  set seq(n: number) {
    this.#seq = Math.max(this.#seq, n);
  }

  /** True once the host key's holder came in (who leads depends on it). */
  get hostSeen(): boolean {
    return this.#hostSeen;
  }

  /**
   * The first players in joining order that pass `pred`, at most `max`
   * (no sort: seats are kept in joining order).
   * @param pred which
   * @param max most returned
   */
  firstWhere(pred: (m: Member) => boolean, max: number): Member[] {
    const out: Member[] = [];
    for (const m of this.#map.values()) {
      if (out.length >= max) break;
      if (pred(m)) out.push(m);
    }
    return out;
  }

  /**
   * Removes a member; returns them when they were in.
   * @param id the member
   */
  delete(id: string): Member | undefined {
    const m = this.get(id);
    if (!m) return undefined;
    this.#map.delete(id);
    this.#watchers.delete(id);
    if (this.#tokens.get(m.tokenHash) === m) this.#tokens.delete(m.tokenHash);
    return m;
  }

  /** Removes everyone. */
  clear(): void {
    this.#map.clear();
    this.#watchers.clear();
    this.#tokens.clear();
  }

  /**
   * True when a player already uses this nickname, whatever the case.
   * @param nickname the nickname asked for
   */
  hasNickname(nickname: string): boolean {
    return this.#byNickname(nickname) !== undefined;
  }

  /**
   * The held seat (its player is reconnecting) with this nickname, if any.
   * @param nickname a nickname, any case
   */
  heldSeat(nickname: string): Member | undefined {
    const m = this.#byNickname(nickname);
    return m && !m.connected ? m : undefined;
  }

  #byNickname(nickname: string): Member | undefined {
    const lower = nickname.toLowerCase();
    for (const m of this.#map.values()) {
      if (m.nickname.toLowerCase() === lower) return m;
    }
    return undefined;
  }

  /**
   * The nickname of a player who looks like this one (same confusable
   * skeleton), if any.
   * @param skeleton the skeleton of a nickname (`nicknameSkeleton`)
   */
  lookalikeOf(skeleton: string): string | undefined {
    for (const m of this.#map.values()) {
      if (m.skeleton === skeleton) return m.nickname;
    }
    return undefined;
  }

  /**
   * Finds a player by id, or else by nickname (any case).
   * @param who an id (`p3`) or a nickname
   */
  find(who: string): Member | undefined {
    return this.#map.get(who) ?? this.#byNickname(who);
  }

  /**
   * Who leads: the host key's holder while connected; else the first
   * connected human in (the lead goes back to the host key's holder when
   * they return); else the first connected bot. In a room with a host key
   * nobody leads before its holder came in once; nobody leads when no one
   * is connected.
   */
  leader(): Member | undefined {
    // One pass, nothing copied: the join storm of a lecture hall asks
    // this at every join.
    let human: Member | undefined;
    let first: Member | undefined;
    for (const m of this.#inOrder ? this.#map.values() : this.sorted()) {
      if (!m.connected) continue;
      if (m.isHost) return m;
      if (!human && !m.bot) human = m;
      first ??= m;
    }
    if (this.#hostKey && !this.#hostSeen) return undefined;
    return human ?? first;
  }

  /**
   * Sends a message to every member (but one).
   * @param message what to send
   * @param except id of a member who does not get it
   */
  broadcast(message: HostMessage | GameMessage, except?: string): void {
    for (const m of this.#map.values()) {
      if (m.id !== except) m.port.send(message);
    }
    for (const m of this.#watchers.values()) {
      if (m.id !== except) m.port.send(message);
    }
  }

  /**
   * Records one heartbeat round trip of a member.
   * @param id the member
   * @param ms the round trip
   */
  recordRtt(id: string, ms: number): void {
    const m = this.get(id);
    if (!m || !(ms >= 0) || !Number.isFinite(ms)) return;
    m.rtts.push(ms);
    if (m.rtts.length > 8) m.rtts.shift();
  }

  /**
   * One-way latency estimate of a member (ms): half the least of its recent
   * round trips, 0 when unknown, at most {@linkcode LATENCY_CAP_MS}.
   * @param id the member
   */
  latencyMs(id: string): number {
    const rtts = this.get(id)?.rtts;
    if (!rtts?.length) return 0;
    return Math.min(LATENCY_CAP_MS, Math.min(...rtts) / 2);
  }

  /**
   * The player list of a `lobby` message: the first `max` in joining order.
   * @param max most players listed
   */
  players(max = Infinity): PlayerInfo[] {
    const leader = this.leader();
    return this.sorted().slice(0, max).map((m) => ({
      id: m.id,
      nickname: m.nickname,
      score: m.score,
      leader: m === leader,
      mode: m.mode,
      connected: m.connected,
      ready: m.ready,
    }));
  }
}
