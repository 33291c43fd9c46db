/**
 * What the host prints about its web page: the addresses to open (by IP
 * and by `hostname.local`, which phones resolve over mDNS), the projector
 * view's address, and the QR code of the first address drawn in the
 * terminal. Pure: the caller passes the addresses and the hostname.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import { type Catalog, makeTranslator } from "../i18n/translate.ts";
import catalog from "./intro_catalog.json" with { type: "json" };
import { qrLines } from "./qr.ts";

/**
 * Translates the host's sentences about the web page.
 *
 * @example
 * ```ts
 * import { introText } from "./intro.ts";
 * introText("en", "web.screen", { url: "http://127.0.0.1:50028/screen" });
 * // "Projector: http://127.0.0.1:50028/screen"
 * ```
 */
export const introText: (
  lang: Lang,
  key: string,
  params?: Record<string, string | number>,
) => string = makeTranslator(catalog as Catalog);

/**
 * The web addresses of a room: one per IPv4 address of this machine, then
 * `<hostname>.local` (phones resolve it over mDNS; Android sometimes does
 * not, so the QR code takes an address) unless every address is loopback.
 * Without an address, `127.0.0.1`.
 *
 * @example
 * ```ts
 * import { webUrls } from "./intro.ts";
 * webUrls(["198.18.0.1"], "salle-12", 50028);
 * // ["http://198.18.0.1:50028/", "http://salle-12.local:50028/"]
 * webUrls([], null, 50028); // ["http://127.0.0.1:50028/"]
 * ```
 *
 * @param addresses this machine's IPv4 addresses players can reach
 * @param hostname this machine's name (`Deno.hostname()`), or null
 * @param port the web port
 */
export function webUrls(
  addresses: readonly string[],
  hostname: string | null,
  port: number,
): string[] {
  const urls = addresses.map((a) =>
    `http://${a.includes(":") ? `[${a}]` : a}:${port}/`
  );
  const name = hostname?.toLowerCase().replace(/\.local\.?$/, "");
  const reachable = addresses.some((a) => !a.startsWith("127.") && a !== "::1");
  if (name && /^[a-z0-9-]{1,63}$/.test(name) && reachable) {
    urls.push(`http://${name}.local:${port}/`);
  }
  return urls.length ? urls : [`http://127.0.0.1:${port}/`];
}

/**
 * The lines the host shows about its web page: where phones go, where the
 * projector goes, and the QR code of the first address.
 *
 * @example
 * ```ts
 * import { webIntroLines } from "./intro.ts";
 * const lines = webIntroLines("en", ["http://198.18.0.1:50028/", "http://salle.local:50028/"]);
 * lines[0]; // "Phones and tablets: open http://198.18.0.1:50028/"
 * lines[1]; // "(or http://salle.local:50028/)"
 * lines[2]; // "Projector: http://198.18.0.1:50028/screen"
 * lines.length > 10; // true: the QR code follows
 * ```
 *
 * @param lang the host's language
 * @param urls the room's web addresses ({@linkcode webUrls})
 * @param options `qr: false` leaves the code out (a log file)
 */
export function webIntroLines(
  lang: Lang,
  urls: readonly string[],
  options: { qr?: boolean } = {},
): string[] {
  if (!urls.length) return [];
  const [first, ...others] = urls;
  const lines = [introText(lang, "web.players", { url: first })];
  if (others.length) {
    lines.push(introText(lang, "web.also", { urls: others.join(", ") }));
  }
  lines.push(introText(lang, "web.screen", { url: `${first}screen` }));
  if (options.qr !== false) {
    lines.push(introText(lang, "web.scan"), ...qrLines(first, { quiet: 2 }));
  }
  return lines;
}
