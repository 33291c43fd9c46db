/**
 * The page's lobby: the room's players, the chosen game, the last game's
 * ranking, the ready toggle and, for the leader, the game choice and the
 * start button; a chat line; the end screen.
 *
 * Like every file of web/app/, it holds only function declarations and
 * types (see web/script.ts).
 *
 * @module
 */
import type { WebElement } from "./dom.ts";
import type { App } from "./types.ts";
import { h, rankingList } from "./kit.ts";

/**
 * The lobby's main panel.
 *
 * @param app the page
 * @param screen true on the projector (no controls)
 */
export function lobbyPanel(app: App, screen: boolean): WebElement {
  const l = app.lobby;
  const root = h("div", { class: "lobby" });
  if (!l) return root;
  root.append(
    h("h2", { text: app.tr("lobby.title") }),
    h("p", {
      class: "game-name",
      text: app.tr("lobby.game", { game: app.title(l.game) }),
    }),
  );
  const end = app.lastEnd;
  if (end) {
    root.append(
      h("h3", {
        text: app.tr("lobby.last_game", { game: app.title(end.game) }),
      }),
      rankingList(app, end.ranking),
    );
  }
  if (l.autostart !== null) {
    root.append(
      h("p", { text: app.tr("lobby.autostart", { n: l.autostart }) }),
    );
  }
  if (screen || !app.me) return root;
  const me = l.players.find((p) => p.id === app.me?.id);
  const ready = !!me?.ready;
  root.append(
    h("button", {
      class: ready ? "ready on" : "ready",
      text: app.tr(ready ? "lobby.not_ready" : "lobby.ready"),
      attrs: { type: "button", id: "ready" },
      onclick: () => app.send({ type: "ready", ready: !ready }),
    }),
  );
  if (app.me.leader) {
    const select = h("select", {
      attrs: { id: "game", "aria-label": app.tr("lobby.choose") },
    });
    for (const g of l.games) {
      const option = h("option", { text: app.title(g), attrs: { value: g } });
      if (g === l.game) option.setAttribute("selected", "");
      select.append(option);
    }
    select.addEventListener(
      "change",
      () => app.send({ type: "choose", game: select.value }),
    );
    root.append(
      h(
        "div",
        { class: "leader-tools" },
        select,
        h("button", {
          class: "primary",
          text: app.tr("lobby.start"),
          attrs: { type: "button", id: "start" },
          onclick: () => app.send({ type: "start", game: select.value }),
        }),
      ),
    );
  } else {
    const leader = l.players.find((p) => p.leader);
    if (leader) {
      root.append(
        h("p", {
          class: "hint",
          text: app.tr("lobby.wait_leader", { leader: leader.nickname }),
        }),
      );
    }
  }
  return root;
}

/**
 * The players of the room: nickname, leader, ready, score; this page's own
 * line marked, a player whose connection dropped greyed. A big room's
 * lobby names its first 32: the title counts them all (`count`) and a line
 * says how many more are in.
 *
 * @param app the page
 * @param big true on the projector
 */
export function playersList(app: App, big: boolean): WebElement {
  const players = app.lobby?.players ?? [];
  // A big room lists its first 32 players and says how many are in.
  const count = Math.max(app.lobby?.count ?? 0, players.length);
  const more = count - players.length;
  return h(
    "section",
    { class: big ? "players big" : "players" },
    h("h2", { text: app.tr("players.title", { n: count }) }),
    h(
      "ul",
      {},
      ...players.map((p) =>
        h(
          "li",
          {
            class: [
              p.id === app.me?.id ? "mine" : "",
              p.connected === false ? "away" : "",
            ].join(" ").trim(),
          },
          h("span", { class: "name", text: p.nickname }),
          p.leader
            ? h("span", { class: "tag", text: app.tr("players.leader") })
            : null,
          p.id === app.me?.id
            ? h("span", { class: "tag", text: app.tr("players.you") })
            : null,
          p.ready ? h("span", { class: "tag ok", text: "✓" }) : null,
          h("span", { class: "pts", text: String(p.score) }),
        )
      ),
    ),
    more > 0
      ? h("p", { class: "more", text: app.tr("players.more", { n: more }) })
      : null,
  );
}

/**
 * One chat message.
 *
 * @param app the page
 * @param from sender's nickname
 * @param text what they said
 */
export function chatLine(app: App, from: string, text: string): WebElement {
  return h(
    "p",
    { class: from === app.me?.nickname ? "mine" : "" },
    h("b", { text: from }),
    " ",
    text,
  );
}

/**
 * The end screen: why the page left the room, the session standings when
 * the host sent them, and a button to join again.
 *
 * @param app the page
 * @param message the host's sentence
 * @param standings the standings list, or null
 * @param again what the button does
 */
export function endPanel(
  app: App,
  message: string,
  standings: WebElement | null,
  again: () => void,
): WebElement {
  return h(
    "div",
    { class: "end-box" },
    h("h2", { text: app.tr("end.title") }),
    h("p", { text: message }),
    standings ? h("h3", { text: app.tr("end.standings") }) : null,
    standings,
    h("button", {
      class: "primary",
      text: app.tr("end.again"),
      attrs: { type: "button" },
      onclick: again,
    }),
  );
}
