/**
 * Discovery against a forger on a namespace LAN: from another machine, a
 * forged beacon and a forged mDNS answer with the real room's id and name
 * are not listed as that room, forged goodbyes do not hide it, and a bounded
 * flood of signed fake rooms (50 k packets from 40 addresses of one machine)
 * leaves the table capped and the browser responsive; the browser's CPU time
 * is printed. Skipped (with the reason) when namespaces are not available.
 */
import assert from "node:assert/strict";
import { createLan, type LanProcess, lanSkipReason } from "./lan_harness.ts";
import {
  cacheEntries,
  FORGE_MAIN,
  hostsOf,
  type PrintedHost,
  startClient,
  startHost,
  stop,
  waitHosts,
} from "./lan_procs.ts";
import { MAX_ROOMS } from "../../discovery/room_table.ts";
import type { DiscoveryStats } from "../../discovery/browser.ts";

const skip = await lanSkipReason();
if (skip) console.warn(`SKIP forgery LAN tests: ${skip}`);

interface StatsLine {
  event: "stats";
  stats: DiscoveryStats;
  cpuMs: number;
  rooms: number;
}

function statsOf(line: string): StatsLine | null {
  try {
    const v = JSON.parse(line);
    return v.event === "stats" ? v as StatsLine : null;
  } catch {
    return null;
  }
}

Deno.test({
  name: "discovery holds against a forger on the LAN",
  ignore: skip !== null,
  sanitizeOps: true,
  sanitizeResources: true,
}, async (t) => {
  await cacheEntries();
  const lan = await createLan([{ name: "h1" }, { name: "c1" }, {
    name: "evil",
  }]);
  const procs: LanProcess[] = [];
  const evil = lan.node("evil");
  const evilAddr = evil.addresses[0];
  const bcast = evilAddr.replace(/\.\d+$/, ".255");
  const hostAddr = lan.node("h1").addresses[0];
  const forge = async (args: string[]) => {
    const p = evil.spawn([
      "deno",
      "run",
      "-A",
      "--cached-only",
      FORGE_MAIN,
      "--broadcast",
      bcast,
      ...args,
    ]);
    const { line } = await p.stdout.waitFor((l) => l.includes('"sent"'), 60000);
    await p.done();
    return JSON.parse(line) as { sent: number; ms: number };
  };
  try {
    const h1 = await startHost(lan.node("h1"), [
      "--id",
      "host-1",
      "--name",
      "Salle 1",
      "--port",
      "6001",
    ]);
    procs.push(h1);
    const c1 = await startClient(lan.node("c1"), ["--stats", "100"]);
    procs.push(c1);
    const real = (hosts: PrintedHost[]) =>
      hosts.find((h) => h.hostId === "host-1");
    await waitHosts(c1, (h) => real(h)?.via.length === 2, 10000);
    const waitStats = async (ok: (s: StatsLine) => boolean, from: number) => {
      const { line, index } = await c1.stdout.waitFor(
        (l) => {
          const s = statsOf(l);
          return s !== null && ok(s);
        },
        20000,
        from,
      );
      return { s: statsOf(line)!, index };
    };
    /** Every hosts line from `from` on lists host-1 as the real room. */
    const realEverywhere = (from: number, sameNameAllowed = false) => {
      const lines = c1.stdout.lines.slice(from).map(hostsOf).filter((
        h,
      ) => h !== null);
      for (const hosts of lines) {
        const h = real(hosts!);
        assert.ok(h, `host-1 missing in ${JSON.stringify(hosts)}`);
        assert.equal(h.port, 6001);
        assert.equal(h.address, hostAddr);
        assert.ok(!h.addresses.includes(evilAddr), "no forger address");
        if (!sameNameAllowed) {
          assert.equal(hosts!.filter((x) => x.name === "Salle 1").length, 1);
        }
      }
    };

    await t.step(
      "forged beacons and mDNS answers are not that room",
      async () => {
        const from = c1.stdout.lines.length;
        const before = statsOf(
          c1.stdout.lines.findLast((l) => statsOf(l) !== null)!,
        )!.stats;
        const { sent } = await forge([
          "--mode",
          "spoof",
          "--from",
          evilAddr,
          "--rounds",
          "3",
        ]);
        // 3 forged beacons + 2 forged mDNS answers a round.
        assert.equal(sent, 15);
        await waitStats((s) => s.stats.forged >= before.forged + 15, from);
        realEverywhere(from);
      },
    );

    await t.step("forged goodbyes do not hide it", async () => {
      const from = c1.stdout.lines.length;
      const before = statsOf(
        c1.stdout.lines.findLast((l) => statsOf(l) !== null)!,
      )!.stats;
      const { sent } = await forge([
        "--mode",
        "bye",
        "--from",
        evilAddr,
        "--rounds",
        "3",
      ]);
      assert.equal(sent, 12);
      await waitStats((s) => s.stats.forged >= before.forged + 12, from);
      realEverywhere(from);
    });

    await t.step(
      "a flood of 50 k signed ads: table capped, browser responsive",
      async () => {
        // 40 more addresses on the forger's machine (one machine, many
        // sources: the per-source limit alone does not save the table).
        const froms: string[] = [];
        for (let i = 0; i < 40; i++) {
          const a = evilAddr.replace(/\.\d+$/, `.${200 + i}`);
          const r = await evil.exec([
            "ip",
            "addr",
            "add",
            `${a}/24`,
            "dev",
            "eth0",
          ]);
          assert.equal(r.code, 0, r.stderr);
          froms.push("--from", a);
        }
        const from = c1.stdout.lines.length;
        const before = statsOf(
          c1.stdout.lines.findLast((l) => statsOf(l) !== null)!,
        )!;
        const flood = await forge([
          "--mode",
          "flood",
          ...froms,
          "--rooms",
          "1000",
          "--count",
          "50000",
          "--for",
          "15000",
        ]);
        // The browser still follows the real room: an update arrives.
        await h1.writeLine(JSON.stringify({ players: 7 }));
        await waitHosts(c1, (h) => real(h)?.players === 7, 10000, from);
        const { s: after } = await waitStats(
          () => true,
          c1.stdout.lines.length,
        );
        const cpu = after.cpuMs - before.cpuMs;
        const changes = after.stats.changes - before.stats.changes;
        console.log(
          `flood: ${flood.sent} packets in ${flood.ms} ms from 40 addresses; ` +
            `browser: ${cpu} ms CPU, ${after.rooms} rooms, ` +
            `${changes} change events, ` +
            `${
              after.stats.rateLimited - before.stats.rateLimited
            } rate-limited, ` +
            `${after.stats.throttled - before.stats.throttled} throttled, ` +
            `${after.stats.checks - before.stats.checks} signature checks, ` +
            `${
              after.stats.tableFull - before.stats.tableFull
            } new rooms dropped (table full)`,
        );
        assert.ok(flood.sent >= 10000, `only ${flood.sent} sent`);
        assert.ok(after.rooms <= MAX_ROOMS, `${after.rooms} rooms`);
        assert.ok(
          after.stats.tableFull > before.stats.tableFull,
          "cap reached",
        );
        // Coalesced change events: at most 10 a second.
        assert.ok(changes <= Math.ceil(flood.ms / 100) + 20, `${changes}`);
        // Well under one core over the flood.
        assert.ok(cpu < flood.ms, `${cpu} ms CPU in ${flood.ms} ms`);
        // The flood's own rooms may be named "Salle 1" too (a forger may
        // name its room as it likes): they show another fingerprint.
        realEverywhere(from, true);
        const last = hostsOf(
          c1.stdout.lines.findLast((l) => hostsOf(l) !== null)!,
        )!;
        const fingerprints = last.filter((h) => h.name === "Salle 1")
          .map((h) => h.fingerprint);
        assert.equal(new Set(fingerprints).size, fingerprints.length);
      },
    );
  } finally {
    await Promise.allSettled(procs.map((p) => stop(p)));
    await lan.close();
  }
});
