/**
 * Test entry: a hostile machine on the LAN. Knowing a room's label (so its
 * public id and key, as anyone reading its ads would), it sends:
 *
 * - `spoof`: forged beacons and mDNS answers with the room's id and name;
 * - `bye`: forged goodbyes (beacon and mDNS) for the room;
 * - `flood`: validly signed ads of `--rooms` fresh keys, `--count` packets
 *   in all, from every address given with `--from` (round robin), for at
 *   most `--for` ms.
 *
 * Prints `{"sent":N,"ms":T}` and exits.
 *
 *   deno run -A tests/lan/forge_main.ts --mode spoof --id host-1 --name "Salle 1"
 *     --from 198.18.0.9 --broadcast 198.18.0.255 [--rounds 5]
 *   deno run -A tests/lan/forge_main.ts --mode flood --from A --from B ...
 *     --broadcast 198.18.0.255 --rooms 1000 --count 50000 --for 10000
 *
 * @module
 */
import dgram from "node:dgram";
import { parseArgs } from "node:util";
import { BEACON_PORT } from "../../protocol/constants.ts";
import { MDNS_GROUP, MDNS_PORT } from "../../discovery/mdns_records.ts";
import { createRoomKey } from "../../discovery/room_key.ts";
import { buf, floodAds, forgedAds, forgedByes, forgedMdns } from "./forge.ts";
import { seededRoomKey } from "./seeded_key.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    mode: { type: "string", default: "spoof" },
    id: { type: "string", default: "host-1" },
    name: { type: "string", default: "Salle 1" },
    from: { type: "string", multiple: true },
    broadcast: { type: "string" },
    rounds: { type: "string", default: "5" },
    rooms: { type: "string", default: "1000" },
    count: { type: "string", default: "50000" },
    for: { type: "string", default: "10000" },
  },
});

const from = values.from ?? [];
const sockets = await Promise.all(from.map(async (address) => {
  const s = dgram.createSocket({ type: "udp4" });
  s.on("error", () => {});
  await new Promise<void>((r) => s.bind(0, address, () => r()));
  s.setBroadcast(true);
  s.setMulticastInterface(address);
  return s;
}));
const send = (i: number, bytes: Uint8Array, port: number, to: string) =>
  new Promise<void>((r) =>
    sockets[i % sockets.length].send(buf(bytes), port, to, () => r())
  );
const bcast = values.broadcast ?? "255.255.255.255";
const started = performance.now();
let sent = 0;

if (values.mode === "flood") {
  const ads = await floodAds(Number(values.rooms));
  const count = Number(values.count);
  const until = started + Number(values.for);
  // Batches of 64 in flight: fast, without queueing the whole flood.
  for (let i = 0; i < count && performance.now() < until; i += 64) {
    const batch: Promise<void>[] = [];
    for (let j = i; j < Math.min(count, i + 64); j++) {
      batch.push(send(j, ads[j % ads.length], BEACON_PORT, bcast));
    }
    await Promise.all(batch);
    sent += batch.length;
  }
} else {
  const room = await seededRoomKey(values.id!);
  const forger = await createRoomKey();
  const target = {
    hostId: room.id,
    name: values.name!,
    publicKey: room.publicKey,
  };
  const beacons = values.mode === "bye"
    ? await forgedByes(target, forger)
    : await forgedAds(target, forger);
  const mdns = await forgedMdns(target, forger, from[0] ?? "0.0.0.0");
  const mdnsPackets = values.mode === "bye" ? mdns.byes : mdns.answers;
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const b of beacons) {
      await send(0, b, BEACON_PORT, bcast);
      sent++;
    }
    for (const b of mdnsPackets) {
      await send(0, b, MDNS_PORT, MDNS_GROUP);
      sent++;
    }
  }
}
await Promise.all(
  sockets.map((s) => new Promise<void>((r) => s.close(() => r()))),
);
console.log(
  JSON.stringify({ sent, ms: Math.round(performance.now() - started) }),
);
