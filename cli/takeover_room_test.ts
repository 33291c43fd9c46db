import assert from "node:assert/strict";
import { createRoomKey } from "../discovery/mod.ts";
import { Room } from "../host/room.ts";
import { Session } from "../client/session.ts";
import type { RoomService } from "./room_service.ts";
import { roomTakeover } from "./takeover_room.ts";

Deno.test("takeover: the room opens here with its key and epoch; a taken port gives way to a free one", async () => {
  const key = await createRoomKey();
  const taken = Deno.listen({ hostname: "0.0.0.0", port: 0 });
  const port = (taken.addr as Deno.NetAddr).port;
  let service: RoomService | null = null;
  const restored: unknown[] = [];
  const takeOver = roomTakeover({
    lang: "fr",
    interfaces: ["lo"],
    announce: false,
    restore: (o, snapshot) => {
      restored.push(snapshot);
      return new Room(o);
    },
    opened: (s) => service = s,
  });
  const snapshot = {
    v: 1 as const,
    epoch: 4,
    seq: 12,
    room: {
      name: "Salle 12",
      port,
      capacity: 8,
      graceMs: 60_000,
      lang: "en",
      game: "qcm",
    },
    key: { privateKey: await key.exportPrivate(), publicKey: key.publicKey },
  };
  try {
    const took = await takeOver(snapshot, 5);
    assert.equal(took.name, "Salle 12");
    assert.notEqual(took.port, port);
    assert.deepEqual(restored, [snapshot]);
    const s = service as RoomService | null;
    assert.equal(s?.epoch, 5);
    assert.equal(s?.key.id, key.id);
    const me = await Session.join({
      host: "127.0.0.1",
      port: took.port,
      nickname: "chloe",
      lang: "fr",
      hostKey: took.hostKey,
      expectedRoomId: key.id, // the same room proves itself
      heartbeat: false,
    });
    assert.equal(me.welcome.you.leader, true);
    assert.equal(me.welcome.room.capacity, 8);
    await me.close();
  } finally {
    await (service as RoomService | null)?.stop();
    taken.close();
  }
});

Deno.test("takeover: a build without Room.restore says so", async () => {
  const key = await createRoomKey();
  const takeOver = roomTakeover({
    lang: "en",
    interfaces: ["lo"],
    announce: false,
    restore: null,
    opened: () => {},
  });
  await assert.rejects(
    () =>
      takeOver({
        v: 1,
        epoch: 0,
        seq: 1,
        room: { name: "x", port: 0 },
        key: { privateKey: "x", publicKey: key.publicKey },
      }, 1),
    /cannot restore/,
  );
});
