/**
 * `lanplay compare`: runs compare/ and adds discovery around it. A
 * `--serve` side announces itself (a discovery ad whose game is
 * {@linkcode COMPARE_GAME}); `--peer` given without an address finds it.
 *
 * @module
 */
import { PROTOCOL_VERSION } from "../protocol/constants.ts";
import { pickLang } from "../i18n/translate.ts";
import { runCompare } from "../compare/mod.ts";
import { COMPARE_PORT } from "../compare/options.ts";
import { startAnnouncer } from "../discovery/announcer.ts";
import { discover } from "../discovery/browser.ts";
import { COMPARE_GAME } from "../discovery/packet.ts";
import { UsageError } from "./errors.ts";

/**
 * Puts a discovered address after a bare `--peer` (no value, or followed by
 * another option); other arguments are kept.
 *
 * @example
 * ```ts
 * import { fillPeer } from "./compare_command.ts";
 * fillPeer(["--peer", "--count", "10"], "198.18.0.1:50028"); // ["--peer", "198.18.0.1:50028", "--count", "10"]
 * ```
 */
export function fillPeer(args: string[], address: string): string[] {
  const i = args.indexOf("--peer");
  if (i < 0 || (args[i + 1] !== undefined && !args[i + 1].startsWith("-"))) {
    return args;
  }
  return [...args.slice(0, i + 1), address, ...args.slice(i + 1)];
}

/**
 * True when `--peer` is given without an address.
 *
 * @example
 * ```ts
 * import { barePeer } from "./compare_command.ts";
 * barePeer(["--peer"]); // true
 * barePeer(["--peer", "lan1"]); // false
 * ```
 */
export function barePeer(args: string[]): boolean {
  return fillPeer(args, "x") !== args;
}

function portOf(args: string[]): number {
  const i = args.indexOf("--port");
  const n = i >= 0 ? Number(args[i + 1]) : COMPARE_PORT;
  return Number.isInteger(n) && n > 0 ? n : COMPARE_PORT;
}

/**
 * Runs `lanplay compare ARGS`.
 *
 * @example
 * ```ts ignore
 * await compareCommand(["--count", "200"]);
 * ```
 */
export async function compareCommand(rest: string[]): Promise<number> {
  const langArg = rest.indexOf("--lang");
  const lang = pickLang(
    langArg >= 0 ? rest[langArg + 1] : undefined,
    Deno.env.toObject(),
  );
  let args = langArg >= 0
    ? rest.filter((_, i) => i !== langArg && i !== langArg + 1)
    : rest;
  const io = { stdout: (s: string) => console.log(s), lang };

  if (barePeer(args)) {
    const discovery = discover();
    try {
      const found = await new Promise<{ address: string; port: number } | null>(
        (resolve) => {
          const timer = setTimeout(() => done(null), 5000);
          const off = discovery.onChange((hosts) => {
            const h = hosts.find((h) => h.game === COMPARE_GAME);
            if (h) done(h);
          });
          function done(h: { address: string; port: number } | null) {
            clearTimeout(timer);
            off();
            resolve(h);
          }
        },
      );
      if (!found) {
        throw new UsageError(
          lang === "fr"
            ? "Aucun « compare --serve » trouvé sur le réseau en 5 s : lancez-le sur l'autre machine, ou donnez --peer ADRESSE."
            : "No “compare --serve” found on the network in 5 s: start it on the other machine, or give --peer ADDRESS.",
        );
      }
      io.stdout(
        lang === "fr"
          ? `Pair trouvé : ${found.address}:${found.port}`
          : `Peer found: ${found.address}:${found.port}`,
      );
      args = fillPeer(args, `${found.address}:${found.port}`);
    } finally {
      await discovery.close();
    }
  }

  const serving = args.includes("--serve") && !args.includes("--help") &&
    !args.includes("-h");
  const announcer = serving && portOf(args) !== 0
    ? await startAnnouncer({
      hostId: crypto.randomUUID().slice(0, 8),
      name: `compare · ${Deno.hostname()}`,
      port: portOf(args),
      game: COMPARE_GAME,
      players: 0,
      capacity: 1,
      state: "lobby",
      locked: false,
      protocol: PROTOCOL_VERSION,
    }).catch(() => null)
    : null;
  try {
    return await runCompare(args, io);
  } finally {
    await announcer?.close();
  }
}
