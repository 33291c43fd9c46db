import assert from "node:assert/strict";
import { admit, type JoinRequest, type RoomDoor } from "./admission.ts";

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
