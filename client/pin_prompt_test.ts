import assert from "node:assert/strict";
import type { Key } from "./keys.ts";
import { askPin, PIN_MAX, pinScreen } from "./pin_prompt.ts";
import type { Terminal } from "./terminal.ts";
import { HOSTILE } from "./testing.ts";
import { isClean } from "../text/sanitize.ts";

/** A terminal that plays `keys`, then ends. */
function scripted(keys: Key[]): Terminal & { out: string[]; entered: number } {
  const out: string[] = [];
  const term = {
    tty: true,
    color: false,
    out,
    entered: 0,
    size: () => ({ columns: 80, rows: 24 }),
    write: (text: string) => void out.push(text),
    async *input() {
      for (const k of keys) yield await Promise.resolve(k);
      yield { kind: "eof" } as Key;
    },
    enter() {
      term.entered++;
    },
    leave() {
      term.entered--;
    },
    onResize: () => () => {},
  };
  return term;
}

const chars = (text: string): Key[] =>
  [...text].map((c) => ({ kind: "char", text: c }));

Deno.test("PIN prompt", async (t) => {
  await t.step("masked: the PIN never reaches the screen", async () => {
    const term = scripted([...chars("9876"), { kind: "enter" }]);
    assert.equal(await askPin(term, "en", { room: "Salle 12" }), "9876");
    const out = term.out.join("");
    // deno-lint-ignore no-control-regex
    const text = out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
    assert.ok(!/[6-9]/.test(text), text);
    assert.ok(out.includes("••••"));
    assert.equal(term.entered, 0, "the screen is left");
  });

  await t.step("Backspace removes, Enter on nothing waits", async () => {
    const term = scripted([
      { kind: "enter" },
      ...chars("12"),
      { kind: "backspace" },
      ...chars("3"),
      { kind: "enter" },
    ]);
    assert.equal(await askPin(term, "fr", { room: "Salle" }), "13");
  });

  await t.step("Escape, Ctrl-C or the end of input give up", async () => {
    for (const kind of ["escape", "interrupt", "eof"] as const) {
      const term = scripted([...chars("12"), { kind }]);
      assert.equal(await askPin(term, "en", { room: "Salle" }), null);
    }
  });

  await t.step(`at most ${PIN_MAX} characters`, async () => {
    const term = scripted([...chars("7".repeat(50)), { kind: "enter" }]);
    assert.equal(
      (await askPin(term, "en", { room: "Salle" }))?.length,
      PIN_MAX,
    );
  });

  await t.step("the host's sentence and the room name as text", () => {
    const lines = pinScreen(
      "fr",
      { room: "Salle" + HOSTILE, message: "Mauvais code." + HOSTILE },
      3,
      200,
      false,
    );
    assert.match(lines.join("\n"), /Mauvais code\./);
    assert.match(lines.at(-1)!, /Code PIN de la salle « Salle.*» : •••$/);
    for (const l of lines) assert.ok(isClean(l), JSON.stringify(l));
  });
});
