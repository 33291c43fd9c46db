/**
 * A locked room's projector (`/screen`, a watcher) needs the PIN like a
 * player: locked means locked — a screen on the wall shows nothing of the
 * room to whoever opens its address without the PIN. Wrong PINs are slowed
 * down per address like a player's. Real WebSockets on loopback.
 *
 * @module
 */
import assert from "node:assert/strict";
import { PIN_FREE_FAILURES } from "../protocol/constants.ts";
import { startWebHost, WsClient } from "./web_support.ts";

const SCREEN = { path: "/ws?role=screen" };

/** A watcher's hello, as the projector page sends it. */
function hello(pin?: string) {
  return {
    type: "hello",
    nickname: "screen",
    protocol: 1,
    lang: "en",
    client: "lanplay-web",
    ...(pin !== undefined ? { pin } : {}),
  };
}

Deno.test({
  name:
    "watcher and PIN: a locked room's projector is refused without the PIN and with a wrong one, their wrong PINs slow the address down",
  async fn() {
    const host = startWebHost({ pin: "4321" });
    try {
      const wall = await WsClient.connect(host.webPort, SCREEN);
      wall.send(hello());
      const first = await wall.waitFor((m) =>
        m.type === "error" || m.type === "welcome"
      );
      assert.equal(first.type, "error", JSON.stringify(first));
      assert.equal(first.code, "pin_required");
      wall.send(hello("0000"));
      const wrong = await wall.waitFor((m) =>
        m.type === "error" || m.type === "welcome"
      );
      assert.equal(wrong.code, "bad_pin", JSON.stringify(wrong));
      // Nothing of the room came before the PIN: no lobby, no chat.
      assert.deepEqual(
        wall.messages.filter((m) => m.type !== "error").map((m) => m.type),
        [],
      );
      assert.equal(host.room.summary().players, 0);
      await wall.close();

      // Wrong PINs are counted for the address, the projector's too: past
      // the free ones, even the right PIN must wait.
      for (let i = 0; i < PIN_FREE_FAILURES; i++) {
        const guess = await WsClient.connect(host.webPort, SCREEN);
        guess.send(hello(`000${i + 1}`));
        const r = await guess.waitFor((m) =>
          m.type === "error" || m.type === "welcome"
        );
        assert.equal(r.code, "bad_pin", JSON.stringify(r));
        await guess.close();
      }
      const again = await WsClient.connect(host.webPort, SCREEN);
      again.send(hello("4321"));
      const slowed = await again.waitFor((m) =>
        m.type === "error" || m.type === "welcome"
      );
      assert.equal(slowed.code, "pin_wait", JSON.stringify(slowed));
      await again.close();
    } finally {
      await host.close();
    }
  },
});

Deno.test({
  name:
    "watcher and PIN: with the right PIN the projector watches, unseated and uncounted",
  async fn() {
    const host = startWebHost({ pin: "4321" });
    try {
      const wall = await WsClient.connect(host.webPort, SCREEN);
      wall.send(hello("4321"));
      const w = await wall.waitFor((m) =>
        m.type === "error" || m.type === "welcome"
      );
      assert.equal(w.type, "welcome", JSON.stringify(w));
      assert.match(w.you.id, /^w/);
      await wall.waitFor((m) => m.type === "lobby");
      assert.equal(host.room.summary().players, 0);
      await wall.close();
    } finally {
      await host.close();
    }
  },
});

Deno.test("watcher and PIN: a room without a PIN lets its projector in without one", async () => {
  const host = startWebHost({});
  try {
    const wall = await WsClient.connect(host.webPort, SCREEN);
    wall.send(hello());
    const w = await wall.waitFor((m) =>
      m.type === "error" || m.type === "welcome"
    );
    assert.equal(w.type, "welcome", JSON.stringify(w));
    await wall.close();
  } finally {
    await host.close();
  }
});
