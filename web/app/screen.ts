/**
 * The projector's corner: the QR code to join (drawn by the host into the
 * page, web/page.ts) and the addresses, big in the lobby and small while a
 * game runs.
 *
 * Like every file of web/app/, it holds only function declarations and
 * types (see web/script.ts).
 *
 * @module
 */
import type { WebDocument, WebElement } from "./dom.ts";
import type { App } from "./types.ts";
import { h } from "./kit.ts";

declare const document: WebDocument;

/**
 * The QR code and the join addresses.
 *
 * @param app the page
 */
export function screenAside(app: App): WebElement {
  const qr = document.getElementById("qr");
  const aside = h(
    "section",
    { class: "join-here" },
    h("h2", { class: "scan", text: app.tr("screen.scan") }),
    qr,
    h(
      "ul",
      { class: "urls" },
      ...app.boot.urls.map((u) => h("li", { text: u })),
    ),
  );
  if (qr) qr.hidden = false;
  return aside;
}
