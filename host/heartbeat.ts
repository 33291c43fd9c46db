/**
 * The host's side of one connection's heartbeat (clients that say
 * `heartbeat` in their hello): a `ping` every interval, the round trip of
 * each answer, and the connection taken as lost after the timeout without
 * a line. Shared by the TCP and the web connections; no sockets here.
 *
 * @module
 */
import {
  HEARTBEAT_INTERVAL_MS,
  HEARTBEAT_TIMEOUT_MS,
} from "../protocol/constants.ts";
import type { Clock } from "./clock.ts";

/** Pings whose answer is still awaited, at most this many (the oldest go). */
export const PINGS_KEPT = 4;

/** What a heartbeat does through its connection. */
export interface HeartbeatHooks {
  /** Sends the client `{"type":"ping","id":N,"at":MS}`. */
  ping(message: { type: "ping"; id: number; at: number }): void;
  /** One of our pings was answered after `ms`. */
  roundTrip(ms: number): void;
  /** Nothing came for `silentMs` (at least the timeout): the connection is lost. */
  silent(silentMs: number): void;
}

/**
 * One connection's heartbeat.
 *
 * @example
 * ```ts
 * import { Heartbeat } from "./heartbeat.ts";
 * let now = 0;
 * const timers: [number, () => void][] = [];
 * const clock = { now: () => now, after: (ms: number, fn: () => void) => (timers.push([now + ms, fn]), () => {}) };
 * const pings: number[] = [];
 * const trips: number[] = [];
 * const hb = new Heartbeat(clock, { intervalMs: 2000, timeoutMs: 6000 }, {
 *   ping: (m) => void pings.push(m.id),
 *   roundTrip: (ms) => void trips.push(ms),
 *   silent: () => {},
 * });
 * hb.start();
 * now = 12;
 * hb.heard({ type: "pong", id: 1 });
 * [pings, trips]; // [[1], [12]]
 * hb.stop();
 * ```
 */
export class Heartbeat {
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #timeoutMs: number;
  readonly #hooks: HeartbeatHooks;
  #heardAt = 0;
  #seq = 0;
  readonly #pings = new Map<number, number>();
  #cancelPing: (() => void) | null = null;
  #cancelSilence: (() => void) | null = null;

  /**
   * @param clock time and timers
   * @param timing ping interval and silence timeout (ms; the protocol's
   * defaults when absent)
   * @param hooks what to send and whom to tell
   */
  constructor(
    clock: Clock,
    timing: { intervalMs: number; timeoutMs: number } | undefined,
    hooks: HeartbeatHooks,
  ) {
    this.#clock = clock;
    this.#intervalMs = timing?.intervalMs ?? HEARTBEAT_INTERVAL_MS;
    this.#timeoutMs = timing?.timeoutMs ?? HEARTBEAT_TIMEOUT_MS;
    this.#hooks = hooks;
  }

  /** Pings now and every interval; watches for silence. */
  start(): void {
    this.#heardAt = this.#clock.now();
    this.#ping();
    this.#watch(this.#timeoutMs);
  }

  /**
   * A line came from the client (any line is a sign of life); a `pong` to
   * one of our pings gives the round trip.
   * @param value the parsed line, when it was JSON
   */
  heard(value?: unknown): void {
    const now = this.#clock.now();
    this.#heardAt = now;
    const v = value as { type?: unknown; id?: unknown } | null | undefined;
    if (v?.type !== "pong" || typeof v.id !== "number") return;
    const sent = this.#pings.get(v.id);
    if (sent === undefined) return;
    this.#pings.delete(v.id);
    this.#hooks.roundTrip(now - sent);
  }

  /** Stops the pings and the watch (the connection ends). */
  stop(): void {
    this.#cancelPing?.();
    this.#cancelPing = null;
    this.#cancelSilence?.();
    this.#cancelSilence = null;
  }

  #ping(): void {
    const id = ++this.#seq;
    const at = this.#clock.now();
    this.#pings.set(id, at);
    if (this.#pings.size > PINGS_KEPT) {
      this.#pings.delete(this.#pings.keys().next().value!);
    }
    this.#hooks.ping({ type: "ping", id, at });
    this.#cancelPing = this.#clock.after(this.#intervalMs, () => this.#ping());
  }

  #watch(wait: number): void {
    this.#cancelSilence = this.#clock.after(wait, () => {
      const silent = this.#clock.now() - this.#heardAt;
      if (silent < this.#timeoutMs) {
        return this.#watch(this.#timeoutMs - silent);
      }
      this.#cancelSilence = null;
      this.stop();
      this.#hooks.silent(silent);
    });
  }
}
