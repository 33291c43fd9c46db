/**
 * A silent drop on a namespace LAN: every packet of one player's machine is
 * dropped by iptables (no FIN, no RST). The host's heartbeat must see it
 * within {@linkcode BOUND_MS} and tell the others `away`; when the cable
 * comes back the player takes its seat back with its token. Skipped (with
 * the reason) when namespaces are not available.
 *
 * @module
 */
import assert from "node:assert/strict";
import { HEARTBEAT_TIMEOUT_MS } from "../../protocol/constants.ts";
import {
  cable,
  createLan,
  type LanProcess,
  lanSkipReason,
  run,
} from "./lan_harness.ts";

const MOD = new URL("../../mod.ts", import.meta.url).pathname;
const CLIENT = new URL("./heartbeat_client_main.ts", import.meta.url).pathname;
/** What the issue demands of the host: a silent player seen within 10 s. */
const BOUND_MS = 10_000;

const skip = await lanSkipReason() ??
  ((await run(["iptables", "--version"])).code === 0 ? null : "no iptables");
if (skip) console.warn(`SKIP silent drop LAN test: ${skip}`);

type Msg = { type: string; [k: string]: unknown };
const parse = (l: string): Msg | null => {
  try {
    return JSON.parse(l);
  } catch {
    return null;
  }
};

Deno.test({
  name:
    "LAN: a silently dropped player is seen away within the bound, then rejoins",
  ignore: skip !== null,
  async fn() {
    const lan = await createLan([{ name: "teacher" }, { name: "ana" }, {
      name: "bob",
    }]);
    try {
      const hostNode = lan.node("teacher");
      const addr = hostNode.addresses[0];
      const host = hostNode.spawn([
        "deno",
        "run",
        "-A",
        "--cached-only",
        MOD,
        "host",
        "--headless",
        "--no-announce",
        "--lang",
        "en",
        "--name",
        "Drop room",
        "--port",
        "50026",
      ]);
      await host.stdout.waitFor((l) => l.includes("open on"), 20_000);
      const join = (node: string, nickname: string, token?: string) =>
        lan.node(node).spawn(
          [
            "deno",
            "run",
            "-A",
            "--cached-only",
            CLIENT,
            addr,
            "50026",
            nickname,
            ...(token ? [token] : []),
          ],
          { stdin: true },
        );
      const welcomeOf = async (p: LanProcess) =>
        parse(
          (await p.stdout.waitFor((l) => parse(l)?.type === "welcome", 20_000))
            .line,
        )!;
      const ana = join("ana", "ana");
      await welcomeOf(ana);
      const bob = join("bob", "bob");
      const bobWelcome = await welcomeOf(bob);
      await ana.stdout.waitFor((l) => parse(l)?.type === "joined", 10_000);
      // Pull bob's cable: every packet in and out of his eth0 is dropped.
      const ns = lan.node("bob").ns;
      await cable(ns, false);
      const t0 = performance.now();
      const { line } = await ana.stdout.waitFor(
        (l) => parse(l)?.type === "away",
        BOUND_MS + 2000,
      );
      const seenMs = performance.now() - t0;
      console.log(`silent drop seen by the host after ${seenMs.toFixed(0)} ms`);
      assert.equal(parse(line)!.nickname, "bob");
      assert.ok(seenMs <= BOUND_MS, `${seenMs} ms`);
      assert.ok(
        seenMs >= HEARTBEAT_TIMEOUT_MS - 2500,
        `${seenMs} ms: too early to be the heartbeat`,
      );
      // The cable is back: a new connection with the token takes the seat.
      bob.kill("SIGKILL");
      await bob.done();
      await cable(ns, true);
      const bob2 = join("bob", "bob", String(bobWelcome.token));
      const again = await welcomeOf(bob2);
      assert.equal(again.rejoined, true);
      assert.deepEqual(again.you, bobWelcome.you);
      await ana.stdout.waitFor((l) => parse(l)?.type === "back", 10_000);
      host.kill("SIGTERM");
      await host.done();
    } finally {
      await lan.close();
    }
  },
});

Deno.test({
  name:
    "LAN: an nc player whose connection ends takes its seat back with its code",
  ignore: skip !== null || (await run(["which", "nc"])).code !== 0,
  async fn() {
    const lan = await createLan([{ name: "teacher" }, { name: "chloe" }]);
    try {
      const hostNode = lan.node("teacher");
      const addr = hostNode.addresses[0];
      const host = hostNode.spawn([
        "deno",
        "run",
        "-A",
        "--cached-only",
        MOD,
        "host",
        "--headless",
        "--no-announce",
        "--no-web",
        "--lang",
        "en",
        "--name",
        "Text room",
        "--port",
        "50026",
      ]);
      await host.stdout.waitFor((l) => l.includes("open on"), 20_000);
      const nc = () =>
        lan.node("chloe").spawn(["nc", addr, "50026"], { stdin: true });
      const first = nc();
      await first.stdout.waitFor((l) => l.startsWith("LANPLAY/1"), 10_000);
      await first.writeLine("Chloe");
      const { line } = await first.stdout.waitFor(
        (l) => l.includes("rejoin code"),
        10_000,
      );
      const code = /code: ([2-9A-Z]{5})/.exec(line)![1];
      first.kill("SIGKILL"); // the terminal is closed: the kernel ends the connection
      await first.done();
      const again = nc();
      await again.stdout.waitFor((l) => l.startsWith("LANPLAY/1"), 10_000);
      await again.writeLine(`chloe ${code.toLowerCase()}`);
      const back = await again.stdout.waitFor(
        (l) => l.startsWith("Back in") || l.startsWith("!"),
        10_000,
      );
      assert.match(back.line, /^Back in “Text room”, Chloe/);
      again.kill("SIGKILL");
      await again.done();
      host.kill("SIGTERM");
      await host.done();
    } finally {
      await lan.close();
    }
  },
});
