import assert from "node:assert/strict";
import { createRoomKey, proofData } from "../discovery/room_key.ts";
import { isClean } from "../text/sanitize.ts";
import { ConnectError, JoinRefusedError, RoomImpostorError } from "./errors.ts";
import { type Incoming, Session } from "./session.ts";
import { HOSTILE } from "./testing.ts";
import { startFakeHost, welcomeOf } from "./testing_host.ts";

const key = await createRoomKey();
const other = await createRoomKey();

/** The welcome of a host holding `k`, proving it for `hello`'s nonce. */
async function provenWelcome(
  hello: Record<string, unknown>,
  k = key,
  nonce = String(hello.nonce),
) {
  return welcomeOf(String(hello.nickname), {
    hostId: k.id,
    key: k.publicKey,
    proof: await k.sign(proofData(nonce)),
  });
}

/** Joins the test's fake host as ana, in English unless `extra` says. */
function joinAna(
  port: number,
  extra: Partial<Parameters<typeof Session.join>[0]> = {},
): Promise<Session> {
  return Session.join({
    host: "127.0.0.1",
    port,
    nickname: "ana",
    lang: "en",
    ...extra,
  });
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

Deno.test("session: hello carries a fresh nonce and the PIN", async () => {
  const host = startFakeHost(async (hello) => [await provenWelcome(hello)]);
  try {
    for (let i = 0; i < 2; i++) {
      const s = await joinAna(host.port, {
        pin: "1234",
      });
      await s.close();
    }
    const [a, b] = host.hellos;
    assert.match(String(a.nonce), /^[A-Za-z0-9_-]{24}$/);
    assert.notEqual(a.nonce, b.nonce);
    assert.equal(a.pin, "1234");
  } finally {
    await host.close();
  }
});

Deno.test("session: the room must prove its key", async (t) => {
  const cases: [string, (h: Record<string, unknown>) => Promise<unknown>][] = [
    ["a wrong key", (h) => provenWelcome(h, other)],
    ["a wrong proof", (h) => provenWelcome(h, key, "another-nonce")],
    ["a missing proof", async (h) => {
      const w = await provenWelcome(h);
      delete (w.room as Record<string, unknown>).proof;
      return w;
    }],
    ["a missing key", (h) => Promise.resolve(welcomeOf(String(h.nickname)))],
    ["a key that is not one", async (h) => {
      const w = await provenWelcome(h);
      w.room.key = "bm90IGEga2V5";
      return w;
    }],
  ];
  for (const [what, welcome] of cases) {
    await t.step(`${what}: refused as an impostor`, async () => {
      const host = startFakeHost(async (h) => [await welcome(h)]);
      try {
        await assert.rejects(
          joinAna(host.port, {
            expectedRoomId: key.id,
            roomName: "Salle 12",
          }),
          RoomImpostorError,
        );
      } finally {
        await host.close();
      }
    });
  }

  await t.step("the real room: accepted, fingerprint shown", async () => {
    const host = startFakeHost(async (h) => [await provenWelcome(h)]);
    try {
      const s = await joinAna(host.port, {
        expectedRoomId: key.id,
      });
      assert.equal(s.fingerprint, key.fingerprint);
      await s.close();
    } finally {
      await host.close();
    }
  });

  await t.step("--host: no expected id, the proven fingerprint", async () => {
    const host = startFakeHost(async (h) => [await provenWelcome(h, other)]);
    try {
      const s = await joinAna(host.port);
      assert.equal(s.fingerprint, other.fingerprint);
      await s.close();
    } finally {
      await host.close();
    }
  });

  await t.step("--host: a key it cannot prove is still refused", async () => {
    const host = startFakeHost(async (h) => [
      await provenWelcome(h, key, "another-nonce"),
    ]);
    try {
      await assert.rejects(
        joinAna(host.port, {
          lang: "fr",
        }),
        (e: unknown) =>
          e instanceof RoomImpostorError && /se fait passer/.test(e.message),
      );
    } finally {
      await host.close();
    }
  });

  await t.step("--host: a host without a key is unverified", async () => {
    const host = startFakeHost((h) => [welcomeOf(String(h.nickname))]);
    try {
      const s = await joinAna(host.port);
      assert.equal(s.fingerprint, null);
      await s.close();
    } finally {
      await host.close();
    }
  });
});

Deno.test("session: refusals the client never retries", async (t) => {
  for (
    const [type, code] of [
      ["error", "pin_required"],
      ["error", "bad_pin"],
      ["error", "pin_wait"],
      ["error", "banned"],
      ["error", "too_many_connections"],
      ["bye", "kicked"],
      ["bye", "handshake_timeout"],
    ]
  ) {
    await t.step(`${type} ${code}`, async () => {
      const msg = type === "error"
        ? { type, code, message: `No (${code}).` + HOSTILE }
        : { type, reason: code, message: `Bye (${code}).` };
      const host = startFakeHost(() => [msg]);
      try {
        await assert.rejects(
          joinAna(host.port),
          (e: unknown) =>
            e instanceof JoinRefusedError && e.code === code &&
            !e.retryable && isClean(e.message),
        );
      } finally {
        await host.close();
      }
    });
  }
  await t.step("nickname_taken stays retryable", async () => {
    const host = startFakeHost(() => [
      { type: "error", code: "nickname_taken", message: "Taken." },
    ]);
    try {
      await assert.rejects(
        joinAna(host.port),
        (e: unknown) => e instanceof JoinRefusedError && e.retryable,
      );
    } finally {
      await host.close();
    }
  });
});

Deno.test("session: every string from the host is sanitised", async () => {
  const hostile = [
    {
      type: "lobby",
      state: "lobby",
      game: "qcm",
      games: ["qcm"],
      autostart: null,
      players: [{
        id: "p2",
        nickname: HOSTILE,
        score: 0,
        leader: true,
        mode: "json",
        connected: true,
        ready: false,
      }],
    },
    { type: "joined", nickname: HOSTILE },
    { type: "chat", from: HOSTILE, text: HOSTILE, at: 1 },
    {
      type: "view",
      game: "qcm",
      view: { question: HOSTILE, choices: [HOSTILE] },
    },
    { type: "error", code: HOSTILE, message: HOSTILE },
    { [HOSTILE]: HOSTILE, type: "x" },
  ];
  const host = startFakeHost(async (h) => [
    {
      ...await provenWelcome(h),
      you: { id: "p1", nickname: HOSTILE, leader: false },
    },
    ...hostile,
    { type: "bye", reason: "host_closed", message: HOSTILE },
  ], { banner: `LANPLAY/1 ${HOSTILE}` });
  try {
    const s = await joinAna(host.port);
    const got: Incoming[] = [];
    for await (const m of s.messages()) {
      got.push(m);
      if (m.type === "bye") break;
    }
    await s.close();
    assert.equal(got.length, hostile.length + 1);
    const all = [s.banner, ...strings(s.welcome), ...strings(got)];
    assert.ok(all.some((x) => x.includes("␛]0;pwned␇")));
    for (const x of all) assert.ok(isClean(x), JSON.stringify(x));
  } finally {
    await host.close();
  }
});

Deno.test("session: a refusal instead of the banner is a refusal", async () => {
  const line = JSON.stringify({
    type: "error",
    code: "too_many_connections",
    message: "Too many connections from your address: try later." + HOSTILE,
  });
  const host = startFakeHost(() => [], { banner: line });
  try {
    await assert.rejects(
      joinAna(host.port),
      (e: unknown) =>
        e instanceof JoinRefusedError && e.code === "too_many_connections" &&
        !e.retryable && isClean(e.message),
    );
  } finally {
    await host.close();
  }
});

Deno.test("session: a host that stays silent cannot hang the client", async () => {
  const host = startFakeHost(() => []); // a banner, then nothing
  try {
    await assert.rejects(
      joinAna(host.port, {
        handshakeMs: 50,
      }),
      (e: unknown) =>
        e instanceof ConnectError && /did not answer the hello/.test(e.message),
    );
  } finally {
    await host.close();
  }
});
