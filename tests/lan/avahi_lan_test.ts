/**
 * mDNS interoperability on a namespace LAN: a real Avahi (stock settings)
 * lists AND resolves a lanplay host, sees its TXT change and its goodbye;
 * one-shot legacy queries (RFC 6762 §6.7, from a port other than 5353, by
 * our script and by `dig`) get a unicast reply with the id echoed and the
 * question repeated. Skipped with the reason printed when namespaces, Avahi
 * or dig are missing.
 */
import assert from "node:assert/strict";
import { createLan, type LanProcess, lanSkipReason } from "./lan_harness.ts";
import { avahiSkipReason, startAvahi } from "./lan_avahi.ts";
import { cacheEntries, roomIdOfLabel, startHost, stop } from "./lan_procs.ts";
import { missingTool, run } from "./lan_harness.ts";

const skip = (await lanSkipReason()) ?? (await avahiSkipReason());
if (skip) console.warn(`SKIP Avahi interop LAN tests: ${skip}`);
const noDig = await missingTool("dig", "dnsutils");
if (!skip && noDig) console.warn(`SKIP the dig step: ${noDig}`);

const LEGACY_MAIN = new URL("./legacy_query_main.ts", import.meta.url).pathname;

/** Parses the `=` (resolved) lines of `avahi-browse -p -r`. */
function resolved(out: string) {
  return out.split("\n").filter((l) => l.startsWith("=;")).map((l) => {
    const f = l.split(";");
    return {
      iface: f[1],
      proto: f[2],
      name: f[3].replaceAll("\\032", " "),
      host: f[6],
      address: f[7],
      port: Number(f[8]),
      txt: f.slice(9).join(";"),
    };
  });
}

Deno.test({
  name: "Avahi lists and resolves a lanplay host; legacy queries answered",
  ignore: skip !== null,
}, async (t) => {
  await cacheEntries();
  const cache = await run(["deno", "cache", LEGACY_MAIN]);
  assert.equal(cache.code, 0, cache.stderr);
  const lan = await createLan([{ name: "h1" }, { name: "av" }, { name: "q1" }]);
  const procs: LanProcess[] = [];
  try {
    const avahi = await startAvahi(lan.node("av"));
    try {
      // Avahi runs first: it hears the announcements, then resolves.
      const h1 = await startHost(lan.node("h1"), [
        "--id",
        "host-1",
        "--name",
        "Salle 1",
        "--port",
        "6001",
        "--locked",
      ]);
      procs.push(h1);
      const hostAddr = lan.node("h1").addresses[0];

      const browse = () =>
        avahi.client([
          "timeout",
          "15",
          "avahi-browse",
          "-r",
          "-t",
          "-p",
          "_lanplay._tcp",
        ]);

      await t.step("avahi-browse -r lists and resolves it", async () => {
        const r = await browse();
        assert.ok(
          r.stdout.includes("+;eth0;IPv4;Salle\\0321;_lanplay._tcp;local"),
          `not listed:\n${r.stdout}\n${r.stderr}`,
        );
        const ok = resolved(r.stdout).filter((x) => x.proto === "IPv4");
        assert.equal(ok.length, 1, `not resolved:\n${r.stdout}\n${r.stderr}`);
        assert.equal(ok[0].name, "Salle 1");
        assert.equal(ok[0].host, "h1-lanplay.local");
        assert.equal(ok[0].address, hostAddr);
        assert.equal(ok[0].port, 6001);
        const id = await roomIdOfLabel("host-1");
        assert.match(ok[0].txt, new RegExp(`"id=${id}"`));
        assert.match(ok[0].txt, /"key=[A-Za-z0-9_-]{43}"/);
        assert.match(ok[0].txt, /"sig=[A-Za-z0-9_-]{86}"/);
        assert.match(ok[0].txt, /"pin=yes"/);
        assert.doesNotMatch(r.stderr, /Failed to resolve/);
      });

      await t.step("avahi-resolve finds the SRV target", async () => {
        const r = await avahi.client([
          "timeout",
          "10",
          "avahi-resolve",
          "-4",
          "-n",
          "h1-lanplay.local",
        ]);
        assert.equal(
          r.stdout.trim(),
          `h1-lanplay.local\t${hostAddr}`,
          r.stderr,
        );
      });

      await t.step("a TXT change reaches Avahi", async () => {
        await h1.writeLine(JSON.stringify({ players: 7 }));
        await h1.stdout.waitFor((l) => l.includes('"updated"'), 5000);
        // Avahi's cache is refreshed by the re-announcement (cache-flush),
        // sent 100 ms after the update: browse again (each browse takes ~1 s).
        let last = "";
        for (let i = 0; i < 5; i++) {
          const r = await browse();
          last = r.stdout;
          if (resolved(r.stdout).some((x) => x.txt.includes('"players=7"'))) {
            return;
          }
        }
        assert.fail(`TXT not updated in Avahi:\n${last}`);
      });

      await t.step(
        "legacy query: unicast reply, id and question echoed",
        async () => {
          const r = await lan.node("q1").exec([
            "deno",
            "run",
            "-A",
            "--cached-only",
            LEGACY_MAIN,
            "_lanplay._tcp.local",
            "PTR",
            "--id",
            "4242",
          ]);
          assert.equal(r.code, 0, r.stderr);
          const reply = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
          assert.equal(reply.timeout, undefined, "no reply to a legacy query");
          assert.equal(reply.from, `${hostAddr}:5353`);
          assert.equal(reply.id, 4242);
          assert.deepEqual(
            reply.questions.map((
              q: { name: string; type: string },
            ) => [q.name, q.type]),
            [["_lanplay._tcp.local", "PTR"]],
          );
          const ptr = reply.answers.find((a: { type: string }) =>
            a.type === "PTR"
          );
          assert.equal(ptr.data, "Salle 1._lanplay._tcp.local");
          assert.ok(ptr.ttl <= 10);
          for (const rr of [...reply.answers, ...reply.additionals]) {
            assert.equal(
              rr.flush,
              false,
              "no cache-flush bit in legacy replies",
            );
          }
          const srv = reply.additionals.find((a: { type: string }) =>
            a.type === "SRV"
          );
          assert.equal(srv.data.port, 6001);
        },
      );

      // dig (BIND 9.18) connects its UDP socket to the server address, so a
      // reply to `@224.0.0.251` (which comes from the host's own address, as
      // from every responder) never reaches it: ask the host directly, which
      // is also a legacy unicast query (source port != 5353).
      await t.step({
        name: "dig -p 5353 @host gets an answer",
        ignore: noDig !== null,
        fn: async () => {
          const r = await lan.node("q1").exec([
            "dig",
            "-p",
            "5353",
            `@${hostAddr}`,
            "_lanplay._tcp.local",
            "PTR",
            "+time=3",
            "+tries=1",
          ]);
          assert.match(
            r.stdout,
            /_lanplay\._tcp\.local\.\s+\d+\s+IN\s+PTR\s+Salle\\0321\._lanplay\._tcp\.local\./,
            r.stdout + r.stderr,
          );
          assert.match(r.stdout, /status: NOERROR/);
        },
      });

      await t.step("goodbye removes it from Avahi", async () => {
        await stop(h1);
        const r = await browse();
        // Avahi may still list it from its cache, then removes it ("-"):
        // what counts is that it is gone at the end.
        const present = new Set<string>();
        for (const l of r.stdout.split("\n")) {
          const f = l.split(";");
          if (f[0] === "+") present.add(`${f[1]}/${f[2]}/${f[3]}`);
          if (f[0] === "-") present.delete(`${f[1]}/${f[2]}/${f[3]}`);
        }
        assert.equal(present.size, 0, r.stdout);
      });
    } finally {
      await avahi.stop();
    }
  } finally {
    await Promise.allSettled(procs.map((p) => stop(p)));
    await lan.close();
  }
});
