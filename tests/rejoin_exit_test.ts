/**
 * `lanplay join` as a process against an in-process host on 127.0.0.1:
 * its exit codes, SIGTERM and SIGINT, the standings it prints, and a
 * killed bot started again that takes its seat back (its token on disk).
 */
import assert from "node:assert/strict";
import { LineClient, startHost, type TestHost } from "./support.ts";
import { startRelay } from "./rejoin_proxy.ts";
import { startFakeHost } from "../client/testing_host.ts";

const MOD = new URL("../mod.ts", import.meta.url).pathname;

/** A running `join`, whose output can be awaited. */
interface JoinProcess {
  child: Deno.ChildProcess;
  /** Everything printed on stdout so far. */
  out(): string;
  /** Resolves once stdout matches. */
  until(pred: (out: string) => boolean): Promise<void>;
  /** The exit code, stdout and stderr once it ended. */
  done: Promise<{ code: number; out: string; err: string }>;
}

function spawnJoin(args: string[], stateDir: string): JoinProcess {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MOD, "join", ...args],
    env: { XDG_STATE_HOME: stateDir, NO_COLOR: "1", LC_ALL: "en_US.UTF-8" },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let out = "";
  let err = "";
  const waiters: { pred: (o: string) => boolean; resolve: () => void }[] = [];
  const decoder = new TextDecoder();
  const reading = (async () => {
    for await (const chunk of child.stdout) {
      out += decoder.decode(chunk, { stream: true });
      for (const w of [...waiters]) {
        if (w.pred(out)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    }
  })();
  const errors = (async () => {
    for await (const chunk of child.stderr) err += decoder.decode(chunk);
  })();
  const done = (async () => {
    const status = await child.status;
    await reading;
    await errors;
    try {
      await child.stdin.close();
    } catch { /* closed */ }
    return { code: status.code, out, err };
  })();
  return {
    child,
    out: () => out,
    until: (pred) =>
      pred(out) ? Promise.resolve() : new Promise((resolve) => {
        waiters.push({ pred, resolve });
        // A process that ends without printing it fails the wait.
        done.then(() => {
          if (!pred(out)) {
            resolve();
          }
        });
      }),
    done,
  };
}

async function withStateDir(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir();
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function events(out: string): { type: string; [k: string]: unknown }[] {
  return out.split("\n").filter((l) => l.startsWith("{")).map((l) =>
    JSON.parse(l)
  );
}

async function seats(dir: string): Promise<{ nickname: string }[]> {
  try {
    return JSON.parse(await Deno.readTextFile(`${dir}/lanplay/seats.json`))
      .seats;
  } catch {
    return [];
  }
}

const joined = (host: TestHost, n: number) =>
  host.until((s) => s.players === n);

Deno.test("join: the host closes the room → exit 3, the final standings printed", async () => {
  await withStateDir(async (dir) => {
    const host = startHost();
    try {
      const p = spawnJoin(
        ["--host", `127.0.0.1:${host.port}`, "--name", "Zoé", "--lang", "fr"],
        dir,
      );
      await p.until((o) => o.includes("Test room"));
      assert.equal((await seats(dir)).length, 1, "the seat is on disk");
      host.room.close();
      const { code, out } = await p.done;
      assert.equal(code, 3);
      assert.match(out, /Classement final de la session — Test room/);
      assert.match(out, / → 1\. Zoé\s+0 pts/);
      assert.deepEqual(await seats(dir), [], "the seat is forgotten");
    } finally {
      await host.close();
    }
  });
});

Deno.test("join: SIGTERM is a clean quit → exit 143, the seat freed at once", async () => {
  await withStateDir(async (dir) => {
    const host = startHost();
    try {
      const p = spawnJoin(
        ["--host", `127.0.0.1:${host.port}`, "--name", "ana", "--json"],
        dir,
      );
      await joined(host, 1);
      await p.until((o) => o.includes('"type":"lobby"'));
      p.child.kill("SIGTERM");
      const { code } = await p.done;
      assert.equal(code, 143);
      // Quit, not lost: the seat is not held for a comeback.
      await joined(host, 0);
      assert.equal(host.room.nicknames().length, 0, "no seat held");
      assert.deepEqual(await seats(dir), []);
    } finally {
      await host.close();
    }
  });
});

Deno.test("join: SIGINT (not on a terminal) quits → exit 0", async () => {
  await withStateDir(async (dir) => {
    const host = startHost();
    try {
      const p = spawnJoin(
        ["--host", `127.0.0.1:${host.port}`, "--name", "ana", "--json"],
        dir,
      );
      await joined(host, 1);
      await p.until((o) => o.includes('"type":"lobby"'));
      p.child.kill("SIGINT");
      assert.equal((await p.done).code, 0);
      await joined(host, 0);
    } finally {
      await host.close();
    }
  });
});

Deno.test("join: kicked → exit 5; refused as banned → exit 5", async () => {
  await withStateDir(async (dir) => {
    const host = startHost();
    const lead = await LineClient.connect(host.port);
    try {
      await lead.next();
      await lead.send("teacher"); // the first player leads the room
      await joined(host, 1);
      const p = spawnJoin(
        ["--host", `127.0.0.1:${host.port}`, "--name", "eve", "--json"],
        dir,
      );
      await joined(host, 2);
      await p.until((o) => o.includes('"type":"lobby"'));
      await lead.send("/kick eve");
      const kicked = await p.done;
      assert.equal(kicked.code, 5, kicked.out + kicked.err);
      // A ban is by address, and the host's own machine is never banned:
      // a refusing host stands in for a ban.
      const banning = startFakeHost(() => [
        { type: "error", code: "banned", message: "You are banned." },
      ]);
      try {
        const again = spawnJoin(
          ["--host", `127.0.0.1:${banning.port}`, "--name", "eve2"],
          dir,
        );
        const { code, err } = await again.done;
        assert.equal(code, 5, err);
        assert.match(err, /You are banned\./);
      } finally {
        await banning.close();
      }
    } finally {
      await lead.close();
      await host.close();
    }
  });
});

Deno.test("join: a host that vanished and stays away → exit 4, the last known scores printed", async () => {
  await withStateDir(async (dir) => {
    const host = startHost({ graceMs: 1500 });
    const relay = startRelay(host.port);
    try {
      const p = spawnJoin(
        ["--host", `127.0.0.1:${relay.port}`, "--name", "ana", "--lang", "en"],
        dir,
      );
      await joined(host, 1);
      await p.until((o) => o.includes("ana"));
      await relay.close(); // every connection reset, nobody listening
      const { code, out } = await p.done;
      assert.equal(code, 4, out);
      assert.match(out, /Connection lost — reconnecting… \(attempt 1\)/);
      assert.match(out, /Last known session scores \(the host vanished\)/);
      assert.match(out, / → 1\. ana\s+0 pts/);
      assert.equal((await seats(dir)).length, 1, "a lost seat is kept");
    } finally {
      await relay.close();
      await host.close();
    }
  });
});

Deno.test("join: a killed bot started again takes its seat back (token on disk)", async () => {
  await withStateDir(async (dir) => {
    const host = startHost();
    try {
      const args = [
        "--host",
        `127.0.0.1:${host.port}`,
        "--name",
        "Robo",
        "--bot",
        "--json",
      ];
      const first = spawnJoin(args, dir);
      await first.until((o) => o.includes('"type":"welcome"'));
      const welcome1 = events(first.out()).find((e) => e.type === "welcome")!;
      assert.equal(welcome1.rejoined, false);
      first.child.kill("SIGKILL");
      await first.done;
      // The host holds the seat (the connection reset: away, not here).
      await joined(host, 0);
      assert.equal(host.room.nicknames().length, 1, "the seat is held");
      const second = spawnJoin([
        "--name",
        "robo",
        ...args.slice(0, 2),
        "--bot",
        "--json",
      ], dir);
      await second.until((o) => o.includes('"type":"welcome"'));
      const welcome2 = events(second.out()).find((e) => e.type === "welcome")!;
      assert.equal(welcome2.rejoined, true);
      assert.deepEqual(welcome2.you, welcome1.you, "same id and nickname");
      assert.equal(host.room.summary().players, 1);
      second.child.kill("SIGTERM");
      assert.equal((await second.done).code, 143);
    } finally {
      await host.close();
    }
  });
});
