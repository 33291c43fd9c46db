/**
 * The real `join` client on a namespace LAN, as bots in a juste prix game:
 * one player's machine drops every packet (iptables, no FIN, no RST); its
 * client sees the host silent within the bound and reconnects by itself
 * once the cable is back, into the same seat, and keeps playing. Then the
 * same bot is killed (SIGKILL) and started again: its token on disk takes
 * the seat back. Skipped (with the reason) without namespaces.
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
/** What the issue demands: a host gone silent is reported within 10 s. */
const BOUND_MS = 10_000;

const skip = await lanSkipReason() ??
  ((await run(["iptables", "--version"])).code === 0 ? null : "no iptables");
if (skip) console.warn(`SKIP rejoin join LAN test: ${skip}`);

type Msg = { type: string; [k: string]: unknown };
const parse = (l: string): Msg | null => {
  try {
    return JSON.parse(l);
  } catch {
    return null;
  }
};
const is = (type: string) => (l: string) => parse(l)?.type === type;

Deno.test({
  name:
    "LAN: join sees a silent host, comes back into its seat and plays on; killed and started again, it takes the seat back",
  ignore: skip !== null,
  async fn() {
    const lan = await createLan([{ name: "teacher" }, { name: "ana" }, {
      name: "bob",
    }]);
    const state = await Deno.makeTempDir();
    try {
      const addr = lan.node("teacher").addresses[0];
      const host = lan.node("teacher").spawn([
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
        "Rejoin room",
        "--port",
        "50026",
        "--game",
        "justeprix",
        "--players",
        "2",
        "--rounds",
        "4",
        "--time",
        "60",
        "--max",
        "1000000",
      ]);
      await host.stdout.waitFor((l) => l.includes("open on"), 20_000);
      const join = (node: string, nickname: string): LanProcess =>
        lan.node(node).spawn([
          "env",
          `XDG_STATE_HOME=${state}/${node}`,
          "deno",
          "run",
          "-A",
          "--cached-only",
          MOD,
          "join",
          "--host",
          addr,
          "--name",
          nickname,
          "--bot",
          "--json",
          // A player's cable, not a deputy's (tests/lan/deputy_cut_lan_test.ts).
          "--no-deputy",
        ], { stdin: true });
      const ana = join("ana", "ana");
      const bob = join("bob", "bob");
      const bobWelcome = parse(
        (await bob.stdout.waitFor(is("welcome"), 20_000)).line,
      )!;
      await bob.stdout.waitFor(is("view"), 20_000); // the game is on
      // Pull bob's cable.
      await cable(lan.node("bob").ns, false);
      const t0 = performance.now();
      const lost = parse(
        (await bob.stdout.waitFor(is("reconnecting"), BOUND_MS + 2000)).line,
      )!;
      const seenMs = performance.now() - t0;
      console.log(
        `the join client saw the host silent after ${seenMs.toFixed(0)} ms`,
      );
      assert.equal(lost.reason, "silent");
      assert.ok(seenMs <= BOUND_MS, `${seenMs} ms`);
      assert.ok(
        seenMs >= HEARTBEAT_TIMEOUT_MS - 2500,
        `${seenMs} ms: too early`,
      );
      await ana.stdout.waitFor(is("away"), BOUND_MS + 2000);
      // Plug it back: the client comes back by itself, into the same seat.
      await cable(lan.node("bob").ns, true);
      const back = parse(
        (await bob.stdout.waitFor(is("reconnected"), 10_000)).line,
      )!;
      assert.equal(back.rejoined, true);
      const again = bob.stdout.lines.filter(is("welcome")).map((l) => parse(l)!)
        .at(-1)!;
      assert.deepEqual(again.you, bobWelcome.you);
      await ana.stdout.waitFor(is("back"), 10_000);
      // The bot plays on: a round it finds after the comeback.
      const bobId = (bobWelcome.you as { id: string }).id;
      await bob.stdout.waitFor(
        (l) => {
          const m = parse(l);
          return m?.type === "found" && m.id === bobId;
        },
        60_000,
        bob.stdout.lines.length,
      );

      // Killed, then started again: the token on disk takes the seat back.
      const seen = ana.stdout.lines.length;
      bob.kill("SIGKILL");
      await bob.done();
      await ana.stdout.waitFor(is("away"), BOUND_MS + 2000, seen);
      const bob2 = join("bob", "bob");
      const w2 = parse(
        (await bob2.stdout.waitFor(is("welcome"), 20_000)).line,
      )!;
      assert.equal(w2.rejoined, true);
      assert.deepEqual(w2.you, bobWelcome.you);
      bob2.kill("SIGTERM");
      assert.equal((await bob2.done()).code, 143);
      host.kill("SIGTERM");
      assert.equal((await host.done()).code, 143);
      assert.equal((await ana.done()).code, 3, "the host closed the room");
    } finally {
      await lan.close();
      await Deno.remove(state, { recursive: true });
    }
  },
});
