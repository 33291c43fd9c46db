/**
 * Chaos: a QCM of 30 bot players (the real player's program, each joined
 * through its own relay) whose connections are broken at seeded random
 * moments — the player's end reset, black holes only the heartbeat sees,
 * and, between questions, both ends reset (the host holds the seat) — ends
 * with every player's score identical to the same game without faults.
 *
 * The room's clock is manual, so a question's scoring does not depend on
 * when an answer arrives: the test moves time only between questions, once
 * every player is connected again. The bots answer with a fixed oracle (a
 * choice from the nickname and the question), so both runs answer alike.
 */
import assert from "node:assert/strict";
import { GAMES } from "../games/registry.ts";
import { makeQcmBot } from "../games/qcm/bot.ts";
import type { QcmView } from "../games/qcm/wire.ts";
import { type PlayerEnd, playRoom } from "../client/app.ts";
import type { Session } from "../client/session.ts";
import { FakeClock } from "../host/room_testing.ts";
import { realClock } from "../host/clock.ts";
import { seeded, startHost } from "./support.ts";
import { type Break, type Relay, startRelay } from "./rejoin_proxy.ts";
import { captureTerminal, joinWithReconnect } from "./rejoin_support.ts";

const PLAYERS = 30;
const QUESTIONS = 6;

/** A deterministic answer for a bot and a question. */
function oracle(nickname: string, view: QcmView): number[] {
  let h = view.index * 7;
  for (const c of nickname) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return [1 + h % view.question!.answers.en.length];
}

interface Outcome {
  scores: Record<string, number>;
  ends: PlayerEnd[];
  cuts: Record<Break, number>;
  rejoins: { rejoined: boolean; sameId: boolean }[];
}

async function quiz(faults: { seed: number } | null): Promise<Outcome> {
  const clock = new FakeClock();
  const host = startHost({
    game: "qcm",
    clock,
    serverClock: realClock, // rates and the host's heartbeat in real time
    autostart: PLAYERS,
    lobbyIntervalMs: 0,
    gameOptions: { qcm: { count: QUESTIONS, timeSec: 60, pauseSec: 2 } },
    seed: 7,
    maxPerAddress: 200, // every player is on 127.0.0.1
    maxConnections: 300,
  });
  const random = seeded(faults?.seed ?? 1);
  const relays: Relay[] = [];
  const up: boolean[] = [];
  const cuts: Record<Break, number> = { both: 0, player: 0, silent: 0 };
  const rejoins: Outcome["rejoins"] = [];
  let allUp: (() => void) | null = null;
  const whenAllUp = () =>
    up.every(Boolean) ? Promise.resolve() : new Promise<void>((r) => allUp = r);

  // The projector's view of the game: every broadcast, spectator views.
  const events: { type: string; [k: string]: unknown }[] = [];
  let wake: (() => void) | null = null;
  host.room.join(
    {
      nickname: "screen",
      protocol: 1,
      lang: "en",
      mode: "json",
      watcher: true,
    },
    {
      send: (m) => {
        events.push(JSON.parse(JSON.stringify(m)));
        wake?.();
      },
      close: () => {},
    },
  );

  const players: Promise<PlayerEnd>[] = [];
  try {
    for (let i = 0; i < PLAYERS; i++) {
      const nickname = `bot${String(i).padStart(2, "0")}`;
      const relay = startRelay(host.port);
      relays.push(relay);
      up.push(true);
      const joined = await joinWithReconnect({
        port: relay.port,
        nickname,
        heartbeat: { intervalMs: 100, timeoutMs: 500 },
      });
      const firstId = joined.session.welcome.you.id;
      const games = {
        ...GAMES,
        qcm: {
          ...GAMES.qcm,
          bot: makeQcmBot({
            oracle: (v) => oracle(nickname, v),
            delayMs: { min: 0, max: 30 },
          }),
        },
      };
      players.push(
        playRoom({
          session: joined.session,
          games,
          lang: "en",
          terminal: captureTerminal(),
          bot: true,
          gamesLimit: 1,
          random: seeded(100 + i),
          backoff: { firstMs: 10, maxMs: 50 },
          reconnect: async (token: string): Promise<Session> => {
            const s = await joined.reconnect(token);
            rejoins.push({
              rejoined: s.seat.rejoined,
              sameId: s.welcome.you.id === firstId,
            });
            up[i] = true;
            if (up.every(Boolean)) allUp?.();
            return s;
          },
        }).then((o) => o.end),
      );
    }

    /** Breaks one random player's connection, `how` chosen by the seed. */
    const cutOne = (kinds: Break[]) => {
      const i = Math.floor(random() * PLAYERS);
      const current = relays[i].connections.at(-1);
      if (!up[i] || !current || current.ended) return;
      const how = kinds[Math.floor(random() * kinds.length)];
      up[i] = false;
      cuts[how]++;
      current.cut(how);
    };

    // Drive the game: react to what the projector sees.
    const advanced = new Set<number>();
    let seen = 0;
    const deadline = Date.now() + 25_000;
    let end: { type: string; [k: string]: unknown } | null = null;
    while (!end) {
      while (seen < events.length) {
        const e = events[seen++];
        if (e.type === "game_end") end = e;
        // Mid-question, at each answer count: the player's end reset, which
        // the host does not see (the player reconnects before anything is
        // missed). A drop the host sees would make the player away, and a
        // quiz does not wait for away players (their answer may be lost,
        // as in a real class): those come between questions.
        if (faults && e.type === "answered" && random() < 0.3) {
          cutOne(["player"]);
        }
        if (e.type !== "view") continue;
        const v = e.view as QcmView;
        if (faults) {
          if (v.phase === "question" && random() < 0.4) cutOne(["player"]);
          if (v.phase === "reveal" && !advanced.has(v.index)) {
            for (let k = 0; k < 4; k++) cutOne(["both", "player", "silent"]);
          }
        }
        // « Préparez-vous » (index 0): question 1 comes when its time is up.
        if (
          (v.phase === "reveal" || v.phase === "ready") &&
          !advanced.has(v.index)
        ) {
          advanced.add(v.index);
          // The next question opens only when everyone is back.
          await whenAllUp();
          clock.advance(v.remainingMs + 1);
        }
      }
      if (end) break;
      assert.ok(Date.now() < deadline, "the game did not end in time");
      await new Promise<void>((r) => {
        wake = r;
        // The wait is for the next event; the timer only bounds a stall.
        const t = setTimeout(r, 1000);
        wake = () => {
          clearTimeout(t);
          r();
        };
      });
    }
    const ends = await Promise.all(players);
    const scores: Record<string, number> = {};
    for (const s of end.scores as { nickname: string; score: number }[]) {
      scores[s.nickname] = s.score;
    }
    return { scores, ends, cuts, rejoins };
  } finally {
    for (const r of relays) await r.close();
    await host.close();
  }
}

Deno.test("chaos: 30 bots whose connections break at random end with the scores of a run without faults", async () => {
  const started = performance.now();
  const calm = await quiz(null);
  assert.equal(Object.keys(calm.scores).length, PLAYERS);
  assert.ok(
    Object.values(calm.scores).some((s) => s > 0),
    "someone scored",
  );
  assert.deepEqual(calm.cuts, { both: 0, player: 0, silent: 0 });
  const chaos = await quiz({ seed: 20261130 });
  const total = chaos.cuts.both + chaos.cuts.player + chaos.cuts.silent;
  assert.ok(total >= 20, `only ${total} cuts: ${JSON.stringify(chaos.cuts)}`);
  assert.ok(
    chaos.cuts.both > 0 && chaos.cuts.player > 0 && chaos.cuts.silent > 0,
  );
  assert.deepEqual(chaos.scores, calm.scores);
  assert.deepEqual(chaos.ends, new Array(PLAYERS).fill("games_done"));
  assert.equal(chaos.rejoins.length, total, "every cut came back");
  assert.ok(
    chaos.rejoins.every((r) => r.rejoined && r.sameId),
    "every comeback took its own seat back",
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `chaos: ${total} cuts ${JSON.stringify(chaos.cuts)}, ${
      seconds.toFixed(1)
    } s for both runs`,
  );
  assert.ok(seconds < 30, `${seconds} s`);
});
