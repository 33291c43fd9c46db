import assert from "node:assert/strict";
import { parseKeys } from "./keys.ts";

Deno.test("keys", async (t) => {
  await t.step("printable, enter, backspace, arrows", () => {
    assert.deepEqual(parseKeys("ab\r\x7f\x1b[A\x1b[B\x1bOC\x1b[D"), [
      { kind: "char", text: "a" },
      { kind: "char", text: "b" },
      { kind: "enter" },
      { kind: "backspace" },
      { kind: "up" },
      { kind: "down" },
      { kind: "right" },
      { kind: "left" },
    ]);
  });
  await t.step("ctrl-c, ctrl-d, crlf counts once, emoji stays whole", () => {
    assert.deepEqual(parseKeys("\x03\x04\r\n😀"), [
      { kind: "interrupt" },
      { kind: "eof" },
      { kind: "enter" },
      { kind: "char", text: "😀" },
    ]);
  });
  await t.step("unknown escape sequences are dropped", () => {
    assert.deepEqual(parseKeys("\x1b[3~x"), [{ kind: "char", text: "x" }]);
  });
});
