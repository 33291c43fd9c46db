/**
 * The join screen's list of rooms, pure: a list of hosts in, lines of text
 * out (no terminal access). Also the one-line JSON form of
 * `join --list --json`.
 *
 * Every string heard in discovery (room name, game, address) comes from
 * whoever sent the ad: it goes through the one sanitiser before it is
 * shown or printed. Each room shows its fingerprint (`7F3A-91C2`), the
 * short form of the id its key proves.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import { makeTranslator } from "../i18n/translate.ts";
import catalog from "./host_list_catalog.json" with { type: "json" };
import type { FoundHost } from "../discovery/mod.ts";
import { fingerprintOf } from "../discovery/room_key.ts";
import { pad, styler } from "../text/layout.ts";
import { sanitize } from "../text/sanitize.ts";
import { ct } from "./texts.ts";

const t = makeTranslator(catalog);

/** Spinner frames of the "searching" line (one every 80 ms). */
export const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

const LOCK = "🔒";

/**
 * A room first heard this long after the search started was not there when
 * it started (the browser's queries at 0, 300 and 1000 ms are answered
 * within a few ms): it appeared while the list was open and was heard from
 * its own opening announcement, so the list says so instead of a misleading
 * "found in 8302 ms".
 *
 * @example
 * ```ts
 * import { LATE_ROOM_MS } from "./host_list_view.ts";
 * LATE_ROOM_MS; // 1500
 * ```
 */
export const LATE_ROOM_MS = 1500;

/**
 * How a host was found, in words: mDNS, broadcast or both, and how fast, or
 * that it appeared while searching.
 *
 * @example
 * ```ts
 * import { sampleHost } from "./testing.ts";
 * import { viaText } from "./host_list_view.ts";
 * viaText({ ...sampleHost(), firstSeenMs: 12 }, "en"); // "both in 12 ms"
 * viaText({ ...sampleHost(), firstSeenMs: 8302 }, "en"); // "both, as it opened"
 * ```
 *
 * @param host a room found on the LAN
 * @param lang the language of the words
 */
export function viaText(host: FoundHost, lang: Lang): string {
  const m = host.via.includes("mdns"), b = host.via.includes("broadcast");
  const via = m && b
    ? t(lang, "via_both")
    : m
    ? t(lang, "via_mdns")
    : t(lang, "via_broadcast");
  return host.firstSeenMs > LATE_ROOM_MS
    ? ct(lang, "found_late", { via })
    : t(lang, "found_in", { via, ms: Math.round(host.firstSeenMs) });
}

/**
 * The room's fingerprint as discovery gives it (`FoundHost.fingerprint`),
 * or as derived from its id.
 *
 * @example
 * ```ts
 * import { sampleHost } from "./testing.ts";
 * import { hostFingerprint } from "./host_list_view.ts";
 * hostFingerprint(sampleHost()); // "CDEF-7F3A"
 * ```
 *
 * @param host a room found on the LAN
 */
export function hostFingerprint(host: FoundHost): string {
  const given = (host as { fingerprint?: unknown }).fingerprint;
  return sanitize(
    typeof given === "string" ? given : fingerprintOf(host.hostId),
  );
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
 * terminals lose the "found via", then the game, the state and the
 * fingerprint columns.
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
      cell: (h) => (h.locked ? `${LOCK} ` : "") + sanitize(h.name),
    },
    { key: "col_fingerprint", width: 11, cell: hostFingerprint },
    {
      key: "col_address",
      width: 21,
      cell: (h) => `${sanitize(h.address)}:${h.port}`,
    },
    { key: "col_game", width: 10, cell: (h) => sanitize(h.game) || "-" },
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
  for (
    const drop of ["col_found", "col_game", "col_state", "col_fingerprint"]
  ) {
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
 * including its fingerprint, how it was found and how long it took. The
 * strings are sanitised like on the screen (a control character shows as
 * its visible picture, e.g. `␛`), so a script that prints a field prints
 * text.
 *
 * @example
 * ```ts
 * import { sampleHost } from "./testing.ts";
 * import { formatHostListJson } from "./host_list_view.ts";
 * formatHostListJson(sampleHost({ name: "Salle\x1b[2J" }));
 * // {"hostId":"0123456789abcdef0123cdef7f3a","fingerprint":"CDEF-7F3A","name":"Salle␛[2J",...}
 * ```
 */
export function formatHostListJson(host: FoundHost): string {
  const viaMs: Record<string, number> = {};
  for (const [k, v] of Object.entries(host.viaMs)) {
    if (typeof v === "number") viaMs[k] = Math.round(v);
  }
  return JSON.stringify({
    hostId: sanitize(host.hostId),
    fingerprint: hostFingerprint(host),
    name: sanitize(host.name),
    address: sanitize(host.address),
    addresses: host.addresses.map(sanitize),
    port: host.port,
    game: sanitize(host.game),
    players: host.players,
    capacity: host.capacity,
    state: host.state,
    locked: host.locked,
    protocol: host.protocol,
    epoch: host.epoch ?? 0,
    via: host.via,
    firstSeenMs: Math.round(host.firstSeenMs),
    viaMs,
  });
}
