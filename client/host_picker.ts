/**
 * Choosing a room from the live discovery list: a full-screen picker on a
 * terminal (arrows or a number, Enter), or an automatic choice for bots,
 * scripts and pipes.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import {
  COMPARE_GAME,
  type Discovery,
  type FoundHost,
} from "../discovery/mod.ts";
import { renderHostList } from "./host_list_view.ts";
import { cut, styler } from "../text/layout.ts";
import { ct } from "./texts.ts";
import type { Terminal } from "./terminal.ts";

/**
 * True for a game room (not a `compare --serve` reflector).
 *
 * @example
 * ```ts
 * import { sampleHost } from "./testing.ts";
 * import { isRoom } from "./host_picker.ts";
 * const host = sampleHost();
 * isRoom(host); // true
 * isRoom({ ...host, game: "compare" }); // false: a compare reflector
 * ```
 */
export function isRoom(host: FoundHost): boolean {
  return host.game !== COMPARE_GAME;
}

/**
 * Keeps the hosts whose room name contains `filter` (case-insensitive).
 *
 * @example
 * ```ts
 * import { sampleHost } from "./testing.ts";
 * import { matching } from "./host_picker.ts";
 * const host = sampleHost();
 * matching([host], "salle 1").length; // 1
 * matching([host], "lan2"); // []
 * ```
 */
export function matching(
  all: FoundHost[],
  filter: string | null,
): FoundHost[] {
  const hosts = all.filter(isRoom);
  if (!filter) return hosts;
  const f = filter.toLowerCase();
  const print = filter.replace(/[-\s]/g, "").toUpperCase();
  const byPrint = /^[0-9A-F]{4,8}$/.test(print);
  return hosts.filter((h) =>
    h.name.toLowerCase().includes(f) || h.hostId === filter ||
    (byPrint && h.fingerprint.replace("-", "").endsWith(print))
  );
}

/**
 * Waits for the first matching room, lets more arrive for `settleMs`, and
 * returns the first one by name; null when none came within `timeoutMs`.
 *
 * @example
 * ```ts ignore
 * const host = await autoPick(discovery, null, 300, 5000);
 * ```
 */
export async function autoPick(
  discovery: Discovery,
  filter: string | null,
  settleMs: number,
  timeoutMs: number,
): Promise<FoundHost | null> {
  const first = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    const off = discovery.onChange((hosts) => {
      if (matching(hosts, filter).length) done(true);
    });
    function done(found: boolean) {
      clearTimeout(timer);
      off();
      resolve(found);
    }
    if (matching(discovery.hosts(), filter).length) done(true);
  });
  if (!first) return null;
  await new Promise((r) => setTimeout(r, settleMs));
  return matching(discovery.hosts(), filter)[0] ?? null;
}

/**
 * The interactive picker: redraws on every change of the list and every
 * spinner tick; arrows or a number move, Enter joins, Ctrl-C gives up (null).
 *
 * @example
 * ```ts ignore
 * const host = await pickHost(discovery, systemTerminal(), "fr");
 * ```
 */
export async function pickHost(
  discovery: Discovery,
  term: Terminal,
  lang: Lang,
): Promise<FoundHost | null> {
  const st = styler(term.color);
  const started = performance.now();
  let selected = 0;
  let hosts = discovery.hosts().filter(isRoom);
  const draw = () => {
    const { columns, rows } = term.size();
    const width = Math.max(20, columns - 2);
    hosts = discovery.hosts().filter(isRoom);
    if (selected >= hosts.length) selected = Math.max(0, hosts.length - 1);
    const lines = [
      st(cut(` ${ct(lang, "pick_title")} `, columns), "inverse", "bold"),
      "",
      ...renderHostList(
        hosts,
        selected,
        lang,
        width,
        term.color,
        performance.now() - started,
      ).map((l) => " " + l),
      "",
      hosts.length === 1 ? " " + st(ct(lang, "pick_one"), "green") : "",
      " " + st(ct(lang, "pick_keys"), "dim"),
    ].slice(0, rows);
    term.write(
      "\x1b[H\x1b[?25l" +
        lines.map((l) => cut(l, columns) + "\x1b[K").join("\r\n") + "\x1b[J",
    );
  };
  term.enter();
  const off = discovery.onChange(draw);
  const ticker = setInterval(draw, 120);
  draw();
  let chosen: FoundHost | null = null;
  try {
    for await (const key of term.input()) {
      if (
        key.kind === "interrupt" || key.kind === "eof" || key.kind === "escape"
      ) break;
      if (key.kind === "up") selected = Math.max(0, selected - 1);
      else if (key.kind === "down") {
        selected = Math.min(hosts.length - 1, selected + 1);
      } else if (
        key.kind === "char" && /^[1-9]$/.test(key.text) &&
        Number(key.text) <= hosts.length
      ) {
        selected = Number(key.text) - 1;
      } else if (key.kind === "enter" && hosts[selected]) {
        chosen = hosts[selected];
        break;
      }
      draw();
    }
  } finally {
    clearInterval(ticker);
    off();
    term.leave();
  }
  return chosen;
}

/**
 * Names the channels a host was found on, for people.
 *
 * @example
 * ```ts
 * import { sampleHost } from "./testing.ts";
 * import { viaText } from "./host_picker.ts";
 * const host = sampleHost();
 * viaText(host); // "broadcast + mDNS"
 * ```
 */
export function viaText(host: FoundHost): string {
  return host.via.map((v) => v === "mdns" ? "mDNS" : "broadcast").join(" + ");
}
