/**
 * When a deputy takes the room over (MIGRATION.md § 5), and what it reads
 * of the snapshot to do so. Pure: the times and the facts come in.
 *
 * - Rank 1 takes over at once on `handover` or when its connection to the
 *   host ended (EOF, reset: a killed process); when the host only fell
 *   silent (no replica nor keepalive for {@linkcode REPLICA_SILENCE_MS},
 *   or the heartbeat), after one reconnect to the old address failed.
 * - Rank 2 takes over only when no host of the room at a higher epoch was
 *   seen within {@linkcode RANK2_WAIT_MS} of the loss (at epoch + 2, above
 *   a rank 1 that might have taken over unseen).
 *
 * @module
 */
import type { RoomAddress } from "../protocol/messages.ts";
import { z } from "zod";

/** No replica nor keepalive this long: the host is counted gone (ms). */
export const REPLICA_SILENCE_MS = 1500;

/** How long a second deputy waits for the first to show up (ms). */
export const RANK2_WAIT_MS = 3000;

/** What the client reads of a `RoomSnapshot` (host/snapshot.ts checks the rest). */
export interface TakeoverSnapshot {
  /** Snapshot format. */
  v: 1;
  /** Epoch of the host that took it. */
  epoch: number;
  /** Its sequence number. */
  seq: number;
  /** The room's settings (name, port...). */
  room: { name: string; port: number; webPort?: number };
  /** The room key: PKCS#8 and raw public key, base64url. */
  key: { privateKey: string; publicKey: string };
}

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** Schema of what {@linkcode TakeoverSnapshot} reads (other fields pass). */
export const takeoverSnapshotSchema: z.ZodType<TakeoverSnapshot> = z.object({
  v: z.literal(1),
  epoch: int(0, 1_000_000),
  seq: int(0, Number.MAX_SAFE_INTEGER),
  room: z.looseObject({
    name: z.string().max(200),
    port: int(0, 65535),
    webPort: int(0, 65535).optional(),
  }),
  key: z.looseObject({
    privateKey: z.string().max(400),
    publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  }),
}).loose() as unknown as z.ZodType<TakeoverSnapshot>;

/** Why the session to the host ended, as the takeover sees it. */
export type LossKind = "eof" | "silent" | "handover" | "moved" | "other";

/** What a deputy does now. */
export type TakeoverStep =
  /** Take over at once, at this epoch. */
  | { kind: "now"; epoch: number }
  /** Try the old address once; take over at this epoch if it fails. */
  | { kind: "after_old"; epoch: number }
  /** Not yet: look again at this time (ms, same clock). */
  | { kind: "wait_until"; at: number }
  /** Not this client. */
  | { kind: "no" };

/**
 * What a deputy does after losing its host.
 *
 * @example
 * ```ts
 * import { takeoverStep } from "./takeover.ts";
 * const base = { hasSnapshot: true, snapshotEpoch: 4, lostAt: 0, now: 0, higherSeen: false };
 * takeoverStep({ ...base, rank: 1, loss: "eof" }); // { kind: "now", epoch: 5 }
 * takeoverStep({ ...base, rank: 1, loss: "silent" }); // { kind: "after_old", epoch: 5 }
 * takeoverStep({ ...base, rank: 2, loss: "eof" }); // { kind: "wait_until", at: 3000 }
 * takeoverStep({ ...base, rank: 2, loss: "eof", now: 3000 }); // { kind: "now", epoch: 6 }
 * takeoverStep({ ...base, rank: 0, loss: "eof" }); // { kind: "no" }
 * ```
 *
 * @param f the facts
 */
export function takeoverStep(f: {
  rank: number;
  loss: LossKind;
  hasSnapshot: boolean;
  snapshotEpoch: number;
  lostAt: number;
  now: number;
  /** A host of the room at a higher epoch was seen (discovery, fallback). */
  higherSeen: boolean;
}): TakeoverStep {
  if (!f.hasSnapshot || f.rank < 1 || f.loss === "moved") {
    return { kind: "no" };
  }
  if (f.rank === 1) {
    if (f.loss === "handover" || f.loss === "eof") {
      return { kind: "now", epoch: f.snapshotEpoch + 1 };
    }
    return { kind: "after_old", epoch: f.snapshotEpoch + 1 };
  }
  if (f.higherSeen) return { kind: "no" };
  const at = f.lostAt + RANK2_WAIT_MS;
  return f.now >= at
    ? { kind: "now", epoch: f.snapshotEpoch + 2 }
    : { kind: "wait_until", at };
}

/** What a takeover opened: where the own session comes back. */
export interface TookOver {
  /** The new room's TCP port on this machine. */
  port: number;
  /** The new room's hosting-player secret (this client leads). */
  hostKey: string;
  /** The room's name. */
  name: string;
  /**
   * Optional: true while nobody the snapshot had connected (besides this
   * client and the old host's own player) came back to the room: after
   * {@linkcode ISOLATED_AFTER_MS}, the sign that this machine's own link
   * was down, not the host.
   */
  isolated?: () => boolean;
  /**
   * Optional: gives the room back to the host it came from (`bye moved`
   * to its clients, this one included, then it closes).
   */
  giveBack?: (to: RoomAddress) => void;
  /**
   * Optional: resolves when the room stepped down by itself for another
   * host of the room with more players here (its split-brain guard,
   * cli/split_brain.ts): this client was the stale copy and follows the
   * `bye moved` it got as a player.
   */
  steppedDown?: Promise<RoomAddress>;
}

/**
 * How long a deputy that took over on silence waits for the others before
 * it counts itself cut off (ms): the others see a silent host within the
 * heartbeat timeout (6 s) and come back within about a second.
 */
export const ISOLATED_AFTER_MS = 10_000;

/**
 * Opens the room on this machine from a snapshot at `epoch` (cli/'s, with
 * `openRoom` and `Room.restore`).
 */
export type TakeOver = (
  snapshot: TakeoverSnapshot,
  epoch: number,
) => Promise<TookOver>;
