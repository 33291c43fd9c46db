/**
 * Stopping on Ctrl-C (SIGINT) and, off Windows, SIGTERM.
 *
 * @module
 */

/**
 * Resolves once `stop` has finished after the first SIGINT or SIGTERM.
 * The listeners are removed then.
 *
 * @example
 * ```ts ignore
 * await onStopSignal(() => server.close());
 * ```
 */
export function onStopSignal(stop: () => Promise<void>): Promise<void> {
  const signals: Deno.Signal[] = Deno.build.os === "windows"
    ? ["SIGINT"]
    : ["SIGINT", "SIGTERM"];
  return new Promise((resolve, reject) => {
    const handler = () => {
      for (const s of signals) Deno.removeSignalListener(s, handler);
      stop().then(resolve, reject);
    };
    for (const s of signals) Deno.addSignalListener(s, handler);
  });
}
