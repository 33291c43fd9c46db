/**
 * The join screen's list of rooms, pure: a list of hosts in, lines of text
 * out (no terminal access). Also the one-line JSON form of
 * `join --list --json`.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import { makeTranslator } from "../i18n/translate.ts";
import catalog from "./host_list_catalog.json" with { type: "json" };
import type { FoundHost } from "../discovery/mod.ts";
import { pad, styler } from "../text/layout.ts";

const t = makeTranslator(catalog);

/** Spinner frames of the "searching" line (one every 80 ms). */
export const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

const LOCK = "🔒";

/** How a host was found, in words: mDNS, broadcast or both. */
function viaText(host: FoundHost, lang: Lang): string {
  const m = host.via.includes("mdns"), b = host.via.includes("broadcast");
  const via = m && b
    ? t(lang, "via_both")
    : m
    ? t(lang, "via_mdns")
    : t(lang, "via_broadcast");
  return t(lang, "found_in", { via, ms: Math.round(host.firstSeenMs) });
}

interface Column {
  key: string;
  width: number;
  cell: (h: FoundHost) => string;
}

/**
 * Renders the list of rooms for a terminal `width` columns wide: a title,
 * a header, one line per room (the selected one marked `›`), or a
 * "searching…" line with a spinner while the list is empty. Narrow
 * terminals lose the "found via", then the game column.
 *
 * @example
 * ```ts
 * import { renderHostList } from "./host_list_view.ts";
 * renderHostList([], 0, "en", 80, false, 160);
 * // ["Searching for rooms ⠹", "Listening for beacons and mDNS for 0 s…"]
 * ```
 */
export function renderHostList(
  hosts: FoundHost[],
  selectedIndex: number,
  lang: Lang,
  width: number,
  color: boolean,
  elapsedMs: number,
): string[] {
  const w = Math.max(10, Math.floor(width));
  const st = styler(color);
  if (hosts.length === 0) {
    const frame =
      SPINNER[Math.floor(Math.max(0, elapsedMs) / 80) % SPINNER.length];
    return [
      pad(t(lang, "searching", { spinner: frame }), w).trimEnd(),
      st(
        pad(
          t(lang, "searching_hint", {
            s: Math.floor(Math.max(0, elapsedMs) / 1000),
          }),
          w,
        ).trimEnd(),
        "dim",
      ),
    ];
  }
  const all: Column[] = [
    {
      key: "col_name",
      width: 0,
      cell: (h) => (h.locked ? `${LOCK} ` : "") + h.name,
    },
    {
      key: "col_address",
      width: 21,
      cell: (h) => `${h.address}:${h.port}`,
    },
    { key: "col_game", width: 10, cell: (h) => h.game || "-" },
    {
      key: "col_players",
      width: 8,
      cell: (h) => `${h.players}/${h.capacity}`,
    },
    {
      key: "col_state",
      width: 7,
      cell: (h) =>
        t(lang, h.state === "playing" ? "state_playing" : "state_lobby"),
    },
    { key: "col_found", width: 22, cell: (h) => viaText(h, lang) },
  ];
  // Drop optional columns until the name column gets at least 12.
  let cols = all;
  for (const drop of ["col_found", "col_game", "col_state"]) {
    const fixed = cols.slice(1).reduce((n, c) => n + c.width + 1, 0) + 2;
    if (w - fixed >= 12) break;
    cols = cols.filter((c) => c.key !== drop);
  }
  const fixed = cols.slice(1).reduce((n, c) => n + c.width + 1, 0) + 2;
  const nameWidth = Math.max(4, w - fixed);
  const widths = cols.map((c, i) => (i === 0 ? nameWidth : c.width));
  const line = (cells: string[]) =>
    cells.map((c, i) => pad(c, widths[i])).join(" ");
  const out = [
    st(pad(t(lang, "title", { n: hosts.length }), w).trimEnd(), "bold"),
    st(pad("  " + line(cols.map((c) => t(lang, c.key))), w).trimEnd(), "dim"),
  ];
  const sel = selectedIndex < 0
    ? -1
    : Math.min(selectedIndex, hosts.length - 1);
  hosts.forEach((h, i) => {
    const text = (i === sel ? "› " : "  ") + line(cols.map((c) => c.cell(h)));
    // Very narrow terminals: the fixed columns alone may not fit; cut.
    const trimmed = pad(text, w).trimEnd();
    out.push(
      i === sel
        ? st(trimmed, "inverse")
        : h.state === "playing"
        ? st(trimmed, "dim")
        : trimmed,
    );
  });
  return out;
}

/**
 * One host as one JSON line for `join --list --json`: every field,
 * including how it was found and how long it took.
 *
 * @example
 * ```ts
 * import type { FoundHost } from "../discovery/mod.ts";
 * import { formatHostListJson } from "./host_list_view.ts";
 * const host: FoundHost = {
 *   hostId: "h1", name: "Salle 12", address: "198.18.0.1", addresses: ["198.18.0.1"],
 *   port: 50026, game: "qcm", players: 2, capacity: 32, state: "lobby", locked: false,
 *   protocol: 1, via: ["broadcast", "mdns"], firstSeenMs: 12, viaMs: { broadcast: 12, mdns: 40 },
 *   lastSeen: 0,
 * };
 * formatHostListJson(host);
 * // {"hostId":"h1","name":"Salle 12","address":"198.18.0.1",...,"via":["broadcast","mdns"],"firstSeenMs":12}
 * ```
 */
export function formatHostListJson(host: FoundHost): string {
  const viaMs: Record<string, number> = {};
  for (const [k, v] of Object.entries(host.viaMs)) {
    if (typeof v === "number") viaMs[k] = Math.round(v);
  }
  return JSON.stringify({
    hostId: host.hostId,
    name: host.name,
    address: host.address,
    addresses: host.addresses,
    port: host.port,
    game: host.game,
    players: host.players,
    capacity: host.capacity,
    state: host.state,
    locked: host.locked,
    protocol: host.protocol,
    via: host.via,
    firstSeenMs: Math.round(host.firstSeenMs),
    viaMs,
  });
}
