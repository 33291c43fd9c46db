/**
 * The seats of a room: who is in, in joining order, who leads, and the
 * lobby's player list. No sockets: members are reached through their
 * {@linkcode MemberPort}.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import type { HostMessage, PlayerInfo } from "../protocol/messages.ts";
import type { GameMessage } from "../games/types.ts";
import { nicknameSkeleton } from "../protocol/nickname.ts";

/** How the room reaches one member's connection. */
export interface MemberPort {
  /** Queues a message for this member. */
  send(message: HostMessage | GameMessage): void;
  /** Says goodbye and closes the connection. */
  close(reason: string, message: string): void;
}

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
  /** How to reach them. */
  readonly port: MemberPort;
  /** Session score (points of every finished game). */
  score: number;
  /** Order of arrival. */
  readonly joinedSeq: number;
  /** True when they gave the room's host key. */
  readonly isHost: boolean;
  /** Said `ready` in the lobby. */
  ready: boolean;
  /** A bot (leads only a room of bots). */
  readonly bot: boolean;
  /** The player's IP address, when known (for bans). */
  readonly address?: string;
}

/** What a new member brings; the id and arrival order are given here. */
export type Newcomer =
  & Omit<
    Member,
    "id" | "joinedSeq" | "score" | "ready" | "skeleton"
  >
  & { address?: string };

/**
 * The members of one room.
 *
 * @example
 * ```ts
 * import { Members } from "./members.ts";
 * import { nicknameSkeleton } from "../protocol/nickname.ts";
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
  readonly #map = new Map<string, Member>();
  #seq = 0;
  readonly #hostKey: string | undefined;

  /**
   * An empty room's members.
   *
   * @param hostKey the room's host key: when set, only its holder leads
   */
  constructor(hostKey: string | undefined) {
    this.#hostKey = hostKey;
  }

  /** How many members are in. */
  get size(): number {
    return this.#map.size;
  }

  /**
   * One member by id.
   * @param id the member
   */
  get(id: string): Member | undefined {
    return this.#map.get(id);
  }

  /** Ids of the members. */
  ids(): string[] {
    return [...this.#map.keys()];
  }

  /** The members in joining order. */
  sorted(): Member[] {
    return [...this.#map.values()].sort((a, b) => a.joinedSeq - b.joinedSeq);
  }

  /**
   * Seats a newcomer (checks are the caller's) and gives them an id.
   * @param who the newcomer
   */
  add(who: Newcomer): Member {
    const seq = ++this.#seq;
    const member: Member = {
      ...who,
      id: `p${seq}`,
      skeleton: nicknameSkeleton(who.nickname),
      joinedSeq: seq,
      score: 0,
      ready: false,
    };
    this.#map.set(member.id, member);
    return member;
  }

  /**
   * Removes a member; returns them when they were in.
   * @param id the member
   */
  delete(id: string): Member | undefined {
    const m = this.#map.get(id);
    this.#map.delete(id);
    return m;
  }

  /** Removes everyone. */
  clear(): void {
    this.#map.clear();
  }

  /**
   * True when a member already uses this nickname, whatever the case.
   * @param nickname the nickname asked for
   */
  hasNickname(nickname: string): boolean {
    const lower = nickname.toLowerCase();
    return [...this.#map.values()].some((m) =>
      m.nickname.toLowerCase() === lower
    );
  }

  /**
   * The nickname of a member who looks like this one (same confusable
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
   * Finds a member by id, or else by nickname (any case).
   * @param who an id (`p3`) or a nickname
   */
  find(who: string): Member | undefined {
    const byId = this.#map.get(who);
    if (byId) return byId;
    const lower = who.toLowerCase();
    for (const m of this.#map.values()) {
      if (m.nickname.toLowerCase() === lower) return m;
    }
    return undefined;
  }

  /**
   * Who leads: the host key's holder; without a host key, the first human
   * in (or the first bot in a room of bots).
   */
  leader(): Member | undefined {
    const sorted = this.sorted();
    return sorted.find((m) => m.isHost) ??
      (this.#hostKey ? undefined : sorted.find((m) => !m.bot) ?? sorted[0]);
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
  }

  /** The player list of a `lobby` message. */
  players(): PlayerInfo[] {
    const leader = this.leader();
    return this.sorted().map((m) => ({
      id: m.id,
      nickname: m.nickname,
      score: m.score,
      leader: m === leader,
      mode: m.mode,
      connected: true,
      ready: m.ready,
    }));
  }
}
