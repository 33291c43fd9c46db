import assert from "node:assert/strict";
import { createRoomKey } from "../discovery/mod.ts";
import { Room } from "../host/room.ts";
import { Session } from "../client/session.ts";
import { parseHostArgs } from "./host_options.ts";
import { openRoom } from "./room_service.ts";
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

Deno.test("openRoom: the split-brain guard steps the room down once and stops with it", async () => {
  let fire!: (to: { address: string; port: number }, epoch: number) => void;
  let unwatched = 0;
  const moved: number[] = [];
  const service = await openRoom({
    ...config(),
    watchOwnRoom: (_id, epoch, onHigher) => {
      assert.equal(epoch, 0);
      fire = onHigher;
      return () => void unwatched++;
    },
    onSteppedDown: (_to, epoch) => moved.push(epoch),
  });
  fire({ address: "198.18.0.3", port: 50026 }, 1);
  fire({ address: "198.18.0.3", port: 50026 }, 2);
  await service.stop();
  assert.deepEqual(moved, [1]);
  assert.equal(unwatched, 1);
});
