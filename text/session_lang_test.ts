import assert from "node:assert/strict";
import { TextSession } from "./session.ts";

Deno.test("/lang confirms the switch, in the new language", () => {
  const s = new TextSession({}, "fr", "ana");
  assert.deepEqual(s.parse("/lang en"), {
    kind: "send",
    message: { type: "lang", lang: "en" },
    lines: ["Language: English."],
  });
  assert.deepEqual(s.parse("/lang fr"), {
    kind: "send",
    message: { type: "lang", lang: "fr" },
    lines: ["Langue : français."],
  });
  // An unknown language switches nothing and confirms nothing (the host
  // answers with an error).
  const unknown = s.parse("/lang xx");
  assert.equal(unknown.kind === "send" && unknown.lines, undefined);
  assert.equal(s.lang, "fr");
});
