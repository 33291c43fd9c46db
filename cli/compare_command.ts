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
import {
  type CompareOptions,
  fillPeer,
  parseCompareArgs,
  scanCompareArgs,
} from "../compare/options.ts";
import {
  COMPARE_GAME,
  createRoomKey,
  discover,
  startAnnouncer,
} from "../discovery/mod.ts";
import { UsageError } from "./errors.ts";
import { t } from "./texts.ts";

/** How long a bare `--peer` searches for a `compare --serve`, ms. */
const PEER_SEARCH_MS = 5000;

/** Finds a `compare --serve` on the LAN, or `null` after `ms`. */
async function findServe(
  ms: number,
): Promise<{ address: string; port: number } | null> {
  const discovery = discover();
  try {
    return await new Promise((resolve) => {
      const timer = setTimeout(() => done(null), ms);
      const off = discovery.onChange((hosts) => {
        const h = hosts.find((h) => h.game === COMPARE_GAME);
        if (h) done(h);
      });
      function done(h: { address: string; port: number } | null) {
        clearTimeout(timer);
        off();
        resolve(h);
      }
    });
  } finally {
    await discovery.close();
  }
}

/** The checked options, or `null` when runCompare will report a problem. */
function checked(args: string[]): CompareOptions | null {
  try {
    return parseCompareArgs(args);
  } catch {
    return null;
  }
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
  const scan = scanCompareArgs(rest);
  const lang = scan.lang ?? pickLang(undefined, Deno.env.toObject());
  const io = { stdout: (s: string) => console.log(s), lang };
  let args = rest;

  if (scan.barePeer) {
    const found = await findServe(PEER_SEARCH_MS);
    if (!found) {
      throw new UsageError("no_compare_peer", { s: PEER_SEARCH_MS / 1000 });
    }
    const address = `${found.address}:${found.port}`;
    io.stdout(t(lang, "compare.peer_found", { address }));
    args = fillPeer(args, address);
  }

  const options = checked(args);
  const serving = !!options && options.mode === "serve" && !options.help &&
    options.port !== 0;
  // Its ads are signed like a room's (discovery/announcer.ts).
  const key = serving ? await createRoomKey() : null;
  const announcer = serving && key
    ? await startAnnouncer({
      hostId: key.id,
      name: `compare · ${Deno.hostname()}`,
      port: options.port,
      game: COMPARE_GAME,
      players: 0,
      capacity: 1,
      state: "lobby",
      locked: false,
      protocol: PROTOCOL_VERSION,
      epoch: 0,
    }, { mdns: true, beacons: true, key }).catch(() => null)
    : null;
  try {
    return await runCompare(args, io);
  } finally {
    await announcer?.close();
  }
}
