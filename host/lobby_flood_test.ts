/**
 * Lobby amplification over real sockets: many players toggling `ready` as
 * fast as the rate limit lets them must not make the host send much more
 * than it gets. Every change used to send the whole player list to
 * everyone (N players × K toggles × N receivers × N entries); lobby updates
 * are now coalesced (one per room every 100 ms at most, the latest state).
 *
 * @module
 */
import assert from "node:assert/strict";
import { LineClient, startHost } from "../tests/support.ts";

const PLAYERS = 20;
const TOGGLES = 36; // within the default burst (2 × 20 messages, one was hello)
/**
 * Bytes out / bytes in stays under this. Each 30-byte toggle used to cost
 * 20 lobbies of 2.3 KB (a ratio of 1500; the outbound queue merging
 * lobbies queued in one turn brings it to about 40 measured here); with
 * lobbies coalesced, one 46 KB wave per 100 ms while toggles come in: about
 * 2 measured on loopback.
 */
const MAX_RATIO = 20;

/** Fails (instead of hanging) when an awaited event does not come in time. */
async function within<T>(what: string, p: Promise<T>, ms = 20_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

type Lobby = { type: "lobby"; players: { ready: boolean }[] };

function isLobby(line: string, pred: (l: Lobby) => boolean): boolean {
  if (!line.startsWith('{"type":"lobby"')) return false;
  return pred(JSON.parse(line));
}

Deno.test("lobby: players toggling ready fast cost a bounded multiple of what they send", async () => {
  const host = startHost({ maxPerAddress: 64 }); // every client is 127.0.0.1
  const clients: LineClient[] = [];
  try {
    for (let i = 0; i < PLAYERS; i++) {
      const c = await LineClient.connect(host.port);
      clients.push(c);
      await c.next(); // banner
      await c.send(
        JSON.stringify({ type: "hello", nickname: `p${i}`, protocol: 1 }),
      );
      await within("welcome", c.waitFor((l) => l.includes('"welcome"')));
    }
    // Everyone has seen everyone: the join storm is over.
    await Promise.all(clients.map((c) =>
      within(
        "full lobby",
        c.waitFor((l) => isLobby(l, (m) => m.players.length === PLAYERS)),
      )
    ));
    const mark = clients.map((c) => c.lines.length);

    let bytesIn = 0;
    await Promise.all(clients.map((c) => {
      const lines: string[] = [];
      for (let k = 0; k < TOGGLES; k++) {
        // Alternating, ending on ready: true.
        lines.push(JSON.stringify({ type: "ready", ready: k % 2 === 1 }));
      }
      const text = lines.join("\n");
      bytesIn += new TextEncoder().encode(text + "\n").length;
      return c.send(text);
    }));
    await Promise.all(clients.map((c) =>
      within(
        "everyone ready",
        c.waitFor((l) =>
          isLobby(
            l,
            (m) =>
              m.players.length === PLAYERS && m.players.every((p) => p.ready),
          )
        ),
      )
    ));

    let bytesOut = 0;
    clients.forEach((c, i) => {
      for (const l of c.lines.slice(mark[i])) {
        bytesOut += new TextEncoder().encode(l).length + 1;
        assert.ok(!l.includes('"rate_limited"'), "stayed within the rate");
      }
    });
    const ratio = bytesOut / bytesIn;
    assert.ok(
      ratio < MAX_RATIO,
      `out/in = ${ratio.toFixed(1)} (${bytesOut} / ${bytesIn} bytes)`,
    );
  } finally {
    await host.close();
    for (const c of clients) await c.close();
  }
});
