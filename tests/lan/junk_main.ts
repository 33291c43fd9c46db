/**
 * Test entry: sends malformed and foreign packets to a UDP address, to check
 * that hosts and clients ignore them. Prints `{"sent":N}`.
 *
 *   deno run -A tests/lan/junk_main.ts ADDRESS PORT [COUNT]
 *
 * @module
 */
import dgram from "node:dgram";
import { Buffer } from "node:buffer";

const [address, port, count = "50"] = Deno.args;
const enc = (s: string) => Buffer.from(new TextEncoder().encode(s));
const samples = [
  enc("hello"),
  enc("{"),
  enc('{"magic":"lanplay","v":1,"type":"probe","nonce":"short"}'),
  enc('{"magic":"other","v":1,"type":"ad"}'),
  enc('{"magic":"lanplay","v":9,"type":"bye","hostId":"x"}'),
  enc("x".repeat(4000)),
  Buffer.from(
    new Uint8Array([0xff, 0xfe, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
  ),
  // A DNS header claiming 65535 questions and nothing after it.
  Buffer.from(new Uint8Array([0, 1, 0, 0, 0xff, 0xff, 0, 0, 0, 0, 0, 0])),
  // A DNS name with a compression pointer to itself.
  Buffer.from(
    new Uint8Array([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 12, 0, 1]),
  ),
];
const socket = dgram.createSocket({ type: "udp4" });
socket.bind(0, () => {
  socket.setBroadcast(true);
  let sent = 0;
  const n = Number(count);
  const next = () => {
    if (sent >= n) {
      console.log(JSON.stringify({ sent }));
      socket.close();
      return;
    }
    const b = samples[sent % samples.length];
    sent++;
    socket.send(b, Number(port), address, next);
  };
  next();
});
