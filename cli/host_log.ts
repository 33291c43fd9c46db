/**
 * The log of a headless host: one time-stamped line per event, in the
 * host's language, counts with their plural.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import { t } from "./texts.ts";

/** What the log needs to know of the room after each change. */
export interface RoomState {
  /** `lobby` or `playing`. */
  state: string;
  /** Game id. */
  game: string;
  /** Players in the room. */
  players: number;
}

/**
 * Writes the headless host's log: lines from the server as they come, and
 * its own lines (game started, game over, players who left, announcing
 * warnings) translated.
 * The clock (ms since the epoch) is injected; times are UTC `HH:MM:SS`.
 *
 * @example
 * ```ts
 * import { HostLog } from "./host_log.ts";
 * const lines: string[] = [];
 * const log = new HostLog("en", (l) => lines.push(l), () => 0);
 * log.roomChanged({ state: "playing", game: "qcm", players: 1 });
 * log.roomChanged({ state: "playing", game: "qcm", players: 2 });
 * log.roomChanged({ state: "lobby", game: "qcm", players: 2 });
 * lines; // ["00:00:00 game started: qcm (1 player)", "00:00:00 game over: qcm"]
 * ```
 */
export class HostLog {
  #lastState = "lobby";
  #members: Set<string> | null = null;
  readonly #lang: Lang;
  readonly #write: (line: string) => void;
  readonly #now: () => number;

  /**
   * @param lang language of the log's own lines
   * @param write receives each line
   * @param now the clock, ms since the epoch
   */
  constructor(lang: Lang, write: (line: string) => void, now: () => number) {
    this.#lang = lang;
    this.#write = write;
    this.#now = now;
  }

  /**
   * Logs one line as is, time-stamped.
   *
   * @param text the line
   */
  line(text: string): void {
    const time = new Date(this.#now()).toISOString().slice(11, 19);
    this.#write(`${time} ${text}`);
  }

  /**
   * Logs a game starting or ending when the room's state changed.
   *
   * @param room the room after a change
   */
  roomChanged(room: RoomState): void {
    if (room.state === this.#lastState) return;
    this.#lastState = room.state;
    this.line(
      room.state === "playing"
        ? t(this.#lang, "log.game_started", {
          game: room.game,
          n: room.players,
        })
        : t(this.#lang, "log.game_over", { game: room.game }),
    );
  }

  /**
   * Logs a `left` line for each player no longer in the room (the server
   * logs arrivals, with the address; departures are seen here, from the
   * room's members after each change). The first call only learns who is in.
   *
   * @example
   * ```ts
   * import { HostLog } from "./host_log.ts";
   * const lines: string[] = [];
   * const log = new HostLog("en", (l) => lines.push(l), () => 0);
   * log.members(["ana", "bob"]);
   * log.members(["bob"]);
   * lines; // ["00:00:00 left: ana"]
   * ```
   *
   * @param nicknames the players in the room now
   */
  members(nicknames: readonly string[]): void {
    const now = new Set(nicknames);
    if (this.#members) {
      for (const nickname of this.#members) {
        if (!now.has(nickname)) {
          this.line(t(this.#lang, "log.left", { nickname }));
        }
      }
    }
    this.#members = now;
  }

  /**
   * Logs a warning of the announcer (an interface it could not use...).
   *
   * @param warning the announcer's sentence
   */
  announceWarning(warning: string): void {
    this.line(t(this.#lang, "log.announce", { warning }));
  }
}
