import assert from "node:assert/strict";
import {
  helloSchema,
  lobbySchemas,
  NICKNAME_PATTERN,
  nicknameSchema,
  OPTIONS_MAX,
} from "./messages.ts";
import { CHAT_MAX, NICKNAME_MAX } from "./constants.ts";

const ok = (r: { success: boolean }, what: string) =>
  assert.equal(r.success, true, what);
const ko = (r: { success: boolean }, what: string) =>
  assert.equal(r.success, false, what);

Deno.test("helloSchema", async (t) => {
  await t.step("valid hellos", () => {
    ok(
      helloSchema.safeParse({ type: "hello", nickname: "ana", protocol: 1 }),
      "minimal",
    );
    const full = helloSchema.parse({
      type: "hello",
      nickname: "Zoé",
      protocol: 1,
      lang: "fr",
      token: "t-1",
      pin: "1234",
      hostKey: "k",
      client: "lanplay 0.1",
      capabilities: ["chat", "text-mode"],
      extra: "ignored",
    });
    assert.equal(full.lang, "fr");
    assert.deepEqual(full.capabilities, ["chat", "text-mode"]);
    assert.equal("extra" in full, false, "unknown keys are stripped");
  });

  await t.step("the nickname rules are not helloSchema's job", () => {
    // Room.join checks nicknames with nicknameSchema; hello only bounds size.
    ok(
      helloSchema.safeParse({ type: "hello", nickname: "a b", protocol: 1 }),
      "space",
    );
    ok(
      helloSchema.safeParse({
        type: "hello",
        nickname: "x".repeat(17),
        protocol: 1,
      }),
      "17",
    );
    ko(
      helloSchema.safeParse({
        type: "hello",
        nickname: "x".repeat(201),
        protocol: 1,
      }),
      "201",
    );
  });

  await t.step("invalid hellos", () => {
    const base = { type: "hello", nickname: "ana", protocol: 1 };
    const bad: [string, unknown][] = [
      ["missing protocol", { type: "hello", nickname: "ana" }],
      ["missing nickname", { type: "hello", protocol: 1 }],
      ["protocol as string", { ...base, protocol: "1" }],
      ["protocol not an integer", { ...base, protocol: 1.5 }],
      ["negative protocol", { ...base, protocol: -1 }],
      ["wrong type", { ...base, type: "helo" }],
      ["lang de", { ...base, lang: "de" }],
      ["nickname not a string", { ...base, nickname: 42 }],
      ["pin too long", { ...base, pin: "1".repeat(33) }],
      ["capabilities not strings", { ...base, capabilities: [1] }],
      ["too many capabilities", { ...base, capabilities: Array(33).fill("x") }],
      ["null", null],
      ["array", [base]],
    ];
    for (const [what, value] of bad) ko(helloSchema.safeParse(value), what);
  });
});

Deno.test("nicknameSchema", async (t) => {
  await t.step("accents, digits and _ - . are fine", () => {
    for (const n of ["Zoé", "Émile", "Çağla", "李雷", "ana_2", "j-p.m", "Ω"]) {
      assert.equal(nicknameSchema.parse(n), n, n);
    }
  });
  await t.step("length: 1 to 16 characters", () => {
    assert.equal(NICKNAME_MAX, 16);
    ok(nicknameSchema.safeParse("x".repeat(16)), "16");
    ok(nicknameSchema.safeParse("é".repeat(16)), "16 accented");
    ko(nicknameSchema.safeParse("x".repeat(17)), "17");
    ko(nicknameSchema.safeParse(""), "empty");
    ko(nicknameSchema.safeParse("   "), "blank");
  });
  await t.step("trimmed before the checks", () => {
    assert.equal(nicknameSchema.parse("  ana \t"), "ana");
    assert.equal(
      nicknameSchema.parse(" " + "x".repeat(16) + " "),
      "x".repeat(16),
    );
  });
  await t.step("spaces, punctuation, emoji, controls refused", () => {
    for (
      const n of [
        "a b",
        "a\tb",
        "a!",
        "<b>",
        "a@b",
        "😀",
        "a\u0000",
        "a/b",
        "a\nb",
      ]
    ) {
      ko(nicknameSchema.safeParse(n), JSON.stringify(n));
      assert.equal(NICKNAME_PATTERN.test(n), false, JSON.stringify(n));
    }
  });
  await t.step("not a string refused", () => {
    ko(nicknameSchema.safeParse(12), "number");
    ko(nicknameSchema.safeParse(null), "null");
  });
});

Deno.test("lobbySchemas", async (t) => {
  await t.step("chat", () => {
    const chat = lobbySchemas.chat;
    assert.deepEqual(chat.parse({ type: "chat", text: "  salut  " }), {
      type: "chat",
      text: "salut",
    });
    ok(chat.safeParse({ type: "chat", text: "x".repeat(CHAT_MAX) }), "300");
    ko(chat.safeParse({ type: "chat", text: "x".repeat(CHAT_MAX + 1) }), "301");
    ko(chat.safeParse({ type: "chat", text: "" }), "empty");
    ko(chat.safeParse({ type: "chat", text: " \t " }), "blank");
    ko(chat.safeParse({ type: "chat" }), "missing text");
    ko(chat.safeParse({ type: "chat", text: 5 }), "number");
    ko(chat.safeParse({ type: "start", text: "x" }), "wrong type");
  });
  await t.step("start", () => {
    const start = lobbySchemas.start;
    ok(start.safeParse({ type: "start" }), "bare");
    ok(
      start.safeParse({
        type: "start",
        game: "justeprix",
        options: { max: 50 },
      }),
      "full",
    );
    ko(start.safeParse({ type: "start", game: 1 }), "game number");
    ko(
      start.safeParse({ type: "start", game: "x".repeat(41) }),
      "game too long",
    );
    ko(start.safeParse({ type: "start", options: "max=50" }), "options string");
  });
  await t.step("choose", () => {
    const choose = lobbySchemas.choose;
    ok(choose.safeParse({ type: "choose", game: "justeprix" }), "game");
    ok(
      choose.safeParse({
        type: "choose",
        game: "qcm",
        options: { file: "q.json" },
      }),
      "options",
    );
    ko(choose.safeParse({ type: "choose" }), "missing game");
    ko(choose.safeParse({ type: "choose", game: null }), "null game");
  });
  await t.step("stop and quit", () => {
    ok(lobbySchemas.stop.safeParse({ type: "stop" }), "stop");
    ko(lobbySchemas.stop.safeParse({ type: "quit" }), "stop as quit");
    ok(lobbySchemas.quit.safeParse({ type: "quit" }), "quit");
    ko(lobbySchemas.quit.safeParse({}), "no type");
  });
  await t.step("lang", () => {
    ok(lobbySchemas.lang.safeParse({ type: "lang", lang: "fr" }), "fr");
    ok(lobbySchemas.lang.safeParse({ type: "lang", lang: "en" }), "en");
    ko(lobbySchemas.lang.safeParse({ type: "lang", lang: "de" }), "de");
    ko(lobbySchemas.lang.safeParse({ type: "lang", lang: "FR" }), "FR");
    ko(lobbySchemas.lang.safeParse({ type: "lang" }), "missing");
  });
  await t.step("ping", () => {
    ok(lobbySchemas.ping.safeParse({ type: "ping" }), "no id");
    ok(lobbySchemas.ping.safeParse({ type: "ping", id: 7 }), "number id");
    ok(lobbySchemas.ping.safeParse({ type: "ping", id: "abc" }), "string id");
    ko(
      lobbySchemas.ping.safeParse({ type: "ping", id: "x".repeat(65) }),
      "long id",
    );
    ko(
      lobbySchemas.ping.safeParse({ type: "ping", id: { a: 1 } }),
      "object id",
    );
  });
});

Deno.test({
  name: "nicknameSchema accepts decomposed accents (NFD) as the same nickname",
  // BUG: protocol/messages.ts nicknameSchema: "Zoe\u0301" (NFD, as some
  // keyboards and macOS file names produce) is refused because U+0301 is a
  // mark (\p{M}), not a letter; and were it accepted, "Zoé" NFC and NFD
  // would be two different nicknames. Fix: normalize before checking,
  // `z.string().trim().normalize("NFC").min(1)...`.
  fn() {
    assert.equal(nicknameSchema.parse("Zoe\u0301"), "Zoé");
  },
});

Deno.test("game options: a plain object, never a throw", () => {
  const choose = lobbySchemas.choose;
  const ok = (options: unknown) =>
    choose.safeParse({ type: "choose", game: "qcm", options }).success;
  assert.equal(ok(JSON.parse('{"constructor": null}')), true); // the game refuses it later
  assert.equal(ok(JSON.parse('{"__proto__": {"x": 1}}')), false);
  assert.equal(ok(null), false);
  assert.equal(ok([1]), false);
  assert.equal(
    ok(Object.fromEntries([...Array(OPTIONS_MAX)].map((_, i) => [`o${i}`, i]))),
    true,
  );
  assert.equal(
    ok(
      Object.fromEntries(
        [...Array(OPTIONS_MAX + 1)].map((_, i) => [`o${i}`, i]),
      ),
    ),
    false,
  );
});
