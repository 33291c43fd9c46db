/**
 * The game template, proved: rock-paper-scissors (tests/rps/, made from the
 * template alone and added next to the registry's games, never to it) plays
 * through the real host on loopback TCP, one player in JSON (raw NDJSON, as
 * a program would), one in text mode (raw lines, as `nc` would), to
 * `game_end` with the expected standings. Round 3 is decided by its
 * deadline: the text player does not throw.
 */
import assert from "node:assert/strict";
import { GAMES } from "../games/registry.ts";
import type { AnyGame } from "../games/types.ts";
import { Room } from "../host/room.ts";
import { GameServer } from "../host/server.ts";
import { rps } from "./rps/mod.ts";
import {
  type Event,
  nextEvent,
  rawJoin,
  scaledClock,
  within,
} from "./games_support.ts";
import { LineClient, seeded } from "./support.ts";

const games: Record<string, AnyGame> = { ...GAMES, rps };

Deno.test("template game: rock-paper-scissors plays through the real host in JSON and text mode", async () => {
  assert.ok(!("rps" in GAMES), "the test-only game stays out of the registry");
  const room = new Room({
    name: "Template room",
    hostId: "template-host",
    games,
    game: "rps",
    // 200 s a round on a clock 40× faster: 5 s of real time per deadline.
    gameOptions: { rps: { wins: 2, roundSec: 200 } },
    autostart: 2,
    clock: scaledClock(40),
    random: seeded(1),
  });
  const server = GameServer.listen({ hostname: "127.0.0.1", port: 0 }, {
    room,
    games,
    clock: scaledClock(40),
    defaultLang: "en",
  });
  const { client: json, welcome } = await rawJoin(server.port, "ana");
  const nc = await LineClient.connect(server.port);
  const play = async () => {
    assert.ok(
      (welcome.capabilities as string[]).includes("rps"),
      "the host offers the game",
    );
    assert.match((await nc.next())!, /^LANPLAY\/1 Template room :: /);
    await nc.send("zoe");
    await nc.waitFor((l) => l.startsWith("Welcome zoe"));

    const send = (value: unknown) => json.send(JSON.stringify(value));
    const isRound = (n: number) => (e: Event) =>
      e.type === "round_start" && e.round === n;

    // Round 1: zoe throws first, then again (refused with a sentence); ana wins.
    await nc.waitFor((l) => l.startsWith("▶ Rock-paper-scissors starts!"));
    await nc.waitFor((l) => l === "Round 1: rock, paper or scissors? (200 s)");
    await nextEvent(json, isRound(1));
    await nc.send("rock");
    await nc.waitFor((l) => l === "zoe threw.");
    await nc.send("pierre");
    await nc.waitFor((l) =>
      l.includes("You already threw this round: wait for the next one.")
    );
    const view = await nextEvent(json, (e) => e.type === "view");
    const v = view.view as { remainingMs?: unknown; mine?: unknown };
    assert.equal(
      typeof v.remainingMs,
      "number",
      "the view carries remainingMs",
    );
    assert.equal(v.mine, null, "a hand stays secret until the round ends");
    send({ type: "throw", hand: "paper" });
    await nc.waitFor((l) => l === "Round 1 to ana.");

    // Round 2: scissors cut paper; zoe wins.
    await nextEvent(json, isRound(2));
    await nc.waitFor((l) => l.startsWith("Round 2: "));
    await nc.send("3");
    send({ type: "throw", hand: "paper" });
    await nc.waitFor((l) => l === "Round 2 to zoe.");

    // Round 3: zoe does not throw; the deadline gives the round to ana.
    await nextEvent(json, isRound(3));
    send({ type: "throw", hand: "rock" });
    await nc.waitFor((l) => l === "zoe: nothing");
    await nc.waitFor((l) => l === "Round 3 to ana.");

    const end = await nextEvent(json, (e) => e.type === "game_end");
    assert.equal(end.game, "rps");
    assert.deepEqual(end.ranking, [
      { id: "p1", nickname: "ana", rank: 1, points: 100 },
      { id: "p2", nickname: "zoe", rank: 2, points: 0 },
    ]);
    await nc.waitFor((l) => l === "■ Rock-paper-scissors is over — ranking:");
    const ranking = [await nc.next(), await nc.next()];
    assert.match(ranking[0]!, /ana/);
    assert.match(ranking[1]!, /zoe/);
  };
  try {
    await within(30_000, play(), "the game ends").catch((e) => {
      throw new Error(
        `${e.message}\ntext player read:\n${nc.lines.join("\n")}\n` +
          `JSON player read:\n${json.lines.join("\n")}`,
      );
    });
  } finally {
    await nc.close();
    await json.close();
    await server.close();
  }
});
