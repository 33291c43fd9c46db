/**
 * A minimal JSON player for LAN tests: joins `HOST:PORT` as `NICKNAME`
 * with the heartbeat capability (answers the host's pings), then prints
 * every host message as one JSON line, prefixed by nothing. Stdin lines
 * are sent as they are (JSON messages).
 *
 *   deno run -A tests/lan/heartbeat_client_main.ts HOST PORT NICKNAME [TOKEN]
 *
 * @module
 */
import { readFrames } from "../../protocol/read_loop.ts";

const [host, port, nickname, token] = Deno.args;
const conn = await Deno.connect({ hostname: host, port: Number(port) });
const encoder = new TextEncoder();
let writing = Promise.resolve();
const send = (value: unknown) => {
  const bytes = encoder.encode(JSON.stringify(value) + "\n");
  writing = writing.then(async () => {
    let rest = bytes;
    while (rest.length) rest = rest.subarray(await conn.write(rest));
  }).catch(() => {});
};
send({
  type: "hello",
  nickname,
  protocol: 1,
  lang: "en",
  capabilities: ["heartbeat"],
  ...(token ? { token } : {}),
});
const typing = (async () => {
  for await (const f of readFrames(Deno.stdin)) {
    if (f.kind === "line") send(JSON.parse(f.text));
  }
})();
void typing;
for await (const f of readFrames(conn)) {
  if (f.kind !== "line" || !f.text.startsWith("{")) continue;
  const m = JSON.parse(f.text);
  if (m.type === "ping") send({ type: "pong", id: m.id });
  console.log(f.text);
}
console.log(JSON.stringify({ type: "closed" }));
Deno.exit(0);
