import assert from "node:assert/strict";
import {
  frameBytes,
  tcpSegmentBytes,
  tcpWire,
  udpDatagramBytes,
  udpWire,
} from "./wire_model.ts";

Deno.test("frames count Ethernet, IPv4 and the transport header", () => {
  assert.equal(udpDatagramBytes(64), 14 + 20 + 8 + 64 + 4);
  assert.equal(tcpSegmentBytes(64), 14 + 20 + 32 + 64 + 4);
  assert.equal(tcpSegmentBytes(0), 70);
  assert.equal(frameBytes(0), 64, "short frames are padded to 64 bytes");
  assert.equal(udpDatagramBytes(12), 64);
  assert.equal(udpDatagramBytes(1472), 1518, "the largest untagged frame");
});

Deno.test("UDP wire bytes: every datagram sent and received", () => {
  const w = udpWire({ sent: 1000, received: 951, size: 64 });
  assert.equal(w.frames, 1951);
  assert.equal(w.totalBytes, 1951 * 110);
  assert.equal(w.perMessage, 1951 * 110 / 1000);
  assert.equal(w.source, "model");
  assert.equal(udpWire({ sent: 0, received: 0, size: 64 }).perMessage, 0);
});

Deno.test("TCP wire bytes from socket counters", () => {
  const w = tcpWire({ sent: 1000, received: 1000, size: 64 }, {
    segsOut: 1003,
    segsIn: 1002,
    bytesSent: 64000,
    bytesReceived: 64000,
    bytesRetrans: 0,
    retransSegs: 0,
  });
  // 2005 segments × 70 + data + 2 × 8 SYN option bytes + 4 × 70 teardown.
  assert.equal(w.totalBytes, 2005 * 70 + 128000 + 16 + 280);
  assert.equal(w.frames, 2009);
  assert.equal(w.source, "socket+model");
});

Deno.test("TCP wire bytes from the model alone", () => {
  const w = tcpWire({ sent: 10, received: 10, size: 64 });
  // SYN 78 + SYN-ACK 78 + ACK 70, 20 data segments of 134, 1 last ACK, 4 teardown.
  assert.equal(w.totalBytes, 78 + 78 + 70 + 20 * 134 + 70 + 4 * 70);
  assert.equal(w.frames, 3 + 20 + 1 + 4);
  assert.equal(w.source, "model");
});
