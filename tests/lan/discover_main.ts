/**
 * Test entry: discovers rooms and prints one JSON line per change:
 * `{"event":"hosts","t":<ms since start>,"hosts":[...]}` (the `via` set as an
 * array). With `--for MS` it exits after MS; otherwise on SIGTERM.
 *
 *   deno run -A tests/lan/discover_main.ts [--no-mdns] [--no-broadcast]
 *     [--interface eth0]... [--for 3000]
 *
 * @module
 */
import { parseArgs } from "node:util";
import process from "node:process";
import { discover } from "../../discovery/browser.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    "no-mdns": { type: "boolean", default: false },
    "no-broadcast": { type: "boolean", default: false },
    interface: { type: "string", multiple: true },
    for: { type: "string" },
    "beacon-port": { type: "string" },
    stats: { type: "string" },
  },
});

const start = performance.now();
/** Wall clock in ms with sub-ms precision, comparable across processes. */
const wall = () => performance.timeOrigin + performance.now();
const d = discover({
  mdns: !values["no-mdns"],
  broadcast: !values["no-broadcast"],
  interfaces: values.interface,
  beaconPort: values["beacon-port"] ? Number(values["beacon-port"]) : undefined,
  now: () => performance.now(),
});
const print = () =>
  console.log(JSON.stringify({
    event: "hosts",
    t: Math.round(performance.now() - start),
    at: wall(),
    hosts: d.hosts(),
  }));
d.addEventListener("change", print);
await d.ready;
console.log(
  JSON.stringify({ event: "ready", at: wall(), warnings: d.warnings }),
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  print();
  await d.close();
  Deno.exit(0);
};
Deno.addSignalListener("SIGTERM", stop);
if (values.for) setTimeout(stop, Number(values.for));
if (values.stats) {
  const id = setInterval(() => {
    if (stopping) return clearInterval(id);
    const cpu = process.cpuUsage();
    console.log(JSON.stringify({
      event: "stats",
      at: wall(),
      stats: d.stats(),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      rooms: d.hosts().length,
    }));
  }, Number(values.stats));
}
