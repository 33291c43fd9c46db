/**
 * The web side of a room: an HTTP server (Deno's own) on its own TCP port —
 * by default the game port + 2, so the banner-first protocol of the game
 * port stays exactly as `nc` and JSON clients know it — that serves the
 * player page (`/`), the projector view (`/screen`), their script and style
 * sheet, and the WebSocket (`/ws`, `/ws?role=screen` for a watcher) where a
 * browser plays as a member of the room ({@linkcode WebConnection}).
 *
 * What a browser may do is narrowed like the TCP side: the Host header must
 * name this machine by address, `localhost`, a `.local` name or one of
 * `hostNames` (a DNS-rebinding page cannot reach the room), a WebSocket's
 * Origin must be the page's own host (another site open in the browser
 * cannot play for it), sockets are capped in all and per address, and
 * every page carries a Content-Security-Policy that lets only its own
 * script and style run. Assets are built once, with an ETag and a gzip copy.
 *
 * @module
 */
import {
  defaultMaxConnections,
  MAX_PER_ADDRESS,
} from "../protocol/constants.ts";
import { sha256 } from "@noble/hashes/sha2.js";
import { t } from "../i18n/messages.ts";
import { pageCss, pageHtml, pageScript } from "../web/page.ts";
import { PinThrottle } from "./pin_throttle.ts";
import { WebConnection, type WebConnectionContext } from "./web_connection.ts";

/** How many ports above the game port the web server listens by default. */
export const WEB_PORT_OFFSET = 2;

/** What the web server needs. */
export interface WebServerOptions extends WebConnectionContext {
  /**
   * Addresses to join from another device (the first one is in the
   * projector's QR code), or how to make them from the bound port.
   */
  urls?: string[] | ((port: number) => string[]);
  /** Host names accepted in the Host header besides addresses, `localhost` and `*.local`. */
  hostNames?: string[];
  /** Most open WebSockets in all (default: 4 per seat, at least 64). */
  maxConnections?: number;
  /** Most open WebSockets from one address. */
  maxPerAddress?: number;
}

/** One asset served: its bytes, a gzip copy, its type and ETag. */
interface Asset {
  body: Uint8Array<ArrayBuffer>;
  gzip: Promise<Uint8Array<ArrayBuffer>>;
  type: string;
  etag: string;
}

/** The policy every response carries: only the page's own script and style. */
export const CONTENT_SECURITY_POLICY: string = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * True when a Host header names this machine in a way a page of this room
 * may use: an IPv4 or IPv6 address, `localhost`, a `.local` name (mDNS), or
 * one of `names`. Anything else is another site's name pointing here
 * (DNS rebinding).
 *
 * @example
 * ```ts
 * import { hostAllowed } from "./web_server.ts";
 * hostAllowed("198.18.0.1:50028", []); // true
 * hostAllowed("salle-12.local:50028", []); // true
 * hostAllowed("evil.example:50028", []); // false
 * hostAllowed("salle-12:50028", ["salle-12"]); // true
 * ```
 *
 * @param host the request's Host header
 * @param names other names of this machine
 */
export function hostAllowed(
  host: string | null,
  names: readonly string[],
): boolean {
  if (!host) return false;
  if (/^\[[0-9a-fA-F:.]+\](:\d+)?$/.test(host)) return true; // IPv6 literal
  const m = /^([^:]+)(:\d+)?$/.exec(host);
  if (!m) return false;
  const name = m[1].toLowerCase().replace(/\.$/, "");
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return true;
  return name === "localhost" ||
    /^[a-z0-9-]+(\.[a-z0-9-]+)*\.local$/.test(name) ||
    names.some((n) => n.toLowerCase() === name);
}

/**
 * True when a WebSocket's Origin is the page's own scheme-less host: the
 * page this server gave, not another site.
 *
 * @example
 * ```ts
 * import { sameOrigin } from "./web_server.ts";
 * sameOrigin("http://198.18.0.1:50028", "198.18.0.1:50028"); // true
 * sameOrigin("http://evil.example", "198.18.0.1:50028"); // false
 * sameOrigin(null, "198.18.0.1:50028"); // false
 * ```
 *
 * @param origin the request's Origin header
 * @param host the request's Host header
 */
export function sameOrigin(
  origin: string | null,
  host: string | null,
): boolean {
  if (!origin || !host) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") &&
      url.host === host.toLowerCase();
  } catch {
    return false;
  }
}

function asset(text: string, type: string): Asset {
  const body = new TextEncoder().encode(text);
  const hash = Array.from(
    sha256(body).subarray(0, 12),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
  const gzip = new Response(
    new Blob([body]).stream().pipeThrough(new CompressionStream("gzip")),
  ).arrayBuffer().then((b) => new Uint8Array(b));
  return { body, gzip, type, etag: `"${hash}"` };
}

/**
 * A running web server of one room.
 *
 * @example
 * ```ts ignore
 * const web = WebServer.listen({ hostname: "127.0.0.1", port: 0 }, {
 *   room, games: GAMES, clock: realClock, defaultLang: "fr",
 *   urls: ["http://198.18.0.1:50028/"],
 * });
 * console.log(web.port);
 * await web.close();
 * ```
 */
export class WebServer {
  /** The addresses to join (the first one is in the projector's QR code). */
  readonly urls: readonly string[];
  readonly #server: Deno.HttpServer<Deno.NetAddr>;
  readonly #opts: WebServerOptions;
  readonly #assets = new Map<string, Asset>();
  readonly #connections = new Set<WebConnection>();
  readonly #perAddress = new Map<string, number>();
  readonly #running = new Set<Promise<void>>();
  readonly #maxConnections: number;
  readonly #maxPerAddress: number;
  readonly #ctx: WebConnectionContext;
  #closed = false;

  private constructor(
    where: { hostname: string; port: number },
    opts: WebServerOptions,
  ) {
    this.#opts = opts;
    this.#ctx = { ...opts, pins: opts.pins ?? new PinThrottle() };
    this.#maxConnections = opts.maxConnections ??
      defaultMaxConnections(opts.room.capacity);
    this.#maxPerAddress = opts.maxPerAddress ?? MAX_PER_ADDRESS;
    this.#server = Deno.serve({
      hostname: where.hostname,
      port: where.port,
      onListen() {},
    }, (req, info) => this.#handle(req, info));
    // Built before any request is served: nothing runs until this returns.
    const js = asset(pageScript(), "text/javascript; charset=utf-8");
    const css = asset(pageCss(), "text/css; charset=utf-8");
    const assetTag = (js.etag + css.etag).replace(/"/g, "").slice(0, 16);
    const urls = typeof opts.urls === "function"
      ? opts.urls(this.port)
      : opts.urls ?? [];
    this.urls = urls;
    const page = (mode: "player" | "screen") =>
      asset(
        pageHtml({
          mode,
          roomName: opts.room.name,
          roomId: opts.room.hostId,
          lang: opts.defaultLang,
          games: opts.games,
          urls,
          assetTag,
        }),
        "text/html; charset=utf-8",
      );
    this.#assets.set("/", page("player"));
    this.#assets.set("/screen", page("screen"));
    this.#assets.set("/app.js", js);
    this.#assets.set("/app.css", css);
  }

  /**
   * Binds and starts serving. Throws `Deno.errors.AddrInUse` when the port is taken.
   * @param where address and port (0 picks a free one)
   * @param opts the room, its settings and the join addresses
   */
  static listen(
    where: { hostname?: string; port: number },
    opts: WebServerOptions,
  ): WebServer {
    return new WebServer({
      hostname: where.hostname ?? "0.0.0.0",
      port: where.port,
    }, opts);
  }

  /** The bound port. */
  get port(): number {
    return this.#server.addr.port;
  }

  /** Open WebSockets (joining or playing). */
  get connections(): number {
    return this.#connections.size;
  }

  /** Gzip sizes of what a browser loads for each page, in bytes. */
  async sizes(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [path, a] of this.#assets) out[path] = (await a.gzip).length;
    return out;
  }

  async #handle(
    req: Request,
    info: Deno.ServeHandlerInfo<Deno.NetAddr>,
  ): Promise<Response> {
    const url = new URL(req.url);
    const host = req.headers.get("host");
    if (!hostAllowed(host, this.#opts.hostNames ?? [])) {
      return plain(
        421,
        "Unknown host name: open the address the host shows.\n",
      );
    }
    if (url.pathname === "/ws") {
      return this.#upgrade(req, url, info.remoteAddr.hostname);
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      return plain(405, "Only GET.\n", { allow: "GET, HEAD" });
    }
    const a = this.#assets.get(url.pathname);
    if (!a) return plain(404, "Not found.\n");
    const headers: Record<string, string> = {
      "content-type": a.type,
      etag: a.etag,
      "cache-control": "no-cache",
      vary: "accept-encoding",
      ...SECURITY_HEADERS,
    };
    if (req.headers.get("if-none-match") === a.etag) {
      return new Response(null, { status: 304, headers });
    }
    const gzip = /\bgzip\b/.test(req.headers.get("accept-encoding") ?? "");
    const body = gzip ? await a.gzip : a.body;
    if (gzip) headers["content-encoding"] = "gzip";
    headers["content-length"] = String(body.length);
    return new Response(req.method === "HEAD" ? null : body, { headers });
  }

  #upgrade(req: Request, url: URL, address: string): Response {
    if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return plain(426, "This address takes WebSockets only.\n", {
        upgrade: "websocket",
      });
    }
    if (!sameOrigin(req.headers.get("origin"), req.headers.get("host"))) {
      return plain(403, "This room plays only from its own page.\n");
    }
    if (this.#closed) return plain(503, "The room is closing.\n");
    const fromThere = this.#perAddress.get(address) ?? 0;
    if (
      this.#connections.size >= this.#maxConnections ||
      fromThere >= this.#maxPerAddress
    ) {
      return plain(
        429,
        t(this.#opts.defaultLang, "err.too_many_connections") + "\n",
      );
    }
    const { socket, response } = Deno.upgradeWebSocket(req, { idleTimeout: 0 });
    const watcher = url.searchParams.get("role") === "screen";
    const c = new WebConnection(socket, address, this.#ctx, { watcher });
    this.#perAddress.set(address, fromThere + 1);
    this.#connections.add(c);
    const p = c.run().catch((error) => {
      this.#opts.log?.(t(this.#opts.defaultLang, "log.internal_error", {
        who: address,
        error: error instanceof Error ? error.message : String(error),
      }));
    }).finally(() => {
      this.#connections.delete(c);
      const n = (this.#perAddress.get(address) ?? 1) - 1;
      if (n > 0) this.#perAddress.set(address, n);
      else this.#perAddress.delete(address);
      this.#running.delete(p);
    });
    this.#running.add(p);
    return response;
  }

  /**
   * Says bye to every socket still open (the room's own `close` has told
   * its members already), then stops listening; resolves when all is shut.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const bye = t(this.#opts.defaultLang, "bye.host_closed");
    for (const c of this.#connections) c.close("host_closed", bye);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all([...this.#running]),
      new Promise<void>((r) => timer = setTimeout(r, 2000)),
    ]);
    clearTimeout(timer);
    await this.#server.shutdown();
  }
}

/** Headers of every response. */
const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

function plain(
  status: number,
  text: string,
  extra: Record<string, string> = {},
): Response {
  return new Response(text, {
    status,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      ...SECURITY_HEADERS,
      ...extra,
    },
  });
}
