/**
 * The deputy's side of host migration: a `join` client offers its X25519
 * public key in `hello.deputy`; when the host makes it a deputy
 * (`{type:"deputy", rank, key}`) it derives the key the host seals replicas
 * with, opens each `replica` and keeps the latest room snapshot, and notes
 * when it last heard from the host's replication (keepalives included). On
 * `handover` the host says the last replica is final. docs/host-migration.md.
 *
 * No socket, no timer: messages and the time come in.
 *
 * @module
 */
import {
  type SealKeys,
  sealKeys,
  sharedKey,
  unseal,
} from "../protocol/sealed.ts";

/** The latest room snapshot a deputy holds. */
export interface HeldReplica {
  /** The snapshot (a `RoomSnapshot` as the host sealed it; checked at takeover). */
  snapshot: unknown;
  /** The host's epoch the replica came from. */
  epoch: number;
  /** Its sequence number (increasing per host). */
  seq: number;
  /** When it arrived (the deputy's monotonic clock, ms). */
  receivedAt: number;
}

/** What a message meant to the deputy. */
export type DeputyEvent =
  | "rank"
  | "replica"
  | "keepalive"
  | "handover"
  | "ignored";

/** Most characters of a sealed replica's data (its JSON after base64url). */
export const REPLICA_DATA_MAX = 8 * 1024 * 1024;

/**
 * One process's deputy role: one key pair for the process, a rank and a
 * shared key per host session.
 *
 * @example
 * ```ts
 * import { Deputy } from "./deputy.ts";
 * import { seal, sealKeys, sharedKey } from "../protocol/sealed.ts";
 * const deputy = await Deputy.create();
 * const host = await sealKeys();
 * await deputy.receive({ type: "deputy", rank: 1, key: host.publicKey }, 0);
 * const box = await seal(await sharedKey(host, deputy.publicKey), { v: 1 });
 * await deputy.receive({ type: "replica", epoch: 0, seq: 1, ...box }, 10);
 * deputy.rank; // 1
 * deputy.replica?.snapshot; // { v: 1 }
 * ```
 */
export class Deputy {
  readonly #keys: SealKeys;
  #rank = 0;
  #shared: Promise<CryptoKey> | null = null;
  #replica: HeldReplica | null = null;
  #lastHeard: number | null = null;
  #handover: { epoch: number; seq: number } | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #errors = 0;

  private constructor(keys: SealKeys) {
    this.#keys = keys;
  }

  /** A deputy role with a fresh key pair (once per process). */
  static async create(): Promise<Deputy> {
    return new Deputy(await sealKeys());
  }

  /** The public key to send as `hello.deputy`. */
  get publicKey(): string {
    return this.#keys.publicKey;
  }

  /** This session's rank: 1 takes over first, 2 after it, 0 not a deputy. */
  get rank(): number {
    return this.#rank;
  }

  /** The latest snapshot opened, or null. */
  get replica(): HeldReplica | null {
    return this.#replica;
  }

  /** When a replica or keepalive last came (ms), or null. */
  get lastHeard(): number | null {
    return this.#lastHeard;
  }

  /** The host's `handover` (final replica's epoch and seq), or null. */
  get handover(): { epoch: number; seq: number } | null {
    return this.#handover;
  }

  /** Replicas that did not open (wrong key, altered). */
  get errors(): number {
    return this.#errors;
  }

  /**
   * A new host session: no rank and no shared key until its host says
   * `deputy`; the snapshot held so far is kept.
   */
  newSession(): void {
    this.#rank = 0;
    this.#shared = null;
    this.#lastHeard = null;
    this.#handover = null;
  }

  /**
   * Takes one host message; returns what it meant (`ignored` for every
   * other message). Replicas are opened in the order they came.
   *
   * @param msg a host message
   * @param now the time it came (monotonic ms)
   */
  receive(msg: { type: string; [k: string]: unknown }, now: number): Promise<
    DeputyEvent
  > {
    const done = this.#queue.then(() => this.#receive(msg, now));
    this.#queue = done.catch(() => {});
    return done;
  }

  /** Resolves once every replica received so far is opened (or refused). */
  async settled(): Promise<void> {
    await this.#queue;
  }

  /**
   * Milliseconds since the host's replication was last heard (0 before the
   * first replica of this session: the watch starts with the first one).
   *
   * @param now monotonic ms
   */
  silentFor(now: number): number {
    return this.#lastHeard === null ? 0 : now - this.#lastHeard;
  }

  async #receive(
    msg: { type: string; [k: string]: unknown },
    now: number,
  ): Promise<DeputyEvent> {
    switch (msg.type) {
      case "deputy": {
        const rank = msg.rank;
        if (typeof rank !== "number" || !Number.isInteger(rank)) {
          return "ignored";
        }
        this.#rank = Math.max(0, Math.min(2, rank));
        if (this.#rank === 0) {
          this.#shared = null;
          this.#lastHeard = null;
          return "rank";
        }
        if (typeof msg.key === "string") {
          const shared = sharedKey(this.#keys, msg.key);
          this.#shared = shared;
          // Derived before the next message (a bad key: replicas fail to open).
          await shared.catch(() => {});
        }
        return "rank";
      }
      case "replica": {
        if (this.#rank === 0 || !this.#shared) return "ignored";
        const epoch = msg.epoch, seq = msg.seq;
        if (typeof epoch !== "number" || typeof seq !== "number") {
          return "ignored";
        }
        this.#lastHeard = now;
        if (typeof msg.data !== "string" || typeof msg.iv !== "string") {
          return "keepalive";
        }
        if (msg.data.length > REPLICA_DATA_MAX) return "ignored";
        const held = this.#replica;
        // An older replica (out of order, or an older host) is not kept.
        if (
          held &&
          (epoch < held.epoch || (epoch === held.epoch && seq <= held.seq))
        ) return "ignored";
        try {
          const snapshot = await unseal(await this.#shared, {
            iv: msg.iv,
            data: msg.data,
          });
          this.#replica = { snapshot, epoch, seq, receivedAt: now };
          return "replica";
        } catch {
          this.#errors++;
          return "ignored";
        }
      }
      case "handover": {
        if (this.#rank === 0) return "ignored";
        const epoch = msg.epoch, seq = msg.seq;
        if (typeof epoch !== "number" || typeof seq !== "number") {
          return "ignored";
        }
        this.#handover = { epoch, seq };
        this.#lastHeard = now;
        return "handover";
      }
      default:
        return "ignored";
    }
  }
}
