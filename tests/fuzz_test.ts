/**
 * Fuzz test of a live host on loopback: a million generated and mutated
 * lines (JSON and text mode, hello variants, random bytes, deep JSON, huge
 * numbers, prototype names in every field, over-long lines, invalid UTF-8)
 * while three bots play a juste prix game. The host must stay up, the game
 * must end with a ranking for the bots, every bad line must get an error,
 * no connection but the fuzzers' may be closed, and nothing but clean text
 * may reach a text-mode player or a chat.
 *
 * Seed and size: `LANPLAY_FUZZ_SEED`, `LANPLAY_FUZZ_LINES` (env). With
 * `--v8-flags=--expose-gc` the memory the host keeps is measured exactly.
 *
 * @module
 */
import assert from "node:assert/strict";
import { GAMES } from "../games/registry.ts";
import { realClock } from "../host/clock.ts";
import { Room } from "../host/room.ts";
import { GameServer } from "../host/server.ts";
import { t } from "../i18n/messages.ts";
import { within } from "./games_support.ts";
import { LineClient, seeded } from "./support.ts";
import {
  findCrashingLines,
  FuzzClient,
  type FuzzerSpec,
  type FuzzLine,
  type FuzzPlan,
  type FuzzRole,
  LeanBot,
  LineSource,
  type Tally,
} from "./fuzz_support.ts";

const SEED = Number(Deno.env.get("LANPLAY_FUZZ_SEED") ?? 20261130);
const LINES = Number(Deno.env.get("LANPLAY_FUZZ_LINES") ?? 1_000_000);
const BATCH = 400;
const HOST_KEY = "fuzz-host-key";
const HELP = [t("en", "text_help"), t("fr", "text_help")];

/** The fuzzers: prototype names as nicknames, and their share of the lines. */
const FUZZERS: FuzzerSpec[] = [
  { role: "member", nickname: "__proto__", share: 0.26 },
  { role: "member", nickname: "constructor", share: 0.26 },
  { role: "member", nickname: "hasOwnProperty", share: 0.26 },
  { role: "leader", nickname: "toString", share: 0.12 },
  { role: "text", nickname: "valueOf", share: 0.05 },
  { role: "text", nickname: "isPrototypeOf", share: 0.05 },
];
const BOTS = ["bot1", "bot2", "bot3"];
const ROOM = {
  name: "Fuzz room",
  hostId: "fuzz-host",
  game: "justeprix",
  gameOptions: {
    justeprix: { rounds: 8, max: 1_000_000, pauseSec: 0, timeLimitSec: 60 },
  },
  autostart: BOTS.length,
  hostKey: HOST_KEY,
};

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}

function describe(e: unknown): string {
  return e instanceof Error ? e.stack ?? String(e) : String(e);
}

Deno.test("fuzz: a live host takes a million hostile lines while bots play", async () => {
  console.log(`fuzz seed ${SEED}, ${LINES} lines`);
  // Any exception the host lets escape is a crash: caught here, reported.
  const crashes: string[] = [];
  let crashed!: () => void;
  const crash = new Promise<void>((r) => crashed = r);
  const onRejection = (e: PromiseRejectionEvent) => {
    e.preventDefault();
    crashes.push(describe(e.reason));
    crashed();
  };
  const onError = (e: ErrorEvent) => {
    e.preventDefault();
    crashes.push(describe(e.error));
    crashed();
  };
  globalThis.addEventListener("unhandledrejection", onRejection);
  globalThis.addEventListener("error", onError);

  let playing!: () => void;
  const gameStarted = new Promise<void>((r) => playing = r);
  const room = new Room({
    ...ROOM,
    games: GAMES,
    clock: realClock,
    random: seeded(SEED),
    onChange: (s) => {
      if (s.state === "playing") playing();
    },
  });
  const server = GameServer.listen({ hostname: "127.0.0.1", port: 0 }, {
    room,
    games: GAMES,
    clock: realClock,
    defaultLang: "en",
    // Raised so that every line reaches the parser: the test is about what
    // the host does with them, not about the limits that would drop them.
    rate: 1e9,
    maxErrors: 1e9,
  });
  const port = server.port;
  const bots: LeanBot[] = [];
  // The fuzzing clients run in a worker: the host keeps this thread's core.
  const worker = new Worker(new URL("./fuzz_worker.ts", import.meta.url), {
    type: "module",
  });
  const fromWorker = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      worker.addEventListener("message", (e: MessageEvent) => {
        if (e.data.type === type) resolve(e.data as T);
        if (e.data.type === "failed") reject(new Error(e.data.error));
      });
    });
  // Memory: the host's heap (this thread; the fuzzers' heap is the worker's)
  // and the process's resident size, sampled while the flood lasts.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heap0 = Deno.memoryUsage().heapUsed;
  const rss0 = Deno.memoryUsage().rss;
  let heapMax = heap0;
  let rssMax = rss0;
  const sampler = setInterval(() => {
    const m = Deno.memoryUsage();
    heapMax = Math.max(heapMax, m.heapUsed);
    rssMax = Math.max(rssMax, m.rss);
  }, 250);
  try {
    for (const [i, name] of BOTS.entries()) {
      bots.push(await LeanBot.join(port, name, SEED + i));
    }
    await within(10_000, gameStarted, "the bots' game starts");
    const plan: FuzzPlan = {
      port,
      seed: SEED,
      lines: LINES,
      batch: BATCH,
      hostKey: HOST_KEY,
      helpTexts: HELP,
      fuzzers: FUZZERS,
    };
    const done = fromWorker<{ tally: Tally }>("done");
    done.catch(() => {});
    worker.postMessage({ type: "start", plan });
    const helloVariants = handshakeFuzz(
      port,
      SEED,
      300,
      () => crashes.length > 0,
    );
    const ended = await within(
      180_000,
      Promise.race([done, crash.then(() => null)]),
      "the fuzzers finish",
    );
    if (ended === null) {
      const inFlight = fromWorker<{
        batches: { role: FuzzRole; lines: FuzzLine[] }[];
      }>("in_flight");
      worker.postMessage({ type: "stop" });
      const { batches } = await within(10_000, inFlight, "the worker stops");
      assert.fail(
        `the host crashed (${crashes.length} uncaught):\n${
          crashes.join("\n---\n")
        }\nlines in flight that throw when replayed into a room:\n${
          findCrashingLines(ROOM, batches).join("\n---\n")
        }`,
      );
    }
    const tally = ended.tally;
    const hellos = await within(
      60_000,
      helloVariants,
      "the hello variants are answered",
    );
    const stillPlaying = room.summary().state === "playing";
    console.log(
      `fuzz: ${tally.lines} lines in ${tally.seconds.toFixed(1)} s (${
        Math.round(tally.lines / tally.seconds)
      } lines/s); ${tally.bad} bad, ${tally.errors} errors; ` +
        `${tally.rateLimitedBatches} batches rate-limited; ${tally.closed.length} fuzzer connections closed ${
          JSON.stringify(tally.closed.slice(0, 5))
        }; hello variants: ${hellos.answered}/${hellos.sent} answered; ` +
        `game still running when the fuzzers were done: ${stillPlaying}; ` +
        `host heap ${mib(heap0)} → max ${mib(heapMax)} MiB, process rss ${
          mib(rss0)
        } → max ${mib(rssMax)} MiB`,
    );
    for (const b of bots) {
      console.log(
        `  ${b.nickname}: ${b.report.lines} lines, ${
          (b.report.bytes / 2 ** 20).toFixed(1)
        } MiB read`,
      );
    }
    assert.deepEqual(crashes, [], "the host did not crash");
    assert.ok(tally.lines >= LINES * 0.99, "every fuzzer sent its share");
    assert.deepEqual(tally.missing, [], "every bad line gets an error");
    assert.deepEqual(tally.unexpected, [], "no good line gets an error");
    assert.equal(tally.excess, 0, "no line gets more than one error");
    assert.equal(
      hellos.answered,
      hellos.sent,
      "every hello variant gets an answer",
    );

    const rankings = await within(
      120_000,
      Promise.all(bots.map((b) => b.gameEnd)),
      "the bots' game ends",
    );
    for (const r of rankings) {
      assert.deepEqual(
        r!.map((p) => p.nickname).sort(),
        BOTS,
        "the ranking is the bots'",
      );
      assert.deepEqual(r, rankings[0], "every bot got the same ranking");
    }
    for (const b of bots) {
      assert.equal(
        b.report.cut,
        false,
        `${b.nickname}'s connection stayed open`,
      );
      assert.equal(b.report.bye, null, `${b.nickname} got no bye`);
    }
    // The host is still up: a newcomer joins and gets a pong.
    const late = await within(
      10_000,
      FuzzClient.join(port, "member", "late", HOST_KEY, HELP),
      "a newcomer joins",
    );
    const r = await within(
      10_000,
      late.batch([]),
      "the newcomer's ping is answered",
    );
    assert.equal(r.closed, false);
    await late.close();
    for (const name of BOTS) {
      assert.ok(
        room.nicknames().includes(name),
        `${name} is still in the room`,
      );
    }

    const unclean = bots.reduce((n, b) => n + b.report.unclean, 0);
    assert.deepEqual(
      {
        textMode: tally.unclean,
        chats: unclean,
        example: bots.find((b) => b.report.uncleanExample)?.report
          .uncleanExample ?? null,
      },
      { textMode: [], chats: 0, example: null },
      "nothing but clean text reaches a terminal",
    );
    // Garbage is collected when V8 likes: with `--v8-flags=--expose-gc`
    // what the host keeps is measured after a collection; without it, only
    // the peak is, against a bound a leak of a line's size would break.
    if (gc) {
      gc();
      const kept = Deno.memoryUsage().heapUsed - heap0;
      console.log(`  host heap kept after a collection: ${mib(kept)} MiB`);
      assert.ok(kept < 64 * 2 ** 20, `the host keeps ${mib(kept)} MiB`);
    } else {
      assert.ok(
        heapMax - heap0 < 768 * 2 ** 20,
        `the host's heap stays bounded (grew ${mib(heapMax - heap0)} MiB)`,
      );
    }
  } finally {
    clearInterval(sampler);
    globalThis.removeEventListener("unhandledrejection", onRejection);
    globalThis.removeEventListener("error", onError);
    worker.terminate();
    await Promise.all(bots.map((b) => b.close()));
    await server.close();
  }
});

/**
 * Connections whose first line is a hello variant (JSON or a text-mode
 * nickname): each must get an answer (a welcome or a refusal).
 */
async function handshakeFuzz(
  port: number,
  seed: number,
  count: number,
  stop: () => boolean,
): Promise<{ sent: number; answered: number }> {
  const source = new LineSource(seed + 7, "member", 500);
  const random = seeded(seed + 8);
  let sent = 0;
  let answered = 0;
  for (let i = 0; i < count && !stop(); i++) {
    let line = source.next().bytes;
    if (random() < 0.3) {
      line = new TextEncoder().encode(
        random() < 0.5 ? `x${i}` : `constructor${i}`,
      );
    }
    const c = await LineClient.connect(port);
    try {
      await c.next(); // banner
      await c.send(new Uint8Array([...line, 0x0a]));
      sent++;
      if ((await c.next()) !== null) answered++;
    } finally {
      await c.close();
    }
  }
  return { sent, answered };
}
