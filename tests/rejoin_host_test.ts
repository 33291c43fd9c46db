/**
 * `lanplay host --headless` as a process on 127.0.0.1 (not announced):
 * SIGINT with players in asks on the log and a second one closes, an empty
 * room closes at the first; SIGTERM closes at once with exit 143; players
 * get bye with the standings, and the log prints them.
 */
import assert from "node:assert/strict";
import { Session } from "../client/session.ts";

const MOD = new URL("../mod.ts", import.meta.url).pathname;

interface HostProcess {
  child: Deno.ChildProcess;
  port: number;
  until(pred: (out: string) => boolean): Promise<void>;
  done: Promise<{ code: number; out: string; err: string }>;
}

async function spawnHost(lang: "fr" | "en"): Promise<HostProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      MOD,
      "host",
      "--headless",
      "--bind",
      "127.0.0.1",
      "--no-announce",
      "--port",
      "0",
      "--lang",
      lang,
      "--name",
      "Salle 9",
    ],
    env: { NO_COLOR: "1" },
    stdin: "null",
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
    return { code: status.code, out, err };
  })();
  const until = (pred: (o: string) => boolean) =>
    pred(out) ? Promise.resolve() : new Promise<void>((resolve) => {
      waiters.push({ pred, resolve });
      done.then(() => resolve()); // an early end fails the test's asserts
    });
  await until((o) => /127\.0\.0\.1:\d+/.test(o));
  const port = Number(/127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
  assert.ok(port > 0, out + err);
  return { child, port, until, done };
}

function joinAs(port: number, nickname: string): Promise<Session> {
  return Session.join({ host: "127.0.0.1", port, nickname, lang: "en" });
}

Deno.test("headless host: SIGINT with a player in asks, a second closes with the standings (exit 0)", async () => {
  const host = await spawnHost("en");
  const ana = await joinAs(host.port, "ana");
  try {
    const seen: { type: string; [k: string]: unknown }[] = [];
    const reading = (async () => {
      for await (const m of ana.messages()) seen.push(m);
    })();
    await host.until((o) => o.includes("ana"));
    host.child.kill("SIGINT");
    await host.until((o) =>
      o.includes("1 player in the room: Ctrl-C again within 5 s to close it.")
    );
    host.child.kill("SIGINT");
    const { code, out } = await host.done;
    assert.equal(code, 0);
    assert.match(out, /Final session standings — Salle 9\n\s+1\. ana\s+0 pts/);
    await reading;
    const bye = seen.find((m) => m.type === "bye")!;
    assert.equal(bye.reason, "host_closed");
    assert.deepEqual(bye.standings, [
      { id: ana.welcome.you.id, nickname: "ana", score: 0, rank: 1 },
    ]);
  } finally {
    ana.drop();
    try {
      host.child.kill("SIGKILL");
    } catch { /* ended */ }
    await host.done;
  }
});

Deno.test("headless host: an empty room closes at the first SIGINT (exit 0)", async () => {
  const host = await spawnHost("fr");
  host.child.kill("SIGINT");
  const { code, out } = await host.done;
  assert.equal(code, 0);
  assert.match(out, /Salle fermée\./);
  assert.doesNotMatch(out, /Ctrl-C encore/);
});

Deno.test("headless host: SIGTERM closes at once, players told (exit 143)", async () => {
  const host = await spawnHost("fr");
  const ana = await joinAs(host.port, "ana");
  try {
    const seen: string[] = [];
    const reading = (async () => {
      for await (const m of ana.messages()) seen.push(m.type);
    })();
    await host.until((o) => o.includes("ana"));
    host.child.kill("SIGTERM");
    const { code, out } = await host.done;
    assert.equal(code, 143);
    assert.match(out, /Classement final de la session — Salle 9/);
    await reading;
    assert.equal(seen.at(-1), "bye");
  } finally {
    ana.drop();
  }
});
