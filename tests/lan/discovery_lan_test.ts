/**
 * Discovery on a LAN of network namespaces: 3 hosts, clients that find each
 * exactly once, updates, goodbye, crash, one channel blocked, a host on two
 * networks. Skipped (with the reason printed) when namespaces are not
 * available. Needs root, iproute2, iptables.
 */
import assert from "node:assert/strict";
import {
  createLan,
  type LanProcess,
  lanSkipReason,
  missingTool,
} from "./lan_harness.ts";
import {
  cacheEntries,
  type PrintedHost,
  startClient,
  startHost,
  stop,
  waitHosts,
} from "./lan_procs.ts";

const skip = (await lanSkipReason()) ??
  (await missingTool("iptables", "iptables"));
if (skip) console.warn(`SKIP discovery LAN tests: ${skip}`);

/**
 * Drops UDP to and from `port` in a node (the replies of one-shot queries
 * come *from* the port, so both directions are blocked).
 */
async function dropUdp(
  node: { exec(cmd: string[]): Promise<{ code: number; stderr: string }> },
  port: number,
): Promise<void> {
  for (const dir of ["--dport", "--sport"]) {
    const r = await node.exec([
      "iptables",
      "-A",
      "INPUT",
      "-p",
      "udp",
      dir,
      String(port),
      "-j",
      "DROP",
    ]);
    assert.equal(r.code, 0, r.stderr);
  }
}

const ids = (hosts: PrintedHost[]) => hosts.map((h) => h.hostId).sort();
const both = (h: PrintedHost) =>
  h.via.includes("mdns") && h.via.includes("broadcast");

Deno.test({
  name: "discovery on a namespace LAN",
  ignore: skip !== null,
  sanitizeOps: true,
  sanitizeResources: true,
}, async (t) => {
  await cacheEntries();
  const lan = await createLan([
    { name: "h1" },
    { name: "h2" },
    { name: "h3" },
    { name: "c1" },
    { name: "c2" },
    { name: "nomdns" },
    { name: "nobcast" },
    { name: "m1", nets: [0, 1] },
    { name: "c3", nets: [1] },
    { name: "c4", nets: [0, 1] },
  ]);
  const procs: LanProcess[] = [];
  try {
    const [h1, h2, h3] = await Promise.all([
      startHost(lan.node("h1"), ["--id", "host-1", "--name", "Salle 1"]),
      startHost(lan.node("h2"), [
        "--id",
        "host-2",
        "--name",
        "Salle 2",
        "--game",
        "morpion",
        "--players",
        "2",
        "--capacity",
        "8",
        "--locked",
        "--port",
        "6000",
      ]),
      startHost(lan.node("h3"), [
        "--id",
        "host-3",
        "--name",
        "Salle 3",
        "--state",
        "playing",
      ]),
    ]);
    procs.push(h1, h2, h3);

    let c1: LanProcess, c2: LanProcess;
    await t.step("every client lists every host exactly once", async () => {
      [c1, c2] = await Promise.all([
        startClient(lan.node("c1")),
        startClient(lan.node("c2")),
      ]);
      procs.push(c1, c2);
      for (const c of [c1, c2]) {
        const { hosts } = await waitHosts(
          c,
          (h) => h.length === 3 && h.every(both),
          10000,
        );
        assert.deepEqual(ids(hosts), ["host-1", "host-2", "host-3"]);
        const s2 = hosts.find((h) => h.hostId === "host-2")!;
        assert.equal(s2.name, "Salle 2");
        assert.equal(s2.address, lan.node("h2").addresses[0]);
        assert.deepEqual(s2.addresses, [lan.node("h2").addresses[0]]);
        assert.equal(s2.port, 6000);
        assert.equal(s2.game, "morpion");
        assert.equal(s2.players, 2);
        assert.equal(s2.capacity, 8);
        assert.equal(s2.locked, true);
        assert.equal(s2.state, "lobby");
        assert.equal(s2.protocol, 1);
        const s3 = hosts.find((h) => h.hostId === "host-3")!;
        assert.equal(s3.state, "playing");
        assert.equal(s3.locked, false);
        assert.ok(s3.firstSeenMs >= 0);
      }
    });

    await t.step("an update reaches the clients", async () => {
      const from = c1.stdout.lines.length;
      await h1.writeLine(JSON.stringify({ players: 5, game: "justeprix" }));
      const { hosts } = await waitHosts(
        c1,
        (h) =>
          h.some((x) =>
            x.hostId === "host-1" && x.players === 5 && x.game === "justeprix"
          ),
        8000,
        from,
      );
      assert.equal(hosts.length, 3);
    });

    await t.step("a host that says goodbye disappears", async () => {
      const from = [c1.stdout.lines.length, c2.stdout.lines.length];
      await stop(h2);
      assert.ok(h2.stdout.lines.some((l) => l.includes('"closed"')));
      for (const [i, c] of [c1, c2].entries()) {
        const { hosts } = await waitHosts(
          c,
          (h) => !h.some((x) => x.hostId === "host-2"),
          5000,
          from[i],
        );
        assert.deepEqual(ids(hosts), ["host-1", "host-3"]);
      }
    });

    await t.step(
      "a killed host disappears after its records expire",
      async () => {
        const from = c1.stdout.lines.length;
        h3.kill("SIGKILL");
        await h3.done();
        const { hosts } = await waitHosts(
          c1,
          (h) => !h.some((x) => x.hostId === "host-3"),
          20000,
          from,
        );
        assert.deepEqual(ids(hosts), ["host-1"]);
      },
    );

    await t.step("mDNS blocked: found by broadcast", async () => {
      const node = lan.node("nomdns");
      await dropUdp(node, 5353);
      const c = await startClient(node);
      procs.push(c);
      const { hosts } = await waitHosts(
        c,
        (h) => h.some((x) => x.hostId === "host-1"),
        8000,
      );
      const h = hosts.find((x) => x.hostId === "host-1")!;
      assert.deepEqual(h.via, ["broadcast"]);
      await stop(c);
      assert.ok(!c.stdout.lines.some((l) => l.includes('"mdns"')));
    });

    await t.step("broadcast blocked: found by mDNS", async () => {
      const node = lan.node("nobcast");
      await dropUdp(node, 50027);
      const c = await startClient(node);
      procs.push(c);
      const { hosts } = await waitHosts(
        c,
        (h) => h.some((x) => x.hostId === "host-1"),
        8000,
      );
      const h = hosts.find((x) => x.hostId === "host-1")!;
      assert.deepEqual(h.via, ["mdns"]);
      assert.equal(h.players, 5);
      await stop(c);
      assert.ok(!c.stdout.lines.some((l) => l.includes('"broadcast"')));
    });

    await t.step("junk on both channels is ignored", async () => {
      const junk = new URL("./junk_main.ts", import.meta.url).pathname;
      const h1Addr = lan.node("h1").addresses[0];
      for (
        const [to, port] of [[h1Addr, "50027"], ["198.18.0.255", "50027"], [
          h1Addr,
          "5353",
        ], ["224.0.0.251", "5353"]]
      ) {
        const r = await lan.node("c2").exec([
          "deno",
          "run",
          "-A",
          "--cached-only",
          junk,
          to,
          port,
          "45",
        ]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /"sent":45/);
      }
      // Host and clients still work.
      const from = c1.stdout.lines.length;
      await h1.writeLine(JSON.stringify({ players: 6 }));
      await waitHosts(
        c1,
        (h) => h.some((x) => x.hostId === "host-1" && x.players === 6),
        8000,
        from,
      );
      assert.equal(
        h1.stderr.lines.filter((l) => l.trim()).length,
        0,
        h1.stderr.lines.join("\n"),
      );
    });

    await t.step("a host on two networks is one host", async () => {
      const m1 = await startHost(lan.node("m1"), [
        "--id",
        "multi",
        "--name",
        "Deux reseaux",
      ]);
      procs.push(m1);
      const [c3, c4] = await Promise.all([
        startClient(lan.node("c3")),
        startClient(lan.node("c4")),
      ]);
      procs.push(c3, c4);
      // c3 is only on network 1: it must get network 1's address.
      const r3 = await waitHosts(
        c3,
        (h) => h.some((x) => x.hostId === "multi" && both(x)),
        8000,
      );
      const seen3 = r3.hosts.find((x) => x.hostId === "multi")!;
      assert.equal(seen3.address, lan.node("m1").addresses[1]);
      assert.ok(!r3.hosts.some((x) => x.hostId === "host-1"));
      // c4 is on both networks: one row, both addresses.
      const r4 = await waitHosts(
        c4,
        (h) =>
          h.filter((x) => x.hostId === "multi").length === 1 &&
          h.some((x) => x.hostId === "multi" && x.addresses.length === 2),
        8000,
      );
      const seen4 = r4.hosts.find((x) => x.hostId === "multi")!;
      assert.deepEqual(
        [...seen4.addresses].sort(),
        [...lan.node("m1").addresses].sort(),
      );
      assert.equal(r4.hosts.filter((x) => x.hostId === "multi").length, 1);
    });
    await t.step("the host counted the junk and says bye cleanly", async () => {
      await stop(h1);
      const closed = JSON.parse(
        h1.stdout.lines.find((l) => l.includes('"closed"'))!,
      );
      assert.ok(
        closed.stats.beacon.ignored >= 60,
        JSON.stringify(closed.stats),
      );
      assert.ok(closed.stats.mdns.ignored >= 20, JSON.stringify(closed.stats));
    });
  } finally {
    await Promise.allSettled(procs.map((p) => stop(p)));
    await lan.close();
  }
});
