/**
 * The lanplay host of the bench, alone in its process: one room on
 * 127.0.0.1 (or `--hostname`: an address of a namespace's link) with the bench's limits (capacity, connection caps, chat rate),
 * driven by commands on stdin.
 *
 *   deno run -A --v8-flags=--expose-gc tests/bench/host_main.ts \
 *     [--game qcm] [--autostart N] [--count 3] [--time 5] [--pause 2] \
 *     [--capacity 1000] [--rate 20] [--host-key KEY] [--web] \
 *     [--hostname 127.0.0.1]
 *
 * `--web` opens the room's web server too (host/web_server.ts, on
 * 127.0.0.1), with the same connection caps, for players on the page's
 * WebSocket. Prints `{"event":"ready","port":N,"webPort":M}` (`webPort`
 * with `--web`); commands: `cpu` (prints the CPU
 * time used so far, ms), `rss` (prints the RSS and
 * heap after a collection), `players` (prints the member count),
 * `connected` (how many of them are connected now), `fanout`
 * (prints, per question, first → last socket write of it, and the mean
 * bytes of those writes: ./fanout.ts),
 * `quit`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { GAMES } from "../../games/registry.ts";
import { realClock } from "../../host/clock.ts";
import { Room } from "../../host/room.ts";
import { GameServer } from "../../host/server.ts";
import { WebServer } from "../../host/web_server.ts";
import { seeded } from "../../games/testing_random.ts";
import { commands, cpuMs, emit, memory } from "./child.ts";
import { FanOut, watchSends, watchWrites } from "./fanout.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    game: { type: "string", default: "qcm" },
    autostart: { type: "string" },
    count: { type: "string", default: "3" },
    time: { type: "string", default: "5" },
    pause: { type: "string", default: "2" },
    capacity: { type: "string", default: "1000" },
    rate: { type: "string", default: "20" },
    "host-key": { type: "string" },
    web: { type: "boolean" },
    hostname: { type: "string", default: "127.0.0.1" },
  },
});
const hostname = values.hostname!;
const capacity = Number(values.capacity);
const room = new Room({
  name: "Bench room",
  hostId: "bench-host",
  games: GAMES,
  game: values.game!,
  gameOptions: {
    qcm: {
      count: Number(values.count),
      timeSec: Number(values.time),
      pauseSec: Number(values.pause),
    },
  },
  capacity,
  autostart: values.autostart ? Number(values.autostart) : null,
  ...(values["host-key"] ? { hostKey: values["host-key"] } : {}),
  clock: realClock,
  random: seeded(7),
});
const fanOut = new FanOut();
const listening = Deno.listen({ hostname, port: 0 });
// Watching writes costs a scan of each: for the quiz only.
const listener = values.game === "qcm"
  ? watchWrites(listening, fanOut)
  : listening;
/** The same room, limits and clock for the TCP port and the web port. */
const served = {
  room,
  games: GAMES,
  clock: realClock,
  defaultLang: "en" as const,
  rate: Number(values.rate),
  maxConnections: capacity * 2 + 64,
  maxPerAddress: capacity * 2 + 64,
  handshakeMs: 60_000,
};
const server = GameServer.serve(listener, served);
const web = values.web ? WebServer.listen({ hostname, port: 0 }, served) : null;
if (web && values.game === "qcm") watchSends(fanOut);
emit("ready", {
  port: server.port,
  ...(web ? { webPort: web.port } : {}),
});
for await (const command of commands()) {
  if (command === "rss") emit("rss", memory());
  else if (command === "cpu") emit("cpu", { ms: cpuMs() });
  else if (command === "fanout") {
    emit("fanout", {
      // JSON has no NaN: null for a question never seen.
      ms: fanOut.spreads(Number(values.count)).map((x) => isNaN(x) ? null : x),
      bytes: fanOut.writeBytes(Number(values.count)).map((x) =>
        isNaN(x) ? null : x
      ),
    });
  } else if (command === "players") {
    emit("players", { n: room.summary().players });
  } else if (command === "connected") {
    emit("connected", { n: room.connectedPlayers() });
  } else if (command === "quit") break;
}
room.close();
await web?.close();
await server.close();
Deno.exit(0);
