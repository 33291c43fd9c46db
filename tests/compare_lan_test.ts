/**
 * `compare` across a real (namespaced) LAN with 5 % of the packets entering
 * the reflector's namespace dropped by iptables: UDP loses about that much,
 * TCP delivers everything (by retransmitting). Skipped, with the reason
 * printed, when not root or when `ip` / `iptables` are missing.
 */
import assert from "node:assert/strict";
import {
  createLan,
  lanUnavailable,
  runPeer,
  sh,
  startReflector,
} from "./compare_lan_netns.ts";

const unavailable = await lanUnavailable();
if (unavailable) console.log(`compare_lan_test skipped: ${unavailable}`);

Deno.test({
  name: "compare on a namespaced LAN with 5 % loss: UDP loses, TCP repairs",
  ignore: unavailable !== null,
  async fn() {
    // The namespaces cannot reach any registry: make sure the entry is cached.
    await sh(Deno.execPath(), [
      "cache",
      new URL("../compare/cli.ts", import.meta.url).pathname,
    ]);
    const lan = await createLan();
    try {
      await lan.setLoss(0.05);
      const reflector = await startReflector(lan, 50028);
      try {
        const count = 500;
        const report = await runPeer(lan, 50028, [
          "--count",
          String(count),
          "--rate",
          "500",
          "--drain",
          "2000",
        ]);
        const { udp, tcp } = report;
        assert.equal(udp.sent, count);
        assert.equal(tcp.sent, count);
        // Binomial(500, 0.05): mean 25, sd ≈ 4.9. [5, 50] is 4+ sd wide.
        assert.ok(
          udp.lost >= 5 && udp.lost <= 50,
          `UDP lost ${udp.lost} of ${count}, expected about 25 (5 %)`,
        );
        assert.equal(udp.delivered + udp.lost, count);
        assert.equal(tcp.lost, 0, "TCP must deliver every message");
        assert.equal(tcp.delivered, count);
        assert.equal(tcp.duplicated, 0);
        assert.equal(tcp.reordered, 0);
        if (tcp.retransSegs !== null) {
          assert.ok(tcp.retransSegs > 0, "TCP must have retransmitted");
        }
        assert.ok(tcp.setupMs > 0);
        assert.equal(report.target.mode, "peer");
      } finally {
        await reflector.stop();
      }
    } finally {
      await lan.close();
    }
    const left = await sh("ip", ["netns", "list"]);
    assert.ok(!left.includes(lan.serve), "namespaces must be removed");
  },
});
