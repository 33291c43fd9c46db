import assert from "node:assert/strict";
import { fakeReport } from "./testing.ts";

Deno.test("the report carries the exact counters of each transport", () => {
  const report = fakeReport({
    count: 100,
    udp: { lost: [5, 6, 70], duplicated: [10] },
    tcp: { rtt: (seq) => (seq === 50 ? 250 : 2) },
  });
  assert.equal(report.kind, "lanplay-compare");
  assert.equal(report.udp.sent, 100);
  assert.equal(report.udp.lost, 3);
  assert.equal(report.udp.delivered, 97);
  assert.equal(report.udp.duplicated, 1);
  assert.equal(report.udp.receptions, 98);
  assert.equal(report.udp.setupMs, null);
  assert.equal(report.udp.retransSegs, null);
  assert.equal(report.udp.wire.totalBytes, (100 + 98) * 110);
  assert.equal(report.udp.rttSeriesMs.filter((v) => v === null).length, 3);
  assert.equal(report.tcp.lost, 0);
  assert.equal(report.tcp.late, 1);
  assert.equal(report.tcp.rttMs?.max, 250);
  assert.equal(report.tcp.rttMs?.p50, 2);
  assert.equal(report.tcp.setupMs, 0.5);
  // 100 × 64 B × 8 bits from the first send (0 ms) to the last answer:
  // #50 sent at 250 ms and back 250 ms later, at 500 ms.
  assert.equal(report.tcp.goodputBps, (100 * 64 * 8 * 1000) / 500);
  // The object survives JSON (what --json prints).
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
});

Deno.test("retransmissions come from the socket counters", () => {
  const report = fakeReport({
    count: 10,
    udp: {},
    tcp: {
      socket: {
        segsOut: 14,
        segsIn: 13,
        bytesSent: 704,
        bytesReceived: 640,
        bytesRetrans: 64,
        retransSegs: 1,
      },
    },
  });
  assert.equal(report.tcp.retransSegs, 1);
  assert.equal(report.tcp.wire.source, "socket+model");
});
