/**
 * Two hosts of one room (docs/host-migration.md § Split brain): a cut cable
 * made a deputy take the room over while its host ran on. When each hears
 * the other's signed ads again, **the room stays where its players are**:
 * the host with more players here (connected now, the ads' `players`)
 * keeps it; on a tie the lower epoch (the older host) keeps it. The other
 * one steps down (`bye moved` to its clients, pointing at the keeper).
 *
 * Both hosts apply the same rule to the same two numbers, so exactly one
 * yields; what can differ is how fresh the numbers are (an ad is up to
 * 1.5 s old, players move at the moment the cable comes back). So that the
 * two never both yield, the two sides are not alike:
 *
 * - the **higher** epoch (a deputy that took over) yields at the first ad
 *   that says so: a wrong yield only sends its players back to the older
 *   host, which is still there;
 * - the **lower** epoch yields only when a second ad of the newer host,
 *   {@linkcode STEP_DOWN_CONFIRM_MS} or more after the first, still says
 *   so; a goodbye of the newer host (it yielded) cancels. So it never
 *   steps down towards a host that has just given the room back.
 *
 * Pure: the ads and the time come in.
 *
 * @module
 */
import type { RoomAddress } from "../protocol/messages.ts";

/** How long the lower epoch's loss must hold before it steps down (ms). */
export const STEP_DOWN_CONFIRM_MS = 1000;

/**
 * A first losing ad older than this without news is forgotten (ms): the
 * newer host's beacons come every 1.5 s.
 */
export const STEP_DOWN_FORGET_MS = 4000;

/** One host of the room: its epoch, its players here. */
export interface RoomSide {
  /** The host's epoch. */
  epoch: number;
  /** Players connected to it now (watchers and held seats not counted). */
  here: number;
}

/**
 * True when `mine` must leave the room to `theirs`: they have more
 * players here, or as many at a lower epoch. Never for the same epoch.
 *
 * @example
 * ```ts
 * import { yieldsTo } from "./split_brain.ts";
 * yieldsTo({ epoch: 0, here: 1 }, { epoch: 1, here: 3 }); // true: the players are there
 * yieldsTo({ epoch: 1, here: 1 }, { epoch: 0, here: 2 }); // true: a stale copy gives back
 * yieldsTo({ epoch: 0, here: 1 }, { epoch: 1, here: 1 }); // false: a tie stays at the lower epoch
 * yieldsTo({ epoch: 1, here: 1 }, { epoch: 0, here: 1 }); // true
 * ```
 *
 * @param mine this host
 * @param theirs the other host of the room
 */
export function yieldsTo(mine: RoomSide, theirs: RoomSide): boolean {
  if (mine.epoch === theirs.epoch) return false;
  if (theirs.here !== mine.here) return theirs.here > mine.here;
  return theirs.epoch < mine.epoch;
}

/** What a host does after an ad of its own room. */
export type GuardStep =
  /** Nothing: the room stays here (or the ad was its own). */
  | { kind: "keep" }
  /** The other host wins for now: look again at its next ad. */
  | { kind: "wait" }
  /** Step down: `bye moved` to `to`, where the room goes on at `epoch`. */
  | { kind: "yield"; to: RoomAddress; epoch: number };

/** An ad of the room as the guard reads it. */
export interface SeenAd {
  /** The announcing host's epoch. */
  epoch: number;
  /** Its players here. */
  players: number;
  /** Where it answers (the packet's source). */
  address: string;
  /** Its TCP port. */
  port: number;
}

/**
 * The split-brain guard of one host of a room: fed every signed ad and
 * goodbye of its room id (discovery/find_room.ts `listenRoomAds`), it says
 * when to step down.
 *
 * @example
 * ```ts
 * import { SplitBrainGuard } from "./split_brain.ts";
 * // The old host (epoch 0) has 1 player left; the deputy has 3.
 * const guard = new SplitBrainGuard(0, () => 1);
 * const ad = { epoch: 1, players: 3, address: "198.18.0.3", port: 50026 };
 * guard.ad(ad, 0).kind; // "wait"
 * guard.ad(ad, 1500).kind; // "yield"
 * ```
 */
export class SplitBrainGuard {
  readonly #epoch: number;
  readonly #here: () => number;
  readonly #confirmMs: number;
  /** Per higher epoch: since when it wins, and its last ad's time. */
  #losing = new Map<number, { since: number; last: number }>();

  /**
   * @param epoch this host's epoch
   * @param here this host's players here, now
   * @param confirmMs {@linkcode STEP_DOWN_CONFIRM_MS} (tests)
   */
  constructor(
    epoch: number,
    here: () => number,
    confirmMs: number = STEP_DOWN_CONFIRM_MS,
  ) {
    this.#epoch = epoch;
    this.#here = here;
    this.#confirmMs = confirmMs;
  }

  /**
   * An ad of this room heard at `now` (ms).
   *
   * @param ad the ad
   * @param now its time
   */
  ad(ad: SeenAd, now: number): GuardStep {
    if (ad.epoch === this.#epoch) return { kind: "keep" };
    const mine = { epoch: this.#epoch, here: this.#here() };
    if (!yieldsTo(mine, { epoch: ad.epoch, here: ad.players })) {
      this.#losing.delete(ad.epoch);
      return { kind: "keep" };
    }
    const yieldNow = {
      kind: "yield",
      to: { address: ad.address, port: ad.port },
      epoch: ad.epoch,
    } as const;
    // A newer host of the room that gives it back loses little if wrong.
    if (ad.epoch < this.#epoch) return yieldNow;
    const seen = this.#losing.get(ad.epoch);
    if (!seen || now - seen.last > STEP_DOWN_FORGET_MS) {
      this.#losing.set(ad.epoch, { since: now, last: now });
      return { kind: "wait" };
    }
    seen.last = now;
    return now - seen.since >= this.#confirmMs ? yieldNow : { kind: "wait" };
  }

  /**
   * The host of `epoch` said goodbye (it closed, or gave the room back):
   * what it won so far is forgotten.
   *
   * @param epoch its epoch
   */
  goodbye(epoch: number): void {
    this.#losing.delete(epoch);
  }
}
