/**
 * Stopping on Ctrl-C (SIGINT) and, off Windows, SIGTERM: watched while
 * the player's program runs, so it quits cleanly and the exit code says
 * which.
 *
 * @module
 */

/** Stop signals being watched: which came first, as an abort signal. */
export interface StopWatch {
  /** Aborted at the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** The first stop signal received, or null. */
  readonly which: "SIGINT" | "SIGTERM" | null;
  /** Stops watching (the default actions come back). */
  dispose(): void;
}

/**
 * Watches SIGINT and (off Windows) SIGTERM until disposed: the first one
 * aborts `signal` (the player's program then quits cleanly: `quit` sent,
 * terminal restored) and is remembered in `which` for the exit code.
 *
 * @example
 * ```ts ignore
 * const stop = watchStopSignals();
 * await playRoom({ ...opts, stop: stop.signal });
 * stop.dispose();
 * ```
 */
export function watchStopSignals(): StopWatch {
  const signals: ("SIGINT" | "SIGTERM")[] = Deno.build.os === "windows"
    ? ["SIGINT"]
    : ["SIGINT", "SIGTERM"];
  const controller = new AbortController();
  let which: "SIGINT" | "SIGTERM" | null = null;
  const handlers = signals.map((s) => {
    const handler = () => {
      which ??= s;
      controller.abort();
    };
    Deno.addSignalListener(s, handler);
    return [s, handler] as const;
  });
  return {
    signal: controller.signal,
    get which() {
      return which;
    },
    dispose() {
      for (const [s, h] of handlers) Deno.removeSignalListener(s, h);
      handlers.length = 0;
    },
  };
}
