/**
 * The page's heart: its skeleton, the WebSocket to the host (hello,
 * heartbeat, reconnection with the seat's token after a phone slept), and
 * the dispatch of the host's messages to the lobby, the game panels, the
 * chat and the feed. The same code runs the phone page (`player`) and the
 * projector view (`screen`, a watcher).
 *
 * Like every file of web/app/, it holds only function declarations and
 * types (see web/script.ts).
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import type { HostMessage } from "../../protocol/messages.ts";
import type {
  WebDocument,
  WebElement,
  WebHistory,
  WebLocation,
  WebNavigator,
} from "./dom.ts";
import type { App, Boot, Panel } from "./types.ts";
import { h, translate } from "./kit.ts";
import { chatLine, endPanel, lobbyPanel, playersList } from "./lobby.ts";
import { makePanel } from "./panels.ts";
import { screenAside } from "./screen.ts";

declare const document: WebDocument;
declare const location: WebLocation;
declare const history: WebHistory;
declare const navigator: WebNavigator;

/** A seat kept in the browser's storage, per room. */
interface SavedSeat {
  nickname: string;
  token: string;
  at: number;
}

/** A message from the host, as the page reads it. */
type Incoming =
  | HostMessage
  | { type: "lines"; lines: string[] }
  | { type: "ping"; id: number }
  | { type: "leader"; id: string; nickname: string }
  | { type: "away" | "back"; id: string; nickname: string }
  | { type: string; [key: string]: unknown };

/**
 * The seat saved for a room (younger than a day), or null.
 *
 * @param roomId the room's id
 */
export function loadSeat(roomId: string): SavedSeat | null {
  try {
    const raw = localStorage.getItem("lanplay.seat." + roomId);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<SavedSeat>;
    if (
      typeof s.nickname !== "string" || typeof s.token !== "string" ||
      typeof s.at !== "number" || Date.now() - s.at > 86_400_000 ||
      s.token.length > 200 || s.nickname.length > 64
    ) return null;
    return { nickname: s.nickname, token: s.token, at: s.at };
  } catch {
    return null; // storage off (private mode) or garbage: a fresh join
  }
}

/**
 * Saves (or, with null, forgets) the seat of a room.
 *
 * @param roomId the room's id
 * @param seat nickname and token, or null
 */
export function saveSeat(roomId: string, seat: SavedSeat | null): void {
  try {
    const key = "lanplay.seat." + roomId;
    if (seat) localStorage.setItem(key, JSON.stringify(seat));
    else localStorage.removeItem(key);
  } catch { /* storage off: the seat lives as long as the page */ }
}

/**
 * The seat a moved room's new page gets in its fragment (`#seat=`:
 * base64url of `{nickname, token}`), or null. The fragment never reaches
 * a server; the page saves the seat and clears it from the address bar.
 *
 * @example
 * ```ts
 * import { seatFragment, seatFromFragment } from "./main.ts";
 * const hash = seatFragment({ nickname: "Zoé", token: "t-1" });
 * seatFromFragment(hash); // { nickname: "Zoé", token: "t-1" }
 * seatFromFragment("#seat=%%%"); // null
 * ```
 *
 * @param hash `location.hash`
 */
export function seatFromFragment(
  hash: string,
): { nickname: string; token: string } | null {
  // A nickname and a token fit in 600 characters.
  if (!hash.startsWith("#seat=") || hash.length > 600) {
    return null;
  }
  try {
    const bytes = Uint8Array.from(
      atob(hash.slice(6).replaceAll("-", "+").replaceAll("_", "/")),
      (c) => c.charCodeAt(0),
    );
    const s = JSON.parse(new TextDecoder().decode(bytes)) as Record<
      string,
      unknown
    >;
    if (
      typeof s.nickname !== "string" || typeof s.token !== "string" ||
      s.nickname.length > 64 || s.token.length > 200
    ) return null;
    return { nickname: s.nickname, token: s.token };
  } catch {
    return null;
  }
}

/**
 * The `#seat=` fragment of a seat (see {@linkcode seatFromFragment}).
 *
 * @param seat the nickname and the token
 */
export function seatFragment(
  seat: { nickname: string; token: string },
): string {
  const bytes = new TextEncoder().encode(JSON.stringify(seat));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return "#seat=" +
    btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * The page's language: the one picked earlier on this device, else the
 * browser's when it is French or English, else the host's.
 *
 * @param boot what the host embedded
 */
export function pageLang(boot: Boot): Lang {
  try {
    const saved = localStorage.getItem("lanplay.lang");
    if (saved === "fr" || saved === "en") return saved;
  } catch { /* storage off */ }
  const nav = (navigator.language || "").slice(0, 2).toLowerCase();
  return nav === "fr" || nav === "en" ? nav : boot.lang;
}

/**
 * Runs the page: builds it, connects, and keeps it in step with the room.
 *
 * @param boot what the host embedded in the page
 */
export function startApp(boot: Boot): void {
  const screen = boot.mode === "screen";
  // A moved room's new page: the seat came in the fragment.
  const carried = screen ? null : seatFromFragment(location.hash);
  if (carried) {
    saveSeat(boot.room.id, { ...carried, at: Date.now() });
    try {
      history.replaceState(null, "", location.pathname);
    } catch { /* the token stays in the fragment: harmless */ }
  }
  const saved = screen ? null : loadSeat(boot.room.id);
  /** Where the room goes if this host goes (`fallback`), with its player. */
  let fallback: { address: string; webPort: number; nickname: string } | null =
    null;
  let ws: WebSocket | null = null;
  let seated = false;
  let ended = false;
  let nickname = saved?.nickname ?? "";
  let token: string | null = saved?.token ?? null;
  let pin: string | undefined;
  let graceMs = 120_000;
  let lostAt: number | null = null;
  let retryMs = 250;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Goes to the fallback when the host is not back in time. */
  let moveTimer: ReturnType<typeof setTimeout> | undefined;
  // How long a lost host may come back before the page goes to its
  // fallback (ms): a deputy opens the room ≈ 0.1 s after a crash; a host
  // back within this (a blip of the Wi-Fi) keeps its players.
  const fallbackAfterMs = 2500;
  let heartbeat = { intervalMs: 2000, timeoutMs: 6000 };
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let pingId = 0;
  let heardAt = 0;
  let panel: Panel | null = null;
  let panelGame: string | null = null;
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  const feed: string[] = [];
  const labels: [WebElement, string, "text" | "placeholder"][] = [];

  const app: App = {
    boot,
    lang: pageLang(boot),
    me: null,
    lobby: null,
    game: null,
    view: null,
    viewAt: 0,
    lastEnd: null,
    send(message) {
      if (ws && ws.readyState === WebSocket.OPEN) {
        ws.send(JSON.stringify(message));
      }
    },
    tr: (key, params) => translate(boot.strings, app.lang, key, params),
    remaining() {
      const v = app.view as { remainingMs?: unknown } | null;
      if (!v || typeof v.remainingMs !== "number") return null;
      return Math.max(0, v.remainingMs - (performance.now() - app.viewAt));
    },
    title: (game) =>
      Object.hasOwn(boot.games, game) ? boot.games[game][app.lang] : game,
  };

  /** An element whose text (or placeholder) follows the page's language. */
  const label = (
    el: WebElement,
    key: string,
    what: "text" | "placeholder" = "text",
  ) => {
    labels.push([el, key, what]);
    return el;
  };
  const relabel = () => {
    document.documentElement.lang = app.lang;
    for (const [el, key, what] of labels) {
      if (what === "text") el.textContent = app.tr(key);
      else el.setAttribute("placeholder", app.tr(key));
    }
  };

  // The skeleton.
  const root = document.getElementById("app")!;
  const status = h("span", { class: "status" });
  const langButton = h("button", {
    class: "lang",
    attrs: { type: "button" },
    onclick: () => {
      app.lang = app.lang === "fr" ? "en" : "fr";
      try {
        localStorage.setItem("lanplay.lang", app.lang);
      } catch { /* storage off */ }
      app.send({ type: "lang", lang: app.lang });
      relabel();
      render();
    },
  });
  const header = h(
    "header",
    { class: "top" },
    h("h1", { text: boot.room.name }),
    status,
    langButton,
  );

  const nickInput = h("input", {
    attrs: {
      id: "nick",
      name: "nickname",
      autocomplete: "nickname",
      autocapitalize: "off",
      spellcheck: "false",
      maxlength: String(boot.nicknameMax),
      enterkeyhint: "go",
    },
  });
  nickInput.value = nickname;
  const pinInput = h("input", {
    attrs: {
      id: "pin",
      name: "pin",
      autocomplete: "off",
      inputmode: "text",
      maxlength: "32",
    },
  });
  const pinRow = h(
    "label",
    { class: "field" },
    label(h("span"), "join.pin"),
    pinInput,
  );
  pinRow.hidden = true;
  const joinMessage = h("p", {
    class: "join-msg",
    attrs: { role: "alert" },
  });
  const joinButton = label(
    h("button", { class: "primary", attrs: { type: "submit", id: "join" } }),
    "join.button",
  );
  const nickRow = h(
    "label",
    { class: "field" },
    label(h("span"), "join.nickname"),
    nickInput,
  );
  // The projector has no nickname: its form only asks a locked room's PIN.
  nickRow.hidden = screen;
  const joinForm = h(
    "form",
    { class: "join" },
    nickRow,
    pinRow,
    joinButton,
    joinMessage,
  );
  joinForm.addEventListener("submit", (e) => {
    e.preventDefault();
    if (screen) {
      pin = pinInput.value.trim();
      joinMessage.textContent = "";
      joinView.hidden = true;
      return join();
    }
    const wanted = nickInput.value.trim().normalize("NFC");
    const problem = nicknameProblem(wanted);
    if (problem) {
      joinMessage.textContent = problem;
      return;
    }
    nickname = wanted;
    token = null; // a new nickname is a new seat
    if (!pinRow.hidden) pin = pinInput.value.trim();
    joinMessage.textContent = "";
    join();
  });

  const notice = h("div", {
    class: "notice",
    attrs: { role: "status", "aria-live": "polite" },
  });
  const main = h("div", { class: "panel", attrs: { id: "panel" } });
  const feedList = h("ol", { class: "feed", attrs: { "aria-live": "polite" } });
  const players = h("div", { class: "players-box" });
  const chatLog = h("div", { class: "chat-log" });
  const chatInput = h("input", {
    attrs: {
      id: "chat-in",
      autocomplete: "off",
      maxlength: String(boot.chatMax),
      enterkeyhint: "send",
    },
  });
  label(chatInput, "chat.placeholder", "placeholder");
  const chatForm = h(
    "form",
    { class: "chat-form" },
    chatInput,
    label(h("button", { attrs: { type: "submit" } }), "chat.send"),
  );
  chatForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = chatInput.value.trim();
    if (!text) return;
    app.send({ type: "chat", text });
    chatInput.value = "";
  });
  const quitButton = label(
    h("button", {
      class: "quit",
      attrs: { type: "button" },
      onclick: () => app.send({ type: "quit" }),
    }),
    "quit",
  );
  const chatBox = h(
    "section",
    { class: "chat" },
    label(h("h2"), "chat.title"),
    chatLog,
    screen ? null : chatForm,
  );
  const roomView = h(
    "section",
    { class: "room" },
    notice,
    main,
    h("aside", { class: "side" }, players, feedList, chatBox),
    screen ? null : h("footer", { class: "bottom" }, quitButton),
  );
  const endView = h("section", { class: "end" });
  const joinView = h("section", { class: "join-view" }, joinForm);
  const aside = screen ? screenAside(app) : null;
  root.replaceChildren(
    header,
    ...(aside ? [aside] : []),
    joinView,
    roomView,
    endView,
  );
  joinView.hidden = screen || !!saved;
  roomView.hidden = true;
  endView.hidden = true;
  relabel();

  /** Why the host would refuse this nickname (its rules), or "". */
  function nicknameProblem(wanted: string): string {
    const ok = wanted.length > 0 && [...wanted].length <= boot.nicknameMax &&
      /^[\p{L}\p{N}_.\-]+$/u.test(wanted);
    return ok ? "" : app.tr("join.bad_nickname", {
      nickname: wanted.slice(0, 40),
      max: boot.nicknameMax,
    });
  }

  function setStatus(key: string, cls: string): void {
    status.textContent = app.tr(key);
    status.className = "status " + cls;
  }

  function showNotice(text: string): void {
    notice.textContent = text;
    notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => notice.hidden = true, 5000);
  }

  function addFeed(lines: string[]): void {
    for (const l of lines) feed.push(l);
    feed.splice(0, Math.max(0, feed.length - 8));
    feedList.replaceChildren(...feed.map((l) => h("li", { text: l })));
  }

  function addChat(from: string, text: string): void {
    chatLog.append(chatLine(app, from, text));
    while (chatLog.childElementCount > 100) chatLog.firstElementChild?.remove();
    chatLog.scrollTop = chatLog.scrollHeight;
  }

  /** The main area: the lobby, or the running game's panel. */
  function render(): void {
    langButton.textContent = app.lang === "fr" ? "EN" : "FR";
    root.classList.toggle("playing", app.game !== null);
    players.replaceChildren(playersList(app, screen));
    if (app.game === null) {
      panel = null;
      panelGame = null;
      main.replaceChildren(lobbyPanel(app, screen));
      return;
    }
    if (!panel || panelGame !== app.game) {
      panel = makePanel(app, app.game, screen);
      panelGame = app.game;
      main.replaceChildren(panel.root);
    }
    panel.update();
  }

  function connect(): void {
    clearTimeout(retryTimer);
    if (ws) return;
    setStatus(
      lostAt === null ? "status.connecting" : "status.reconnecting",
      "wait",
    );
    const url = (location.protocol === "https:" ? "wss://" : "ws://") +
      location.host + "/ws" + (screen ? "?role=screen" : "");
    const socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => hello();
    socket.onmessage = (event) => {
      heardAt = performance.now();
      for (const line of String(event.data).split("\n")) {
        if (!line) continue;
        let m: Incoming;
        try {
          m = JSON.parse(line);
        } catch {
          continue;
        }
        if (typeof m !== "object" || m === null) continue;
        try {
          handle(m);
        } catch (error) {
          console.error("lanplay: could not show", m.type, error);
        }
      }
    };
    socket.onclose = () => {
      if (ws !== socket) return;
      ws = null;
      closed();
    };
  }

  function hello(): void {
    app.send({
      type: "hello",
      nickname: screen ? "screen" : nickname,
      protocol: boot.protocol,
      lang: app.lang,
      client: "lanplay-web",
      // The page patches views (web/app/qcm.ts): docs/PROTOCOL.md §5.2.
      capabilities: ["heartbeat", "view-patch"],
      ...(token ? { token } : {}),
      ...(pin ? { pin } : {}),
    });
  }

  function join(): void {
    if (ws && ws.readyState === WebSocket.OPEN && !seated) hello();
    else connect();
  }

  /**
   * Opens the room's page at its new host, the seat in the fragment (a
   * `bye moved`, or the host gone for a while with a fallback known).
   */
  function moveTo(to: { address: string; webPort: number }, who: string) {
    if (ended) return;
    ended = true;
    stopHeartbeat();
    clearTimeout(retryTimer);
    clearTimeout(moveTimer);
    // An attempt still under way at the old host is dropped.
    const socket = ws;
    ws = null;
    socket?.close();
    showNotice(app.tr("moved.going", { nickname: who }));
    const seat = !screen && token && nickname
      ? seatFragment({ nickname, token })
      : "";
    location.assign(
      `http://${to.address}:${to.webPort}/${screen ? "screen" : ""}${seat}`,
    );
  }

  function closed(): void {
    stopHeartbeat();
    const wasSeated = seated;
    seated = false;
    if (ended) return;
    if (wasSeated || screen || lostAt !== null) {
      lostAt ??= performance.now();
      if (!screen && performance.now() - lostAt > graceMs) {
        return finish(app.tr("end.lost"), null);
      }
      // The host is gone and a deputy was named: the room is there by
      // then, unless the host is back first (its welcome stops this). A
      // timer, not the next failed attempt: an attempt at a vanished
      // machine can hang for a minute.
      if (
        fallback && moveTimer === undefined &&
        fallback.address !== location.hostname
      ) {
        moveTimer = setTimeout(
          () => fallback && moveTo(fallback, fallback.nickname),
          Math.max(0, lostAt + fallbackAfterMs - performance.now()),
        );
      }
      setStatus("status.reconnecting", "lost");
      showNotice(app.tr("status.reconnecting"));
      const wait = retryMs * (0.75 + Math.random() / 2);
      retryMs = Math.min(2000, retryMs * 2);
      retryTimer = setTimeout(connect, wait);
      return;
    }
    // Closed before a seat: show the form again.
    setStatus("status.offline", "lost");
    joinView.hidden = false;
    roomView.hidden = true;
    if (!joinMessage.textContent) {
      joinMessage.textContent = app.tr("join.closed");
    }
  }

  function startHeartbeat(): void {
    stopHeartbeat();
    heardAt = performance.now();
    pingTimer = setInterval(() => {
      if (performance.now() - heardAt > heartbeat.timeoutMs) {
        // The host is silent: this socket is dead, take a new one now (a
        // closing handshake with a vanished host waits for its timeout).
        const socket = ws;
        ws = null;
        socket?.close();
        if (socket) closed();
        return;
      }
      app.send({ type: "ping", id: ++pingId });
    }, heartbeat.intervalMs);
  }

  function stopHeartbeat(): void {
    clearInterval(pingTimer);
    pingTimer = undefined;
  }

  function finish(message: string, standings: WebElement | null): void {
    ended = true;
    stopHeartbeat();
    clearTimeout(retryTimer);
    clearTimeout(moveTimer);
    saveSeat(boot.room.id, null);
    setStatus("status.ended", "lost");
    joinView.hidden = true;
    roomView.hidden = true;
    endView.hidden = false;
    endView.replaceChildren(
      endPanel(app, message, standings, () => location.reload()),
    );
  }

  function handle(m: Incoming): void {
    switch (m.type) {
      case "welcome": {
        const w = m as Extract<HostMessage, { type: "welcome" }> & {
          graceMs?: number;
          heartbeat?: { intervalMs: number; timeoutMs: number };
        };
        seated = true;
        lostAt = null;
        retryMs = 250;
        clearTimeout(moveTimer);
        moveTimer = undefined;
        app.me = { ...w.you };
        token = w.token;
        if (typeof w.graceMs === "number") graceMs = w.graceMs;
        if (w.heartbeat) heartbeat = w.heartbeat;
        if (!screen) {
          saveSeat(boot.room.id, {
            nickname: w.you.nickname,
            token,
            at: Date.now(),
          });
        }
        startHeartbeat();
        setStatus("status.connected", "ok");
        notice.hidden = true;
        joinView.hidden = true;
        if (aside) aside.hidden = false;
        roomView.hidden = false;
        chatLog.replaceChildren();
        return;
      }
      case "lobby": {
        const l = m as Extract<HostMessage, { type: "lobby" }>;
        app.lobby = l;
        const mine = l.players.find((p) => p.id === app.me?.id);
        if (app.me && mine) app.me.leader = mine.leader;
        if (l.state === "lobby") app.game = null;
        else if (app.game === null) app.game = l.game;
        return render();
      }
      case "game_start":
        app.game = (m as { game: string }).game;
        app.view = null;
        app.lastEnd = null;
        panel = null;
        return render();
      case "view": {
        const v = m as Extract<HostMessage, { type: "view" }>;
        app.game = v.game;
        app.view = v.view;
        app.viewAt = performance.now();
        return render();
      }
      case "game_end":
        app.lastEnd = m as Extract<HostMessage, { type: "game_end" }>;
        app.game = null;
        app.view = null;
        return render();
      case "chat": {
        const c = m as Extract<HostMessage, { type: "chat" }>;
        return addChat(c.from, c.text);
      }
      case "lines":
        return addFeed((m as { lines: string[] }).lines.map(String));
      case "error": {
        const e = m as Extract<HostMessage, { type: "error" }>;
        if (seated) return showNotice(e.message);
        const pinAsked = ["pin_required", "bad_pin", "pin_wait"].includes(
          e.code,
        );
        if (screen && !pinAsked) return showNotice(e.message);
        // Refused at the door: back to the form, with the PIN when asked.
        // A locked room's projector asks it too (locked means locked), its
        // QR code hidden until the PIN is right.
        joinMessage.textContent = e.message;
        if (pinAsked) {
          pinRow.hidden = false;
          pinInput.focus();
          if (aside) aside.hidden = true;
        }
        joinView.hidden = false;
        roomView.hidden = true;
        setStatus("status.offline", "lost");
        return;
      }
      case "fallback": {
        const f = m as {
          to?: { address?: unknown; webPort?: unknown };
          nickname?: unknown;
        };
        const address = f.to?.address, webPort = f.to?.webPort;
        fallback = typeof address === "string" &&
            /^[0-9.]{7,15}$/.test(address) &&
            typeof webPort === "number" && Number.isInteger(webPort) &&
            webPort > 0 && webPort < 65536
          ? {
            address,
            webPort,
            nickname: typeof f.nickname === "string"
              ? f.nickname
              : app.tr("moved.someone"),
          }
          : null;
        return;
      }
      case "bye": {
        const b = m as {
          reason?: string;
          message: string;
          standings?: { rank: number; nickname: string; score: number }[];
          to?: { address?: unknown; webPort?: unknown };
        };
        const address = b.to?.address, webPort = b.to?.webPort;
        if (
          b.reason === "moved" && typeof address === "string" &&
          /^[0-9.]{7,15}$/.test(address) && typeof webPort === "number" &&
          Number.isInteger(webPort) && webPort > 0 && webPort < 65536
        ) {
          return moveTo(
            { address, webPort },
            fallback?.address === address
              ? fallback.nickname
              : app.tr("moved.someone"),
          );
        }
        const rows = Array.isArray(b.standings)
          ? playersStandings(b.standings)
          : null;
        return finish(b.message, rows);
      }
      case "ping": {
        const p = m as { id?: unknown };
        if (typeof p.id === "number") app.send({ type: "pong", id: p.id });
        return;
      }
      default: {
        // A game message that changes the view held (QCM's `answered`).
        if (app.game === null || app.view === null || !panel?.patch) return;
        const next = panel.patch(
          app.view,
          m as { type: string; [key: string]: unknown },
        );
        if (next === null) return;
        app.view = next;
        return panel.update();
      }
    }
  }

  function playersStandings(
    rows: { rank: number; nickname: string; score: number }[],
  ): WebElement {
    return h(
      "ol",
      { class: "ranking" },
      ...rows.map((r) =>
        h(
          "li",
          {},
          h("span", { class: "rank", text: String(r.rank) }),
          h("span", { class: "name", text: String(r.nickname) }),
          h("span", { class: "pts", text: String(r.score) }),
        )
      ),
    );
  }

  // Countdowns move between views.
  setInterval(() => {
    try {
      panel?.tick();
    } catch { /* the next view redraws it */ }
  }, 250);

  // A phone waking up: reconnect now rather than at the next retry.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "visible" || ended) return;
    if (!ws && (lostAt !== null || screen)) {
      retryMs = 250;
      connect();
    }
  });

  if (screen || saved) connect();
  else {
    setStatus("status.offline", "wait");
    nickInput.focus();
  }
}
