import assert from "node:assert/strict";
import { z } from "zod";
import { GameRuleError } from "./errors.ts";
import {
  BAD_SAVE,
  checkSaved,
  loadState,
  parseSaved,
  saveState,
} from "./saved.ts";
import { GAMES } from "./registry.ts";

Deno.test("saved states", async (t) => {
  await t.step("without hooks: the state itself, both ways", () => {
    const state = { round: 1 };
    assert.equal(saveState({}, state), state);
    assert.equal(loadState({}, state), state);
  });

  await t.step("with hooks: save, then load", () => {
    const rules = {
      save: (s: { n: number }) => ({ saved: s.n }),
      load: (d: unknown) => ({ n: (d as { saved: number }).saved }),
    };
    const wire = JSON.stringify(saveState(rules, { n: 3 }));
    assert.equal(wire, '{"saved":3}');
    assert.deepEqual(loadState(rules, JSON.parse(wire)), { n: 3 });
  });

  await t.step("every shipped game checks what it loads", () => {
    for (const game of Object.values(GAMES)) {
      assert.equal(typeof game.rules.load, "function", game.rules.id);
      assert.throws(
        () => loadState(game.rules, { garbage: true }),
        (e) => e instanceof GameRuleError && e.code === BAD_SAVE,
      );
    }
  });

  await t.step("refusals are GameRuleErrors naming the place", () => {
    const schema = z.object({ round: z.number() });
    assert.throws(
      () => parseSaved("demo", schema, { round: "1" }),
      (e) =>
        e instanceof GameRuleError && e.code === BAD_SAVE &&
        e.params.path === "round" && /Not a saved demo game/.test(e.message),
    );
    assert.throws(
      () => checkSaved("demo", false, "a round in range"),
      (e) => e instanceof GameRuleError && e.params.path === "a round in range",
    );
  });
});
