import assert from "node:assert/strict";
import { createRoomKey, proofData } from "../discovery/room_key.ts";
import { GAMES } from "../games/registry.ts";
import { qcmRules } from "../games/qcm/rules.ts";
import { asked, QUIZ_OPTIONS, SEATS } from "../games/qcm/testing.ts";
import { isClean } from "../text/sanitize.ts";
import { type PlayerEnd, runPlayer } from "./app.ts";
import type { Key } from "./keys.ts";
import { Session } from "./session.ts";
import type { Terminal } from "./terminal.ts";
import { HOSTILE } from "./testing.ts";
import { startFakeHost, welcomeOf } from "./testing_host.ts";

const key = await createRoomKey();

/** What a hostile host sends after the welcome: every kind of text. */
const hostile = [
  {
    type: "lobby",
    state: "lobby",
    game: "qcm",
    games: ["qcm", "justeprix"],
    autostart: null,
    players: [
      {
        id: "p1",
        nickname: "ana",
        score: 0,
        leader: false,
        mode: "json",
        connected: true,
        ready: false,
      },
      {
        id: "p2",
        nickname: "eve" + HOSTILE,
        score: 0,
        leader: true,
        mode: "json",
        connected: true,
        ready: false,
      },
    ],
  },
  { type: "joined", nickname: "mal" + HOSTILE },
  { type: "chat", from: "eve" + HOSTILE, text: "hi" + HOSTILE, at: 1 },
  { type: "error", code: "bad" + HOSTILE, message: "oops" + HOSTILE },
  { type: "game_start", game: "qcm", players: ["ana", "eve" + HOSTILE] },
  {
    type: "question",
    index: 1,
    total: 1,
    endsIn: 10_000,
    timeLimitMs: 10_000,
    multiple: false,
    text: { fr: "Q" + HOSTILE, en: "Q" + HOSTILE },
    answers: { fr: ["A" + HOSTILE, "B"], en: ["A" + HOSTILE, "B"] },
  },
  { type: "chat", from: "eve", text: "last-line", at: 2 },
];

/** A fake terminal whose output can be awaited. */
function terminal(tty: boolean) {
  const out: string[] = [];
  const keys: Key[] = [];
  let wake: (() => void) | null = null;
  const waiters: { pred: (all: string) => boolean; resolve: () => void }[] = [];
  const term: Terminal & {
    out: string[];
    press(k: Key): void;
    until(pred: (all: string) => boolean): Promise<void>;
  } = {
    tty,
    color: false,
    out,
    size: () => ({ columns: 120, rows: 60 }),
    write(text) {
      out.push(text);
      const all = out.join("");
      for (const w of [...waiters]) {
        if (w.pred(all)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    },
    async *input() {
      while (true) {
        while (keys.length) yield keys.shift()!;
        await new Promise<void>((r) => wake = r);
      }
    },
    enter() {},
    leave() {},
    onResize: () => () => {},
    press(k) {
      keys.push(k);
      wake?.();
    },
    until(pred) {
      if (pred(out.join(""))) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
  return term;
}

/** Joins a fake hostile host and runs the player until `last-line`. */
async function play(
  mode: "screen" | "plain" | "json",
  tail: unknown[] = [],
  last: string | null = "last-line",
): Promise<{ out: string; end: PlayerEnd }> {
  const host = startFakeHost(async (hello) => [
    {
      ...welcomeOf("ana", {
        name: "Salle" + HOSTILE,
        hostId: key.id,
        key: key.publicKey,
        proof: await key.sign(proofData(String(hello.nonce))),
      }),
    },
    ...hostile,
    ...tail,
  ]);
  const term = terminal(mode === "screen");
  try {
    const session = await Session.join({
      host: "127.0.0.1",
      port: host.port,
      nickname: "ana",
      lang: "en",
      expectedRoomId: key.id,
    });
    const running = runPlayer({
      session,
      games: GAMES,
      lang: "en",
      terminal: term,
      json: mode === "json",
    });
    if (last) {
      await term.until((all) => all.includes(last));
      term.press({ kind: "interrupt" });
    }
    const end = await running;
    return { out: term.out.join(""), end };
  } finally {
    await host.close();
  }
}

/** The screen's own drawing sequences (cursor, clear to end of line). */
// deno-lint-ignore no-control-regex
const OWN = /\x1b\[(\?25[lh]|H|K|J|\d+;\d+H)|\r\n/g;

Deno.test("player: nothing from the host reaches the terminal but text", async (t) => {
  await t.step("full screen", async () => {
    const { out } = await play("screen");
    const frames = out.split("\x1b[?25l\x1b[H").filter(Boolean);
    const last = frames.at(-1)!.replace(OWN, "\n");
    assert.ok(last.includes("␛]0;pwned␇"), last);
    assert.ok(last.includes(key.fingerprint), "fingerprint in the title");
    for (const line of out.replace(OWN, "\n").split("\n")) {
      assert.ok(isClean(line), JSON.stringify(line));
    }
  });

  await t.step("plain lines", async () => {
    const { out } = await play("plain");
    assert.ok(out.includes("Q␛[2J"), "the game's question");
    assert.ok(out.includes("[eve␛[2J"), "the chat line");
    for (const line of out.split("\n")) {
      assert.ok(isClean(line), JSON.stringify(line));
    }
  });

  await t.step("JSON events: sanitised like the screen", async () => {
    const { out } = await play("json");
    const lines = out.split("\n").filter(Boolean);
    const events = lines.map((l) => JSON.parse(l));
    assert.equal(events[0].type, "connected");
    assert.equal(events[0].fingerprint, key.fingerprint);
    const chat = events.find((e) => e.type === "chat");
    assert.equal(
      chat.text,
      "hi␛[2J␛[H␛]0;pwned␇␇␀\ufffd31m\ufffd\ufffd\ufffd␍[admin] ",
    );
    for (const line of lines) assert.ok(isClean(line), line);
  });
});

Deno.test("player: a kick ends the program as kicked", async () => {
  const { end } = await play("plain", [
    { type: "bye", reason: "kicked", message: "The leader removed you." },
  ], null);
  assert.equal(end, "kicked");
});

Deno.test("player: prototype names as game ids and broken views do not crash it", async () => {
  const names = [...Object.getOwnPropertyNames(Object.prototype), "__proto__"];
  const tail: unknown[] = names.flatMap((game) => [
    {
      type: "lobby",
      state: "lobby",
      game,
      games: [game],
      autostart: null,
      players: [],
    },
    { type: "game_start", game, players: ["ana"] },
    { type: "view", game, view: { [game]: 1 } },
    { type: game, game },
    { type: "game_end", game, ranking: [], scores: [] },
  ]);
  // A real game with a view it cannot draw.
  tail.push(
    { type: "game_start", game: "qcm", players: ["ana"] },
    { type: "view", game: "qcm", view: { phase: 42, question: null } },
    { type: "chat", from: "eve", text: "still-here", at: 3 },
  );
  for (const mode of ["screen", "plain", "json"] as const) {
    const { out } = await play(mode, tail, "still-here");
    assert.ok(out.includes("still-here"), mode);
  }
});

Deno.test("player: an answered message updates the panel's count without a view", async () => {
  // The host tells a progress tick with `answered` alone (no view): the
  // game's patch hook sets the count in the view the client holds.
  const { state } = asked(SEATS, QUIZ_OPTIONS, 0);
  const view = qcmRules.view(state, "a", 1_000);
  const { out } = await play("screen", [
    { type: "view", game: "qcm", view },
    { type: "answered", nickname: "Cyd", count: 3, of: 4 },
    { type: "chat", from: "eve", text: "count-told", at: 3 },
  ], "count-told");
  const frames = out.split("\x1b[?25l\x1b[H").filter(Boolean);
  const last = frames.findLast((f) => f.includes("count-told"))!
    .replace(OWN, "\n");
  assert.ok(last.includes("Cyd answered (3/4)"), "the log line");
  assert.ok(last.includes("3/4 answered"), last);
  assert.ok(!last.includes("0/5 answered"), "not the count of the view");
});
