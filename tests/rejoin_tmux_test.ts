/**
 * End-to-end, in tmux, in French and in English: the hosting player's
 * Ctrl-C asks for confirmation while a player is in (a second Ctrl-C, or
 * `/close`, closes), and both the host and the player print the session's
 * final standings on the normal screen after leaving the full screen.
 * Loopback only (see `tmux_room.ts`).
 *
 * @module
 */
import assert from "node:assert/strict";
import { tmuxSkipReason } from "./tmux.ts";
import { joinCommand, openRoom } from "./tmux_room.ts";

const skip = await tmuxSkipReason();
if (skip) console.warn(`SKIP tmux rejoin tests: ${skip}`);

Deno.test({
  name:
    "tmux: host Ctrl-C asks while a player is in, the second closes; standings after the screen (fr host, en player)",
  ignore: skip !== null,
}, async () => {
  const { tmux, host, port } = await openRoom([
    "--nickname",
    "ana",
    "--lang",
    "fr",
    "--name",
    "Salle 12",
  ]);
  try {
    await host.waitForText(["Vous menez la salle"]);
    const bob = await tmux.open(
      "bob",
      joinCommand(port, ["--name", "bob", "--lang", "en"]),
    );
    await host.waitForText(["bob"]);
    await bob.waitForText(["ana"]);
    await host.press("C-c");
    await host.waitForText([
      "1 joueur dans la salle : Ctrl-C encore (5 s) ou /close pour fermer.",
    ]);
    assert.equal(await host.exitStatus(), null, "still open after one Ctrl-C");
    await host.press("C-c");
    assert.equal(await host.waitForExit(), 0);
    const h = await host.scrollback();
    assert.match(h, /Classement final de la session — Salle 12/, h);
    assert.match(h, / → 1\. ana\s+0 pts/, h);
    assert.match(h, / {3}1\. bob\s+0 pts/, h);
    assert.match(h, /Salle fermée\. À bientôt !/, h);
    assert.equal(await bob.waitForExit(), 3, "the host closed the room");
    const b = await bob.scrollback();
    assert.match(b, /Final session standings — Salle 12/, b);
    assert.match(b, / → 1\. bob\s+0 pts/, b);
    assert.match(b, /The room at 127\.0\.0\.1:\d+ is closed/, b);
    // The full screen is gone: its title bar is not the last thing shown.
    assert.doesNotMatch(b.split("Final session standings")[1], /lanplay ·/);
  } finally {
    await tmux.close();
  }
});

Deno.test({
  name:
    "tmux: /close after the first Ctrl-C closes; alone, Ctrl-C closes at once (en host, fr player)",
  ignore: skip !== null,
}, async () => {
  const { tmux, host, port } = await openRoom([
    "--nickname",
    "ana",
    "--lang",
    "en",
    "--name",
    "Room 7",
  ]);
  try {
    await host.waitForText(["You lead the room"]);
    const zoe = await tmux.open(
      "zoe",
      joinCommand(port, ["--name", "Zoé", "--lang", "fr"]),
    );
    await host.waitForText(["Zoé"]);
    await zoe.waitForText(["ana"]);
    await host.press("C-c");
    await host.waitForText([
      "1 player in the room: Ctrl-C again (5 s) or /close to close it.",
    ]);
    await host.line("/close");
    assert.equal(await host.waitForExit(), 0);
    const h = await host.scrollback();
    assert.match(h, /Final session standings — Room 7/, h);
    assert.equal(await zoe.waitForExit(), 3);
    const z = await zoe.scrollback();
    assert.match(z, /Classement final de la session — Room 7/, z);
    assert.match(z, / → 1\. Zoé\s+0 pts/, z);

    // A host alone: one Ctrl-C closes.
    const alone = await tmux.open("alone", [
      ...(await import("./tmux_room.ts")).hostCommand([
        "--nickname",
        "solo",
        "--lang",
        "en",
      ]),
    ]);
    await alone.waitForText(["You lead the room"], 20_000);
    await alone.press("C-c");
    assert.equal(await alone.waitForExit(), 0);
    assert.match(await alone.scrollback(), /Room closed\. See you!/);
  } finally {
    await tmux.close();
  }
});
