import assert from "node:assert/strict";
import { GAMES } from "../games/registry.ts";
import type { HostMessage } from "../protocol/messages.ts";
import { LANG_ONLY_TYPES, TextSession } from "./session.ts";

/** One message of each type a host renders once per language. */
const SAMPLES: HostMessage[] = [
  { type: "chat", id: "p2", from: "Zoé", text: "salut", at: 1 },
  { type: "joined", id: "p3", nickname: "Bob" },
  { type: "left", id: "p3", nickname: "Bob", reason: "est parti" },
  { type: "away", id: "p2", nickname: "Zoé", graceMs: 120_000 },
  { type: "back", id: "p2", nickname: "Zoé" },
];

Deno.test("lang-only host messages render the same for every reader", () => {
  assert.deepEqual(
    SAMPLES.map((m) => m.type).sort(),
    [...LANG_ONLY_TYPES].sort(),
  );
  for (const lang of ["fr", "en"] as const) {
    for (const m of SAMPLES) {
      // Different readers, in different states: the same lines.
      const zoe = new TextSession(GAMES, lang, "Zoé");
      const bob = new TextSession(GAMES, lang, "Bob");
      bob.render({ type: "game_start", game: "qcm", players: [] });
      assert.deepEqual(zoe.render(m), bob.render(m), `${lang} ${m.type}`);
    }
  }
});
