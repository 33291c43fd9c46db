/**
 * Host migration over real sockets on loopback: a deputy gets sealed
 * replicas it can open; a second server restored from one takes the other
 * player back into the same seat with the same score.
 */
import assert from "node:assert/strict";
import { sealKeys, sharedKey, unseal } from "../protocol/sealed.ts";
import { GAMES } from "../games/registry.ts";
import { LineClient, seeded, startHost } from "../tests/support.ts";
import { realClock } from "./clock.ts";
import { duo } from "./room_testing.ts";
import { Room } from "./room.ts";
import { GameServer } from "./server.ts";
import { type RoomSnapshot, roomSnapshotSchema } from "./snapshot.ts";

type Msg = Record<string, unknown> & { type: string };

const KEY = { privateKey: "cHJpdg", publicKey: "cHVi" };
const games = { ...GAMES, duo };

/** A JSON player on a raw socket: banner, hello, then JSON lines. */
async function player(
  port: number,
  nickname: string,
  extra: Record<string, unknown> = {},
) {
  const c = await LineClient.connect(port);
  await c.next(); // banner
  await c.send(JSON.stringify({
    type: "hello",
    nickname,
    protocol: 1,
    lang: "en",
    ...extra,
  }));
  const next = async (pred: (m: Msg) => boolean) =>
    JSON.parse(await c.waitFor((l) => pred(JSON.parse(l)))) as Msg;
  const welcome = await next((m) => m.type === "welcome");
  return { c, welcome, next, send: (m: Msg) => c.send(JSON.stringify(m)) };
}

Deno.test("migration over sockets: replicas to the deputy, the room restored elsewhere", async () => {
  const hostKeys = await sealKeys();
  const deputyKeys = await sealKeys();
  const host = startHost({
    games,
    migration: { key: KEY, lang: "en", sealKeys: hostKeys, loopback: true },
    graceMs: 60_000,
  });
  host.room.setPorts({ port: host.port });
  const bob = await player(host.port, "bob");
  const ana = await player(host.port, "ana", {
    deputy: deputyKeys.publicKey,
  });
  const rank = await ana.next((m) => m.type === "deputy");
  assert.deepEqual(rank, { type: "deputy", rank: 1, key: hostKeys.publicKey });
  const fallback = await bob.next((m) => m.type === "fallback");
  assert.deepEqual(fallback.to, { address: "127.0.0.1", port: host.port });
  // bob leads: a duel that ana ends, bob (first seat) scores 5.
  await bob.send({ type: "start", game: "duo" });
  await ana.next((m) => m.type === "game_start");
  await ana.send({ type: "poke" });
  const key = await sharedKey(deputyKeys, hostKeys.publicKey);
  let snap: RoomSnapshot | null = null;
  while (!snap) {
    const r = await ana.next((m) => m.type === "replica");
    if (typeof r.data !== "string") continue; // a keepalive
    const s = roomSnapshotSchema.parse(
      await unseal(key, { iv: String(r.iv), data: r.data }),
    );
    if (s.state.members.find((m) => m.nickname === "bob")?.score === 5) {
      snap = s;
    }
  }
  assert.equal(snap.room.port, host.port);
  await host.close();
  await bob.c.close();
  await ana.c.close();

  // The deputy's machine: the same room, epoch 1, on a new server.
  const room = Room.restore({
    name: snap.room.name,
    hostId: "test-host",
    games,
    game: snap.room.game,
    clock: realClock,
    random: seeded(7),
    graceMs: snap.room.graceMs,
  }, snap);
  const server = GameServer.listen({ hostname: "127.0.0.1", port: 0 }, {
    room,
    games,
    clock: realClock,
    defaultLang: "en",
  });
  const again = await player(server.port, "bob", {
    token: bob.welcome.token,
  });
  assert.equal(again.welcome.rejoined, true);
  assert.deepEqual(again.welcome.you, (bob.welcome as Msg).you);
  assert.equal((again.welcome.room as Msg).epoch, 1);
  const lobby = await again.next((m) => m.type === "lobby");
  const me = (lobby.players as Msg[]).find((p) => p.nickname === "bob")!;
  assert.deepEqual([me.id, me.score, me.connected], [
    (bob.welcome.you as Msg).id,
    5,
    true,
  ]);
  await server.close();
  await again.c.close();
});
