/**
 * The command line: `host`, `join`, `compare`, `help`.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import {
  ConnectError,
  JoinRefusedError,
  NotLanplayError,
} from "../client/errors.ts";
import { pickLang } from "../i18n/translate.ts";
import { langOption } from "./args.ts";
import { UsageError } from "./errors.ts";
import { compareCommand } from "./compare_command.ts";
import { hostCommand } from "./host_command.ts";
import { hostHelp } from "./host_options.ts";
import { joinCommand } from "./join_command.ts";
import { joinHelp } from "./join_options.ts";
import { t } from "./texts.ts";

/** Version of this program. */
export const VERSION = "0.1.0";

/**
 * Top-level help in `lang`: the commands, then the options of `host` and
 * `join`.
 *
 * @example
 * ```ts
 * import { mainHelp } from "./main.ts";
 * mainHelp("en").startsWith("lanplay 0.1.0 — LAN party games"); // true
 * mainHelp("fr").includes("lanplay join — trouver une salle"); // true
 * ```
 */
export function mainHelp(lang: Lang): string {
  return t(lang, "help", {
    version: VERSION,
    host_help: hostHelp(lang),
    join_help: joinHelp(lang),
  });
}

/**
 * Runs the command line; returns the exit code. Expected problems print one
 * clear sentence in the language asked (`--lang`, else the environment),
 * never a stack trace.
 *
 * @example
 * ```ts ignore
 * Deno.exit(await main(Deno.args));
 * ```
 */
export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const lang = pickLang(langOption(rest), Deno.env.toObject());
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
        console.log(mainHelp(lang));
        return 0;
      default:
        console.error(t(lang, "unknown_command", { command }));
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(e.say(lang));
      return 2;
    }
    if (
      e instanceof ConnectError || e instanceof NotLanplayError ||
      e instanceof JoinRefusedError
    ) {
      console.error(e.message);
      // Kicked or banned: the same code as a kick during play.
      return e instanceof JoinRefusedError &&
          (e.code === "banned" || e.code === "kicked")
        ? 5
        : 1;
    }
    throw e;
  }
}
