import assert from "node:assert/strict";
import { appScript, PAGE_FUNCTIONS } from "./script.ts";
import { pageHtml, pageStrings, scriptJson } from "./page.ts";
import webCatalog from "./catalog.json" with { type: "json" };
import { GAMES } from "../games/registry.ts";

const APP_DIR = new URL("./app/", import.meta.url);

async function appFiles(): Promise<{ name: string; text: string }[]> {
  const out = [];
  for await (const e of Deno.readDir(APP_DIR)) {
    if (e.isFile && e.name.endsWith(".ts") && !e.name.endsWith("_test.ts")) {
      out.push({
        name: e.name,
        text: await Deno.readTextFile(new URL(e.name, APP_DIR)),
      });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

Deno.test("page script: web/app/ files hold only functions, imports and types at the top", async () => {
  // A top-level value would be left behind: the browser gets functions only.
  const allowed =
    /^(import |export (async )?function |export (interface|type) |(async )?function |(interface|type) |declare const |\/\/|\/\*\*| \*|\}|$)/;
  for (const { name, text } of await appFiles()) {
    let inside = 0;
    for (const [i, line] of text.split("\n").entries()) {
      if (inside === 0 && !allowed.test(line) && !/^[\s)\]}]/.test(line)) {
        assert.fail(
          `web/app/${name}:${i + 1}: not a function, import or type: ${line}`,
        );
      }
      inside += (line.match(/[{([]/g) ?? []).length -
        (line.match(/[})\]]/g) ?? []).length;
    }
  }
});

Deno.test("page script: every exported function of web/app/ is sent, once, under its name", async () => {
  const names = PAGE_FUNCTIONS.map((f) => f.name);
  assert.equal(new Set(names).size, names.length);
  for (const { name } of await appFiles()) {
    const mod = await import(new URL(name, APP_DIR).href);
    for (const [key, value] of Object.entries(mod)) {
      if (typeof value === "function") {
        assert.ok(
          names.includes(key),
          `${name}: ${key} is not in PAGE_FUNCTIONS`,
        );
      }
    }
  }
  for (const f of PAGE_FUNCTIONS) {
    assert.match(f.toString(), new RegExp(`^(async )?function ${f.name}\\(`));
  }
});

Deno.test("page script: it parses as one script, with no import left", () => {
  const js = appScript();
  new Function(js); // compiles (a syntax error throws), runs nothing
  assert.doesNotMatch(js, /^\s*import\s/m);
  assert.doesNotMatch(js, /\bawait import\(/);
});

Deno.test("page strings: every key the page uses exists in French and English", async () => {
  const strings = pageStrings();
  const used = new Set<string>();
  for (const { text } of await appFiles()) {
    for (const m of text.matchAll(/\b(?:app\.)?tr\(\s*"([^"]+)"/g)) {
      used.add(m[1]);
    }
    for (const m of text.matchAll(/label\([^;]*?"([a-z_]+\.[a-z_.]+)"/g)) {
      used.add(m[1]);
    }
    for (
      const m of text.matchAll(
        /"((?:qcm|lobby|justeprix|bombardes|morpion)\.[a-z_.]+)"/g,
      )
    ) {
      used.add(m[1]);
    }
  }
  assert.ok(used.size > 40, `${used.size} keys found: the scan broke`);
  for (const key of used) {
    assert.ok(key in strings.fr, `missing in French: ${key}`);
    assert.ok(key in strings.en, `missing in English: ${key}`);
  }
  for (const hint of ["plus", "moins", "found"]) {
    assert.ok(`justeprix.hint.${hint}` in strings.en);
  }
});

Deno.test("page strings: the page's catalog has the same keys in both languages and shadows no game's", () => {
  const fr = Object.keys(webCatalog.fr).sort();
  const en = Object.keys(webCatalog.en).sort();
  assert.deepEqual(fr, en);
  const games = pageStrings();
  for (const key of fr) {
    const [game, ...rest] = key.split(".");
    if (!(game in GAMES)) continue;
    const catalog = JSON.parse(
      Deno.readTextFileSync(
        new URL(`../games/${game}/catalog.json`, import.meta.url),
      ),
    );
    assert.ok(!(rest.join(".") in catalog.en), `${key} shadows the game's own`);
  }
  assert.ok(games.fr["qcm.leaderboard"]);
});

Deno.test("page: the boot data cannot close its script element; the room name is escaped", () => {
  const name = `</script><script>alert(1)</script>&"'`;
  const html = pageHtml({
    mode: "player",
    roomName: name,
    roomId: "ab",
    lang: "fr",
    games: GAMES,
    urls: [],
  });
  assert.equal(html.match(/<\/script>/g)?.length, 2); // boot and app.js only
  assert.ok(
    html.includes(
      "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39; — lanplay</title>",
    ),
  );
  const boot =
    /<script id="boot" type="application\/json">(.*)<\/script>/.exec(html)![1];
  assert.equal(JSON.parse(boot).room.name, name);
  assert.equal(scriptJson("\u2028"), '"\\u2028"');
});

Deno.test("page: the projector page carries the QR code of the first address, the player page none", () => {
  const opts = {
    roomName: "R",
    roomId: "ab",
    lang: "en" as const,
    games: GAMES,
    urls: ["http://198.18.0.1:50028/", "http://salle.local:50028/"],
  };
  const screen = pageHtml({ ...opts, mode: "screen" });
  assert.match(
    screen,
    /<div id="qr" hidden><svg [^>]*aria-label="http:\/\/198\.18\.0\.1:50028\/"/,
  );
  assert.doesNotMatch(pageHtml({ ...opts, mode: "player" }), /id="qr"/);
});
