/**
 * Real browsers: Debian's headless Chromium driven by puppeteer-core. A
 * browser player, a JSON player and an nc player play a QCM together on
 * loopback and see the same ranking; the phone page (390×844) never
 * scrolls sideways; the projector view shows the question, the answered
 * count and the leaderboard; a phone that reloads takes its seat back with
 * the token its page kept. Skipped, with the reason, when Chromium or
 * puppeteer-core cannot run here (.ci/run installs them).
 *
 * @module
 */
import assert from "node:assert/strict";
import { GAMES } from "../games/registry.ts";
import type { JoinRequest, MemberPort, Room } from "../host/room.ts";
import { realClock } from "../host/clock.ts";
import { WebServer } from "../host/web_server.ts";
import { t } from "../i18n/messages.ts";
import { LineClient, startHost } from "./support.ts";
import { startWebHost, until } from "./web_support.ts";

/** The page's document, as the callbacks run in the browser read it. */
declare const document: {
  querySelector(
    selector: string,
  ): { textContent: string | null; hidden?: boolean } | null;
  querySelectorAll(selector: string): { length: number };
  documentElement: { scrollWidth: number };
};

const CHROMIUM = Deno.env.get("LANPLAY_CHROMIUM") ?? "/usr/bin/chromium";
const SHOTS = Deno.env.get("LANPLAY_SHOTS") ?? await Deno.makeTempDir({
  prefix: "lanplay-web-",
});

/** Why the browser tests cannot run here, or "". */
async function skipReason(): Promise<string> {
  try {
    await Deno.stat(CHROMIUM);
  } catch {
    return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set LANPLAY_CHROMIUM)`;
  }
  try {
    await import("puppeteer-core");
  } catch (e) {
    return `puppeteer-core cannot load: ${(e as Error).message}`;
  }
  return "";
}

const reason = await skipReason();
if (reason) console.log(`web browser tests skipped: ${reason}`);

// Two quick questions: the first answered right by all, the second not.
const QUESTIONS = [
  {
    id: "q1",
    text: { fr: "Combien font 2 + 2 ?", en: "What is 2 + 2?" },
    answers: { fr: ["3", "4", "5", "22"], en: ["3", "4", "5", "22"] },
    correct: [1],
  },
  {
    id: "q2",
    text: {
      fr: "Quel port joue lanplay ?",
      en: "Which port does lanplay play on?",
    },
    answers: { fr: ["50026", "80"], en: ["50026", "80"] },
    correct: [0],
  },
];

Deno.test({
  name:
    "browser: a browser, a JSON and an nc player play a QCM and see the same ranking; the projector follows",
  ignore: reason !== "",
  sanitizeOps: false, // puppeteer keeps Node-style timers between steps
  sanitizeResources: false, // and its pipes to Chromium until the end
  async fn() {
    const { default: puppeteer } = await import("puppeteer-core");
    const host = startWebHost({
      game: "qcm",
      gameOptions: {
        qcm: { questions: QUESTIONS, timeSec: 20, pauseSec: 2, shuffle: false },
      },
    }, { urls: ["http://198.18.0.1:50028/"] });
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
    });
    const base = `http://127.0.0.1:${host.webPort}`;
    try {
      // The phone: portrait, touch.
      const phone = await browser.newPage();
      const errors: string[] = [];
      phone.on("pageerror", (e) => errors.push(String(e)));
      await phone.setViewport({
        width: 390,
        height: 844,
        isMobile: true,
        hasTouch: true,
      });
      await phone.goto(`${base}/`);
      const narrow = async (what: string) => {
        const width = await phone.evaluate(() =>
          document.documentElement.scrollWidth
        );
        assert.ok(width <= 390, `${what}: the page is ${width} px wide`);
        await phone.screenshot({ path: `${SHOTS}/phone-${what}.png` });
      };
      // The nickname form checks the rules like the terminal prompt.
      await phone.type("#nick", "Zoé Martin");
      await phone.click("#join");
      await phone.waitForFunction(() =>
        document.querySelector(".join-msg")?.textContent?.includes("no spaces")
      );
      await phone.$eval(
        "#nick",
        (el) => (el as unknown as { value: string }).value = "",
      );
      await phone.type("#nick", "Zoé");
      await phone.click("#join");
      await phone.waitForSelector("#start"); // first in: Zoé leads
      await narrow("lobby");

      // The projector: a watcher.
      const wall = await browser.newPage();
      wall.on("pageerror", (e) => errors.push(String(e)));
      await wall.setViewport({ width: 1280, height: 720 });
      await wall.goto(`${base}/screen`);
      await wall.waitForSelector(".join-here svg");

      // A JSON client and an nc player.
      const json = await LineClient.connect(host.port);
      await json.next();
      await json.send(
        JSON.stringify({
          type: "hello",
          nickname: "ana",
          protocol: 1,
          lang: "en",
        }),
      );
      await json.waitFor((l) => l.includes('"welcome"'));
      const nc = await LineClient.connect(host.port);
      await nc.next();
      await nc.send("bob");
      await nc.waitFor((l) => l.startsWith("Welcome bob"));
      await until(
        () => host.room.summary().players === 3,
        5000,
        "three players",
      );

      await phone.bringToFront();
      await phone.waitForFunction(() =>
        document.querySelectorAll(".players li").length === 3
      );
      await phone.click("#start");

      // Question 1: everyone right, the browser first.
      await phone.waitForSelector('.answer[data-answer="2"]:not([disabled])');
      await narrow("question");
      await wall.bringToFront();
      await wall.waitForFunction(() =>
        document.querySelector(".question")?.textContent === "What is 2 + 2?"
      );
      await wall.screenshot({ path: `${SHOTS}/wall-question.png` });
      await phone.bringToFront();
      await phone.tap('.answer[data-answer="2"]');
      await phone.waitForFunction(() =>
        document.querySelector(".q-status")?.textContent?.startsWith(
          "Your answer: B",
        )
      );
      // The projector's count follows `answered` (no view comes with it).
      await wall.waitForFunction(() =>
        /^1\/\d/.test(document.querySelector(".q-status")?.textContent ?? "")
      );
      await json.waitFor((l) => l.includes('"question"'));
      await json.send(JSON.stringify({ type: "answer", choices: [2] }));
      await nc.send("2");
      // The reveal: bars, the right answer marked, the leaderboard.
      await phone.waitForSelector(".answer.right");
      await narrow("reveal");
      await wall.bringToFront();
      await wall.waitForFunction(() =>
        document.querySelectorAll(".leaderboard li").length === 3
      );
      const wallCounts = await wall.$$eval(
        ".a-count",
        (els) => els.map((e) => e.textContent),
      );
      assert.deepEqual(wallCounts.slice(0, 4), ["0", "3", "0", "0"]);
      await wall.screenshot({ path: `${SHOTS}/wall-reveal.png` });

      // Question 2: the browser wrong, ana right, bob right.
      await phone.bringToFront();
      await phone.waitForSelector('.answer[data-answer="2"]:not([disabled])');
      await phone.waitForFunction(() =>
        document.querySelector(".question")?.textContent?.startsWith(
          "Which port",
        )
      );
      await phone.tap('.answer[data-answer="2"]');
      await json.waitFor((l) =>
        l.includes('"index":2') && l.includes('"question"')
      );
      await json.send(JSON.stringify({ type: "answer", choices: [1] }));
      await nc.send("a");

      // The end: the same ranking everywhere.
      const end = JSON.parse(
        await json.waitFor((l) => l.includes('"game_end"')),
      );
      const jsonRanking = end.ranking.map((
        r: { nickname: string; points: number },
      ) => `${r.nickname} ${r.points}`);
      await nc.waitFor((l) => l.startsWith("■"));
      const ncRanking: string[] = [];
      for (let i = 0; i < 3; i++) {
        const line = (await nc.next())!;
        const m = /^\s+\d+\. (\S+) — (\d+) pts$/.exec(line);
        assert.ok(m, `nc ranking line: ${line}`);
        ncRanking.push(`${m[1]} ${m[2]}`);
      }
      await phone.waitForSelector(".lobby .ranking li");
      const phoneRanking = await phone.$$eval(
        ".lobby .ranking li",
        (lis) =>
          lis.map((li) =>
            `${li.querySelector(".name")?.textContent} ${
              li.querySelector(".pts")?.textContent
            }`
          ),
      );
      assert.deepEqual(ncRanking, jsonRanking);
      assert.deepEqual(phoneRanking, jsonRanking);
      assert.equal(jsonRanking[2].split(" ")[0], "Zoé"); // wrong once: last
      await narrow("ranking");
      await wall.bringToFront();
      await wall.waitForFunction(() =>
        document.querySelectorAll(".lobby .ranking li").length === 3
      );
      await wall.screenshot({ path: `${SHOTS}/wall-ranking.png` });

      // The phone sleeps and its tab is reloaded: the page's token takes
      // the seat back (same id, same score).
      await phone.bringToFront();
      const before = await phone.$eval(
        ".players li.mine .pts",
        (e) => e.textContent,
      );
      await phone.reload();
      await phone.waitForSelector(".players li.mine");
      const after = await phone.$eval(
        ".players li.mine .pts",
        (e) => e.textContent,
      );
      assert.equal(after, before);
      assert.equal(host.room.summary().players, 3);
      await nc.waitFor((l) => l.includes("Zoé") && l.includes("back"));

      // Leaving from the page: bye, and the page forgets its seat.
      await phone.click(".quit");
      await phone.waitForSelector(".end-box");
      const saved = await phone.evaluate(() =>
        Object.keys(localStorage).filter((k) => k.startsWith("lanplay.seat."))
          .length
      );
      assert.equal(saved, 0);
      assert.deepEqual(errors, []);
      await json.close();
      await nc.close();
    } finally {
      await browser.close();
      await host.close();
    }
  },
});

Deno.test({
  name:
    "browser: juste prix, morpion and bombardes draw on a phone and take taps",
  ignore: reason !== "",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const { default: puppeteer } = await import("puppeteer-core");
    const host = startWebHost({
      game: "justeprix",
      gameOptions: { justeprix: { max: 10, rounds: 1 } },
    });
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
    });
    try {
      // A JSON player leads (first in) and starts and stops the games.
      const lead = await LineClient.connect(host.port);
      await lead.next();
      await lead.send(
        JSON.stringify({
          type: "hello",
          nickname: "ana",
          protocol: 1,
          lang: "en",
        }),
      );
      await lead.waitFor((l) => l.includes('"welcome"'));
      const phone = await browser.newPage();
      const errors: string[] = [];
      phone.on("pageerror", (e) => errors.push(String(e)));
      await phone.setViewport({
        width: 390,
        height: 844,
        isMobile: true,
        hasTouch: true,
      });
      await phone.goto(`http://127.0.0.1:${host.webPort}/`);
      await phone.type("#nick", "Zoé");
      await phone.click("#join");
      await phone.waitForSelector("#ready");
      const narrow = async (what: string) => {
        const width = await phone.evaluate(() =>
          document.documentElement.scrollWidth
        );
        assert.ok(width <= 390, `${what}: the page is ${width} px wide`);
        await phone.screenshot({ path: `${SHOTS}/phone-${what}.png` });
      };

      // Juste prix: a guess from the number field, its hint in the list.
      await lead.send(JSON.stringify({ type: "start", game: "justeprix" }));
      await phone.waitForSelector("#guess");
      await phone.type("#guess", "5");
      await phone.keyboard.press("Enter");
      await phone.waitForSelector(".guesses li");
      await narrow("justeprix");
      await lead.send(JSON.stringify({ type: "stop" }));
      await phone.waitForSelector("#ready");

      // Morpion: the board, and a tap on an empty cell when it is Zoé's turn.
      await lead.send(JSON.stringify({ type: "start", game: "morpion" }));
      await phone.waitForFunction(() =>
        document.querySelectorAll(".board .cell").length === 9
      );
      const match = JSON.parse(
        await lead.waitFor((l) => l.includes('"match_start"')),
      );
      if (match.x !== "Zoé") {
        await lead.send(JSON.stringify({ type: "play", cell: 1 }));
      }
      const mark = match.x === "Zoé" ? "X" : "O";
      await phone.bringToFront();
      await phone.waitForSelector('.cell[data-cell="5"]:not([disabled])');
      await phone.tap('.cell[data-cell="5"]');
      await phone.waitForFunction(
        (m) =>
          document.querySelector('.cell[data-cell="5"]')?.textContent === m,
        {},
        mark,
      );
      await narrow("morpion");
      await lead.send(JSON.stringify({ type: "stop" }));
      await phone.waitForSelector("#ready");

      // Bombardes: the landscape in SVG and the aiming controls.
      await lead.send(JSON.stringify({ type: "start", game: "bombardes" }));
      await phone.waitForSelector("svg.field polygon.ground");
      await phone.waitForFunction(() =>
        document.querySelectorAll("svg.field circle.cannon").length === 2
      );
      await narrow("bombardes");
      await lead.send(JSON.stringify({ type: "stop" }));
      await phone.waitForSelector("#ready");
      assert.deepEqual(errors, []);
      await lead.close();
    } finally {
      await browser.close();
      await host.close();
    }
  },
});

/**
 * The room as it checks a projector's PIN with the host/room.ts change of
 * the watcher-PIN decision (docs/web.md): a watcher without the room's PIN
 * is refused like a player. A stand-in until that change is merged, so the
 * page's side is tested now; harmless after (the room then refuses first).
 */
function pinForWatchers(room: Room, pin: string): Room {
  return new Proxy(room, {
    get(target, key) {
      if (key === "join") {
        return (req: JoinRequest, port: MemberPort) => {
          if (req.watcher && req.pin !== pin) {
            const code = req.pin ? "bad_pin" : "pin_required";
            return {
              ok: false,
              code,
              message: t(req.lang, `err.${code}`),
              fatal: false,
            };
          }
          return target.join(req, port);
        };
      }
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

Deno.test({
  name:
    "browser: a locked room's projector asks its PIN, hides the room and its QR code until then, then follows it",
  ignore: reason !== "",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const { default: puppeteer } = await import("puppeteer-core");
    const host = startHost({ pin: "4321", game: "qcm" });
    const web = WebServer.listen({ hostname: "127.0.0.1", port: 0 }, {
      room: pinForWatchers(host.room, "4321"),
      games: GAMES,
      clock: realClock,
      defaultLang: "en",
      urls: ["http://198.18.0.1:50028/"],
    });
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
    });
    const base = `http://127.0.0.1:${web.port}`;
    try {
      const errors: string[] = [];
      const wall = await browser.newPage();
      wall.setDefaultTimeout(10_000);
      wall.on("pageerror", (e) => errors.push(String(e)));
      await wall.setViewport({ width: 1280, height: 720 });
      await wall.goto(`${base}/screen`);
      // Asked for the PIN: no nickname, no QR code, no room.
      await wall.waitForSelector("#pin", { visible: true });
      await wall.waitForFunction(() =>
        document.querySelector(".join-msg")?.textContent?.startsWith(
          "This room is locked",
        )
      );
      assert.equal(
        await wall.evaluate(() =>
          document.querySelector(".join-here")?.hidden === true &&
          document.querySelector(".room")?.hidden === true
        ),
        true,
      );
      assert.equal(
        await wall.$eval("#nick", (e) => e.checkVisibility()),
        false,
      );
      await wall.screenshot({ path: `${SHOTS}/wall-pin.png` });
      // A wrong PIN: said so, still nothing.
      await wall.type("#pin", "0000");
      await wall.keyboard.press("Enter");
      await wall.waitForFunction(() =>
        document.querySelector(".join-msg")?.textContent?.startsWith(
          "Wrong PIN",
        )
      );
      assert.equal(
        await wall.evaluate(() =>
          document.querySelector(".room")?.hidden === true
        ),
        true,
      );
      // The right one: the QR code, the room.
      await wall.$eval(
        "#pin",
        (el) => (el as unknown as { value: string }).value = "",
      );
      await wall.type("#pin", "4321");
      await wall.keyboard.press("Enter");
      await wall.waitForSelector(".join-here svg", { visible: true });
      await wall.waitForSelector(".players h2", { visible: true });
      assert.equal(host.room.summary().players, 0, "a watcher, not a player");

      // A phone gives the PIN too, and the projector lists it.
      const phone = await browser.newPage();
      phone.on("pageerror", (e) => errors.push(String(e)));
      await phone.setViewport({
        width: 390,
        height: 844,
        isMobile: true,
        hasTouch: true,
      });
      await phone.goto(`${base}/`);
      await phone.type("#nick", "Zoé");
      await phone.click("#join");
      await phone.waitForSelector("#pin", { visible: true });
      await phone.type("#pin", "4321");
      await phone.click("#join");
      await phone.waitForSelector("#start");
      await wall.bringToFront();
      await wall.waitForFunction(() =>
        document.querySelector(".players h2")?.textContent === "1 player"
      );
      await wall.screenshot({ path: `${SHOTS}/wall-unlocked.png` });
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await host.close();
      await web.close();
    }
  },
});
