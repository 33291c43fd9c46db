/**
 * Rooms for the tmux end-to-end tests: the real `host` and `join` commands
 * on loopback only (the host binds 127.0.0.1 with `--no-announce` and a port
 * chosen by the system, read from its screen), in panes of a private tmux
 * server (see `tmux.ts`).
 *
 * @module
 */
import { Tmux, type TmuxPane } from "./tmux.ts";

/** The project's root directory (where `mod.ts` is). */
export const ROOT: string = new URL("..", import.meta.url).pathname;
const MOD = `${ROOT}mod.ts`;
/** Environment of the programs: a fixed user name, a UTF-8 locale. */
export const ENV: Record<string, string> = { USER: "eleve", LANG: "C.UTF-8" };

/**
 * The command line of a host on loopback, without announcing.
 *
 * @example
 * ```ts
 * import { hostCommand } from "./tmux_room.ts";
 * hostCommand(["--lang", "en"]).includes("--no-announce"); // true
 * ```
 */
export function hostCommand(args: string[]): string[] {
  return [
    "deno",
    "run",
    "-A",
    MOD,
    "host",
    "--bind",
    "127.0.0.1",
    "--no-announce",
    // The page and its QR code have their own browser tests.
    "--no-web",
    "--port",
    "0",
    ...args,
  ];
}

/**
 * The command line of a player joining the loopback room on `port`.
 *
 * @example
 * ```ts
 * import { joinCommand } from "./tmux_room.ts";
 * joinCommand(50026, []).includes("127.0.0.1:50026"); // true
 * ```
 */
export function joinCommand(port: number, args: string[]): string[] {
  return [
    "deno",
    "run",
    "-A",
    MOD,
    "join",
    "--host",
    `127.0.0.1:${port}`,
    ...args,
  ];
}

/**
 * Starts tmux with the host (100×40 unless told); returns the port its
 * screen shows. Close the returned `tmux` in `finally`.
 *
 * @example
 * ```ts ignore
 * const { tmux, host, port } = await openRoom(["--lang", "en"], { columns: 80 });
 * try {
 *   await host.waitForText(["You lead the room"]);
 * } finally {
 *   await tmux.close();
 * }
 * ```
 */
export async function openRoom(
  args: string[],
  size: { columns?: number; rows?: number } = {},
): Promise<{ tmux: Tmux; host: TmuxPane; port: number }> {
  const tmux = await Tmux.start("host", hostCommand(args), {
    columns: size.columns ?? 100,
    rows: size.rows ?? 40,
    cwd: ROOT,
    env: ENV,
  });
  try {
    const host = tmux.pane("host");
    const screen = await host.waitForText([/127\.0\.0\.1:\d+/], 20_000);
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(screen)![1]);
    return { tmux, host, port };
  } catch (e) {
    await tmux.close();
    throw e;
  }
}
