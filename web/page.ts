/**
 * What the host serves to browsers, as strings built once: the HTML shell
 * of the player page (`/`) and of the projector view (`/screen`), with the
 * room's boot data embedded as JSON; the style sheet; the script
 * (web/script.ts). Everything comes from the module graph — the style
 * sheet is a text import, the catalogs JSON imports — so `deno compile`
 * carries it and nothing is fetched from elsewhere (classroom networks are
 * often offline). Pure.
 *
 * The page's sentences are its own (web/catalog.json) and the games'
 * catalogs, keyed `<game>.<key>`; the feed's lines come from the host
 * (text/session.ts).
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import {
  CHAT_MAX,
  NICKNAME_MAX,
  PROTOCOL_VERSION,
} from "../protocol/constants.ts";
import type { AnyGame } from "../games/types.ts";
import qcmCatalog from "../games/qcm/catalog.json" with { type: "json" };
import morpionCatalog from "../games/morpion/catalog.json" with {
  type: "json",
};
import justeprixCatalog from "../games/justeprix/catalog.json" with {
  type: "json",
};
import bombardesCatalog from "../games/bombardes/catalog.json" with {
  type: "json",
};
import webCatalog from "./catalog.json" with { type: "json" };
import css from "./style.css" with { type: "text" };
import type { Boot, WebTemplate } from "./app/types.ts";
import { escapeXml, qrSvg } from "./qr.ts";
import { appScript } from "./script.ts";

export type { Boot } from "./app/types.ts";

/** The page's sentences, by language and key. */
export type Strings = Record<Lang, Record<string, WebTemplate>>;

/** The games' catalogs the page reads, by game id. */
const GAME_CATALOGS: Record<string, Strings> = {
  qcm: qcmCatalog as Strings,
  morpion: morpionCatalog as Strings,
  justeprix: justeprixCatalog as Strings,
  bombardes: bombardesCatalog as Strings,
};

/**
 * The page's sentences in both languages: each game's catalog under
 * `<game>.`, then the page's own (web/catalog.json).
 *
 * @example
 * ```ts
 * import { pageStrings } from "./page.ts";
 * const s = pageStrings();
 * s.en["qcm.leaderboard"]; // "Leaderboard"
 * s.fr["chat.send"]; // "Envoyer"
 * ```
 */
export function pageStrings(): Strings {
  const out: Strings = { fr: {}, en: {} };
  for (const lang of ["fr", "en"] as const) {
    for (const [game, catalog] of Object.entries(GAME_CATALOGS)) {
      for (const [key, value] of Object.entries(catalog[lang])) {
        out[lang][`${game}.${key}`] = value;
      }
    }
    Object.assign(out[lang], (webCatalog as Strings)[lang]);
  }
  return out;
}

/** What a page is made for. */
export interface PageOptions {
  /** `player` (`/`) or `screen` (`/screen`, the projector). */
  mode: "player" | "screen";
  /** The room's name (sanitised by the host). */
  roomName: string;
  /** The room's id (keys the seat a phone keeps). */
  roomId: string;
  /** The host's language. */
  lang: Lang;
  /** The games the host runs (their titles). */
  games: Record<string, AnyGame>;
  /** Addresses to join the room from a browser; the first is in the QR code. */
  urls: string[];
  /** Version tag of the assets (their ETag), to bust caches. */
  assetTag?: string;
}

/**
 * The boot data of a page.
 *
 * @example
 * ```ts
 * import { bootData } from "./page.ts";
 * import { GAMES } from "../games/registry.ts";
 * const boot = bootData({ mode: "player", roomName: "Salle 12", roomId: "ab12",
 *   lang: "fr", games: GAMES, urls: ["http://198.18.0.1:50028/"] });
 * boot.games.qcm.en; // "Quiz"
 * ```
 *
 * @param options the room and the mode
 */
export function bootData(options: PageOptions): Boot {
  const games: Boot["games"] = {};
  for (const [id, g] of Object.entries(options.games)) {
    games[id] = { fr: g.rules.title.fr, en: g.rules.title.en };
  }
  return {
    mode: options.mode,
    room: { name: options.roomName, id: options.roomId },
    lang: options.lang,
    strings: pageStrings(),
    games,
    urls: options.urls,
    protocol: PROTOCOL_VERSION,
    nicknameMax: NICKNAME_MAX,
    chatMax: CHAT_MAX,
  };
}

/**
 * JSON that can sit inside a `<script>` element: no `<` (so no
 * `</script>`), no line separators.
 *
 * @example
 * ```ts
 * import { scriptJson } from "./page.ts";
 * scriptJson({ name: "</script><b>" }); // '{"name":"\\u003c/script>\\u003cb>"}'
 * ```
 *
 * @param value any JSON value
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The HTML of a page: head, boot data, the script and style links, and on
 * the projector the QR code of the first join address.
 *
 * @example
 * ```ts
 * import { pageHtml } from "./page.ts";
 * import { GAMES } from "../games/registry.ts";
 * const html = pageHtml({ mode: "screen", roomName: "Quiz <3", roomId: "ab12",
 *   lang: "en", games: GAMES, urls: ["http://198.18.0.1:50028/"] });
 * html.includes("<title>Quiz &lt;3 — lanplay</title>"); // true
 * html.includes('<div id="qr" hidden><svg '); // true
 * ```
 *
 * @param options the room and the mode
 */
export function pageHtml(options: PageOptions): string {
  const boot = bootData(options);
  const tag = options.assetTag
    ? `?v=${encodeURIComponent(options.assetTag)}`
    : "";
  const qr = options.mode === "screen" && options.urls.length
    ? `<div id="qr" hidden>${qrSvg(options.urls[0])}</div>`
    : "";
  return [
    "<!doctype html>",
    `<html lang="${options.lang}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeXml(options.roomName)} — lanplay</title>`,
    '<link rel="icon" href="data:,">',
    `<link rel="stylesheet" href="/app.css${tag}">`,
    `<script id="boot" type="application/json">${scriptJson(boot)}</script>`,
    `<script src="/app.js${tag}" defer></script>`,
    "</head>",
    `<body class="mode-${options.mode}">`,
    "<noscript>lanplay: JavaScript is needed / JavaScript est nécessaire.</noscript>",
    '<main id="app"></main>',
    qr,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * The style sheet.
 *
 * @example
 * ```ts
 * import { pageCss } from "./page.ts";
 * pageCss().includes(".answers"); // true
 * ```
 */
export function pageCss(): string {
  return css;
}

/**
 * The page's script (web/script.ts).
 *
 * @example
 * ```ts
 * import { pageScript } from "./page.ts";
 * pageScript().includes("function startApp("); // true
 * ```
 */
export function pageScript(): string {
  return appScript();
}
