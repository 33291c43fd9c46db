import assert from "node:assert/strict";
import { rpsBot } from "./bot.ts";
import { seeded } from "./testing.ts";
import type { RpsView } from "./wire.ts";

Deno.test("bot: one throw a round, nothing once thrown or over", () => {
  const view: RpsView = {
    phase: "playing",
    round: 3,
    wins: 2,
    roundMs: 20_000,
    mine: null,
    players: [],
  };
  const d = rpsBot(view, seeded(1));
  assert.ok(d);
  assert.equal(d.key, "round-3");
  assert.equal(rpsBot({ ...view, mine: "rock" }, seeded(1)), null);
  assert.equal(rpsBot({ ...view, phase: "over" }, seeded(1)), null);
  assert.equal(rpsBot({ type: "not a view" }, seeded(1)), null);
});
