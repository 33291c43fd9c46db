import assert from "node:assert/strict";
import { hintFor } from "../games/justeprix/mod.ts";
import { bisect, JP_OPTIONS, type Msg, settle, setup } from "./room_testing.ts";

Deno.test("match: leading and starting", async (t) => {
  await t.step(
    "without a host key, the earliest player leads, then the next",
    () => {
      const { joinOk, room } = setup();
      const ana = joinOk("ana");
      const bob = joinOk("bob");
      const cy = joinOk("cy");
      room.receive(bob.id, { type: "start" });
      const err = bob.port.last("error")!;
      assert.equal(err.code, "not_leader");
      assert.match(err.message, /ana/);
      assert.equal(bob.port.of("game_start").length, 0);
      room.receive(bob.id, { type: "choose", game: "duo" });
      assert.equal(bob.port.last("error")!.code, "not_leader");
      room.leave(ana.id, "disconnected");
      const lobby = cy.port.last("lobby")!;
      assert.deepEqual(lobby.players.map((p: Msg) => [p.nickname, p.leader]), [[
        "bob",
        true,
      ], ["cy", false]]);
      room.receive(bob.id, { type: "start" });
      assert.deepEqual(cy.port.last("game_start"), {
        type: "game_start",
        game: "justeprix",
        players: [{ id: "p2", nickname: "bob" }, { id: "p3", nickname: "cy" }],
      });
    },
  );

  await t.step("with a host key, only the seat with the key leads", () => {
    const { joinOk, room } = setup({ hostKey: "s3cret" });
    const ana = joinOk("ana");
    assert.equal(ana.port.sent[0].you.leader, false);
    room.receive(ana.id, { type: "start" });
    assert.equal(ana.port.last("error")!.code, "not_leader");
    assert.equal(ana.port.of("game_start").length, 0);
    const eve = joinOk("eve", { hostKey: "wrong" });
    const host = joinOk("host", { hostKey: "s3cret" });
    assert.equal(eve.port.sent[0].you.leader, false);
    assert.equal(host.port.sent[0].you.leader, true);
    assert.deepEqual(
      ana.port.last("lobby")!.players.map((p: Msg) => [p.nickname, p.leader]),
      [["ana", false], ["eve", false], ["host", true]],
    );
    room.receive(ana.id, { type: "start" });
    assert.match(ana.port.last("error")!.message, /host/);
    room.receive(host.id, { type: "start" });
    assert.equal(ana.port.of("game_start").length, 1);
    // Once the host was in, the lead passes on when it goes (first human in).
    room.leave(host.id, "disconnected");
    assert.deepEqual(ana.port.last("leader"), {
      type: "leader",
      id: ana.id,
      nickname: "ana",
    });
    assert.deepEqual(
      ana.port.last("lobby")!.players.map((p: Msg) => [p.nickname, p.leader]),
      [["ana", true], ["eve", false]],
    );
  });

  await t.step(
    "start problems: too few players, unknown game, bad options, running",
    () => {
      const { joinOk, room } = setup();
      const ana = joinOk("ana");
      room.receive(ana.id, { type: "start", game: "duo" });
      let err = ana.port.last("error")!;
      assert.equal(err.code, "too_few_players");
      assert.match(err.message, /2 player/);
      room.receive(ana.id, { type: "start", game: "nope" });
      err = ana.port.last("error")!;
      assert.equal(err.code, "unknown_game");
      assert.match(err.message, /nope/);
      assert.match(err.message, /justeprix, duo/);
      room.receive(ana.id, { type: "choose", game: "nope" });
      assert.equal(ana.port.last("error")!.code, "unknown_game");
      room.receive(ana.id, { type: "start", options: { max: 1 } });
      err = ana.port.last("error")!;
      assert.equal(err.code, "bad_options");
      assert.match(err.message, /max/);
      assert.equal(ana.port.of("game_start").length, 0);
      room.receive(ana.id, { type: "start" });
      assert.equal(ana.port.of("game_start").length, 1);
      room.receive(ana.id, { type: "start" });
      assert.equal(ana.port.last("error")!.code, "game_running");
      assert.equal(ana.port.of("game_start").length, 1);
    },
  );

  await t.step("choose changes the game and its options", () => {
    const { joinOk, room, changes } = setup();
    const ana = joinOk("ana");
    joinOk("bob");
    room.receive(ana.id, {
      type: "choose",
      game: "duo",
      options: { speed: 0 },
    });
    assert.equal(ana.port.last("error")!.code, "bad_options");
    room.receive(ana.id, {
      type: "choose",
      game: "duo",
      options: { speed: 2 },
    });
    assert.equal(ana.port.last("lobby")!.game, "duo");
    assert.equal(changes.at(-1)!.game, "duo");
    room.receive(ana.id, { type: "start" });
    assert.equal(ana.port.last("game_start")!.game, "duo");
  });

  await t.step("autostart at N players happens once", async () => {
    const { joinOk, room } = setup({ autostart: 2 });
    const ana = joinOk("ana");
    assert.equal(ana.port.last("lobby")!.autostart, 2);
    assert.equal(ana.port.of("game_start").length, 0);
    const bob = joinOk("bob");
    for (const p of [ana, bob]) assert.equal(p.port.of("game_start").length, 1);
    assert.equal(room.summary().state, "playing");
    assert.equal(bob.port.last("lobby")!.autostart, null);
    joinOk("cy");
    room.receive(ana.id, { type: "stop" });
    await settle();
    assert.equal(room.summary().state, "lobby");
    room.leave(bob.id, "quit");
    joinOk("dan");
    joinOk("eve");
    assert.equal(ana.port.of("game_start").length, 1);
    assert.equal(room.summary().state, "lobby");
  });
});

Deno.test("match: a whole juste prix session", async (t) => {
  const { joinOk, room, clock } = setup();
  const ana = joinOk("ana");
  const bob = joinOk("bob");
  const cy = joinOk("cy");
  const all = [ana, bob, cy];
  const totals = new Map<string, number>();

  /** Plays one game; each round, players find in the given order. */
  async function playGame(orders: (typeof all)[]) {
    for (const p of all) p.port.clear();
    room.receive(ana.id, { type: "start" });
    for (const p of all) {
      assert.deepEqual(p.port.types().slice(0, 3), [
        "game_start",
        "lobby",
        "round_start",
      ]);
      assert.equal(p.port.last("lobby")!.state, "playing");
      assert.equal(p.port.last("view")!.view.me.id, p.id);
    }
    const roundEnds: Msg[] = [];
    for (const [i, order] of orders.entries()) {
      if (i > 0) {
        assert.equal(ana.port.of("round_start").length, i);
        clock.advance(JP_OPTIONS.pauseSec * 1000);
        assert.equal(
          ana.port.of("round_start").length,
          i + 1,
          "the pause timer starts the next round",
        );
      }
      for (const p of order) bisect(room, clock, p);
      const end = ana.port.last("round_end")!;
      assert.equal(end.round, i + 1);
      assert.equal(end.reason, "all_found");
      // The ranking follows the order the players found in.
      assert.deepEqual(
        end.ranking.map((r: Msg) => r.nickname),
        order.map((p) => p.nickname),
      );
      assert.deepEqual(end.ranking.map((r: Msg) => r.rank), [1, 2, 3]);
      // Every hint of the round agrees with the secret revealed at its end.
      for (const p of all) {
        const hints = p.port.of("hint").filter((h) => h.round === i + 1);
        assert.ok(hints.length > 0);
        for (const h of hints) {
          assert.equal(h.hint, hintFor(end.secret, h.guess));
        }
      }
      roundEnds.push(end);
    }
    const types = ana.port.sent.map((m) => m.type);
    assert.ok(
      types.lastIndexOf("round_end") < types.indexOf("game_end"),
      "game_end comes after the last round_end",
    );
    await settle();
    const sums = new Map<string, number>();
    for (const end of roundEnds) {
      for (const r of end.ranking) {
        sums.set(r.nickname, (sums.get(r.nickname) ?? 0) + r.points);
      }
    }
    for (const p of all) {
      assert.equal(p.port.of("game_end").length, 1);
      assert.equal(p.port.last("lobby")!.state, "lobby");
    }
    const gameEnd = ana.port.last("game_end")!;
    assert.equal(gameEnd.game, "justeprix");
    assert.deepEqual(
      Object.fromEntries(
        gameEnd.ranking.map((r: Msg) => [r.nickname, r.points]),
      ),
      Object.fromEntries(sums),
    );
    const points = gameEnd.ranking.map((r: Msg) => r.points);
    assert.deepEqual(points, [...points].sort((a, b) => b - a), "best first");
    assert.equal(gameEnd.ranking[0].rank, 1);
    for (const [name, p] of sums) totals.set(name, (totals.get(name) ?? 0) + p);
    assert.deepEqual(
      Object.fromEntries(gameEnd.scores.map((s: Msg) => [s.nickname, s.score])),
      Object.fromEntries(totals),
    );
    const lobbyScores = ana.port.last("lobby")!.players.map((
      p: Msg,
    ) => [p.nickname, p.score]);
    assert.deepEqual(
      Object.fromEntries(lobbyScores),
      Object.fromEntries(totals),
    );
    assert.deepEqual(clock.timers, [], "no timer left after the game");
    return gameEnd;
  }

  await t.step("first game: whoever finds first twice wins", async () => {
    const end = await playGame([[ana, bob, cy], [ana, cy, bob]]);
    assert.equal(end.ranking[0].nickname, "ana");
  });

  await t.step("second game: scores add up over the session", async () => {
    const end = await playGame([[cy, bob, ana], [cy, ana, bob]]);
    assert.equal(end.ranking[0].nickname, "cy");
    assert.ok(totals.get("ana")! > 0 && totals.get("cy")! > 0);
  });
});

Deno.test("match: during a game", async (t) => {
  await t.step(
    "a player leaving mid-game: the others are told, the game goes on",
    async () => {
      const { joinOk, room, clock } = setup({
        gameOptions: { justeprix: { ...JP_OPTIONS, rounds: 1 } },
      });
      const ana = joinOk("ana", { lang: "fr" });
      const bob = joinOk("bob");
      const cy = joinOk("cy");
      room.receive(ana.id, { type: "start" });
      bisect(room, clock, ana);
      bob.port.clear();
      room.leave(bob.id, "disconnected");
      assert.deepEqual(bob.port.sent, [], "the leaver gets nothing more");
      assert.deepEqual(ana.port.last("left"), {
        type: "left",
        id: bob.id,
        nickname: "bob",
        reason: "connexion perdue",
      });
      assert.deepEqual(cy.port.last("left"), {
        type: "left",
        id: bob.id,
        nickname: "bob",
        reason: "connection lost",
      });
      const progress = cy.port.last("progress")!;
      assert.equal(
        progress.players.find((p: Msg) => p.nickname === "bob").left,
        true,
      );
      assert.equal(room.summary().state, "playing");
      bisect(room, clock, cy);
      const end = cy.port.last("round_end")!;
      assert.equal(end.reason, "all_found");
      assert.deepEqual(end.ranking.map((r: Msg) => [r.nickname, r.found]), [
        ["ana", true],
        ["cy", true],
        ["bob", false],
      ]);
      await settle();
      assert.deepEqual(
        cy.port.last("game_end")!.ranking.map((r: Msg) => r.nickname),
        ["ana", "cy", "bob"],
      );
      assert.deepEqual(
        cy.port.last("game_end")!.scores.map((s: Msg) => s.nickname).sort(),
        ["ana", "cy"],
      );
    },
  );

  await t.step("the last player leaving ends the game", async () => {
    const { joinOk, room, clock } = setup();
    const ana = joinOk("ana");
    room.receive(ana.id, { type: "start" });
    room.leave(ana.id, "quit");
    await settle();
    assert.equal(room.summary().state, "lobby");
    assert.deepEqual(clock.timers, []);
    const bob = joinOk("bob");
    room.receive(bob.id, { type: "start" });
    assert.equal(bob.port.of("game_start").length, 1);
  });

  await t.step("rule errors come back with the game's code, translated", () => {
    const { joinOk, room } = setup();
    const ana = joinOk("ana", { lang: "fr" });
    const bob = joinOk("bob", { lang: "en" });
    room.receive(ana.id, { type: "start" });
    room.receive(ana.id, { type: "guess", value: 500 });
    room.receive(bob.id, { type: "guess", value: 0 });
    assert.deepEqual(ana.port.last("error"), {
      type: "error",
      code: "out_of_range",
      message: "Proposez un nombre entier entre 1 et 100.",
    });
    assert.deepEqual(bob.port.last("error"), {
      type: "error",
      code: "out_of_range",
      message: "Guess a whole number between 1 and 100.",
    });
    assert.equal(bob.port.of("error").length, 1, "errors go to the mover only");
    room.receive(bob.id, { type: "guess", value: "fifty" });
    const invalid = bob.port.last("error")!;
    assert.equal(invalid.code, "invalid_message");
    assert.match(invalid.message, /“guess”.*field "value"/);
  });

  await t.step("a fake game's rule error goes through its view", () => {
    const { joinOk, room } = setup({ game: "duo" });
    const ana = joinOk("ana", { lang: "fr" });
    joinOk("bob");
    room.receive(ana.id, { type: "start" });
    room.receive(ana.id, { type: "poke", hard: true });
    assert.deepEqual(ana.port.last("error"), {
      type: "error",
      code: "too_hard",
      message: "fr:too_hard:3",
    });
  });

  await t.step(
    "a late joiner watches: it gets a view, and its guesses are refused",
    () => {
      const { joinOk, room } = setup();
      const ana = joinOk("ana");
      room.receive(ana.id, { type: "start" });
      const zed = joinOk("zed");
      assert.deepEqual(zed.port.types(), ["welcome", "lobby", "view"]);
      assert.equal(zed.port.last("lobby")!.state, "playing");
      assert.equal(zed.port.last("view")!.view.me, null);
      room.receive(zed.id, { type: "guess", value: 50 });
      assert.equal(zed.port.last("error")!.code, "not_playing");
      room.receive(ana.id, { type: "guess", value: 50 });
      assert.equal(
        zed.port.last("view")!.view.players[0].attempts,
        1,
        "spectators get views too",
      );
    },
  );

  await t.step(
    "close: everyone gets host_closed, timers stop, no one can join",
    () => {
      const { joinOk, join, room, clock } = setup({
        gameOptions: { justeprix: { ...JP_OPTIONS, timeLimitSec: 30 } },
      });
      const ana = joinOk("ana", { lang: "fr" });
      const bob = joinOk("bob");
      room.receive(ana.id, { type: "start" });
      assert.equal(clock.timers.length, 1, "the round has a deadline");
      room.close();
      const standings = [
        { id: ana.id, nickname: "ana", score: 0, rank: 1 },
        { id: bob.id, nickname: "bob", score: 0, rank: 1 },
      ];
      assert.deepEqual(ana.port.closed, [{
        reason: "host_closed",
        message: "l'hôte a fermé la salle",
        extra: { standings },
      }]);
      assert.deepEqual(bob.port.closed, [{
        reason: "host_closed",
        message: "the host closed the room",
        extra: { standings },
      }]);
      assert.deepEqual(clock.timers, []);
      room.close();
      assert.equal(ana.port.closed.length, 1, "close is idempotent");
      const late = join("cy");
      assert.equal(late.r.ok, false);
      if (!late.r.ok) assert.equal(late.r.fatal, true);
      bob.port.clear();
      room.receive(bob.id, { type: "chat", text: "still here?" });
      assert.deepEqual(bob.port.sent, []);
    },
  );
});

Deno.test({
  name: "room: too_few_players names the game in the player's language",
  // BUG: host/room.ts #launch (`const title = game.rules.title.en;`) uses
  // the English title for too_few_players and bad_options, so a French
  // player reads "Il faut au moins 2 joueurs pour The Duel." Fix: return
  // the game id in params and translate in #start with the member's
  // language (`game.rules.title[m.lang]`), as #choose already does.
  fn() {
    const { joinOk, room } = setup();
    const ana = joinOk("ana", { lang: "fr" });
    room.receive(ana.id, { type: "start", game: "duo" });
    assert.equal(
      ana.port.last("error")!.message,
      "Il faut au moins 2 joueurs pour Le Duel.",
    );
  },
});

Deno.test({
  name: "room: a stop in the same turn as the last move keeps the points",
  // BUG: host/room.ts #launch reports the end through
  // `queueMicrotask(() => this.#finish(standings))`, and until that
  // microtask runs #runner is still set. A `stop` handled in the same turn
  // (the connection handles every line of one TCP chunk synchronously, e.g.
  // `{"type":"poke"}\n{"type":"stop"}\n`) finished the game with 0 points
  // for everyone (stop now keeps the standings so far), and the real standings are then dropped because
  // #finish finds #runner null. Fix: call #finish synchronously from
  // `over`, or in #stop/#start treat `this.#runner.ended` as "no game"
  // and make the queued #finish check `this.#runner === runner` (else a
  // start in the same turn would be finished with the old standings).
  async fn() {
    const { joinOk, room } = setup({ game: "duo" });
    const ana = joinOk("ana");
    joinOk("bob");
    room.receive(ana.id, { type: "start" });
    room.receive(ana.id, { type: "poke" });
    room.receive(ana.id, { type: "stop" });
    await settle();
    assert.equal(ana.port.of("game_end").length, 1);
    assert.deepEqual(ana.port.last("game_end")!.scores, [
      { id: "p1", nickname: "ana", score: 5 },
      { id: "p2", nickname: "bob", score: 0 },
    ]);
  },
});
