/**
 * Join by discovery and play, on a LAN of network namespaces: a headless
 * host in one namespace, two bots in two others that are given no address
 * (`join --bot` without `--host`): they must find the room by mDNS/UDP,
 * join it and finish a game of juste prix. `join --list --json` must see
 * the room through both channels. Skipped (with the reason printed) when
 * namespaces are not available (needs root and iproute2).
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  createLan,
  type LanNode,
  type LanProcess,
  lanSkipReason,
  run,
} from "./lan_harness.ts";

const MOD = new URL("../../mod.ts", import.meta.url).pathname;
const ROOM = "Salle LAN";

const skip = await lanSkipReason();
if (skip) console.warn(`SKIP join LAN test: ${skip}`);

/** `deno run` of the program, from the cache only (namespaces are offline). */
function lanplay(args: string[]): string[] {
  return ["deno", "run", "-A", "--cached-only", MOD, ...args];
}

/** One JSON event per line; other lines are skipped. */
function events(lines: string[]): { type: string; [k: string]: unknown }[] {
  const out = [];
  for (const l of lines) {
    try {
      const v = JSON.parse(l);
      if (v && typeof v.type === "string") out.push(v);
    } catch { /* not JSON */ }
  }
  return out;
}

const PRINT = /fingerprint: ([0-9A-F]{4}-[0-9A-F]{4})/;

/** The fingerprint a host prints at start ("Room fingerprint: 7F3A-91C2"). */
async function fingerprintOf(p: LanProcess): Promise<string> {
  const { line } = await p.stdout.waitFor((l) => PRINT.test(l), 10_000);
  return line.match(PRINT)![1];
}

async function stop(p: LanProcess): Promise<void> {
  p.kill("SIGTERM");
  await p.done();
}

async function startHost(node: LanNode): Promise<LanProcess> {
  const p = node.spawn(lanplay([
    "host",
    "--headless",
    "--players",
    "2",
    "--rounds",
    "1",
    "--max",
    "50",
    "--lang",
    "en",
    "--name",
    ROOM,
  ]));
  try {
    await p.stdout.waitFor((l) => l.includes(`open on`), 20_000);
  } catch (e) {
    p.kill("SIGKILL");
    await p.done();
    throw new Error(
      `the host did not start: ${(e as Error).message}\n${
        p.stderr.lines.join("\n")
      }`,
    );
  }
  return p;
}

Deno.test({
  name: "join by discovery and play on a namespace LAN",
  ignore: skip !== null,
  sanitizeOps: true,
  sanitizeResources: true,
}, async (t) => {
  const cached = await run(["deno", "cache", MOD]);
  assert.equal(cached.code, 0, cached.stderr);
  const lan = await createLan([{ name: "h1" }, { name: "p1" }, { name: "p2" }]);
  const procs: LanProcess[] = [];
  try {
    const h1 = lan.node("h1");
    const host = await startHost(h1);
    procs.push(host);
    const hostAddress = h1.addresses[0];
    assert.ok(
      host.stdout.lines.some((l) => l.includes(`${hostAddress}:50026`)),
      host.stdout.lines.join("\n"),
    );

    await t.step(
      "join --list --json sees the room by mDNS and broadcast",
      async () => {
        const r = await lan.node("p1").exec(
          lanplay(["join", "--list", "--json", "--timeout", "3000"]),
        );
        assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
        const rooms = r.stdout.split("\n").filter(Boolean).map((l) =>
          JSON.parse(l)
        );
        assert.equal(rooms.length, 1, r.stdout);
        const room = rooms[0];
        assert.equal(room.name, ROOM);
        assert.equal(room.address, hostAddress);
        assert.equal(room.port, 50026);
        assert.equal(room.game, "justeprix");
        assert.equal(room.state, "lobby");
        assert.equal(room.players, 0);
        assert.ok(
          room.via.includes("mdns") && room.via.includes("broadcast"),
          `via ${JSON.stringify(room.via)}`,
        );
      },
    );

    await t.step(
      "two bots find the room, join and finish the game",
      async () => {
        const bots = ["p1", "p2"].map((name) => {
          const p = lan.node(name).spawn(lanplay([
            "join",
            "--bot",
            "--games",
            "1",
            "--json",
            "--name",
            `bot-${name}`,
            "--lang",
            "fr",
          ]));
          procs.push(p);
          return p;
        });
        const statuses = await Promise.all(bots.map((b) => b.done()));
        for (const [i, b] of bots.entries()) {
          const name = `bot-p${i + 1}`;
          const all = `${b.stdout.lines.join("\n")}\n${
            b.stderr.lines.join("\n")
          }`;
          assert.equal(statuses[i].code, 0, all);
          const ev = events(b.stdout.lines);
          const connected = ev.find((e) => e.type === "connected");
          assert.ok(connected, all);
          assert.equal(connected.room, ROOM);
          assert.equal(connected.you, name);
          assert.ok(ev.some((e) => e.type === "game_start"), all);
          const hints = ev.filter((e) => e.type === "hint");
          assert.ok(
            hints.length >= 1 && hints.length <= 6,
            `${hints.length} guesses`,
          );
          assert.equal(hints.at(-1)!.hint, "found", all);
          const end = ev.find((e) => e.type === "game_end") as
            | { ranking: { nickname: string; points: number; rank: number }[] }
            | undefined;
          assert.ok(end, all);
          assert.deepEqual(
            end.ranking.map((r) => r.nickname).sort(),
            ["bot-p1", "bot-p2"],
          );
          assert.ok(
            end.ranking.every((r) => r.points > 0),
            JSON.stringify(end),
          );
        }
        // Both saw the same game end.
        const ends = bots.map((b) =>
          JSON.stringify(
            events(b.stdout.lines).find((e) => e.type === "game_end")!.ranking,
          )
        );
        assert.equal(ends[0], ends[1]);
      },
    );

    await t.step(
      "a look-alike room with the same name: join --room asks for the fingerprint",
      async () => {
        const fake = await startHost(lan.node("p2"));
        procs.push(fake);
        const realPrint = await fingerprintOf(host);
        const fakePrint = await fingerprintOf(fake);
        assert.notEqual(realPrint, fakePrint);
        const r = await lan.node("p1").exec(lanplay([
          "join",
          "--bot",
          "--room",
          ROOM,
          "--timeout",
          "5000",
          "--lang",
          "en",
        ]));
        assert.notEqual(r.code, 0, r.stdout);
        assert.match(r.stderr, /Several rooms are named/, r.stderr);
        assert.ok(r.stderr.includes(realPrint), r.stderr);
        assert.ok(r.stderr.includes(fakePrint), r.stderr);
        const list = await lan.node("p1").exec(lanplay([
          "join",
          "--list",
          "--json",
          "--timeout",
          "3000",
        ]));
        const rooms = list.stdout.split("\n").filter(Boolean).map((l) =>
          JSON.parse(l)
        );
        assert.deepEqual(
          rooms.map((x) => x.fingerprint).sort(),
          [realPrint, fakePrint].sort(),
        );
        await stop(fake);
      },
    );

    await t.step("the host logged the game and closes cleanly", async () => {
      await stop(host);
      const log = host.stdout.lines.join("\n");
      // Each bot came in over the LAN, from its own namespace's address.
      for (const name of ["p1", "p2"]) {
        const from = lan.node(name).addresses[0];
        assert.ok(
          host.stdout.lines.some((l) =>
            l.includes(`bot-${name}`) && l.includes(from)
          ),
          log,
        );
      }
      assert.match(log, /Room closed\./, log);
      assert.equal(
        host.stderr.lines.filter((l) => l.trim()).length,
        0,
        host.stderr.lines.join("\n"),
      );
    });
  } finally {
    await Promise.allSettled(procs.map((p) => stop(p)));
    await lan.close();
  }
});
