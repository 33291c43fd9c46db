import assert from "node:assert/strict";
import { TextSession } from "./session.ts";
import { justeprix } from "../games/justeprix/mod.ts";

const GAMES = { justeprix };

Deno.test("text mode: where the room goes if its host goes, and where it went", () => {
  const fr = new TextSession(GAMES, "fr", "bob");
  const to = { address: "198.18.0.3", port: 50026 };
  assert.deepEqual(fr.render({ type: "fallback", to, nickname: "Chloé" }), [
    "Si cet hôte disparaît, la salle continue chez Chloé : nc 198.18.0.3 50026",
  ]);
  assert.deepEqual(fr.render({ type: "fallback" }), []);
  assert.deepEqual(
    fr.render({ type: "bye", reason: "moved", message: "x", to }),
    ["La salle a déménagé : nc 198.18.0.3 50026"],
  );
  const en = new TextSession(GAMES, "en", "bob");
  assert.deepEqual(en.render({ type: "fallback", to, nickname: "Chloé" }), [
    "If this host goes, the room continues at Chloé's: nc 198.18.0.3 50026",
  ]);
  // Deputy traffic is for join clients: nothing to show.
  assert.deepEqual(en.render({ type: "replica", epoch: 0, seq: 1 }), []);
  assert.deepEqual(en.render({ type: "deputy", rank: 1, key: "k" }), []);
});
