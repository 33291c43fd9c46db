import assert from "node:assert/strict";
import { introText, webIntroLines, webUrls } from "./intro.ts";
import catalog from "./intro_catalog.json" with { type: "json" };

Deno.test("intro: addresses by IP, then by .local name; IPv6 in brackets; loopback alone", () => {
  assert.deepEqual(
    webUrls(["198.18.0.1", "fd00::2"], "Salle-12.local", 50028),
    [
      "http://198.18.0.1:50028/",
      "http://[fd00::2]:50028/",
      "http://salle-12.local:50028/",
    ],
  );
  assert.deepEqual(webUrls([], "salle", 50028), ["http://127.0.0.1:50028/"]);
  // A hostname mDNS cannot carry is left out.
  assert.deepEqual(webUrls(["198.18.0.1"], "a b", 8), ["http://198.18.0.1:8/"]);
});

Deno.test("intro: the lines name the page, the projector and end with the QR code", () => {
  const lines = webIntroLines("fr", ["http://198.18.0.1:50028/"]);
  assert.equal(
    lines[0],
    "Téléphones et tablettes : ouvrez http://198.18.0.1:50028/",
  );
  assert.equal(lines[1], "Vidéoprojecteur : http://198.18.0.1:50028/screen");
  assert.ok(lines.slice(3).every((l) => /^[█▀▄ ]+$/.test(l)));
  assert.deepEqual(webIntroLines("en", ["http://x/"], { qr: false }).length, 2);
  assert.deepEqual(webIntroLines("en", []), []);
});

Deno.test("intro: the host's sentences exist in both languages", () => {
  assert.deepEqual(
    Object.keys(catalog.fr).sort(),
    Object.keys(catalog.en).sort(),
  );
  assert.match(introText("fr", "web.port_in_use", { port: 50028 }), /50028/);
});
