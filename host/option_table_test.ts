import assert from "node:assert/strict";
import { GAMES } from "../games/registry.ts";
import { justeprix } from "../games/justeprix/mod.ts";
import { morpion } from "../games/morpion/mod.ts";
import { qcm } from "../games/qcm/mod.ts";
import { duo } from "./room_testing.ts";
import {
  checkOption,
  optionLines,
  optionSpecs,
  typedValue,
} from "./option_table.ts";
import type { AnyGame } from "../games/types.ts";

function problem(
  game: AnyGame,
  key: string,
  value: unknown,
  current: Record<string, unknown> = {},
) {
  const r = checkOption(game, current, key, value, key, game.rules.title.en);
  assert.equal(r.ok, false, `${key}=${value} should be refused`);
  return (r as { ok: false; problem: { code: string; params: Msg } }).problem;
}

// deno-lint-ignore no-explicit-any
type Msg = Record<string, any>;

Deno.test("option table: read from each game's schema", async (t) => {
  await t.step("the QCM's options, ranges and defaults", () => {
    assert.deepEqual(optionSpecs(qcm), [
      { key: "count", kind: "integer", min: 1, max: 500 },
      { key: "timeSec", kind: "integer", min: 5, max: 240, default: 20 },
      {
        key: "points",
        kind: "choice",
        choices: [0, 1000, 2000],
        default: 1000,
      },
      { key: "shuffle", kind: "boolean", default: true },
      { key: "pauseSec", kind: "integer", min: 2, max: 60, default: 6 },
      { key: "questions", kind: "other" },
    ]);
  });
  await t.step("choices and refined numbers (no range to show)", () => {
    assert.deepEqual(optionSpecs(morpion), [
      { key: "matches", kind: "integer", min: 1, max: 15, default: 3 },
      { key: "ai", kind: "choice", choices: ["easy", "hard"], default: "hard" },
      { key: "moveTimeSec", kind: "integer", default: 0 },
    ]);
  });
  await t.step(
    "every bounded number of every game: its bounds pass, one beyond fails",
    () => {
      let checked = 0;
      for (const game of Object.values(GAMES)) {
        for (const s of optionSpecs(game)) {
          if (s.min === undefined || s.max === undefined) continue;
          const ok = (v: number) =>
            checkOption(game, {}, s.key, v, s.key, "").ok;
          assert.ok(ok(s.min) && ok(s.max), `${game.rules.id}.${s.key}`);
          assert.ok(
            !ok(s.min - 1) && !ok(s.max + 1),
            `${game.rules.id}.${s.key}`,
          );
          checked++;
        }
      }
      assert.ok(checked >= 12, `only ${checked} bounded options`);
    },
  );
  await t.step("a schema that is not zod has no table", () => {
    const plain = {
      ...duo,
      rules: {
        ...duo.rules,
        optionsSchema: {
          parse: (v: unknown) => v,
          safeParse: (v: unknown) => ({ success: true as const, data: v }),
        },
      },
    } as unknown as AnyGame;
    assert.deepEqual(optionSpecs(plain), []);
  });
});

Deno.test("typedValue reads numbers and booleans like --set", () => {
  assert.deepEqual(
    ["5", "-3", "2.5", "true", "false", "oui", "5a", ""].map(typedValue),
    [5, -3, 2.5, true, false, "oui", "5a", ""],
  );
});

Deno.test("checkOption: one option over the ones set so far", async (t) => {
  await t.step("a good value is typed and merged", () => {
    const r = checkOption(justeprix, { max: 50 }, "rounds", "5", "rounds", "");
    assert.ok(r.ok);
    assert.deepEqual({ ...r.options }, { max: 50, rounds: 5 });
    assert.equal(Object.getPrototypeOf(r.options), null);
    const yes = checkOption(qcm, {}, "shuffle", "non", "shuffle", "");
    assert.ok(yes.ok, "the QCM takes oui/non");
  });
  await t.step("each kind says its range", () => {
    assert.deepEqual(problem(qcm, "count", "abc"), {
      code: "option_integer",
      params: { option: "count", min: 1, max: 500, value: "abc" },
    });
    assert.deepEqual(problem(qcm, "count", 2.5).code, "option_integer");
    assert.deepEqual(problem(qcm, "points", 500), {
      code: "option_choice",
      params: { option: "points", choices: "0, 1000, 2000", value: "500" },
    });
    assert.deepEqual(problem(qcm, "shuffle", "maybe"), {
      code: "option_boolean",
      params: { option: "shuffle", value: "maybe" },
    });
    assert.deepEqual(problem(morpion, "moveTimeSec", "abc"), {
      code: "option_whole",
      params: { option: "moveTimeSec", value: "abc" },
    });
    // A rule the schema writes itself comes with its own sentence.
    const refined = problem(morpion, "moveTimeSec", 3);
    assert.equal(refined.code, "option_invalid");
    assert.match(refined.params.detail, /0 \(no limit\) or from 5 to 120/);
  });
  await t.step("a number bounded below only says so", () => {
    assert.deepEqual(problem(duo, "speed", 0), {
      code: "option_at_least",
      params: { option: "speed", min: 1, value: "0" },
    });
  });
  await t.step("unknown, prototype and list options", () => {
    assert.deepEqual(problem(justeprix, "speed", 1), {
      code: "unknown_option",
      params: {
        option: "speed",
        game: "Guess the number",
        options: "max, rounds, timeLimitSec, pauseSec",
      },
    });
    assert.equal(problem(justeprix, "__proto__", 1).code, "unknown_option");
    assert.equal(problem(justeprix, "toString", 1).code, "unknown_option");
    assert.equal(problem(qcm, "questions", "x").code, "option_not_settable");
  });
  await t.step("what is echoed is cut and made printable", () => {
    const p = problem(qcm, "count", "\x1b[2J" + "9".repeat(100) + "x");
    assert.equal(p.params.value, "␛[2J" + "9".repeat(36));
  });
});

Deno.test("optionLines: what the next game will use", () => {
  assert.deepEqual(optionLines(qcm, { count: 5, points: 2000 }), [
    { key: "count", kind: "integer", min: 1, max: 500, value: 5 },
    {
      key: "timeSec",
      kind: "integer",
      min: 5,
      max: 240,
      default: 20,
      value: 20,
    },
    {
      key: "points",
      kind: "choice",
      choices: [0, 1000, 2000],
      default: 1000,
      value: 2000,
    },
    { key: "shuffle", kind: "boolean", default: true, value: true },
    { key: "pauseSec", kind: "integer", min: 2, max: 60, default: 6, value: 6 },
  ]);
  // count unset: the game decides (all the quiz, or 10 of the bank).
  assert.equal(optionLines(qcm, {})[0].value, undefined);
});
