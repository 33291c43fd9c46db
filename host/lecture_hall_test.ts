import assert from "node:assert/strict";
import {
  ANNOUNCE_MAX,
  LOBBY_MS_PER_MEMBER,
  LOBBY_PLAYERS_MAX,
} from "./room.ts";
import { NAMED_MAX } from "./match.ts";
import { setup } from "./room_testing.ts";

Deno.test("a lecture hall: what everyone gets stays small", async (t) => {
  await t.step("the lobby lists 32 players and counts them all", () => {
    const { joinOk, ports, clock } = setup({ capacity: 100 });
    for (let i = 0; i < 40; i++) joinOk(`p${i}`);
    clock.advance(1000);
    const lobby = [...ports.values()][0].last("lobby")!;
    assert.equal(LOBBY_PLAYERS_MAX, 32);
    assert.equal(lobby.players.length, 32);
    assert.equal(lobby.count, 40);
    assert.deepEqual(
      lobby.players.map((p: { nickname: string }) => p.nickname),
      Array.from({ length: 32 }, (_, i) => `p${i}`),
      "the first in, in order",
    );
  });

  await t.step(
    "arrivals are announced one by one up to 64 players only",
    () => {
      const { joinOk, ports } = setup({ capacity: 100 });
      for (let i = 0; i < ANNOUNCE_MAX + 5; i++) joinOk(`p${i}`);
      const first = [...ports.values()][0];
      assert.equal(first.of("joined").length, ANNOUNCE_MAX - 1);
    },
  );

  await t.step(
    "drops and returns are announced one by one up to 64 players only",
    () => {
      for (const n of [ANNOUNCE_MAX, ANNOUNCE_MAX + 1]) {
        const { room, joinOk, ports } = setup({ capacity: 100 });
        const players = Array.from({ length: n }, (_, i) => joinOk(`p${i}`));
        const first = ports.get(players[0].id)!;
        const { id, port } = players[1];
        const token = port.last("welcome")!.token as string;
        room.lost(id, port, "timeout");
        joinOk("p1", { token });
        const told = n <= ANNOUNCE_MAX ? 1 : 0;
        assert.equal(first.of("away").length, told, `${n} players: away`);
        assert.equal(first.of("back").length, told, `${n} players: back`);
      }
    },
  );

  await t.step(
    "a big room's lobby goes out at most every 0.5 ms per member",
    () => {
      const { room, joinOk, ports, clock } = setup({
        capacity: 1000,
        lobbyIntervalMs: 100,
      });
      const players = Array.from({ length: 400 }, (_, i) => joinOk(`p${i}`));
      clock.advance(1000);
      const first = ports.get(players[0].id)!;
      first.clear();
      room.receive(players[1].id, { type: "ready" });
      assert.equal(first.of("lobby").length, 1, "after a quiet spell: at once");
      room.receive(players[2].id, { type: "ready" });
      clock.advance(150);
      assert.equal(
        first.of("lobby").length,
        1,
        `not yet: ${400 * LOBBY_MS_PER_MEMBER} ms`,
      );
      clock.advance(60);
      assert.equal(first.of("lobby").length, 2);
    },
  );

  await t.step("game_start and game_end name 32 players and count them", () => {
    const { room, joinOk, ports, clock } = setup({ capacity: 100 });
    const players = Array.from({ length: 40 }, (_, i) => joinOk(`p${i}`));
    room.receive(players[0].id, { type: "start", game: "justeprix" });
    const start = ports.get(players[5].id)!.last("game_start")!;
    assert.equal(NAMED_MAX, 32);
    assert.deepEqual([start.players.length, start.count], [32, 40]);
    room.receive(players[0].id, { type: "stop" });
    clock.advance(10);
    const end = ports.get(players[5].id)!.last("game_end")!;
    assert.deepEqual(
      [end.ranking.length, end.scores.length, end.count],
      [32, 32, 40],
    );
  });
});
