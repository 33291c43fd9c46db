/**
 * The command line: `host`, `join`, `compare`, `help`.
 *
 * @module
 */
import {
  ConnectError,
  JoinRefusedError,
  NotLanplayError,
} from "../client/errors.ts";
import { UsageError } from "./errors.ts";
import { compareCommand } from "./compare_command.ts";
import { HOST_HELP, hostCommand } from "./host_command.ts";
import { JOIN_HELP, joinCommand } from "./join_command.ts";

/** Version of this program. */
export const VERSION = "0.1.0";

/** Top-level help. */
export const HELP =
  `lanplay ${VERSION} — LAN party games for a room full of people

  lanplay host      open a room on this machine and play in it
  lanplay join      join a room and play (finds rooms on the LAN by itself)
  lanplay compare   measure UDP against TCP on this machine or your LAN
  lanplay help      this text

Run "lanplay host --help" or "lanplay join --help" for their options.

${HOST_HELP}
${JOIN_HELP}`;

/**
 * Runs the command line; returns the exit code. Expected problems print one
 * clear sentence, never a stack trace.
 *
 * @example
 * ```ts ignore
 * Deno.exit(await main(Deno.args));
 * ```
 */
export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case "host":
        return await hostCommand(rest);
      case "join":
        return await joinCommand(rest);
      case "compare":
        return await compareCommand(rest);
      case "--version":
      case "version":
        console.log(`lanplay ${VERSION}`);
        return 0;
      case undefined:
      case "help":
      case "--help":
      case "-h":
        console.log(HELP);
        return 0;
      default:
        console.error(`Unknown command "${command}". Use host, join or help.`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      const isHelp = e.message.startsWith("lanplay ");
      (isHelp ? console.log : console.error)(e.message);
      return isHelp ? 0 : 2;
    }
    if (
      e instanceof ConnectError || e instanceof NotLanplayError ||
      e instanceof JoinRefusedError
    ) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
}
