import assert from "node:assert/strict";
import {
  admit,
  type JoinRequest,
  type RoomDoor,
  samePin,
} from "./admission.ts";
import { nicknameSkeleton } from "../protocol/nickname.ts";

const req = (over: Partial<JoinRequest> = {}): JoinRequest => ({
  nickname: "ana",
  protocol: 1,
  lang: "en",
  mode: "json",
  ...over,
});
const door = (over: Partial<RoomDoor> = {}): RoomDoor => ({
  closed: false,
  size: 0,
  capacity: 4,
  hasNickname: () => false,
  ...over,
});
const code = (r: ReturnType<typeof admit>) => r.ok ? "ok" : r.code;

Deno.test("admission", async (t) => {
  await t.step("a valid nickname is seated, trimmed", () => {
    assert.deepEqual(admit(req({ nickname: " ana " }), door()), {
      ok: true,
      nickname: "ana",
    });
  });
  await t.step("each check refuses with its code; only some are fatal", () => {
    const cases: [ReturnType<typeof admit>, string, boolean][] = [
      [admit(req(), door({ closed: true })), "host_closed", true],
      [admit(req({ protocol: 9 }), door()), "version", true],
      [admit(req({ nickname: "a b" }), door()), "bad_nickname", false],
      [
        admit(req(), door({ hasNickname: (n) => n === "ana" })),
        "nickname_taken",
        false,
      ],
      [admit(req(), door({ size: 4 })), "room_full", true],
    ];
    for (const [r, c, fatal] of cases) {
      assert.equal(code(r), c);
      assert.equal(!r.ok && r.fatal, fatal, c);
    }
  });
  await t.step("the refusal is a sentence in the player's language", () => {
    const r = admit(req({ lang: "fr" }), door({ size: 1, capacity: 1 }));
    assert.equal(
      r.ok ? "" : r.message,
      "La salle est pleine (1 joueur) : réessayez plus tard.",
    );
  });
});

Deno.test("admission: PIN", async (t) => {
  const locked = door({ pin: "4711" });
  await t.step("no PIN, or an empty one, is pin_required (not fatal)", () => {
    for (const pin of [undefined, ""]) {
      const r = admit(req({ pin }), locked);
      assert.equal(code(r), "pin_required");
      assert.equal(!r.ok && r.fatal, false);
    }
  });
  await t.step(
    "a wrong PIN is bad_pin (not fatal: text mode asks again)",
    () => {
      for (const pin of ["4712", "471", "47110", " 4711"]) {
        const r = admit(req({ pin }), locked);
        assert.equal(code(r), "bad_pin", pin);
        assert.equal(!r.ok && r.fatal, false);
      }
    },
  );
  await t.step("the right PIN is seated; an open room ignores PINs", () => {
    assert.equal(code(admit(req({ pin: "4711" }), locked)), "ok");
    assert.equal(code(admit(req({ pin: "nope" }), door())), "ok");
  });
  await t.step("samePin compares whole values", () => {
    assert.equal(samePin("4711", "4711"), true);
    assert.equal(samePin("4711", "471"), false);
    assert.equal(samePin("", "4711"), false);
  });
});

Deno.test("admission: look-alike and mixed-script nicknames", async (t) => {
  const present = ["Alice"];
  const d = door({
    hasNickname: (n) =>
      present.some((p) => p.toLowerCase() === n.toLowerCase()),
    lookalikeOf: (sk) => present.find((p) => nicknameSkeleton(p) === sk),
  });
  await t.step("case only stays nickname_taken", () => {
    assert.equal(code(admit(req({ nickname: "ALICE" }), d)), "nickname_taken");
  });
  await t.step(
    "a look-alike is nickname_confusable and names the other",
    () => {
      for (const n of ["AIice", "A1ice", "Ａｌｉｃｅ", "𝐀𝐥𝐢𝐜𝐞", "ᴀʟɪᴄᴇ"]) {
        const r = admit(req({ nickname: n }), d);
        assert.equal(code(r), "nickname_confusable", n);
        assert.equal(!r.ok && r.fatal, false);
        assert.match(r.ok ? "" : r.message, /Alice/);
      }
    },
  );
  await t.step("Latin mixed with Cyrillic or Greek is refused", () => {
    for (const n of ["\u0410lice", "B\u043eb", "\u0391ndre"]) {
      assert.equal(
        code(admit(req({ nickname: n }), door())),
        "nickname_mixed_script",
        n,
      );
    }
  });
  await t.step("real distinct names still work", () => {
    for (const n of ["Alicia", "Ana", "Алиса", "Ζωή", "Bob_2"]) {
      assert.equal(code(admit(req({ nickname: n }), d)), "ok", n);
    }
  });
});

Deno.test("admission: bans", () => {
  const d = door({
    isBanned: (address, skeleton) =>
      address === "198.18.0.7" || skeleton === nicknameSkeleton("Mallory"),
  });
  const banned = admit(req({ address: "198.18.0.7" }), d);
  assert.equal(code(banned), "banned");
  assert.equal(!banned.ok && banned.fatal, true);
  assert.equal(
    code(admit(req({ nickname: "MaIlory", address: "198.18.0.8" }), d)),
    "banned",
  );
  assert.equal(code(admit(req({ address: "198.18.0.8" }), d)), "ok");
});
