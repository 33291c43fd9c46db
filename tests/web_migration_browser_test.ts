/**
 * A moved room in a real browser (Debian's headless Chromium driven by
 * puppeteer-core), on loopback: a phone page plays a QCM on room A and
 * scores; room B is A restored from its snapshot (`Room.restore`), served
 * on other ports (TCP and web); A steps down naming B (`bye {reason:
 * "moved", to}`). The phone lands on B's page, takes its seat back (same
 * id, nickname and score) with the token carried in the `#seat=` fragment,
 * which no longer shows in the address bar, and plays the game to its end;
 * the projector on A goes to B's `/screen`. Skipped, with the reason, when
 * Chromium or puppeteer-core cannot run here.
 *
 * @module
 */
import assert from "node:assert/strict";
import { GAMES } from "../games/registry.ts";
import { realClock } from "../host/clock.ts";
import { Room } from "../host/room.ts";
import type { RoomOptions } from "../host/room_options.ts";
import { GameServer } from "../host/server.ts";
import { roomSnapshotSchema } from "../host/snapshot.ts";
import { WebServer } from "../host/web_server.ts";
import { seeded } from "./support.ts";
import { startWebHost } from "./web_support.ts";

/** The page's document and address, as the callbacks in the browser see them. */
declare const document: {
  querySelector(selector: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): { length: number };
};
declare const location: { hash: string; href: string };
declare const localStorage: {
  length: number;
  key(i: number): string | null;
  getItem(key: string): string | null;
};

const CHROMIUM = Deno.env.get("LANPLAY_CHROMIUM") ?? "/usr/bin/chromium";
/** Every browser wait is bounded by this (ms). */
const WAIT_MS = 10_000;

/** Why the browser test cannot run here, or "". */
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
if (reason) console.log(`web migration browser test skipped: ${reason}`);

/** Three questions; the right answer is B, then A, then A. */
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
      en: "Which port does lanplay use?",
    },
    answers: { fr: ["50026", "80"], en: ["50026", "80"] },
    correct: [0],
  },
  {
    id: "q3",
    text: { fr: "La capitale de la France ?", en: "The capital of France?" },
    answers: { fr: ["Paris", "Lyon"], en: ["Paris", "Lyon"] },
    correct: [0],
  },
];

const GAME_OPTIONS = {
  qcm: { questions: QUESTIONS, timeSec: 30, pauseSec: 2, shuffle: false },
};

/** The page's address on loopback (the projector's QR code). */
const here = (port: number) => [`http://127.0.0.1:${port}/`];

/** A restored room served like a host: TCP and web on free loopback ports. */
function serve(room: Room) {
  const server = GameServer.listen({ hostname: "127.0.0.1", port: 0 }, {
    room,
    games: GAMES,
    clock: realClock,
    defaultLang: "en",
  });
  const web = WebServer.listen({ hostname: "127.0.0.1", port: 0 }, {
    room,
    games: GAMES,
    clock: realClock,
    defaultLang: "en",
    urls: here,
  });
  room.setPorts({ port: server.port, webPort: web.port });
  return {
    room,
    port: server.port,
    webPort: web.port,
    close: async () => {
      room.close();
      await server.close();
      await web.close();
    },
  };
}

/** What B's room knows of its seats: id, nickname, score, connected. */
function seats(room: Room) {
  return room.snapshot({
    seq: 0,
    room: { port: 0, lang: "en" },
    key: { privateKey: "-", publicKey: "-" },
  }).state.members.map((m) => ({
    id: m.id,
    nickname: m.nickname,
    score: m.score,
    connected: m.connected,
  }));
}

Deno.test({
  name:
    "browser: a room that moves takes its phone (same seat, same score, no token left in the address) and its projector along",
  ignore: reason !== "",
  sanitizeOps: false, // puppeteer keeps Node-style timers between steps
  sanitizeResources: false, // and its pipes to Chromium until the end
  async fn() {
    const { default: puppeteer } = await import("puppeteer-core");
    const options = {
      name: "Salle A",
      hostId: "room-moving",
      game: "qcm",
      gameOptions: GAME_OPTIONS,
    };
    const a = startWebHost(options, { urls: here });
    a.room.setPorts({ port: a.port, webPort: a.webPort });
    let b: ReturnType<typeof serve> | null = null;
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
    });
    try {
      const errors: string[] = [];
      const phone = await browser.newPage();
      phone.setDefaultTimeout(WAIT_MS);
      phone.on("pageerror", (e) => errors.push(`phone: ${e}`));
      await phone.setViewport({
        width: 390,
        height: 844,
        isMobile: true,
        hasTouch: true,
      });
      await phone.goto(`http://127.0.0.1:${a.webPort}/`);
      await phone.type("#nick", "Zoé");
      await phone.tap("#join");
      await phone.waitForSelector("#start"); // alone: Zoé leads

      const wall = await browser.newPage();
      wall.setDefaultTimeout(WAIT_MS);
      wall.on("pageerror", (e) => errors.push(`wall: ${e}`));
      await wall.setViewport({ width: 1280, height: 720 });
      await wall.goto(`http://127.0.0.1:${a.webPort}/screen`);
      await wall.waitForSelector(".join-here svg");

      // Question 1: right (B); the leaderboard gives Zoé's points. Question
      // 2 shows; the room moves then.
      await phone.bringToFront();
      await phone.tap("#start");
      await phone.waitForSelector('.answer[data-answer="2"]:not([disabled])');
      await phone.tap('.answer[data-answer="2"]');
      await phone.waitForSelector(".leaderboard li.mine .pts");
      const points = await phone.$eval(
        ".leaderboard li.mine .pts",
        (e) => Number(e.textContent),
      );
      assert.ok(points > 0, `Zoé's points after question 1: ${points}`);
      await phone.waitForFunction(() =>
        document.querySelector(".question")?.textContent?.startsWith(
          "Which port",
        )
      );
      await phone.waitForSelector('.answer[data-answer="1"]:not([disabled])');
      const [before] = seats(a.room);
      assert.equal(before.nickname, "Zoé");

      // Room B: A's snapshot restored, served elsewhere on loopback.
      const snap = roomSnapshotSchema.parse(JSON.parse(JSON.stringify(
        a.room.snapshot({
          seq: 1,
          room: { port: a.port, webPort: a.webPort, lang: "en" },
          key: { privateKey: "cHJpdg", publicKey: "cHVi" },
        }),
      )));
      const roomOptions: RoomOptions = {
        ...options,
        name: snap.room.name,
        games: GAMES,
        clock: realClock,
        random: seeded(7),
        graceMs: snap.room.graceMs,
      };
      b = serve(Room.restore(roomOptions, snap));
      assert.equal(b.room.epoch, 1);
      assert.deepEqual(seats(b.room), [{ ...before, connected: false }]);

      const phoneB = `http://127.0.0.1:${b.webPort}/`;
      a.room.stepDown({
        address: "127.0.0.1",
        port: b.port,
        webPort: b.webPort,
      });

      // The phone is on B's page, in its seat, the fragment gone.
      await phone.waitForFunction(
        (url: string) => location.href === url,
        {},
        phoneB,
      );
      await phone.waitForSelector(".status.ok"); // welcomed
      assert.equal(phone.url(), phoneB);
      assert.equal(await phone.evaluate(() => location.hash), "");
      const backB = seats(b.room);
      assert.deepEqual(backB, [{ ...before, connected: true }]);
      // B's page keeps the seat for a reload, under the same room id.
      const stored = await phone.evaluate(() => {
        const out: Record<string, string | null> = {};
        for (let i = 0; i < localStorage.length; i++) {
          const k = localStorage.key(i)!;
          out[k] = localStorage.getItem(k);
        }
        return out;
      });
      const seat = JSON.parse(stored["lanplay.seat.room-moving"] ?? "null");
      assert.equal(seat?.nickname, "Zoé");

      // The projector followed to B's /screen.
      await wall.waitForFunction(
        (url: string) => location.href === url,
        {},
        `${phoneB}screen`,
      );
      await wall.waitForFunction(() =>
        document.querySelector(".question")?.textContent?.startsWith(
          "Which port",
        )
      );

      // The game goes on at B: question 2 wrong (B), the points carried
      // over on the leaderboard; question 3 right (A).
      await phone.waitForSelector('.answer[data-answer="2"]:not([disabled])');
      await phone.tap('.answer[data-answer="2"]');
      await phone.waitForSelector(".answer.right");
      assert.equal(
        await phone.$eval(
          ".leaderboard li.mine .pts",
          (e) => Number(e.textContent),
        ),
        points,
      );
      await phone.waitForFunction(() =>
        document.querySelector(".question")?.textContent?.startsWith(
          "The capital",
        )
      );
      await phone.waitForSelector('.answer[data-answer="1"]:not([disabled])');
      await phone.tap('.answer[data-answer="1"]');
      await phone.waitForSelector(".lobby .ranking li");
      const [name, total] = await phone.$eval(
        ".lobby .ranking li",
        (li) => [
          li.querySelector(".name")?.textContent,
          Number(li.querySelector(".pts")?.textContent),
        ],
      );
      assert.equal(name, "Zoé");
      assert.ok(Number(total) > points, `${total} > ${points}`);
      const [end] = seats(b.room);
      assert.deepEqual(end, { ...before, score: total });
      await wall.waitForFunction(() =>
        document.querySelectorAll(".lobby .ranking li").length === 1
      );
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await b?.close();
      await a.close();
    }
  },
});
