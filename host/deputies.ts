/**
 * Host migration, the host's side: the room's **deputies** (at most
 * {@linkcode DEPUTIES_MAX} `join` clients able to take the room over) and
 * the sealed **replicas** of the room streamed to them.
 *
 * Who: connected members whose hello carried `deputy` (their X25519 key),
 * not on loopback (the host's own machine), not watchers, web or text
 * members, not the hosting player, in joining order; chosen again whenever
 * one leaves, is lost or kicked. Each gets `deputy {rank, key}` (rank 0
 * when it is no longer one); everyone gets `fallback {to}` naming deputy
 * 1 whenever it changes.
 *
 * When: a replica at most every {@linkcode REPLICA_INTERVAL_MS} while the
 * room changes — {@linkcode replicaIntervalMs}: 100 ms more per 64 KiB of
 * snapshot, so a big quiz does not flood the LAN — and a keepalive (no
 * data) after {@linkcode REPLICA_KEEPALIVE_MS} without one. One timer from
 * the injected clock; marking the room changed is a flag. The snapshot is
 * built and stringified once per replica, sealed once per deputy; sends to
 * one deputy stay in order.
 *
 * @module
 */
import type { HostMessage, RoomAddress } from "../protocol/messages.ts";
import {
  SealError,
  sealJson,
  type SealKeys,
  sharedKey,
} from "../protocol/sealed.ts";
import type { Clock } from "./clock.ts";
import type { Member, Members } from "./members.ts";
import { type RoomSnapshot, SNAPSHOT_MAX_BYTES } from "./snapshot.ts";

/** Most deputies a room has at once. */
export const DEPUTIES_MAX = 2;

/** Least time between two replicas of a small room (ms). */
export const REPLICA_INTERVAL_MS = 100;

/** A keepalive `replica` (no data) goes after this long without a replica (ms). */
export const REPLICA_KEEPALIVE_MS = 250;

/** Each such many bytes of snapshot add {@linkcode REPLICA_INTERVAL_MS} to the interval. */
export const REPLICA_BYTES_PER_INTERVAL = 64 * 1024;

/**
 * Least time after a replica of `bytes` before the next one (ms): 100 ms
 * per started 64 KiB (100 ms up to 64 KiB, 1.6 s for 1 MiB, 6.4 s at
 * the 4 MiB bound). A crash loses at most this much of the room.
 *
 * @example
 * ```ts
 * import { replicaIntervalMs } from "./deputies.ts";
 * replicaIntervalMs(2_000); // 100
 * replicaIntervalMs(1024 * 1024); // 1600
 * ```
 *
 * @param bytes the last snapshot's JSON length
 */
export function replicaIntervalMs(bytes: number): number {
  return REPLICA_INTERVAL_MS *
    Math.max(1, Math.ceil(bytes / REPLICA_BYTES_PER_INTERVAL));
}

/**
 * True for an address of the host's own machine (127.0.0.0/8, ::1).
 *
 * @example
 * ```ts
 * import { isLoopback } from "./deputies.ts";
 * isLoopback("127.0.0.1"); // true
 * isLoopback("198.18.0.3"); // false
 * ```
 *
 * @param address an IP address
 */
export function isLoopback(address: string): boolean {
  return address.startsWith("127.") || address === "::1" ||
    address.startsWith("::ffff:127.");
}

/** What the deputies need from their room. */
export interface DeputiesContext {
  /** The room's members. */
  members: Members;
  /** Time and the one timer. */
  clock: Clock;
  /** The host's X25519 keys (one pair per room). */
  keys: Promise<SealKeys>;
  /** The room's epoch. */
  epoch: number;
  /** The room now, with this sequence number (`leaving`: a seat shown as not connected). */
  snapshot(seq: number, leaving?: string): RoomSnapshot;
  /** Where a deputy would open the room: its address and this host's ports (null: ports unknown). */
  addressOf(m: Member): RoomAddress | null;
  /** Allow deputies on loopback (tests on one machine only). */
  loopback?: boolean;
  /** A snapshot over {@linkcode SNAPSHOT_MAX_BYTES} was not sent (for the log). */
  tooBig?(bytes: number): void;
}

interface Deputy {
  readonly member: Member;
  rank: number;
  /** The AES key shared with it, derived on first use. */
  shared: Promise<CryptoKey> | null;
  /** The sends to this deputy, in order. */
  chain: Promise<void>;
  /** Needs a full replica (just chosen). */
  full: boolean;
}

/**
 * The deputies of one room and the replicas they get.
 *
 * @example
 * ```ts
 * import { Deputies } from "./deputies.ts";
 * import { Members } from "./members.ts";
 * import { sealKeys } from "../protocol/sealed.ts";
 * const members = new Members(undefined);
 * const deputies = new Deputies({
 *   members, clock: { now: () => 0, after: () => () => {} },
 *   keys: sealKeys(), epoch: 0,
 *   snapshot: () => { throw new Error("no deputy, no snapshot"); },
 *   addressOf: () => null,
 * });
 * deputies.update();
 * deputies.first(); // undefined: nobody offered
 * ```
 */
export class Deputies {
  readonly #ctx: DeputiesContext;
  #list: Deputy[] = [];
  /** Members whose key would not make a shared key. */
  readonly #bad = new WeakSet<Member>();
  #seq = 0;
  #dirty = false;
  #lastFullAt = -Infinity;
  #lastSentAt = -Infinity;
  #interval = REPLICA_INTERVAL_MS;
  /** A deadline step waits for its replica: no interval to wait. */
  #urgent = false;
  #cancelTimer: (() => void) | null = null;
  #timerAt = Infinity;
  #fallbackKey = "";
  #closed = false;
  /** Every chain not settled yet (also of deputies no longer chosen). */
  readonly #pending = new Set<Promise<void>>();

  /**
   * No deputy yet: call {@linkcode Deputies.update} when members change.
   * @param ctx the room's parts
   */
  constructor(ctx: DeputiesContext) {
    this.#ctx = ctx;
  }

  /** The first deputy (who takes over first), if any. */
  first(): Member | undefined {
    return this.#list[0]?.member;
  }

  /** The deputies, rank order. */
  members(): Member[] {
    return this.#list.map((d) => d.member);
  }

  /** Sequence number of the last replica sent (0: none yet). */
  get seq(): number {
    return this.#seq;
  }

  /** The `fallback` a member is told now (newcomers get it after `welcome`). */
  fallback(): Extract<HostMessage, { type: "fallback" }> {
    const d = this.#list[0]?.member;
    const to = d && this.#ctx.addressOf(d);
    return to ? { type: "fallback", to, nickname: d.nickname } : {
      type: "fallback",
    };
  }

  /**
   * The room changed: a replica goes within the interval. Cheap (a flag).
   * `urgent` (a game's deadline step: a reveal, a new round): at once, when
   * the snapshot is small (the normal interval) — a crash right after a
   * phase change then does not replay it.
   */
  dirty(urgent = false): void {
    if (this.#closed) return;
    const hurry = urgent && this.#interval <= REPLICA_INTERVAL_MS &&
      !this.#urgent;
    if (this.#dirty && !hurry) return;
    this.#dirty = true;
    if (hurry) this.#urgent = true;
    if (this.#list.length) this.#arm();
  }

  /**
   * Chooses the deputies again (after a join, a loss, a leave, a kick):
   * tells those whose rank changed, and everyone when deputy 1 changed.
   */
  update(): void {
    if (this.#closed) return;
    const { members, loopback } = this.#ctx;
    const chosen = members.firstWhere(
      (m) =>
        m.connected && m.deputyKey !== undefined && !m.watcher &&
        m.mode === "json" && !m.isHost && !this.#bad.has(m) &&
        m.address !== undefined && (loopback || !isLoopback(m.address)),
      DEPUTIES_MAX,
    );
    const before = this.#list;
    const next: Deputy[] = chosen.map((m, i) => {
      const old = before.find((d) => d.member === m);
      const d = old ?? {
        member: m,
        rank: 0,
        shared: null,
        chain: Promise.resolve(),
        full: true,
      };
      if (d.rank !== i + 1) {
        d.rank = i + 1;
        this.#sendRank(d);
      }
      return d;
    });
    for (const d of before) {
      if (next.includes(d)) continue;
      d.rank = 0;
      if (d.member.connected) this.#sendRank(d);
    }
    this.#list = next;
    this.refreshFallback();
    if (next.some((d) => d.full)) this.#arm();
    else if (!next.length) this.#disarm();
  }

  /** Tells everyone the fallback again when it changed (deputy 1, or the ports). */
  refreshFallback(): void {
    const msg = this.fallback();
    const key = JSON.stringify(msg);
    if (key === this.#fallbackKey) return;
    const first = this.#fallbackKey === "";
    this.#fallbackKey = key;
    if (first && !msg.to) return; // nobody was told of one: nothing to take back
    this.#ctx.members.broadcast(msg);
  }

  /**
   * Clean handover: no more replicas on the timer; deputy 1 gets a final
   * replica (`leaving`: the hosting player's seat, shown as gone) then
   * `handover`. Resolves with deputy 1 and the final seq once both are
   * queued, or null when there is no deputy (or its key failed).
   * @param leaving the id of the seat that leaves with the host
   */
  async handover(
    leaving?: string,
  ): Promise<{ deputy: Member; seq: number } | null> {
    this.#disarm();
    const d = this.#list[0];
    if (!d || this.#closed) return null;
    this.#closed = true;
    const seq = ++this.#seq;
    const json = JSON.stringify(this.#ctx.snapshot(seq, leaving));
    const { epoch } = this.#ctx;
    let ok = true;
    d.chain = d.chain.then(async () => {
      try {
        const box = await sealJson(await this.#shared(d), json);
        d.member.port.send({ type: "replica", epoch, seq, ...box });
        d.member.port.send({ type: "handover", epoch, seq });
      } catch (e) {
        if (!(e instanceof SealError)) throw e;
        ok = false;
      }
    });
    await d.chain;
    return ok ? { deputy: d.member, seq } : null;
  }

  /** Resolves once every message queued so far for the deputies went to their ports. */
  async settled(): Promise<void> {
    while (this.#pending.size) await Promise.all([...this.#pending]);
  }

  /** No more replicas or messages (the room closed). */
  close(): void {
    this.#closed = true;
    this.#disarm();
  }

  #shared(d: Deputy): Promise<CryptoKey> {
    d.shared ??= this.#ctx.keys.then((k) => sharedKey(k, d.member.deputyKey!));
    return d.shared;
  }

  #sendRank(d: Deputy): void {
    const rank = d.rank;
    this.#enqueue(d, async () => {
      const { publicKey } = await this.#ctx.keys;
      d.member.port.send({ type: "deputy", rank, key: publicKey });
    });
  }

  /** Runs `fn` after the sends already queued for `d`; a bad key drops `d`. */
  #enqueue(d: Deputy, fn: () => Promise<void>): void {
    const chain = d.chain.then(fn).catch((e) => {
      if (!(e instanceof SealError) && !(e instanceof DOMException)) throw e;
      // Its key does not make a shared key: it cannot be a deputy.
      this.#bad.add(d.member);
      if (this.#list.includes(d)) this.update();
    });
    d.chain = chain;
    this.#pending.add(chain);
    void chain.finally(() => this.#pending.delete(chain));
  }

  /** The timer at the next moment something is due. */
  #arm(): void {
    if (this.#closed) return;
    const now = this.#ctx.clock.now();
    const keepalive = this.#lastSentAt + REPLICA_KEEPALIVE_MS;
    const due = Math.max(
      now,
      this.#wantsFull()
        ? Math.min(
          this.#urgent ? now : this.#lastFullAt + this.#interval,
          keepalive,
        )
        : keepalive,
    );
    if (this.#cancelTimer && this.#timerAt <= due) return;
    this.#cancelTimer?.();
    this.#timerAt = due;
    this.#cancelTimer = this.#ctx.clock.after(due - now, () => {
      this.#cancelTimer = null;
      this.#timerAt = Infinity;
      this.#tick();
    });
  }

  #wantsFull(): boolean {
    return this.#dirty || this.#list.some((d) => d.full);
  }

  #disarm(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#timerAt = Infinity;
  }

  #tick(): void {
    if (this.#closed || !this.#list.length) return;
    const now = this.#ctx.clock.now();
    const { epoch } = this.#ctx;
    if (
      this.#wantsFull() &&
      (this.#urgent || now >= this.#lastFullAt + this.#interval)
    ) {
      this.#dirty = false;
      this.#urgent = false;
      const seq = ++this.#seq;
      const json = JSON.stringify(this.#ctx.snapshot(seq));
      this.#lastFullAt = now;
      this.#interval = replicaIntervalMs(json.length);
      if (json.length > SNAPSHOT_MAX_BYTES) {
        this.#ctx.tooBig?.(json.length);
      } else {
        for (const d of this.#list) {
          d.full = false;
          this.#enqueue(d, async () => {
            const box = await sealJson(await this.#shared(d), json);
            if (this.#list.includes(d)) {
              d.member.port.send({ type: "replica", epoch, seq, ...box });
            }
          });
        }
      }
    } else if (now >= this.#lastSentAt + REPLICA_KEEPALIVE_MS) {
      const seq = this.#seq;
      for (const d of this.#list) {
        this.#enqueue(d, () => {
          if (this.#list.includes(d)) {
            d.member.port.send({ type: "replica", epoch, seq });
          }
          return Promise.resolve();
        });
      }
    } else return this.#arm();
    this.#lastSentAt = now;
    this.#arm();
  }
}
