/**
 * `lanplay join`: joins a room and plays (full screen, plain lines, JSON
 * events, or as a bot).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { type Lang } from "../protocol/constants.ts";
import { GAMES } from "../games/registry.ts";
import { pickLang } from "../i18n/translate.ts";
import { parseAddress, Session } from "../client/session.ts";
import { runPlayer } from "../client/app.ts";
import { ct } from "../client/texts.ts";
import { systemTerminal } from "../client/terminal.ts";
import { JoinRefusedError } from "../client/errors.ts";
import { discover, type FoundHost } from "../discovery/browser.ts";
import {
  formatHostListJson,
  renderHostList,
} from "../client/host_list_view.ts";
import {
  autoPick,
  matching,
  pickHost,
  viaText,
} from "../client/host_picker.ts";
import { intOption } from "./args.ts";
import { UsageError } from "./errors.ts";
import { askNickname, defaultNickname } from "./nickname.ts";

/** Help text of `lanplay join`. */
export const JOIN_HELP = `lanplay join — find a room on the LAN and play

Usage: deno task join [options]      (or: lanplay join [options])

  (no --host)       find rooms on the LAN by mDNS and UDP broadcast, live
  --host IP[:PORT]  join this host directly (default port 50026)
  --room NAME       join the room whose name contains NAME (no menu)
  --list            print the rooms found and exit (with --json: one per line)
  --timeout MS      how long --list (or a bot) searches (default 1500 / 10000)
  --interface X     search on this interface (name or IPv4; repeatable)
  --name NAME       your nickname
  --lang fr|en      language (default from LANG)
  --json            one JSON event per line on stdout (for scripts); stdin
                    lines are sent as typed (or as JSON when they start with {)
  --bot             let a bot play for you (juste prix: bisection)
  --games N         leave after N games have ended
`;

/** Parsed `join` options. */
export interface JoinConfig {
  host: string | null;
  room: string | null;
  list: boolean;
  timeout: number | null;
  interfaces: string[] | undefined;
  port: number;
  name: string | null;
  lang: Lang;
  json: boolean;
  bot: boolean;
  games: number | null;
}

/**
 * Reads `join` options; throws {@linkcode UsageError} with what to fix.
 *
 * @example
 * ```ts
 * import { parseJoinArgs } from "./join_command.ts";
 * parseJoinArgs(["--host", "198.18.0.1:4000", "--bot"], {}).port; // 4000
 * ```
 */
export function parseJoinArgs(
  args: string[],
  env: Record<string, string | undefined>,
): JoinConfig {
  let parsed;
  try {
    parsed = parseArgs({
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
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}. See "lanplay join --help".`);
  }
  const v = parsed.values;
  if (v.help) throw new UsageError(JOIN_HELP);
  const addr = v.host ? parseAddress(v.host) : null;
  if (
    addr && (!Number.isInteger(addr.port) || addr.port < 1 || addr.port > 65535)
  ) {
    throw new UsageError(
      `--host "${v.host}": the port must be a number from 1 to 65535.`,
    );
  }
  return {
    host: addr?.host ?? null,
    room: v.room ?? null,
    list: !!v.list,
    timeout: intOption(v, "timeout", null, 1, 600_000),
    interfaces: v.interface,
    port: addr?.port ?? 50026,
    name: v.name ?? null,
    lang: pickLang(v.lang, env),
    json: !!v.json,
    bot: !!v.bot,
    games: intOption(v, "games", null, 1, 1000),
  };
}

/**
 * Runs `lanplay join` until the player quits or the host goes.
 *
 * @example
 * ```ts ignore
 * await joinCommand(["--host", "127.0.0.1", "--bot", "--json"]);
 * ```
 */
export async function joinCommand(args: string[]): Promise<number> {
  const env = Deno.env.toObject();
  const cfg = parseJoinArgs(args, env);
  const terminal = systemTerminal();
  if (cfg.list) return await listRooms(cfg);
  let target = cfg.host ? { host: cfg.host, port: cfg.port } : null;
  const intro: string[] = [];
  const interactive = terminal.tty && !cfg.json && !cfg.bot;
  const base = cfg.name ??
    (cfg.bot
      ? `bot-${Math.floor(Math.random() * 9000 + 1000)}`
      : defaultNickname(env));
  let nickname = cfg.name ?? base;
  let found: FoundHost | null = null;
  // prompt() blocks the event loop: ask before discovery starts its clock.
  if (interactive && !cfg.name) nickname = askNickname(cfg.lang, base);
  if (!target) {
    const discovery = discover({ interfaces: cfg.interfaces });
    try {
      found = interactive && !cfg.room
        ? await pickHost(discovery, terminal, cfg.lang)
        : await autoPick(discovery, cfg.room, 300, cfg.timeout ?? 10_000);
    } finally {
      await discovery.close();
    }
    if (!found) {
      if (interactive) return 0; // the player left the picker
      throw new UsageError(
        ct(cfg.lang, "no_room", {
          s: Math.round((cfg.timeout ?? 10_000) / 1000),
        }),
      );
    }
    target = { host: found.address, port: found.port };
  }
  const address = `${target.host}:${target.port}`;
  let session: Session | null = null;
  for (let attempt = 1; !session; attempt++) {
    try {
      session = await Session.join({
        host: target.host,
        port: target.port,
        nickname,
        lang: cfg.lang,
        client: cfg.bot ? "lanplay-bot" : "lanplay",
      });
    } catch (e) {
      if (!(e instanceof JoinRefusedError) || !e.retryable || attempt >= 10) {
        throw e;
      }
      if (interactive) nickname = askNickname(cfg.lang, base, e.message);
      else if (e.code !== "nickname_taken") throw e;
      else {
        // Scripts and bots cannot answer a prompt: take a free variant, and say so.
        const next = `${base.slice(0, 13)}-${attempt + 1}`;
        console.error(`${e.message} → ${next}`);
        nickname = next;
      }
    }
  }
  const how = found
    ? ct(cfg.lang, "found_via", {
      via: viaText(found),
      ms: Math.round(found.firstSeenMs),
    })
    : "";
  intro.push(
    how +
      ct(cfg.lang, "connected", { address, ms: session.connectMs.toFixed(1) }),
  );
  const end = await runPlayer({
    session,
    games: GAMES,
    lang: cfg.lang,
    terminal,
    json: cfg.json,
    bot: cfg.bot,
    gamesLimit: cfg.games ?? undefined,
    intro,
  });
  if (!cfg.json && end !== "quit" && end !== "games_done") {
    console.log(
      end === "lost"
        ? ct(cfg.lang, "lost")
        : ct(cfg.lang, "closed", { address }),
    );
  }
  return 0;
}

/**
 * `join --list`: searches for a while, prints what it found, exits.
 *
 * @example
 * ```ts ignore
 * await listRooms(parseJoinArgs(["--list", "--json"], {}));
 * ```
 */
export async function listRooms(cfg: JoinConfig): Promise<number> {
  const discovery = discover({ interfaces: cfg.interfaces });
  const started = performance.now();
  try {
    await discovery.ready;
    await new Promise((r) => setTimeout(r, cfg.timeout ?? 1500));
    const hosts = matching(discovery.hosts(), cfg.room);
    if (cfg.json) {
      for (const h of hosts) console.log(formatHostListJson(h));
    } else {
      const lines = renderHostList(
        hosts,
        -1,
        cfg.lang,
        100,
        false,
        performance.now() - started,
      );
      for (const l of lines) console.log(l);
    }
    return hosts.length ? 0 : 1;
  } finally {
    await discovery.close();
  }
}
