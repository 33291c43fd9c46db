/**
 * Test entry: one legacy one-shot mDNS query (RFC 6762 §6.7) from an
 * ephemeral port, like `dig -p 5353 @224.0.0.251`. Prints the first reply
 * as JSON (`{"from":..., "id":..., "questions":..., "answers":...}`) or
 * `{"timeout":true}`.
 *
 *   deno run -A tests/lan/legacy_query_main.ts NAME TYPE [--id 4242] [--wait 3000]
 *
 * @module
 */
import dgram from "node:dgram";
import { Buffer } from "node:buffer";
import { parseArgs } from "node:util";
import dnsPacket from "dns-packet";

const { values, positionals } = parseArgs({
  args: Deno.args,
  allowPositionals: true,
  options: {
    id: { type: "string", default: "4242" },
    wait: { type: "string", default: "3000" },
    to: { type: "string", default: "224.0.0.251" },
  },
});
const [name = "_lanplay._tcp.local", type = "PTR"] = positionals;
const socket = dgram.createSocket({ type: "udp4" });
const timer = setTimeout(() => {
  console.log(JSON.stringify({ timeout: true }));
  socket.close();
}, Number(values.wait));
socket.on("message", (msg: Uint8Array, rinfo: dgram.RemoteInfo) => {
  let p;
  try {
    p = dnsPacket.decode(Buffer.from(msg));
  } catch {
    return;
  }
  if (p.type !== "response") return;
  clearTimeout(timer);
  const txt = (d: unknown) =>
    Array.isArray(d) ? d.map((x) => new TextDecoder().decode(x)) : d;
  const rr = (
    r: {
      name: string;
      type: string;
      ttl: number;
      data: unknown;
      flush?: boolean;
    },
  ) => ({
    name: r.name,
    type: r.type,
    ttl: r.ttl,
    flush: r.flush ?? false,
    data: r.type === "TXT" ? txt(r.data) : r.data,
  });
  console.log(JSON.stringify({
    from: `${rinfo.address}:${rinfo.port}`,
    id: p.id,
    questions: p.questions,
    answers: p.answers.map(rr),
    additionals: p.additionals.map(rr),
  }));
  socket.close();
});
socket.bind(0, "0.0.0.0", () => {
  socket.send(
    Buffer.from(dnsPacket.encode({
      type: "query",
      id: Number(values.id),
      flags: 0,
      questions: [{ name, type, class: "IN" }],
    })),
    5353,
    values.to,
  );
});
