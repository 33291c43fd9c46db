/**
 * Test entry: announces one room until SIGTERM (then says goodbye) or until
 * stdin closes. Each stdin line is a JSON object passed to `update()`.
 * Prints `{"event":"ready",...}` once announcing and `{"event":"closed"}`.
 * `--id LABEL` picks the room key derived from LABEL (seeded_key.ts), so
 * the test knows the room id (`hostId`) in advance; `ready` prints it.
 *
 *   deno run -A tests/lan/announce_main.ts --id h1 --name "Salle 1" [--port 50026]
 *     [--game qcm] [--players 0] [--capacity 32] [--state lobby] [--locked]
 *     [--interface eth0]... [--no-mdns] [--no-beacons] [--beacon-port 50027]
 *
 * @module
 */
import { parseArgs } from "node:util";
import { startAnnouncer } from "../../discovery/announcer.ts";
import { seededRoomKey } from "./seeded_key.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    id: { type: "string" },
    name: { type: "string" },
    port: { type: "string", default: "50026" },
    game: { type: "string", default: "qcm" },
    players: { type: "string", default: "0" },
    capacity: { type: "string", default: "32" },
    state: { type: "string", default: "lobby" },
    locked: { type: "boolean", default: false },
    interface: { type: "string", multiple: true },
    "no-mdns": { type: "boolean", default: false },
    "no-beacons": { type: "boolean", default: false },
    "beacon-port": { type: "string" },
  },
});

/** Wall clock in ms with sub-ms precision, comparable across processes. */
const wall = () => performance.timeOrigin + performance.now();
const startedAt = wall();
const key = await seededRoomKey(values.id ?? "h1");
const announcer = await startAnnouncer({
  hostId: key.id,
  name: values.name ?? "Salle",
  port: Number(values.port),
  game: values.game ?? "",
  players: Number(values.players),
  capacity: Number(values.capacity),
  state: values.state === "playing" ? "playing" : "lobby",
  locked: values.locked ?? false,
  protocol: 1,
  epoch: 0,
}, {
  key,
  interfaces: values.interface,
  mdns: !values["no-mdns"],
  beacons: !values["no-beacons"],
  beaconPort: values["beacon-port"] ? Number(values["beacon-port"]) : undefined,
});
console.log(JSON.stringify({
  event: "ready",
  id: key.id,
  fingerprint: key.fingerprint,
  startedAt,
  at: wall(),
  interfaces: announcer.interfaces.map((i) => i.address),
  warnings: announcer.warnings,
}));

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await announcer.close();
  console.log(JSON.stringify({ event: "closed", stats: announcer.stats() }));
  Deno.exit(0);
};
Deno.addSignalListener("SIGTERM", stop);

const decoder = new TextDecoder();
let rest = "";
for await (const chunk of Deno.stdin.readable) {
  rest += decoder.decode(chunk, { stream: true });
  let nl: number;
  while ((nl = rest.indexOf("\n")) >= 0) {
    const line = rest.slice(0, nl).trim();
    rest = rest.slice(nl + 1);
    if (!line) continue;
    try {
      announcer.update(JSON.parse(line));
      console.log(JSON.stringify({ event: "updated", ad: announcer.ad }));
    } catch (err) {
      console.log(JSON.stringify({ event: "error", message: String(err) }));
    }
  }
}
// stdin closed: wait for SIGTERM (started with stdin "null" it ends at once).
await new Promise(() => {});
