import assert from "node:assert/strict";
import { isMixedScript, nicknameSkeleton } from "./nickname.ts";

/** Look-alikes of `Alice` seen or tried; each must have Alice's skeleton or be mixed-script. */
const ALICE_LOOKALIKES = [
  "\u0410lice", // Cyrillic А
  "Al\u0456ce", // Cyrillic і
  "Ali\u0441e", // Cyrillic с
  "Alic\u0435", // Cyrillic е
  "\u0410l\u0456\u0441\u0435", // four Cyrillic letters
  "\u0391lice", // Greek Α
  "Ａｌｉｃｅ", // fullwidth
  "𝐀𝐥𝐢𝐜𝐞", // mathematical bold
  "𝘈𝘭𝘪𝘤𝘦", // mathematical sans-serif italic
  "ᴀʟɪᴄᴇ", // small capitals
  "AIice", // capital I for l
  "A1ice", // digit one for l
  "ALICE", // case only
  "alice", // case only
  "Al\u200Bice", // zero-width space
  "Al\u200Dice", // zero-width joiner
  "A\u2060lice", // word joiner
  "Ali\u0307ce", // combining dot
  "Alicé", // an accent
  "ΑΙΙce", // Greek capitals Alpha, Iota, Iota + Latin
  "AlIce", // capital I for i
];

Deno.test("nickname: look-alikes of Alice", async (t) => {
  const alice = nicknameSkeleton("Alice");
  assert.ok(ALICE_LOOKALIKES.length >= 17);
  for (const fake of ALICE_LOOKALIKES) {
    await t.step(JSON.stringify(fake), () => {
      assert.ok(
        nicknameSkeleton(fake) === alice || isMixedScript(fake),
        `${fake} -> ${nicknameSkeleton(fake)}`,
      );
    });
  }
});

Deno.test("nickname: every look-alike without the mixed-script rule still matches by skeleton", () => {
  const alice = nicknameSkeleton("Alice");
  const missed = ALICE_LOOKALIKES.filter((f) => nicknameSkeleton(f) !== alice);
  // Only mixed-script ones may escape the skeleton (the other rule catches them).
  assert.ok(missed.every(isMixedScript), missed.join(", "));
  assert.ok(missed.length <= 3, missed.join(", "));
});

Deno.test("nickname: ASCII look-alikes", () => {
  const same = (a: string, b: string) =>
    assert.equal(nicknameSkeleton(a), nicknameSkeleton(b), `${a} / ${b}`);
  same("Tom", "Torn");
  same("Owen", "0wen");
  same("Wanda", "VVanda");
  same("Lili", "L1l1");
});

Deno.test("nickname: distinct names stay distinct", () => {
  const pairs = [
    ["Ana", "Anna"],
    ["Léa", "Léo"],
    ["Alice", "Alicia"],
    ["Bob", "Rob"],
    ["Sam", "Sami"],
    ["Алиса", "Alice"],
    ["Zoé", "Chloé"],
    ["max", "max2"],
  ];
  for (const [a, b] of pairs) {
    assert.notEqual(nicknameSkeleton(a), nicknameSkeleton(b), `${a} / ${b}`);
  }
});

Deno.test("nickname: accents are dropped (Zoé and Zoe are one name)", () => {
  assert.equal(nicknameSkeleton("Zoé"), nicknameSkeleton("Zoe"));
  assert.equal(nicknameSkeleton("Zoë"), nicknameSkeleton("Zoe"));
});

Deno.test("nickname: mixed scripts", () => {
  assert.equal(isMixedScript("\u0410lice"), true);
  assert.equal(isMixedScript("\u0391lice"), true);
  assert.equal(isMixedScript("Алиса"), false);
  assert.equal(isMixedScript("Ζωή"), false);
  assert.equal(isMixedScript("Zoé_2"), false);
  assert.equal(isMixedScript("Алиса2"), false);
  assert.equal(isMixedScript("Ал\u03b9са"), true); // Cyrillic with a Greek iota
});
