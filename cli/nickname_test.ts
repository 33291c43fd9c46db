import assert from "node:assert/strict";
import { askNickname, defaultNickname, nicknameProblem } from "./nickname.ts";

/** A terminal that answers `answers` in turn, then end of input. */
function scripted(answers: string[]) {
  const asked: string[] = [];
  const ask = (question: string) => {
    asked.push(question);
    return answers.shift() ?? null;
  };
  return { asked, ask };
}

Deno.test("nickname prompt: a refused nickname is asked again, in the user's language", async (t) => {
  for (
    const [lang, fallback, refused, again] of [
      [
        "fr",
        "joueur",
        "Pseudo « Zoé Martin » refusé",
        "Autre pseudo : [joueur]",
      ],
      [
        "en",
        "player",
        "Nickname “Zoé Martin” refused",
        "Another nickname: [player]",
      ],
    ] as const
  ) {
    await t.step(lang, () => {
      const { asked, ask } = scripted(["Zoé Martin", "  Zoé  "]);
      assert.equal(askNickname(lang, fallback, undefined, ask), "Zoé");
      assert.equal(asked.length, 2);
      assert.ok(asked[0].endsWith(`[${fallback}]`), asked[0]);
      assert.ok(asked[1].startsWith(refused), asked[1]);
      assert.ok(asked[1].endsWith(again), asked[1]);
    });
  }
});

Deno.test("nickname prompt: too long, empty and end of input", () => {
  const long = scripted(["abcdefghijklmnopq", ""]);
  assert.equal(askNickname("en", "player", undefined, long.ask), "player");
  assert.equal(long.asked.length, 2, "17 characters are refused");
  assert.match(long.asked[1], /1 to 16 characters/);
  const sixteen = scripted(["abcdefghijklmnop"]);
  assert.equal(
    askNickname("en", "player", undefined, sixteen.ask),
    "abcdefghijklmnop",
  );
  const eof = scripted([]);
  assert.equal(askNickname("fr", "zoe", "Pseudo pris.", eof.ask), "zoe");
  assert.ok(eof.asked[0].startsWith("Pseudo pris."), eof.asked[0]);
});

Deno.test("nickname: the same rule as the host, the default in the user's language", () => {
  assert.equal(nicknameProblem("Zoé", "fr"), null);
  assert.equal(nicknameProblem("zoé_martin", "fr"), null);
  for (const bad of ["Zoé Martin", "", "a/b", "x".repeat(17)]) {
    assert.notEqual(nicknameProblem(bad, "en"), null, bad);
  }
  assert.equal(defaultNickname({}, "en"), "player");
  assert.equal(defaultNickname({}, "fr"), "joueur");
  assert.equal(defaultNickname({ USER: "zoé martin" }, "en"), "zoé_martin");
});
