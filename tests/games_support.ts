/**
 * Support for the games' loopback tests: players whose JSON events can be
 * awaited, a player that keeps the raw lines it read from the wire, a clock
 * that runs faster than real time, and a bound on any wait.
 *
 * @module
 */
import { GAMES } from "../games/registry.ts";
import type { AnyGame } from "../games/types.ts";
import { Session } from "../client/session.ts";
import { type PlayerEnd, runPlayer } from "../client/app.ts";
import type { Clock } from "../host/clock.ts";
import { fakeTerminal, LineClient, seeded } from "./support.ts";

/**
 * One JSON message as a client received it.
 *
 * @example
 * ```ts
 * import type { Event } from "./games_support.ts";
 * const e: Event = { type: "game_end", game: "qcm" };
 * ```
 */
export type Event = { type: string; [k: string]: unknown };

/**
 * A predicate over events.
 *
 * @example
 * ```ts
 * import type { EventTest } from "./games_support.ts";
 * const isEnd: EventTest = (e) => e.type === "game_end";
 * ```
 */
export type EventTest = (e: Event) => boolean;

/**
 * Waits for `promise`, failing with a clear message after `ms` (the timer is
 * cleared either way, so sanitizers stay quiet). A bound, never a way to sync.
 *
 * @example
 * ```ts ignore
 * await within(30_000, bot.end, "the bots finish the quiz");
 * ```
 */
export async function within<T>(
  ms: number,
  promise: Promise<T>,
  what: string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`gave up after ${ms} ms waiting until ${what}`),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A host clock running `factor` times faster than real time: pauses and
 * built-in opponents go by quickly while clients keep real delays. Timers
 * fire a little late rather than early, so a deadline is always due when
 * its timer runs.
 *
 * @example
 * ```ts
 * import { scaledClock } from "./games_support.ts";
 * const clock = scaledClock(10);
 * const cancel = clock.after(3000, () => {}); // runs after about 300 ms
 * cancel();
 * ```
 */
export function scaledClock(factor: number): Clock {
  const epoch = Date.now();
  const start = performance.now();
  return {
    now: () => epoch + (performance.now() - start) * factor,
    after(ms, fn) {
      const id = setTimeout(fn, Math.max(0, ms) / factor + 1);
      return () => clearTimeout(id);
    },
  };
}

/**
 * A player program (client/app.ts, `--json`) run in-process on loopback.
 *
 * @example
 * ```ts ignore
 * const p: JsonPlayer = await jsonPlayer(host.port, "ana", { seed: 1 });
 * p.send({ type: "start", game: "qcm", options: { count: 3 } });
 * ```
 */
export interface JsonPlayer {
  /** The nickname it joined with. */
  readonly name: string;
  /** Every JSON event it printed, in order (what it received, and `connected`). */
  readonly events: Event[];
  /**
   * Types a JSON line into the player's input, as a person could: the
   * player sends it to the host as is.
   */
  send(value: Event): void;
  /**
   * Index of the first event at or after `from` that matches; rejects when
   * the player ends without one.
   */
  waitFor(test: EventTest, from?: number): Promise<number>;
  /** Why the player ended (after it did). */
  readonly end: Promise<PlayerEnd>;
}

/**
 * How to run a {@linkcode JsonPlayer}.
 *
 * @example
 * ```ts
 * import type { JsonPlayerOptions } from "./games_support.ts";
 * const o: JsonPlayerOptions = { seed: 7, games: 3 };
 * ```
 */
export interface JsonPlayerOptions {
  /** Seed of the player's random source (bot choices and delays). */
  seed: number;
  /** Leave after this many games (none: stay until the host goes). */
  games?: number;
  /** False for a player nobody plays for; true by default. */
  bot?: boolean;
  /** Games as the client knows them (e.g. with another bot); the registry by default. */
  gameSet?: Record<string, AnyGame>;
}

/**
 * Joins `port` on 127.0.0.1 as `name` and runs the player's program with a
 * fake terminal in JSON mode, a bot playing by default.
 *
 * @example
 * ```ts ignore
 * const ana = await jsonPlayer(host.port, "ana", { seed: 1, games: 1 });
 * const at = await ana.waitFor((e) => e.type === "game_end");
 * console.log(ana.events[at]);
 * ```
 */
export async function jsonPlayer(
  port: number,
  name: string,
  options: JsonPlayerOptions,
): Promise<JsonPlayer> {
  const session = await Session.join({
    host: "127.0.0.1",
    port,
    nickname: name,
    lang: "en",
  });
  const term = fakeTerminal();
  const events: Event[] = [];
  const waiters = new Set<{
    test: EventTest;
    from: number;
    resolve: (index: number) => void;
    reject: (e: Error) => void;
  }>();
  let ended = false;
  let partial = "";
  const check = () => {
    for (const w of [...waiters]) {
      const i = events.findIndex((e, k) => k >= w.from && w.test(e));
      if (i >= 0) {
        waiters.delete(w);
        w.resolve(i);
      } else if (ended) {
        waiters.delete(w);
        w.reject(
          new Error(
            `${name} ended before the awaited event; last events:\n${
              events.slice(-6).map((e) => JSON.stringify(e)).join("\n")
            }`,
          ),
        );
      }
    }
  };
  const write = term.write;
  term.write = (text: string) => {
    write(text);
    const lines = (partial + text).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) if (line) events.push(JSON.parse(line));
    check();
  };
  const end = runPlayer({
    session,
    games: options.gameSet ?? GAMES,
    lang: "en",
    terminal: term,
    json: true,
    bot: options.bot ?? true,
    gamesLimit: options.games,
    random: seeded(options.seed),
  }).then((why) => {
    term.end();
    ended = true;
    check();
    return why;
  });
  return {
    name,
    events,
    send: (value) => term.type(JSON.stringify(value)),
    waitFor: (test, from = 0) =>
      new Promise((resolve, reject) => {
        waiters.add({ test, from, resolve, reject });
        check();
      }),
    end,
  };
}

/**
 * The JSON events among the lines a raw client read (the banner and any
 * text line are skipped).
 *
 * @example
 * ```ts
 * import { lineEvents } from "./games_support.ts";
 * lineEvents(["LANPLAY/1 Room :: hi", '{"type":"welcome"}']); // [{ type: "welcome" }]
 * ```
 */
export function lineEvents(lines: readonly string[]): Event[] {
  return lines.flatMap((line) => {
    const e = parseEvent(line);
    return e ? [e] : [];
  });
}

function parseEvent(line: string): Event | null {
  if (!line.startsWith("{")) return null;
  try {
    const v = JSON.parse(line);
    return v && typeof v === "object" && typeof v.type === "string"
      ? v as Event
      : null;
  } catch {
    return null;
  }
}

/**
 * Reads a raw client's lines until a JSON event matches; fails when the
 * stream ends first.
 *
 * @example
 * ```ts ignore
 * const welcome = await nextEvent(raw, (e) => e.type === "welcome");
 * ```
 */
export async function nextEvent(
  client: LineClient,
  test: EventTest,
): Promise<Event> {
  const line = await client.waitFor((l) => {
    const e = parseEvent(l);
    return e !== null && test(e);
  });
  return JSON.parse(line);
}

/**
 * Connects a raw client (like `nc`), reads the banner and joins in JSON
 * mode with `hello`.
 *
 * @example
 * ```ts ignore
 * const { client, welcome } = await rawJoin(host.port, "watcher");
 * ```
 */
export async function rawJoin(
  port: number,
  name: string,
): Promise<{ client: LineClient; welcome: Event }> {
  const client = await LineClient.connect(port);
  try {
    await client.next(); // banner
    await client.send(JSON.stringify({
      type: "hello",
      nickname: name,
      protocol: 1,
      lang: "en",
    }));
    const welcome = await nextEvent(client, (e) => e.type === "welcome");
    return { client, welcome };
  } catch (e) {
    await client.close();
    throw e;
  }
}

/**
 * A player on a raw connection, played by the game's own bot.
 *
 * @example
 * ```ts ignore
 * const w: WirePlayer = await wirePlayer(host.port, "wire", 5, 1);
 * await w.done;
 * ```
 */
export interface WirePlayer {
  /** The nickname it joined with. */
  readonly name: string;
  /** Every line read from the socket, exactly as it came. */
  readonly lines: readonly string[];
  /** Resolves when the host closed the connection (after its `quit`). */
  readonly done: Promise<void>;
}

/**
 * Joins as `name` on a raw TCP connection and lets the registry's bot of
 * whatever game runs play from the `view`s read off the wire, keeping every
 * line as it came. Quits after `games` games have ended. `gameSet` is where
 * the bots come from (the registry by default).
 *
 * @example
 * ```ts ignore
 * const raw = await wirePlayer(host.port, "wire", 5, 1);
 * await raw.done;
 * console.log(raw.lines.length);
 * ```
 */
export async function wirePlayer(
  port: number,
  name: string,
  seed: number,
  games: number,
  gameSet: Record<string, AnyGame> = GAMES,
): Promise<WirePlayer> {
  const { client } = await rawJoin(port, name);
  const random = seeded(seed);
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const writes = new Set<Promise<void>>();
  const sent = new Set<string>();
  const send = (value: unknown) => {
    const p = client.send(JSON.stringify(value)).catch(() => {}).finally(
      () => writes.delete(p),
    );
    writes.add(p);
  };
  const play = async () => {
    let ended = 0;
    let quitting = false;
    while (true) {
      const line = await client.next();
      if (line === null) break;
      const e = parseEvent(line);
      if (!e || quitting) continue;
      if (e.type === "game_start") sent.clear();
      if (e.type === "view") {
        const d = gameSet[e.game as string]?.bot(e.view, random);
        if (d && !sent.has(d.key)) {
          sent.add(d.key);
          const timer = setTimeout(() => {
            timers.delete(timer);
            send(d.move);
          }, d.delayMs ?? 0);
          timers.add(timer);
        }
      }
      if (e.type === "game_end" && ++ended >= games) {
        quitting = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        send({ type: "quit" });
      }
    }
    for (const t of timers) clearTimeout(t);
    await Promise.all([...writes]);
    await client.close();
  };
  return { name, lines: client.lines, done: play() };
}
