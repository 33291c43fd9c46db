import assert from "node:assert/strict";
import { createRoomKey } from "../discovery/mod.ts";
import { Room } from "../host/room.ts";
import { Session } from "../client/session.ts";
import { parseHostArgs } from "./host_options.ts";
import { openRoom, type OwnRoomAds } from "./room_service.ts";
import type { RoomAdEvent } from "../discovery/find_room.ts";
import { STEP_DOWN_CONFIRM_MS } from "./split_brain.ts";
import { UsageError } from "./errors.ts";

function config(args: string[] = []) {
  const cfg = parseHostArgs(
    [
      "--no-announce",
      "--no-web",
      "--bind",
      "127.0.0.1",
      "--port",
      "0",
      ...args,
    ],
    {},
  );
  if (cfg.help) throw new Error("help");
  return cfg;
}

Deno.test("openRoom: a room players join, with the key given, made by the factory", async () => {
  const key = await createRoomKey();
  let made = 0;
  const service = await openRoom({
    ...config(["--name", "Salle 12"]),
    key,
    epoch: 3,
    hostKey: "hk",
    makeRoom: (o) => {
      made++;
      assert.equal(o.epoch, 3);
      return new Room(o);
    },
  });
  try {
    assert.equal(made, 1);
    assert.equal(service.key, key);
    assert.equal(service.epoch, 3);
    assert.equal(service.web, null);
    assert.equal(service.announcer, null);
    const s = await Session.join({
      host: "127.0.0.1",
      port: service.port,
      nickname: "ana",
      lang: "fr",
      hostKey: "hk",
      expectedRoomId: key.id,
      heartbeat: false,
    });
    assert.equal(s.welcome.room.name, "Salle 12");
    assert.equal(s.welcome.you.leader, true);
    await s.close();
  } finally {
    await service.stop();
  }
});

Deno.test("openRoom: a taken port is a usage error, or any free port for a takeover", async () => {
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (taken.addr as Deno.NetAddr).port;
  try {
    await assert.rejects(
      () => openRoom({ ...config(), port }),
      (e) => e instanceof UsageError && e.code === "port_in_use",
    );
    const service = await openRoom({ ...config(), port, anyPortIfTaken: true });
    assert.notEqual(service.port, port);
    await service.stop();
  } finally {
    taken.close();
  }
});

/** The `bye` that ends a session (null: none came). */
async function byeOf(s: Session) {
  for await (const m of s.messages()) {
    if (m.type === "bye") return m as { reason?: string; to?: unknown };
  }
  return null;
}

/** A stand-in for the guard's ears: the test plays the room's ads. */
function fakeEars() {
  const ears = {
    roomId: "",
    stopped: 0,
    send: (_e: RoomAdEvent) => {},
    ownRoomAds: ((roomId, onEvent) => {
      ears.roomId = roomId;
      ears.send = onEvent;
      return () => void ears.stopped++;
    }) as OwnRoomAds,
    ad(epoch: number, players: number, at: number) {
      ears.send({
        type: "ad",
        ad: {
          hostId: ears.roomId,
          name: "x",
          port: 50026,
          game: "justeprix",
          players,
          capacity: 32,
          state: "lobby",
          locked: false,
          protocol: 1,
          epoch,
        },
        source: "198.18.0.3",
        at,
      });
    },
  };
  return ears;
}

Deno.test("openRoom: the split-brain guard", async (t) => {
  await t.step(
    "a host with nobody here steps down once for a newer host with its players, after a second ad",
    async () => {
      const ears = fakeEars();
      const moved: [string, number][] = [];
      const service = await openRoom({
        ...config(),
        ownRoomAds: ears.ownRoomAds,
        onSteppedDown: (to, epoch) => moved.push([to.address, epoch]),
      });
      assert.equal(ears.roomId, service.key.id);
      ears.ad(0, 5, 0); // its own ad
      ears.ad(1, 1, 100);
      assert.deepEqual(moved, []); // one ad is not enough
      ears.ad(1, 1, 100 + STEP_DOWN_CONFIRM_MS);
      ears.ad(2, 3, 5000);
      await service.stop();
      assert.deepEqual(moved, [["198.18.0.3", 1]]);
      assert.equal(ears.stopped, 1);
    },
  );

  await t.step(
    "a newer host's goodbye cancels: no step-down towards a room given back",
    async () => {
      const ears = fakeEars();
      const moved: number[] = [];
      const service = await openRoom({
        ...config(),
        ownRoomAds: ears.ownRoomAds,
        onSteppedDown: (_to, epoch) => moved.push(epoch),
      });
      ears.ad(1, 1, 0);
      ears.send({ type: "bye", epoch: 1, source: "198.18.0.3", at: 10 });
      ears.ad(1, 1, STEP_DOWN_CONFIRM_MS + 10);
      assert.deepEqual(moved, []);
      await service.stop();
    },
  );

  await t.step(
    "a host keeps its room against a newer host with fewer players here",
    async () => {
      const ears = fakeEars();
      const moved: number[] = [];
      const service = await openRoom({
        ...config(),
        ownRoomAds: ears.ownRoomAds,
        onSteppedDown: (_to, epoch) => moved.push(epoch),
      });
      const joined: Session[] = [];
      for (const nickname of ["ana", "bob"]) {
        joined.push(
          await Session.join({
            host: "127.0.0.1",
            port: service.port,
            nickname,
            lang: "en",
            heartbeat: false,
          }),
        );
      }
      assert.equal(service.room.summary().players, 2);
      for (let at = 0; at <= 5000; at += 500) ears.ad(1, 1, at);
      assert.deepEqual(moved, []);
      // The newer host now has more players here than this one.
      ears.ad(1, 3, 6000);
      ears.ad(1, 3, 6000 + STEP_DOWN_CONFIRM_MS);
      assert.deepEqual(moved, [1]);
      for (const s of joined) {
        const bye = await byeOf(s);
        assert.equal(bye?.reason, "moved");
        assert.deepEqual(bye?.to, { address: "198.18.0.3", port: 50026 });
        await s.close();
      }
      await service.stop();
    },
  );

  await t.step(
    "a deputy's stale copy gives the room back at the first ad of the older host (a tie here)",
    async () => {
      const ears = fakeEars();
      const moved: number[] = [];
      const service = await openRoom({
        ...config(),
        epoch: 1,
        ownRoomAds: ears.ownRoomAds,
        onSteppedDown: (_to, epoch) => moved.push(epoch),
      });
      ears.ad(0, 0, 0); // a tie (0 here each): the older host keeps it
      assert.deepEqual(moved, [0]);
      await service.stop();
    },
  );
});
