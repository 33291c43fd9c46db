import assert from "node:assert/strict";
import { createRoomKey, proofData } from "../discovery/room_key.ts";
import { ConnectError, RoomImpostorError } from "./errors.ts";
import { joinFirstGenuine } from "./join_room.ts";
import { parseAddress, Session } from "./session.ts";
import { startFakeHost, welcomeOf } from "./testing_host.ts";

const room = await createRoomKey();
const forger = await createRoomKey();

function hostWith(key: typeof room) {
  return startFakeHost(async (hello) => [
    welcomeOf(String(hello.nickname), {
      hostId: room.id, // the forger claims the room's id
      key: key.publicKey,
      proof: await key.sign(proofData(String(hello.nonce))),
    }),
  ]);
}

const join = (address: string) => {
  const { host, port } = parseAddress(address);
  return Session.join({
    host,
    port,
    nickname: "ana",
    lang: "en",
    expectedRoomId: room.id,
    roomName: "Salle 12",
  });
};

Deno.test("joining a picked room skips impostor addresses", async (t) => {
  const impostor = hostWith(forger);
  const genuine = hostWith(room);
  const a = `127.0.0.1:${impostor.port}`, b = `127.0.0.1:${genuine.port}`;
  try {
    await t.step("the impostor first: the next address is tried", async () => {
      const heard: string[] = [];
      const s = await joinFirstGenuine(
        [a, b],
        join,
        (e, next) => heard.push(`${e.address} → ${next}`),
      );
      assert.equal(s.fingerprint, room.fingerprint);
      assert.deepEqual(heard, [`${a} → ${b}`]);
      await s.close();
    });

    await t.step("only impostors: refused", async () => {
      await assert.rejects(joinFirstGenuine([a, a], join), RoomImpostorError);
    });

    await t.step("other errors are not skipped", async () => {
      await assert.rejects(
        joinFirstGenuine(["127.0.0.1:1", b], join),
        ConnectError,
      );
    });
  } finally {
    await impostor.close();
    await genuine.close();
  }
});
