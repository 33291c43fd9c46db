/**
 * The options of `lanplay join`, parsed with `node:util` parseArgs and
 * checked, and its help text.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { DEFAULT_PORT, type Lang } from "../protocol/constants.ts";
import { pickLang } from "../i18n/translate.ts";
import { parseAddress } from "../client/session.ts";
import { PIN_MAX } from "../client/pin_prompt.ts";
import { ct } from "../client/texts.ts";
import { intOption, type Parsed, strictArgs } from "./args.ts";
import { UsageError } from "./errors.ts";
import { t } from "./texts.ts";

/**
 * Help text of `lanplay join` in `lang`.
 *
 * @example
 * ```ts
 * import { joinHelp } from "./join_options.ts";
 * joinHelp("en").includes("(default port 50026)"); // true
 * ```
 */
export function joinHelp(lang: Lang): string {
  return t(lang, "join.help", { port: DEFAULT_PORT });
}

/** Checked `join` options. */
export interface JoinConfig {
  /** Host to join directly (`null`: find one on the LAN). */
  host: string | null;
  /** Join the room whose name contains this. */
  room: string | null;
  /** Print the rooms found and exit. */
  list: boolean;
  /** How long `--list` or a bot searches, ms. */
  timeout: number | null;
  /** Search on these interfaces only. */
  interfaces: string[] | undefined;
  /** TCP port of `host`. */
  port: number;
  /** Nickname (`null`: ask or take `USER`). */
  name: string | null;
  /** Language. */
  lang: Lang;
  /** One JSON event per line on stdout. */
  json: boolean;
  /** A bot plays. */
  bot: boolean;
  /** Leave after this many games. */
  games: number | null;
  /** The room's PIN (`--pin`), for a locked room. */
  pin: string | null;
  /**
   * Offer to take the room over if its host goes (`hello.deputy`); false
   * with `--no-deputy`.
   */
  deputy: boolean;
}

/**
 * Reads `join` options: `{ help: true, lang }` for `--help`, else the
 * checked configuration; a wrong option throws a {@linkcode UsageError}.
 *
 * @example
 * ```ts
 * import { parseJoinArgs } from "./join_options.ts";
 * const cfg = parseJoinArgs(["--host", "198.18.0.1:4000", "--bot"], {});
 * cfg.help ? "help" : cfg.port; // 4000
 * const plain = parseJoinArgs(["--host", "198.18.0.1"], {});
 * plain.help ? "help" : plain.port; // 50026
 * const locked = parseJoinArgs(["--room", "Salle", "--pin", "1234"], {});
 * locked.help ? "help" : locked.pin; // "1234"
 * ```
 */
export function parseJoinArgs(
  args: string[],
  env: Record<string, string | undefined>,
): Parsed<JoinConfig> {
  const { values: v } = strictArgs("join", () =>
    parseArgs({
      args,
      options: {
        host: { type: "string" },
        room: { type: "string" },
        list: { type: "boolean" },
        timeout: { type: "string" },
        interface: { type: "string", multiple: true },
        name: { type: "string" },
        lang: { type: "string" },
        json: { type: "boolean" },
        bot: { type: "boolean" },
        games: { type: "string" },
        pin: { type: "string" },
        "no-deputy": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  const lang = pickLang(v.lang, env);
  if (v.help) return { help: true, lang };
  const addr = v.host ? parseAddress(v.host, DEFAULT_PORT) : null;
  if (
    addr && (!Number.isInteger(addr.port) || addr.port < 1 || addr.port > 65535)
  ) {
    throw new UsageError("bad_host_port", { value: v.host ?? "" });
  }
  if (
    v.pin !== undefined &&
    (v.pin.length < 1 || v.pin.length > PIN_MAX || /\p{Cc}/u.test(v.pin))
  ) {
    throw new UsageError("bad_option", {
      reason: ct(lang, "bad_pin_option", { max: PIN_MAX }),
      command: "join",
    });
  }
  return {
    help: false,
    host: addr?.host ?? null,
    room: v.room ?? null,
    list: !!v.list,
    timeout: intOption(v, "timeout", null, 1, 600_000),
    interfaces: v.interface,
    port: addr?.port ?? DEFAULT_PORT,
    name: v.name ?? null,
    lang,
    json: !!v.json,
    bot: !!v.bot,
    games: intOption(v, "games", null, 1, 1000),
    pin: v.pin ?? null,
    deputy: !v["no-deputy"],
  };
}
