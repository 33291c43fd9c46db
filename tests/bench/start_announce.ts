/**
 * Host start → first announcement, on a namespace LAN (root needed): from
 * the moment `lanplay host --headless` is spawned (process start, module
 * loading, the room key, the listener, the announcer) to the moment a
 * player's discovery, already running on another node, lists the room.
 * Both clocks are this machine's wall clock.
 *
 *   deno run -A tests/bench/start_announce.ts [--runs 10]
 *
 * Prints one JSON event: `{"event":"result","ms":[...]}`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { createLan, lanSkipReason, run } from "../lan/lan_harness.ts";
import {
  cacheEntries,
  startClient,
  stop,
  waitHosts,
} from "../lan/lan_procs.ts";
import { emit, wall } from "./child.ts";

const MOD = new URL("../../mod.ts", import.meta.url).pathname;

/**
 * Times `runs` host starts until their room is listed by a discovery
 * client on the same namespace LAN.
 *
 * @param runs how many starts
 */
export async function startToAnnounce(runs: number): Promise<number[]> {
  const skip = await lanSkipReason();
  if (skip) throw new Error(skip);
  await cacheEntries();
  const cached = await run(["deno", "cache", MOD]);
  if (cached.code !== 0) throw new Error(`deno cache failed: ${cached.stderr}`);
  const lan = await createLan([{ name: "h" }, { name: "c" }]);
  const out: number[] = [];
  try {
    const client = await startClient(lan.node("c"));
    try {
      for (let r = 0; r < runs; r++) {
        const name = `Bench start ${r}`;
        const from = client.stdout.lines.length;
        const t0 = wall();
        const host = lan.node("h").spawn([
          "deno",
          "run",
          "-A",
          "--cached-only",
          MOD,
          "host",
          "--headless",
          "--name",
          name,
          "--port",
          "0",
          "--lang",
          "en",
        ]);
        try {
          const seen = await waitHosts(
            client,
            (l) => l.some((x) => x.name === name),
            20_000,
            from,
          );
          out.push(JSON.parse(client.stdout.lines[seen.index]).at - t0);
        } finally {
          await stop(host);
        }
        // Let the room's goodbye clear before the next start.
        await waitHosts(client, (l) => !l.some((x) => x.name === name), 10_000);
      }
    } finally {
      await stop(client);
    }
  } finally {
    await lan.close();
  }
  return out;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { runs: { type: "string", default: "10" } },
  });
  emit("result", { ms: await startToAnnounce(Number(values.runs)) });
}
