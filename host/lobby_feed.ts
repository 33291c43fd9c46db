/**
 * The lobby broadcast of a room, coalesced: what one player sends must not
 * cost the host much more than its size in output, so lobby updates (the
 * player list, to everyone) go out at most one every interval (longer in a
 * big room: {@linkcode LOBBY_MS_PER_MEMBER}) with the latest state, the
 * first one after a quiet spell at once, none when nothing changed.
 *
 * @module
 */
import type { HostMessage } from "../protocol/messages.ts";
import type { Clock } from "./clock.ts";
import type { Members } from "./members.ts";

/** Least time between two `lobby` broadcasts of one room (ms). */
export const LOBBY_INTERVAL_MS = 100;

/**
 * Most players a `lobby` lists by name, in joining order (its `count` says
 * how many are in): what every member gets stays small in a lecture hall.
 */
export const LOBBY_PLAYERS_MAX = 32;

/**
 * Time added between two `lobby` broadcasts per member (ms): a room of
 * 1000 sends its lobby at most twice a second.
 */
export const LOBBY_MS_PER_MEMBER = 0.5;

/** A `lobby` message. */
export type LobbyMessage = Extract<HostMessage, { type: "lobby" }>;

/**
 * Sends a room's `lobby` to its members when it changed.
 *
 * @example
 * ```ts
 * import { LobbyFeed } from "./lobby_feed.ts";
 * import { Members } from "./members.ts";
 * const members = new Members(undefined);
 * const sent: string[] = [];
 * members.add({ nickname: "ana", lang: "en", mode: "json", isHost: false, bot: false,
 *   port: { send: (m) => void sent.push(m.type), close() {} } });
 * const clock = { now: () => 0, after: () => () => {} };
 * const lobby = () => ({ type: "lobby" as const, state: "lobby" as const, game: "qcm",
 *   games: ["qcm"], players: members.players(), autostart: null });
 * const feed = new LobbyFeed(members, clock, 100, lobby);
 * feed.changed();
 * feed.changed(); // nothing new: nothing sent
 * sent; // ["lobby"]
 * ```
 */
export class LobbyFeed {
  readonly #members: Members;
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #build: () => LobbyMessage;
  #at = -Infinity;
  #timer: (() => void) | null = null;
  #json = "";
  #closed = false;

  /**
   * @param members who gets it
   * @param clock time and timers
   * @param intervalMs least time between two broadcasts (0: each change at once)
   * @param build the room's lobby now
   */
  constructor(
    members: Members,
    clock: Clock,
    intervalMs: number,
    build: () => LobbyMessage,
  ) {
    this.#members = members;
    this.#clock = clock;
    this.#intervalMs = intervalMs;
    this.#build = build;
  }

  /**
   * The lobby changed: everyone gets the new state now after a quiet spell,
   * else once the interval since the last broadcast is over (one message
   * with the latest state, however many changes came in between).
   * @param newcomer a member who just came in: they get the state at once
   */
  changed(newcomer?: string): void {
    if (this.#closed) return;
    // 0 stays 0: each change at once.
    const interval = this.#intervalMs && Math.max(
      this.#intervalMs,
      this.#members.size * LOBBY_MS_PER_MEMBER,
    );
    const wait = this.#at + interval - this.#clock.now();
    if (!this.#timer && wait <= 0) {
      if (this.#flush() || !newcomer) return;
      // Nothing changed for the others (a watcher came in): only to them.
      return this.#members.get(newcomer)?.port.send(this.#build());
    }
    if (newcomer) this.#members.get(newcomer)?.port.send(this.#build());
    this.#timer ??= this.#clock.after(wait, () => {
      this.#timer = null;
      this.#flush();
    });
  }

  /** No more broadcasts (the room closes). */
  close(): void {
    this.#closed = true;
    this.#timer?.();
    this.#timer = null;
  }

  /** Sends everyone the lobby when it changed; true when it did. */
  #flush(): boolean {
    const lobby = this.#build();
    const json = JSON.stringify(lobby);
    if (json === this.#json) return false; // nothing changed since the last one
    this.#json = json;
    this.#at = this.#clock.now();
    this.#members.broadcast(lobby);
    return true;
  }
}
