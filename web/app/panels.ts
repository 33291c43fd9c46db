/**
 * Which panel shows which game; a game the page does not draw gets a plain
 * panel (the feed under it still tells what happens).
 *
 * Like every file of web/app/, it holds only function declarations and
 * types (see web/script.ts).
 *
 * @module
 */
import type { App, Panel } from "./types.ts";
import { h } from "./kit.ts";
import { bombardesPanel } from "./bombardes.ts";
import { justePrixPanel } from "./justeprix.ts";
import { morpionPanel } from "./morpion.ts";
import { qcmPanel } from "./qcm.ts";

/**
 * The panel of a game.
 *
 * @param app the page
 * @param game the game's id
 * @param screen true on the projector
 */
export function makePanel(app: App, game: string, screen: boolean): Panel {
  switch (game) {
    case "qcm":
      return qcmPanel(app, screen);
    case "morpion":
      return morpionPanel(app, screen);
    case "justeprix":
      return justePrixPanel(app, screen);
    case "bombardes":
      return bombardesPanel(app, screen);
  }
  const root = h(
    "div",
    { class: "other" },
    h("h2", { text: app.title(game) }),
    h("p", { text: app.tr("game.feed_only") }),
  );
  return { root, update() {}, tick() {} };
}
