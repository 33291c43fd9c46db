import assert from "node:assert/strict";
import fc from "fast-check";
import { z } from "zod";
import { classify, describeIssues } from "./inbound.ts";
import { justeprix } from "../games/justeprix/mod.ts";

const rules = justeprix.rules;
const KNOWN = ["guess", "answer", "play"];

function errorOf(r: ReturnType<typeof classify>) {
  assert.equal(r.kind, "error", JSON.stringify(r));
  return r as Extract<typeof r, { kind: "error" }>;
}

Deno.test("classify", async (t) => {
  await t.step("values without a string type → no_type", () => {
    const values = [
      null,
      42,
      "chat",
      true,
      [],
      [{ type: "chat" }],
      {},
      {
        type: 1,
      },
      { type: null },
      { type: { x: 1 } },
      { text: "hi" },
    ];
    for (const v of values) {
      assert.deepEqual(
        classify(v, null, KNOWN),
        { kind: "error", code: "no_type", params: {} },
        JSON.stringify(v),
      );
    }
  });

  await t.step(
    "unknown type → unknown_type, naming it (40 chars at most)",
    () => {
      assert.deepEqual(classify({ type: "dance" }, rules, KNOWN), {
        kind: "error",
        code: "unknown_type",
        params: { type: "dance" },
      });
      const long = errorOf(classify({ type: "y".repeat(1000) }, null));
      assert.equal(long.code, "unknown_type");
      assert.equal(long.params.type, "y".repeat(40));
    },
  );

  await t.step("prototype names are not lobby types", () => {
    for (
      const type of ["__proto__", "constructor", "toString", "hasOwnProperty"]
    ) {
      const r = classify(JSON.parse(`{"type":${JSON.stringify(type)}}`), null);
      assert.equal(errorOf(r).code, "unknown_type", type);
    }
  });

  await t.step("lobby messages are validated by their schema", () => {
    assert.deepEqual(classify({ type: "chat", text: " hi " }, null), {
      kind: "lobby",
      message: { type: "chat", text: "hi" },
    });
    assert.deepEqual(classify({ type: "ping", id: 3 }, rules), {
      kind: "lobby",
      message: { type: "ping", id: 3 },
    });
    const e = errorOf(classify({ type: "chat", text: "x".repeat(301) }, null));
    assert.equal(e.code, "invalid_message");
    assert.equal(e.params.type, "chat");
    assert.match(String(e.params.detail), /field "text"/);
    const lang = errorOf(classify({ type: "lang", lang: "de" }, null));
    assert.equal(lang.code, "invalid_message");
    assert.match(String(lang.params.detail), /field "lang"/);
  });

  await t.step("a move of a game that is not running → no_game", () => {
    assert.deepEqual(classify({ type: "guess", value: 5 }, null, KNOWN), {
      kind: "error",
      code: "no_game",
      params: {},
    });
    // Without the known move types, it is just unknown.
    assert.equal(
      errorOf(classify({ type: "guess", value: 5 }, null)).code,
      "unknown_type",
    );
  });

  await t.step(
    "a move of another game than the running one → wrong_game",
    () => {
      const r = errorOf(
        classify({ type: "answer", choices: [1] }, rules, [...KNOWN, "answer"]),
      );
      assert.equal(r.code, "wrong_game");
      assert.equal(r.params.type, "answer");
    },
  );

  await t.step("a move of the running game is validated by its schema", () => {
    assert.deepEqual(classify({ type: "guess", value: 42 }, rules, KNOWN), {
      kind: "move",
      move: { type: "guess", value: 42 },
    });
    for (const value of ["42", 4.2, null, undefined]) {
      const e = errorOf(classify({ type: "guess", value }, rules, KNOWN));
      assert.equal(e.code, "invalid_message", String(value));
      assert.equal(e.params.type, "guess");
      assert.match(
        String(e.params.detail),
        /^field "value": \S/,
        String(e.params.detail),
      );
    }
  });

  await t.step("hello after joining → invalid_message", () => {
    const e = errorOf(
      classify({ type: "hello", nickname: "ana", protocol: 1 }, rules, KNOWN),
    );
    assert.equal(e.code, "invalid_message");
    assert.equal(e.params.type, "hello");
    assert.equal(e.params.detail, "already joined");
  });

  await t.step("fuzz: any JSON value is classified without throwing", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({
            type: fc.constantFrom(
              "chat",
              "start",
              "choose",
              "stop",
              "lang",
              "ping",
              "quit",
              "guess",
              "hello",
              "x",
            ),
            text: fc.jsonValue(),
            game: fc.jsonValue(),
            lang: fc.jsonValue(),
            id: fc.jsonValue(),
            value: fc.jsonValue(),
          }, { requiredKeys: ["type"] }),
        ),
        fc.boolean(),
        (value, running) => {
          const r = classify(value, running ? rules : null, KNOWN);
          assert.ok(["lobby", "move", "error"].includes(r.kind));
          if (r.kind === "error") assert.equal(typeof r.code, "string");
        },
      ),
      { numRuns: 300 },
    );
  });
});

Deno.test("describeIssues", () => {
  const schema = z.object({ a: z.object({ b: z.number() }) });
  const r = schema.safeParse({ a: { b: "x" } });
  assert.equal(r.success, false);
  assert.match(describeIssues(r.error!), /^field "a\.b": /);
  const top = z.number().safeParse("x");
  assert.doesNotMatch(describeIssues(top.error!), /field/);
  assert.equal(describeIssues(new z.ZodError([])), "invalid");
});
