import assert from "node:assert/strict";
import fc from "fast-check";
import { CodedError } from "../../protocol/errors.ts";
import { JsonSyntaxError, parseJsonLocated } from "./json_locate.ts";

function syntaxError(text: string): JsonSyntaxError {
  try {
    parseJsonLocated(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) return e;
    throw e;
  }
  throw new Error(`expected a syntax error for ${JSON.stringify(text)}`);
}

Deno.test("parseJsonLocated", async (t) => {
  await t.step("a syntax error is a coded error with its position", () => {
    const e = syntaxError('{"a": 1,}');
    assert.ok(e instanceof CodedError);
    assert.equal(e.name, "JsonSyntaxError");
    assert.equal(e.code, "json_trailing_comma");
    assert.deepEqual([e.line, e.column], [1, 9]);
    assert.match(e.message, /^line 1, column 9: /);
  });

  await t.step("gives the same value as JSON.parse (property)", () => {
    fc.assert(
      fc.property(fc.json(), fc.integer({ min: 0, max: 4 }), (json, indent) => {
        const text = JSON.stringify(JSON.parse(json), null, indent);
        assert.deepEqual(parseJsonLocated(text).value, JSON.parse(text));
      }),
      { numRuns: 200 },
    );
  });

  await t.step("records where values and keys start", () => {
    const doc = parseJsonLocated(
      '{\n  "questions": [\n    { "question": "Q?",\n      "correct": [1, 2] }\n  ]\n}',
    );
    assert.deepEqual(doc.at([]), { line: 1, column: 1 });
    assert.deepEqual(doc.keyAt(["questions"]), { line: 2, column: 3 });
    assert.deepEqual(doc.at(["questions", 0]), { line: 3, column: 5 });
    assert.deepEqual(doc.at(["questions", 0, "question"]), {
      line: 3,
      column: 19,
    });
    assert.deepEqual(doc.at(["questions", 0, "correct", 1]), {
      line: 4,
      column: 22,
    });
    assert.equal(doc.at(["nothing"]), undefined);
  });

  await t.step("counts CRLF line ends once", () => {
    const doc = parseJsonLocated("[\r\n1,\r\n\r\n2]");
    assert.deepEqual(doc.at([1]), { line: 4, column: 1 });
  });

  await t.step("reports syntax errors with code and position", () => {
    const cases: [string, string, number, number][] = [
      ['{"a": 1,}', "json_trailing_comma", 1, 9],
      ["[1,\n 2,\n]", "json_trailing_comma", 3, 1],
      ['{"a" 1}', "json_expected_colon", 1, 6],
      ['{"a": 1 "b": 2}', "json_expected_comma_brace", 1, 9],
      ["[1 2]", "json_expected_comma_bracket", 1, 4],
      ["{a: 1}", "json_expected_key", 1, 2],
      ['{"a": tru}', "json_expected_value", 1, 7],
      ['{"a": "oops}', "json_unterminated_string", 1, 7],
      ['["a\nb"]', "json_control_char", 1, 4],
      ['["\\x"]', "json_bad_escape", 1, 3],
      ['{"a": [1, 2', "json_end", 1, 12],
      ["[1] [2]", "json_extra", 1, 5],
      ['{"a": 1, "a": 2}', "json_duplicate_key", 1, 10],
      ["-", "json_bad_number", 1, 1],
    ];
    for (const [text, code, line, column] of cases) {
      const e = syntaxError(text);
      assert.deepEqual([e.code, e.line, e.column], [code, line, column], text);
    }
  });

  await t.step("keeps a __proto__ key as plain data", () => {
    const doc = parseJsonLocated('{"__proto__": {"x": 1}}');
    const v = doc.value as Record<string, unknown>;
    assert.deepEqual(Object.keys(v), ["__proto__"]);
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
  });
});
