/**
 * Types shared by the page's code and the server that boots it: what the
 * host embeds in the page ({@linkcode Boot}), the page's state
 * ({@linkcode App}) and a game's panel ({@linkcode Panel}). Types only.
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import type { HostMessage } from "../../protocol/messages.ts";
import type { WebElement } from "./dom.ts";

/** A template: a string, or plural forms by `n` (`one`, `other`...). */
export type WebTemplate = string | Record<string, string>;

/** What the host embeds in the page, as JSON. */
export interface Boot {
  /** `player`: the phone page; `screen`: the projector view (a watcher). */
  mode: "player" | "screen";
  /** The room's name and id (the id keys the saved seat). */
  room: { name: string; id: string };
  /** The host's language: the page's until the player picks one. */
  lang: Lang;
  /** The page's sentences, by language and key. */
  strings: Record<Lang, Record<string, WebTemplate>>;
  /** Game titles by id and language. */
  games: Record<string, Record<Lang, string>>;
  /** Addresses to join from another device (the first one is in the QR code). */
  urls: string[];
  /** Protocol version to say in `hello`. */
  protocol: number;
  /** Longest nickname. */
  nicknameMax: number;
  /** Longest chat message. */
  chatMax: number;
}

/** The lobby message. */
export type LobbyMessage = Extract<HostMessage, { type: "lobby" }>;

/** The end of a game. */
export type GameEndMessage = Extract<HostMessage, { type: "game_end" }>;

/** Who this page is in the room. */
export interface Me {
  /** Player id (`p3`, or `w9` for a watcher). */
  id: string;
  /** Nickname as the host stored it. */
  nickname: string;
  /** True while this seat leads the room. */
  leader: boolean;
}

/** The page's state and its ways to act. */
export interface App {
  /** What the host embedded. */
  readonly boot: Boot;
  /** Language of the page (and of the host's sentences to it). */
  lang: Lang;
  /** This seat, once welcomed. */
  me: Me | null;
  /** The last lobby. */
  lobby: LobbyMessage | null;
  /** Id of the running game, or null in the lobby. */
  game: string | null;
  /** The last view of the running game. */
  view: unknown;
  /** `performance.now()` when that view came (counts `remainingMs` down). */
  viewAt: number;
  /** The last game's end, shown in the lobby. */
  lastEnd: GameEndMessage | null;
  /** Sends one message to the host (dropped while not connected). */
  send(message: { type: string; [key: string]: unknown }): void;
  /** A sentence of the page in its language. */
  tr(key: string, params?: Record<string, string | number>): string;
  /** Milliseconds left of the view's `remainingMs` now, or null. */
  remaining(): number | null;
  /** A game's title in the page's language. */
  title(game: string): string;
}

/** A game's panel: built once per game, updated with each view. */
export interface Panel {
  /** Its element, put in the page's main area. */
  root: WebElement;
  /** Shows a new view (`app.view`). */
  update(): void;
  /** Called a few times a second: countdowns. */
  tick(): void;
  /**
   * Optional: a game message that changes the view the page holds (QCM's
   * `answered`, which comes without a view): the new view, or null. The
   * page keeps it as `app.view` (`viewAt` unchanged) and calls `update`.
   */
  patch?(
    view: unknown,
    message: { type: string; [key: string]: unknown },
  ): unknown | null;
}
