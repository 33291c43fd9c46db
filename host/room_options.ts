/**
 * A room's settings, and what the outside world (announcer, logs) learns
 * of it.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import type { RoomAddress, RoomState } from "../protocol/messages.ts";
import type { SealKeys } from "../protocol/sealed.ts";
import type { AnyGame } from "../games/types.ts";
import type { Clock } from "./clock.ts";
import type { LoadedQuiz, QuizShelf } from "./quiz_shelf.ts";

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
  /** Most members at once (default `DEFAULT_CAPACITY`, 32). */
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
   * `LOBBY_INTERVAL_MS`, 100; 0 sends each change at once).
   */
  lobbyIntervalMs?: number;
  /**
   * How long a lost player's seat is held for them to come back, in ms
   * (default `DEFAULT_GRACE_MS`, 120 s; 0 frees it at once).
   */
  graceMs?: number;
  /** Heartbeat timing told to clients in `welcome` (the connections run it). */
  heartbeat?: { intervalMs: number; timeoutMs: number };
  /**
   * The room's epoch: 0 for the first host (default), +1 at each
   * migration (`welcome.room.epoch`, snapshots). `Room.restore` defaults it
   * to the snapshot's epoch + 1.
   */
  epoch?: number;
  /**
   * Host migration (./deputies.ts): `false` or absent, no deputies
   * (`host --no-migration`); else what a snapshot needs that the room does
   * not know.
   */
  migration?: false | RoomMigration;
  /** The host's TCP game port, when known (else `Room.setPorts`): `fallback` and snapshots name it. */
  port?: number;
  /** The host's web port, when it serves the page. */
  webPort?: number;
  /**
   * Called once the room handed itself over to its first deputy (the
   * hosting player's `handover`): the host command may exit.
   */
  onHandover?: (to: RoomAddress) => void;
}

/** What host migration needs besides the room (the host command has it). */
export interface RoomMigration {
  /** The room's Ed25519 key, as `RoomKey.exportPrivate()` and `publicKey` give it (base64url). */
  key: { privateKey: string; publicKey: string };
  /** The host's default language (`--lang`). */
  lang: Lang;
  /** The host's X25519 keys for sealing; fresh ones (`sealKeys()`) when absent. */
  sealKeys?: SealKeys | Promise<SealKeys>;
  /** Deputies on loopback allowed: tests on one machine only. */
  loopback?: boolean;
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
