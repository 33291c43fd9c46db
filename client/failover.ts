/**
 * Coming back to a room whose host may have gone (MIGRATION.md § 5, 7):
 * one {@linkcode Failover} per `join` process remembers what the host said
 * (its epoch, its `fallback`, a `bye` that says where the room `moved`),
 * holds the deputy role ({@linkcode Deputy}), and makes each attempt of the
 * reconnect loop ({@linkcode reconnect}) try, in order: where the room
 * moved, the fallback address, every address where discovery shows the
 * room at a higher epoch, then the old address — or take the room over
 * when this client is the deputy whose turn it is (client/takeover.ts).
 *
 * A discovery sighting, a `bye moved` and a second deputy's deadline wake
 * the loop at once ({@linkcode Wake}).
 *
 * @module
 */
import type { RoomAddress } from "../protocol/messages.ts";
import { RoomImpostorError } from "./errors.ts";
import { Deputy } from "./deputy.ts";
import { Wake } from "./reconnect.ts";
import type { RoomWatch, Sighting } from "./room_sightings.ts";
import type { Incoming, Session, SessionEnd } from "./session.ts";
import {
  ISOLATED_AFTER_MS,
  type LossKind,
  REPLICA_SILENCE_MS,
  type TakeOver,
  takeoverSnapshotSchema,
  takeoverStep,
  type TookOver,
} from "./takeover.ts";

/** Where one try goes, and why it is tried. */
export interface Target {
  /** Host name or address. */
  host: string;
  /** TCP port. */
  port: number;
  /** `moved` (a bye said so), `fallback`, `sighting`, `old`, `local` (taken over). */
  why: "moved" | "fallback" | "sighting" | "old" | "local";
}

/** How a {@linkcode Failover} reaches and watches the room. */
export interface FailoverOptions {
  /** Joins `target` with the seat's token (and the room's proof); `hostKey` when this client took the room over. */
  join: (target: Target, token: string, hostKey?: string) => Promise<Session>;
  /** The deputy role (null: this client never takes the room over). */
  deputy?: Deputy | null;
  /** Opens the room here from a snapshot (null: never). */
  takeOver?: TakeOver | null;
  /**
   * Starts watching discovery for the room (`onHigher` at each sighting
   * above the epoch); null: no discovery.
   */
  watch?:
    | ((
      roomId: string,
      above: () => number,
      onHigher: (s: Sighting[]) => void,
    ) => RoomWatch)
    | null;
  /**
   * Follow a moved room only (a `bye moved`): a plain lost connection is
   * not retried (the hosting player's own session).
   */
  movedOnly?: boolean;
  /** The session came from discovery (watch on every loss; else only with a fallback). */
  fromDiscovery?: boolean;
  /** Said in the log (a fallback once, a move, a takeover); the app may set it. */
  notice?: (event: FailoverNotice) => void;
  /** Monotonic ms. */
  now?: () => number;
  /** How long a takeover on silence waits for the others (ms, {@linkcode ISOLATED_AFTER_MS}). */
  isolatedAfterMs?: number;
}

/** What a failover tells the player. */
export type FailoverNotice =
  | { kind: "fallback"; to: RoomAddress; nickname?: string }
  | { kind: "moving"; to: RoomAddress; message: string }
  | { kind: "took_over"; room: string; port: number }
  | { kind: "gave_back"; to: { host: string; port: number } }
  | { kind: "takeover_failed"; reason: string };

/** What the app does with a host message after the failover saw it. */
export type Observed = "show" | "hide" | "drop";

/**
 * The failover of one `join` process.
 *
 * @example
 * ```ts ignore
 * const failover = new Failover({ join, deputy, takeOver, watch });
 * failover.connected(session, { host, port });
 * // ... on each message: failover.observe(msg)
 * // ... on loss: failover.lost(session.end); reconnect({ attempt: (n) => failover.attempt(token), wake: failover.wake })
 * ```
 */
export class Failover {
  /** Wakes the reconnect loop. */
  readonly wake: Wake = new Wake();
  readonly #o: FailoverOptions;
  readonly #now: () => number;
  #roomId = "";
  #epoch = 0;
  #old: { host: string; port: number } | null = null;
  #fallback: RoomAddress | null = null;
  #fallbackSaid = false;
  #moved: RoomAddress | null = null;
  #loss: LossKind = "other";
  #lostAt = 0;
  #higherSeen = false;
  #triedOld = false;
  #watch: RoomWatch | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #guard: ReturnType<typeof setInterval> | null = null;
  #silentDrop = false;
  #local: TookOver | null = null;
  #taking: Promise<TookOver> | null = null;
  #isolation: ReturnType<typeof setTimeout> | null = null;
  /** Gave a room back (cut off): no takeover until connected again. */
  #gaveBack = false;

  /**
   * @param o how to reach and watch the room
   */
  constructor(o: FailoverOptions) {
    this.#o = o;
    this.#now = o.now ?? (() => performance.now());
  }

  /** The deputy role, or null. */
  get deputy(): Deputy | null {
    return this.#o.deputy ?? null;
  }

  /** The room's epoch this client knows (its last welcome's). */
  get epoch(): number {
    return this.#epoch;
  }

  /** The last `fallback.to` (null: none). */
  get fallback(): RoomAddress | null {
    return this.#fallback;
  }

  /** What this client opened when it took the room over (null: not). */
  get tookOver(): TookOver | null {
    return this.#local;
  }

  /**
   * A session is (again) joined: its epoch, its address; the loss is over.
   *
   * @param session the new session
   * @param at where it was joined
   */
  connected(session: Session, at: { host: string; port: number }): void {
    const room = session.welcome.room as { hostId: string; epoch?: unknown };
    this.#roomId = room.hostId;
    const epoch = room.epoch;
    this.#epoch = typeof epoch === "number" && epoch >= 0 ? epoch : 0;
    this.#old = at;
    this.#gaveBack = false;
    this.#moved = null;
    this.#loss = "other";
    this.#higherSeen = false;
    this.#triedOld = false;
    this.#silentDrop = false;
    this.#fallback = null;
    this.#o.deputy?.newSession();
    void this.#stopWatching();
    this.#guardSilence(session);
  }

  /**
   * Takes one host message: the fallback, the deputy's messages, a `bye`
   * that says where the room moved. `hide`: not for the player's eyes;
   * `drop`: the host handed the room over to this client, end the session.
   *
   * @param msg a host message
   */
  observe(msg: Incoming): Observed {
    const m = msg as { type: string; [k: string]: unknown };
    switch (m.type) {
      case "fallback": {
        const to = roomAddress(m.to);
        this.#fallback = to;
        if (to && !this.#fallbackSaid) {
          this.#fallbackSaid = true;
          this.#o.notice?.({
            kind: "fallback",
            to,
            ...(typeof m.nickname === "string" ? { nickname: m.nickname } : {}),
          });
        }
        return "hide";
      }
      case "deputy":
      case "replica":
      case "handover": {
        const deputy = this.#o.deputy;
        if (!deputy) return "hide";
        const event = deputy.receive(m, this.#now());
        if (m.type === "handover") {
          this.#loss = "handover";
          // The session ends once the final replica is open.
          return "drop";
        }
        void event;
        return "hide";
      }
      case "bye": {
        const to = m.reason === "moved" ? roomAddress(m.to) : null;
        if (!to) return "show";
        // After its `handover` the host says the room moved to this very
        // client: it takes the room over, it does not follow itself.
        if (this.#loss === "handover") return "drop";
        this.#moved = to;
        this.#o.notice?.({
          kind: "moving",
          to,
          message: typeof m.message === "string" ? m.message : "",
        });
        this.wake.wake();
        return "drop";
      }
    }
    return "show";
  }

  /** True when a `bye` said where the room moved (the app comes back). */
  get moved(): boolean {
    return this.#moved !== null;
  }

  /** True when this loss is worth coming back from. */
  get retries(): boolean {
    return this.moved || !this.#o.movedOnly;
  }

  /**
   * The session to the host ended: the attempts start (a discovery watch,
   * a second deputy's deadline).
   *
   * @param end why the session ended
   */
  lost(end: SessionEnd | null): void {
    this.#stopGuard();
    this.#lostAt = this.#now();
    if (this.#moved) this.#loss = "moved";
    else if (this.#loss === "handover") { /* kept */ }
    else if (this.#silentDrop || end === "silent") this.#loss = "silent";
    else if (end === "eof") this.#loss = "eof";
    else this.#loss = "other";
    const watch = this.#o.watch;
    if (watch && !this.#watch && (this.#o.fromDiscovery || this.#fallback)) {
      this.#watch = watch(this.#roomId, () => this.#epoch, () => {
        this.#higherSeen = true;
        this.wake.wake();
      });
    }
    const step = this.#step();
    if (step.kind === "wait_until") {
      this.#timer = setTimeout(
        () => this.wake.wake(),
        Math.max(0, step.at - this.#now()),
      );
    }
    if (this.#moved || step.kind === "now") this.wake.wake();
  }

  /** The loss is over (back, or given up): stops the watch and timers. */
  async done(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#stopGuard();
    await this.#stopWatching();
  }

  /**
   * The program ends: {@linkcode done}, and the watch of a takeover for
   * the others (which outlives a loss) stops too.
   */
  async close(): Promise<void> {
    if (this.#isolation) clearTimeout(this.#isolation);
    this.#isolation = null;
    await this.done();
  }

  /**
   * One attempt of the reconnect loop: takes the room over when it is this
   * client's turn, else tries each place in order; throws the most telling
   * error when none took the seat back.
   *
   * @param token the seat's token
   */
  async attempt(token: string): Promise<Session> {
    const back = await this.#attempt(token);
    const at = this.#lastTarget!;
    this.connected(back, { host: at.host, port: at.port });
    return back;
  }

  /** Says what the failover tells the player (the app's log). */
  set notice(cb: ((event: FailoverNotice) => void) | undefined) {
    this.#o.notice = cb;
  }

  #lastTarget: Target | null = null;

  #join(target: Target, token: string, hostKey?: string): Promise<Session> {
    this.#lastTarget = target;
    return this.#o.join(target, token, hostKey);
  }

  async #attempt(token: string): Promise<Session> {
    if (this.#local) return await this.#joinLocal(token);
    const step = this.#step();
    if (step.kind === "now") {
      const took = await this.#takeOver(step.epoch);
      if (took) return await this.#joinLocal(token);
    }
    let error: unknown = new Error("no address to try");
    let impostor: unknown = null;
    for (const target of this.targets()) {
      if (
        step.kind === "after_old" && this.#triedOld && target.why === "old"
      ) continue;
      try {
        return await this.#join(target, token);
      } catch (e) {
        if (target.why === "old") this.#triedOld = true;
        // An impostor at one address does not end the search.
        if (e instanceof RoomImpostorError && target.why !== "old") {
          impostor = e;
        } else {
          error = e;
        }
      }
    }
    if (step.kind === "after_old" && this.#triedOld) {
      const took = await this.#takeOver(step.epoch);
      if (took) return await this.#joinLocal(token);
    }
    throw error instanceof Error && error.message === "no address to try" &&
        impostor
      ? impostor
      : error;
  }

  /**
   * Where an attempt goes, in order (without duplicates): where the room
   * moved, the fallback, discovery's sightings at a higher epoch, the old
   * address.
   */
  targets(): Target[] {
    const list: Target[] = [];
    const add = (host: string, port: number, why: Target["why"]) => {
      if (!list.some((t) => t.host === host && t.port === port)) {
        list.push({ host, port, why });
      }
    };
    if (this.#moved) add(this.#moved.address, this.#moved.port, "moved");
    if (this.#fallback) {
      add(this.#fallback.address, this.#fallback.port, "fallback");
    }
    for (const s of this.#watch?.higher() ?? []) {
      for (const a of s.addresses.length ? s.addresses : [s.address]) {
        add(a, s.port, "sighting");
      }
    }
    if (this.#old && this.#loss !== "moved") {
      add(this.#old.host, this.#old.port, "old");
    }
    return list;
  }

  #step() {
    const deputy = this.#o.deputy;
    const held = deputy?.replica ?? null;
    if (!this.#o.takeOver || !deputy || !held || this.#gaveBack) {
      return { kind: "no" } as const;
    }
    if (this.#watch?.higher().length) this.#higherSeen = true;
    return takeoverStep({
      rank: deputy.rank,
      loss: this.#loss,
      hasSnapshot: true,
      snapshotEpoch: held.epoch,
      lostAt: this.#lostAt,
      now: this.#now(),
      higherSeen: this.#higherSeen,
    });
  }

  async #takeOver(epoch: number): Promise<TookOver | null> {
    const deputy = this.#o.deputy;
    const takeOver = this.#o.takeOver;
    if (!deputy || !takeOver) return null;
    if (!this.#taking) {
      this.#taking = (async () => {
        await deputy.settled(); // the final replica is open
        const parsed = takeoverSnapshotSchema.safeParse(
          deputy.replica?.snapshot,
        );
        if (!parsed.success) throw new Error("the snapshot is not usable");
        // A takeover on silence may be this machine's own cable: where to
        // give the room back if nobody else comes.
        const from = this.#loss === "eof" || this.#loss === "handover"
          ? null
          : this.#old;
        const took = await takeOver(parsed.data, epoch);
        this.#local = took;
        if (from) this.#watchIsolation(took, from);
        // Its guard saw the room with more players elsewhere: given back.
        took.steppedDown?.then((to) => {
          this.#gaveBackTo(took, { host: to.address, port: to.port });
          this.wake.wake();
        });
        this.#o.notice?.({
          kind: "took_over",
          room: took.name,
          port: took.port,
        });
        return took;
      })();
    }
    try {
      return await this.#taking;
    } catch (e) {
      this.#taking = null;
      // Never again: this client goes on as a plain player.
      this.#o.takeOver = null;
      this.#o.notice?.({
        kind: "takeover_failed",
        reason: (e as Error)?.message ?? String(e),
      });
      return null;
    }
  }

  /**
   * After a takeover on silence: if nobody else came back by
   * `isolatedAfterMs`, this machine was the one cut off: the room goes back
   * to the host it came from (a `bye moved` this client follows as a
   * player), before a re-plugged cable makes two hosts of it.
   */
  #watchIsolation(took: TookOver, from: { host: string; port: number }) {
    if (!took.isolated || !took.giveBack) return;
    this.#isolation = setTimeout(() => {
      this.#isolation = null;
      if (this.#local !== took || !took.isolated!()) return;
      this.#gaveBackTo(took, from);
      took.giveBack!({ address: from.host, port: from.port });
      this.wake.wake();
    }, this.#o.isolatedAfterMs ?? ISOLATED_AFTER_MS);
  }

  /**
   * The room `took` opened goes back to the host at `to`: this client is a
   * player again, headed there, with no new takeover until connected.
   */
  #gaveBackTo(took: TookOver, to: { host: string; port: number }): void {
    if (this.#local !== took) return;
    if (this.#isolation) clearTimeout(this.#isolation);
    this.#isolation = null;
    this.#local = null;
    this.#taking = null;
    this.#gaveBack = true;
    // Back to that host, as a player, at once (its own session may be
    // down too: the cut may take loopback with it).
    this.#old = to;
    this.#triedOld = false;
    this.#o.notice?.({ kind: "gave_back", to });
  }

  #joinLocal(token: string): Promise<Session> {
    const local = this.#local!;
    return this.#join(
      { host: "127.0.0.1", port: local.port, why: "local" },
      token,
      local.hostKey,
    );
  }

  /** Rank 1 counts the host gone after {@linkcode REPLICA_SILENCE_MS} of silence. */
  #guardSilence(session: Session): void {
    this.#stopGuard();
    const deputy = this.#o.deputy;
    if (!deputy || !this.#o.takeOver) return;
    this.#guard = setInterval(() => {
      if (deputy.rank !== 1) return;
      if (deputy.silentFor(this.#now()) >= REPLICA_SILENCE_MS) {
        this.#silentDrop = true;
        this.#stopGuard();
        session.drop();
      }
    }, REPLICA_SILENCE_MS / 6);
  }

  #stopGuard(): void {
    if (this.#guard) clearInterval(this.#guard);
    this.#guard = null;
  }

  async #stopWatching(): Promise<void> {
    const w = this.#watch;
    this.#watch = null;
    await w?.stop();
  }
}

/** A `RoomAddress` from the wire, or null when it is not one. */
export function roomAddress(value: unknown): RoomAddress | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const port = v.port, address = v.address;
  if (
    typeof address !== "string" || address.length === 0 ||
    address.length > 100 || typeof port !== "number" ||
    !Number.isInteger(port) || port < 1 || port > 65535
  ) return null;
  const web = v.webPort;
  return {
    address,
    port,
    ...(typeof web === "number" && Number.isInteger(web) && web > 0 &&
        web <= 65535
      ? { webPort: web }
      : {}),
  };
}

export { Deputy };
