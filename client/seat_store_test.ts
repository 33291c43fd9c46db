import assert from "node:assert/strict";
import {
  SEAT_MAX_AGE_MS,
  SEATS_MAX_BYTES,
  SEATS_MAX_ENTRIES,
  SeatStore,
  seatStorePath,
  type SeatStoreProblem,
} from "./seat_store.ts";

async function withStore(
  fn: (
    store: SeatStore,
    ctx: {
      path: string;
      warnings: [SeatStoreProblem, string][];
      clock: { t: number };
    },
  ) => Promise<void>,
  maxBytes?: number,
): Promise<void> {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/state/lanplay/seats.json`;
  const warnings: [SeatStoreProblem, string][] = [];
  const clock = { t: 1_000_000 };
  const store = new SeatStore({
    path,
    now: () => clock.t,
    warn: (p, d) => warnings.push([p, d]),
    maxBytes,
  });
  try {
    await fn(store, { path, warnings, clock });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("seat store: saves, finds by room and nickname in any case, removes", async () => {
  await withStore(async (store, { warnings }) => {
    assert.equal(await store.token("r1", "Zoé"), null, "no file yet");
    await store.save("r1", "Zoé", "tok-a");
    await store.save("r2", "Zoé", "tok-b");
    await store.save("r1", "Ben", "tok-c");
    assert.equal(await store.token("r1", "ZOÉ"), "tok-a");
    assert.equal(await store.token("r1", "zoe\u0301"), "tok-a", "NFD");
    assert.equal(await store.token("r2", "zoé"), "tok-b");
    assert.equal(await store.token("r3", "zoé"), null, "another room");
    await store.save("r1", "ZOÉ", "tok-d");
    assert.equal(await store.token("r1", "Zoé"), "tok-d", "replaced");
    await store.remove("r1", "zoé");
    assert.equal(await store.token("r1", "Zoé"), null);
    assert.equal(await store.token("r1", "Ben"), "tok-c", "others kept");
    assert.deepEqual(warnings, []);
  });
});

Deno.test("seat store: found again by address (join --host), the newest first", async () => {
  await withStore(async (store, { clock }) => {
    await store.save("r1", "Zoé", "tok-a", "127.0.0.1:4000");
    clock.t += 10;
    await store.save("r2", "zoé", "tok-b", "127.0.0.1:4000");
    await store.save("r3", "zoé", "tok-c", "127.0.0.1:5000");
    const found = await store.atAddress("127.0.0.1:4000", "ZOÉ");
    assert.equal(found?.token, "tok-b");
    assert.equal(found?.room, "r2");
    assert.equal(await store.atAddress("127.0.0.1:4000", "ben"), null);
    assert.equal(await store.atAddress("127.0.0.1:6000", "zoé"), null);
  });
});

Deno.test("seat store: the file and its folder are private (0600, 0700)", async () => {
  await withStore(async (store, { path }) => {
    await store.save("r1", "ana", "secret");
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
    const dir = path.slice(0, path.lastIndexOf("/"));
    assert.equal((await Deno.stat(dir)).mode! & 0o777, 0o700);
    // A second save replaces the file by a new private one.
    await Deno.chmod(path, 0o644);
    await store.save("r1", "ben", "secret2");
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
    const leftovers = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    assert.deepEqual(
      leftovers,
      ["seats.json", "seats.json.lock"],
      "no temporary file left (the lock file stays, empty)",
    );
    assert.equal((await Deno.stat(`${path}.lock`)).mode! & 0o777, 0o600);
  });
});

Deno.test("seat store: entries older than a day are dropped", async () => {
  await withStore(async (store, { clock }) => {
    await store.save("r1", "old", "tok-old");
    clock.t += SEAT_MAX_AGE_MS - 1000;
    await store.save("r1", "new", "tok-new");
    assert.equal(await store.token("r1", "old"), "tok-old", "not yet");
    clock.t += 2000;
    assert.equal(await store.token("r1", "old"), null, "expired");
    assert.equal(await store.token("r1", "new"), "tok-new");
  });
});

Deno.test("seat store: a corrupted file is ignored with a warning, then replaced", async (t) => {
  const bad: [string, string | Uint8Array, SeatStoreProblem][] = [
    ["not JSON", "{oops", "not_json"],
    ["not UTF-8", new Uint8Array([0xff, 0xfe, 0x7b]), "not_json"],
    [
      "wrong shape",
      JSON.stringify({ version: 1, seats: [{ room: 1 }] }),
      "bad_shape",
    ],
    ["wrong version", JSON.stringify({ version: 2, seats: [] }), "bad_shape"],
    ["an array", "[]", "bad_shape"],
    ["null", "null", "bad_shape"],
    [
      "a prototype key",
      '{"version":1,"seats":[],"__proto__":{"polluted":1}}',
      "bad_shape",
    ],
  ];
  for (const [name, content, problem] of bad) {
    await t.step(name, async () => {
      await withStore(async (store, { path, warnings }) => {
        await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), {
          recursive: true,
        });
        if (typeof content === "string") {
          await Deno.writeTextFile(path, content);
        } else await Deno.writeFile(path, content);
        if (name === "a prototype key") {
          // Extra keys are stripped by the schema: the file is usable.
          assert.equal(await store.token("r1", "ana"), null);
          assert.equal(({} as Record<string, unknown>).polluted, undefined);
          return;
        }
        assert.equal(await store.token("r1", "ana"), null);
        assert.equal(warnings.length, 1, JSON.stringify(warnings));
        assert.equal(warnings[0][0], problem);
        await store.save("r1", "ana", "tok");
        assert.equal(await store.token("r1", "ana"), "tok", "replaced");
      });
    });
  }
});

Deno.test("seat store: a file over the size limit is not read", async () => {
  await withStore(async (store, { path, warnings }) => {
    await store.save("r1", "ana", "tok");
    const size = (await Deno.stat(path)).size;
    // Valid JSON, padded with spaces past the limit.
    const text = await Deno.readTextFile(path);
    await Deno.writeTextFile(path, text.trim() + " ".repeat(200));
    assert.equal(await store.token("r1", "ana"), null);
    assert.equal(warnings[0]?.[0], "too_large");
    // Just under the limit it is read.
    await Deno.writeTextFile(path, text.trim() + " ".repeat(100 - size));
    assert.equal(await store.token("r1", "ana"), "tok");
  }, 100);
  assert.equal(SEATS_MAX_BYTES, 64 * 1024);
});

Deno.test("seat store: at most SEATS_MAX_ENTRIES entries, the oldest go", async () => {
  await withStore(async (store, { clock, path }) => {
    for (let i = 0; i < SEATS_MAX_ENTRIES + 5; i++) {
      clock.t += 1;
      await store.save("r", `n${i}`, `t${i}`);
    }
    assert.equal(await store.token("r", "n0"), null);
    assert.equal(await store.token("r", "n5"), "t5");
    assert.equal(
      await store.token("r", `n${SEATS_MAX_ENTRIES + 4}`),
      `t${SEATS_MAX_ENTRIES + 4}`,
    );
    assert.ok((await Deno.stat(path)).size < SEATS_MAX_BYTES);
  });
});

Deno.test("seat store: path from the environment", () => {
  assert.equal(
    seatStorePath({ XDG_STATE_HOME: "/x", HOME: "/h" }),
    "/x/lanplay/seats.json",
  );
  assert.equal(
    seatStorePath({ XDG_STATE_HOME: "relative", HOME: "/h" }),
    "/h/.local/state/lanplay/seats.json",
    "a relative XDG_STATE_HOME is ignored (XDG spec)",
  );
  assert.equal(seatStorePath({}), null);
});

Deno.test("seat store: two programs saving at once keep both seats (file lock)", async () => {
  await withStore(async (store, { path, clock, warnings }) => {
    // A second program: its own store (its own queue) on the same file.
    const other = new SeatStore({ path, now: () => clock.t });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => [
        store.save("room", `ana${i}`, `a${i}`),
        other.save("room", `bob${i}`, `b${i}`),
      ]).flat(),
    );
    for (let i = 0; i < 12; i++) {
      assert.equal(await store.token("room", `ana${i}`), `a${i}`);
      assert.equal(await store.token("room", `bob${i}`), `b${i}`);
    }
    assert.deepEqual(warnings, []);
  });
});
