/**
 * Issue #14's proof on a LAN of network namespaces: a browser player, a
 * TUI player and an nc player play a QCM together and see the same
 * ranking. The host runs headless in one namespace; Debian's Chromium runs
 * in a second one (a phone, 390×844, touch: it taps), driven by
 * puppeteer-core over a pipe (no DevTools port); the real `join` runs
 * full screen in tmux in a third one (it answers with keys); `nc` runs in a
 * fourth (it answers by typing). Each reads the final ranking where its
 * player reads it — the page's DOM, the terminal's screen, nc's lines — and
 * the three are the same. The phone page never scrolls sideways
 * (`scrollWidth ≤ innerWidth`, with a screenshot at each step).
 *
 * Skipped, with the reason, without root and namespaces, tmux, nc,
 * Chromium or puppeteer-core.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  type Browser,
  browserSkipReason,
  launchInNamespace,
} from "./browser_in_ns.ts";
import {
  createLan,
  type Lan,
  type LanProcess,
  lanSkipReason,
  missingTool,
  run,
} from "./lan_harness.ts";
import { Tmux, type TmuxPane, tmuxSkipReason } from "../tmux.ts";

/** The page's document and window, as the callbacks in the browser see them. */
declare const document: {
  querySelector(selector: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): { length: number };
  documentElement: { scrollWidth: number };
};
declare const innerWidth: number;

const ROOT = new URL("../../", import.meta.url).pathname;
const MOD = `${ROOT}mod.ts`;
/** Every wait of the test is bounded by this (ms), the whole test by 2 min. */
const WAIT_MS = 20_000;

const skip = await lanSkipReason() ?? await tmuxSkipReason() ??
  await missingTool("nc", "netcat-openbsd") ?? await browserSkipReason();
if (skip) console.warn(`SKIP web QCM LAN test: ${skip}`);

/** Two questions with known answers; B is right, then A. */
const QUIZ = {
  title: "web-lan",
  questions: [
    {
      question: { fr: "Combien font 2 + 2 ?", en: "What is 2 + 2?" },
      answers: { fr: ["3", "4", "5", "22"], en: ["3", "4", "5", "22"] },
      correct: 2,
      keepOrder: true,
    },
    {
      question: {
        fr: "Quelle est la capitale de la France ?",
        en: "What is the capital of France?",
      },
      answers: {
        fr: ["Paris", "Lyon", "Marseille", "Lille"],
        en: ["Paris", "Lyon", "Marseille", "Lille"],
      },
      correct: 1,
      keepOrder: true,
    },
  ],
};

/**
 * `nickname points` lines of the TUI lobby's "Last game" list, in order
 * (the rows under its title, up to the first blank row).
 */
function tuiLastGame(screen: string): string[] {
  const rows = screen.split("\n");
  const from = rows.findIndex((r) => r.startsWith(" Last game (Quiz):"));
  if (from < 0) return [];
  const out: string[] = [];
  for (const row of rows.slice(from + 1)) {
    const m = /^\s+(?:🥇|🥈|🥉|\d+\.) (\S+) — (\d+) pts$/.exec(row.trimEnd());
    if (!m) break;
    out.push(`${m[1]} ${m[2]}`);
  }
  return out;
}

/** Starts the headless host; resolves once it is open. */
async function startHost(lan: Lan, quiz: string): Promise<LanProcess> {
  const host = lan.node("teacher").spawn([
    "deno",
    "run",
    "-A",
    "--cached-only",
    MOD,
    "host",
    "--headless",
    "--no-announce",
    "--lang",
    "en",
    "--name",
    "Salle web",
    "--game",
    "qcm",
    "--questions",
    quiz,
    "--set",
    "qcm.count=2",
    "--set",
    "qcm.timeSec=60",
    "--set",
    "qcm.pauseSec=2",
    "--set",
    "qcm.shuffle=false",
  ]);
  try {
    await host.stdout.waitFor((l) => l.includes("open on"), WAIT_MS);
  } catch (e) {
    host.kill("SIGKILL");
    await host.done();
    throw new Error(
      `the host did not start: ${(e as Error).message}\n${
        host.stderr.lines.join("\n")
      }`,
    );
  }
  return host;
}

Deno.test({
  name:
    "LAN: a browser (phone), a TUI and an nc player play a QCM in namespaces and see the same ranking",
  ignore: skip !== null,
  sanitizeOps: false, // puppeteer keeps Node-style timers between steps
  sanitizeResources: false, // and its pipes to Chromium until the end
  async fn() {
    const started = performance.now();
    const cached = await run(["deno", "cache", MOD]);
    assert.equal(cached.code, 0, cached.stderr);
    const dir = await Deno.makeTempDir({ prefix: "lanplay-web-lan-" });
    const shots = Deno.env.get("LANPLAY_SHOTS") ?? dir;
    const lan = await createLan([
      { name: "teacher" },
      { name: "phone" },
      { name: "tui" },
      { name: "nc" },
    ]);
    let tmux: Tmux | null = null;
    let browser: Browser | null = null;
    const procs: LanProcess[] = [];
    try {
      const quiz = `${dir}/quiz.json`;
      await Deno.writeTextFile(quiz, JSON.stringify(QUIZ));
      const host = await startHost(lan, quiz);
      procs.push(host);
      const addr = lan.node("teacher").addresses[0];
      const page = `http://${addr}:50028/`;
      await host.stdout.waitFor((l) => l.includes(page), WAIT_MS); // phones' URL

      // Chromium inside the phone's namespace (./browser_in_ns.ts).
      browser = await launchInNamespace(lan.node("phone").ns, dir);
      const phone = await browser.newPage();
      phone.setDefaultTimeout(WAIT_MS);
      const errors: string[] = [];
      phone.on("pageerror", (e) => errors.push(String(e)));
      await phone.setViewport({
        width: 390,
        height: 844,
        isMobile: true,
        hasTouch: true,
      });
      const narrow = async (what: string) => {
        const [scroll, inner] = await phone.evaluate(() => [
          document.documentElement.scrollWidth,
          innerWidth,
        ]);
        assert.ok(
          scroll <= inner,
          `${what}: the page is ${scroll} px wide in ${inner} px`,
        );
        await phone.screenshot({ path: `${shots}/lan-phone-${what}.png` });
      };
      await phone.goto(page);
      await phone.type("#nick", "Zoé");
      await phone.tap("#join");
      await phone.waitForSelector("#start"); // first in: Zoé leads
      await narrow("lobby");

      // The TUI player: the real `join`, full screen, in tmux (a private
      // server; its seats file in the test's folder).
      tmux = await Tmux.start("tui", [
        "ip",
        "netns",
        "exec",
        lan.node("tui").ns,
        "deno",
        "run",
        "-A",
        "--cached-only",
        MOD,
        "join",
        "--host",
        addr,
        "--name",
        "tom",
        "--lang",
        "en",
      ], { cwd: ROOT, env: { USER: "eleve", LANG: "C.UTF-8" } });
      const tui: TmuxPane = tmux.pane("tui");
      await tui.waitForText(["lobby · 2 players"], WAIT_MS);

      // The nc player, typing in text mode.
      const nc = lan.node("nc").spawn(["nc", addr, "50026"], { stdin: true });
      procs.push(nc);
      await nc.stdout.waitFor((l) => l.startsWith("LANPLAY/1"), WAIT_MS);
      await nc.writeLine("bob");
      await nc.stdout.waitFor((l) => l.startsWith("Welcome bob"), WAIT_MS);
      // Each came from its own namespace's address.
      for (
        const [name, who] of [["phone", "Zoé"], ["tui", "tom"], ["nc", "bob"]]
      ) {
        const from = lan.node(name).addresses[0];
        await host.stdout.waitFor(
          (l) => l.includes(who) && l.includes(from),
          WAIT_MS,
        );
      }

      await phone.waitForFunction(() =>
        document.querySelectorAll(".players li").length === 3
      );
      await phone.tap("#start");

      // Question 1 (B is right): the phone right first, tom right, bob wrong.
      await phone.waitForSelector('.answer[data-answer="2"]:not([disabled])');
      await narrow("question");
      await phone.tap('.answer[data-answer="2"]');
      await phone.waitForFunction(() =>
        document.querySelector(".q-status")?.textContent?.startsWith(
          "Your answer: B",
        )
      );
      await tui.waitForText(["What is 2 + 2?", "Your turn: type 1-4"]);
      await tui.type("2");
      await nc.stdout.waitFor((l) => l.includes("What is 2 + 2?"), WAIT_MS);
      await nc.writeLine("1");
      await phone.waitForSelector(".answer.right");
      await narrow("reveal");
      await tui.waitForText(["Answer — question 1/2"]);

      // Question 2 (A is right): the phone right, tom wrong, bob wrong.
      await phone.waitForFunction(() =>
        document.querySelector(".question")?.textContent?.startsWith(
          "What is the capital",
        )
      );
      await phone.waitForSelector('.answer[data-answer="1"]:not([disabled])');
      await phone.tap('.answer[data-answer="1"]');
      await tui.waitForText([
        "What is the capital of France?",
        "Your turn: type 1-4",
      ]);
      await tui.type("4");
      await nc.stdout.waitFor(
        (l) => l.includes("What is the capital of France?"),
        WAIT_MS,
      );
      await nc.writeLine("c");

      // The end: the same ranking for all three.
      const { index } = await nc.stdout.waitFor(
        (l) => l.startsWith("■"),
        WAIT_MS,
      );
      await nc.stdout.waitFor(() => true, WAIT_MS, index + 3);
      const ncRanking = nc.stdout.lines.slice(index + 1, index + 4).map(
        (line) => {
          const m = /^\s+\d+\. (\S+) — (\d+) pts$/.exec(line);
          assert.ok(m, `nc ranking line: ${line}`);
          return `${m[1]} ${m[2]}`;
        },
      );
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
      // The podium goes away by itself; the lobby lists the last game.
      const screen = await tui.waitForScreen(
        (s) => s.includes("Last game (Quiz):") && tuiLastGame(s).length === 3,
        WAIT_MS,
        "the last game's ranking in the lobby",
      );
      const tuiRanking = tuiLastGame(screen);
      console.log(`ranking: ${ncRanking.join(", ")}`);
      assert.deepEqual(phoneRanking, ncRanking);
      assert.deepEqual(tuiRanking, ncRanking);
      // Zoé right twice, tom once, bob never: no tie, one order.
      assert.deepEqual(ncRanking.map((r) => r.split(" ")[0]), [
        "Zoé",
        "tom",
        "bob",
      ]);
      const points = ncRanking.map((r) => Number(r.split(" ")[1]));
      assert.ok(points[0] > points[1] && points[1] > 0, ncRanking.join(", "));
      assert.equal(points[2], 0);
      await narrow("ranking");
      assert.deepEqual(errors, []);

      // The room closes: the TUI says so and ends with 3.
      host.kill("SIGTERM");
      assert.equal((await host.done()).code, 143);
      assert.equal(await tui.waitForExit(WAIT_MS), 3, tui.last);
      console.log(
        `played in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    } finally {
      await browser?.close().catch(() => {});
      await tmux?.close();
      for (const p of procs) p.kill("SIGKILL");
      await Promise.allSettled(procs.map((p) => p.done()));
      await lan.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
