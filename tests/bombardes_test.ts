/**
 * Bombardes over real TCP on loopback: two bots (the player's program in
 * JSON mode, in-process) and one text-mode player (raw lines, as `nc`
 * would) play a whole game on a host running 10× faster than real time.
 * The text player reads the landscape in ASCII and the impacts in words,
 * is told when a shot is out of range, and fires when told to; everyone
 * agrees on the ranking, which is the points of the last round's scores.
 */
import assert from "node:assert/strict";
import { LineClient, startHost } from "./support.ts";
import {
  type Event,
  type JsonPlayer,
  jsonPlayer,
  scaledClock,
  within,
} from "./games_support.ts";

const of = (type: string) => (e: Event) => e.type === type;

interface GameEnd extends Event {
  ranking: { nickname: string; rank: number; points: number }[];
  scores: { nickname: string; score: number }[];
}

Deno.test("bombardes: two bots and an nc player play a whole game over TCP", async () => {
  const host = startHost({
    seed: 8,
    game: "bombardes",
    autostart: 3,
    clock: scaledClock(10),
    // 30 s turns on a 10× clock: 3 s of real time, bots fire within 1.5 s.
    gameOptions: { bombardes: { rounds: 2, turnSec: 30, pauseSec: 2 } },
  });
  const bots: JsonPlayer[] = [];
  const nc = await LineClient.connect(host.port);
  try {
    assert.match((await nc.next())!, /^LANPLAY\/1 /);
    await nc.send("zoe");
    await nc.waitFor((l) => l.startsWith("Welcome zoe"));
    for (const [i, name] of ["ana", "bob"].entries()) {
      bots.push(await jsonPlayer(host.port, name, { seed: 30 + i, games: 1 }));
    }
    const text = async () => {
      await nc.waitFor((l) => l.startsWith("▶ Bombardes (artillery) starts!"));
      let turns = 0;
      for (;;) {
        const line = await nc.next();
        if (line === null || line.startsWith("■ ")) return;
        if (!line.startsWith("Your turn to fire!")) continue;
        if (turns++ === 0) {
          await nc.send("200 50");
          await nc.waitFor((l) =>
            l.includes(
              "Angle 200 or charge 50 is out of range: the angle goes from 0 to 180",
            )
          );
        }
        await nc.send(turns % 2 ? "60 55" : "120 55");
      }
    };
    await within(90_000, text(), "the text player sees the end");
    const ends = await within(
      20_000,
      Promise.all(bots.map((b) => b.end)),
      "the bots leave after the game",
    );
    assert.deepEqual(ends, ["games_done", "games_done"]);

    // What the nc player read: a landscape, a ruler, shots, impacts in words.
    const read = nc.lines;
    assert.ok(
      read.some((l) => /^#+/.test(l) || /#{3,}/.test(l)),
      "ASCII ground",
    );
    assert.ok(
      read.some((l) => l.startsWith("0         10        20")),
      "ruler",
    );
    assert.ok(read.some((l) => /^Cannons: 1 \w+ \(\d+\)/.test(l)), "legend");
    assert.ok(read.some((l) => /^\w+ fires: \d+°, charge \d+\.$/.test(l)));
    assert.ok(
      read.some((l) =>
        /^(Impact at \d+|Hit! \w+'s cannon is destroyed)/.test(l)
      ),
      "impacts in words",
    );
    assert.ok(read.includes("zoe fires: 60°, charge 55."), "zoe fired");
    assert.ok(
      read.filter((l) => l.startsWith("Round 2/2: a new landscape")).length ===
        1,
    );

    // Everyone agrees; the ranking is the last round's scores.
    const gameEnds = bots.map((b) => b.events.find(of("game_end")) as GameEnd);
    assert.deepEqual(gameEnds[1].ranking, gameEnds[0].ranking);
    const ranking = gameEnds[0].ranking;
    assert.deepEqual(ranking.map((r) => r.nickname).sort(), [
      "ana",
      "bob",
      "zoe",
    ]);
    const lastRound = bots[0].events.findLast(of("round_end"))!;
    const scores = lastRound.scores as { nickname: string; points: number }[];
    for (const r of ranking) {
      assert.equal(
        r.points,
        scores.find((s) => s.nickname === r.nickname)!.points,
      );
    }
    assert.ok(ranking[0].points > 0, "somebody hit something");
    for (const b of bots) {
      assert.deepEqual(b.events.filter(of("error")), [], `${b.name}: no error`);
      // Each impact comes after its shot, never before.
      const fired = b.events.filter(of("fired")).length;
      const impacts = b.events.filter(of("impact")).length;
      assert.equal(impacts, fired, `${b.name}: one impact per shot`);
      const views = b.events.filter((e) =>
        e.type === "view" && (e.view as { phase?: string }).phase === "flight"
      );
      assert.ok(views.length > 0, "flight views for the animation");
      for (const v of views) {
        const view = v.view as {
          remainingMs: number;
          flight: { path: unknown[] };
        };
        assert.equal(typeof view.remainingMs, "number");
        assert.ok(view.flight.path.length > 1);
      }
    }
  } catch (e) {
    throw new Error(
      `${(e as Error).message}\ntext player read:\n${
        nc.lines.slice(-60).join("\n")
      }`,
    );
  } finally {
    await nc.close();
    await host.close();
    await Promise.all(bots.map((b) => b.end));
  }
});
