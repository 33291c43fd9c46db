import assert from "node:assert/strict";
import {
  assertRoomAd,
  EPOCH_MAX,
  epochProblem,
  GAME_MAX,
  HOST_ID_MAX,
  hostIdProblem,
  instanceLabel,
  NAME_MAX,
  PLAYERS_MAX,
  PROTOCOL_MAX,
  type RoomAd,
  roomAdProblem,
  roomAdSchema,
} from "./room_ad.ts";
import { decodeDiscoveryPacket, encodeAd } from "./packet.ts";
import { adToTxt, type TxtRecord, txtToAd } from "./mdns_txt.ts";
import { DiscoveryPacketError } from "./errors.ts";
import { sampleAd, SIZED_SIGNATURE } from "./testing.ts";

const S = SIZED_SIGNATURE;

const ad: RoomAd = sampleAd({ locked: false });

/** Each limit: values just inside (accepted) and just outside (refused). */
const LIMITS: Array<{ field: keyof RoomAd; ok: unknown[]; bad: unknown[] }> = [
  {
    field: "hostId",
    ok: ["h", "h".repeat(HOST_ID_MAX), "Az09_.:-"],
    bad: ["", "h".repeat(HOST_ID_MAX + 1), "a b", "é", "a/b", 5, null],
  },
  {
    field: "name",
    ok: ["n", "n".repeat(NAME_MAX), "Salle é 🎲", "a b"],
    bad: [
      "",
      "n".repeat(NAME_MAX + 1),
      "   ",
      "a\u0000b",
      "a\nb",
      "a\u001fb",
      "a\u007fb",
      "a\ud800",
      5,
    ],
  },
  { field: "port", ok: [1, 65535], bad: [0, 65536, 1.5, "50026", -1] },
  {
    field: "game",
    ok: ["", "g".repeat(GAME_MAX), "a-b_9"],
    bad: ["g".repeat(GAME_MAX + 1), "QCM", "a.b", "a b", 1],
  },
  {
    field: "players",
    ok: [0, PLAYERS_MAX],
    bad: [-1, PLAYERS_MAX + 1, 1.5, "3", NaN],
  },
  { field: "capacity", ok: [1, PLAYERS_MAX], bad: [0, PLAYERS_MAX + 1, 2.5] },
  { field: "state", ok: ["lobby", "playing"], bad: ["open", "", "LOBBY"] },
  { field: "locked", ok: [true, false], bad: ["yes", 0, null] },
  {
    field: "protocol",
    ok: [1, PROTOCOL_MAX],
    bad: [0, PROTOCOL_MAX + 1, 1.5],
  },
  {
    field: "epoch",
    ok: [0, 1, EPOCH_MAX],
    bad: [-1, EPOCH_MAX + 1, 1.5, "1", null],
  },
];

const enc = (s: string) => new TextEncoder().encode(s);
const beacon = (a: Record<string, unknown>) =>
  enc(
    JSON.stringify({
      magic: "lanplay",
      v: 1,
      type: "ad",
      ...a,
      every: 1500,
      ...S,
    }),
  );

const TXT_KEY: Partial<Record<keyof RoomAd, string>> = {
  hostId: "id",
  game: "game",
  players: "players",
  capacity: "cap",
  state: "state",
  protocol: "proto",
  epoch: "ep",
};

/** The ad with `field` set to `value`, read back from an mDNS TXT record. */
function viaTxt(field: keyof RoomAd, value: unknown): RoomAd | null {
  const txt: TxtRecord = adToTxt(ad, S);
  let name = ad.name, port: unknown = ad.port;
  if (field === "name") name = value as string;
  else if (field === "port") port = value;
  else if (field === "locked") {
    txt.pin = value === true ? "yes" : value === false ? "no" : String(value);
  } else txt[TXT_KEY[field]!] = String(value);
  return txtToAd(name, port as number, txt)?.ad ?? null;
}

Deno.test("every limit of an ad, on every path", async (t) => {
  for (const { field, ok, bad } of LIMITS) {
    await t.step(field, () => {
      for (const value of ok) {
        const a = { ...ad, [field]: value };
        const shown = JSON.stringify(value);
        assert.equal(roomAdProblem(a), null, `${field} = ${shown}`);
        assert.deepEqual(decodeDiscoveryPacket(beacon(a)), {
          type: "ad",
          ad: a,
          every: 1500,
          ...S,
        }, `beacon with ${field} = ${shown}`);
        assert.deepEqual(
          viaTxt(field, value),
          a,
          `TXT with ${field} = ${shown}`,
        );
      }
      for (const value of bad) {
        const a = { ...ad, [field]: value };
        const shown = JSON.stringify(value);
        assert.match(
          roomAdProblem(a) ?? "accepted",
          new RegExp(`^${field} must be`),
          `${field} = ${shown}`,
        );
        assert.throws(
          () => encodeAd(a as RoomAd, 1500, S),
          (e) => e instanceof DiscoveryPacketError && e.code === "bad_ad",
        );
        if (typeof value === typeof ok[0] && field !== "locked") {
          // Only a value of the right type can be written in a TXT record.
          assert.equal(viaTxt(field, value), null, `TXT ${field} = ${shown}`);
        }
        if (!Number.isNaN(value)) {
          assert.equal(
            decodeDiscoveryPacket(beacon(a)),
            null,
            `beacon with ${field} = ${shown}`,
          );
        }
      }
    });
  }
  await t.step("a missing field is refused", () => {
    for (const { field } of LIMITS) {
      const a: Record<string, unknown> = { ...ad };
      delete a[field];
      assert.match(roomAdProblem(a) ?? "accepted", new RegExp(`^${field} `));
      if (field === "epoch") continue; // read as 0 on the wire (below)
      assert.equal(decodeDiscoveryPacket(beacon(a)), null);
    }
  });
  await t.step("a missing epoch on the wire is 0 (an older host)", () => {
    const { epoch: _e, ...older } = { ...ad, epoch: 5 };
    const p = decodeDiscoveryPacket(beacon(older));
    assert.equal(p?.type === "ad" && p.ad.epoch, 0);
    const txt: TxtRecord = adToTxt({ ...ad, epoch: 5 }, S);
    delete txt.ep;
    assert.equal(txtToAd(ad.name, ad.port, txt)?.ad.epoch, 0);
    assert.equal(epochProblem(5), null);
    assert.equal(epochProblem(-1), roomAdProblem({ ...ad, epoch: -1 }));
  });
});

Deno.test("problems are reported in a fixed order, in plain words", () => {
  assert.equal(roomAdProblem(null), "ad must be an object");
  assert.equal(roomAdProblem([]), "ad must be an object");
  assert.equal(
    roomAdProblem({ ...ad, players: -1, capacity: 0 }),
    "capacity must be 1..10000",
  );
  assert.equal(
    roomAdProblem({ ...ad, name: "", hostId: "" }),
    "hostId must be 1 to 64 characters among A-Z a-z 0-9 _ . : -",
  );
  assert.equal(hostIdProblem("h1"), null);
  assert.equal(hostIdProblem("a b"), roomAdProblem({ ...ad, hostId: "a b" }));
});

Deno.test("the schema drops unknown keys and keeps the ad as is", () => {
  const parsed = roomAdSchema.parse({ ...ad, pin: "1234" });
  assert.deepEqual(parsed, ad);
  assert.equal(roomAdSchema.parse({ ...ad, name: " x " }).name, " x ");
});

Deno.test("assertRoomAd throws a coded error with the problem", () => {
  assert.throws(
    () => assertRoomAd({ ...ad, port: 0 }),
    (e) =>
      e instanceof DiscoveryPacketError && e.code === "bad_ad" &&
      e.params.problem === "port must be an integer 1..65535" &&
      e.message ===
        "Cannot announce this room: port must be an integer 1..65535. Fix the room settings.",
  );
  assertRoomAd(ad);
});

Deno.test("instance label", () => {
  assert.equal(instanceLabel("Salle 1.2"), "Salle 1-2");
  assert.equal(instanceLabel("é".repeat(31)), "é".repeat(31));
  assert.equal(instanceLabel("é".repeat(64)), "é".repeat(31));
  assert.ok(
    new TextEncoder().encode(instanceLabel("🎲".repeat(20))).length <= 63,
  );
});
