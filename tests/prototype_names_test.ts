/**
 * Every `Object.prototype` name (`toString`, `constructor`, `__proto__`...)
 * in every field that names a game, an option, a command, a move type or a
 * player, sent over real sockets in JSON and in text mode, before and
 * during a game: each gets an error, the host stays up, the game ends
 * normally for everyone.
 *
 * @module
 */
import assert from "node:assert/strict";
import { LineClient, startHost } from "./support.ts";

const NAMES = [...Object.getOwnPropertyNames(Object.prototype), "__proto__"];

type Json = { type: string; [k: string]: unknown };

/** Fails (instead of hanging) when an awaited event does not come in time. */
async function within<T>(what: string, p: Promise<T>, ms = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${what}`)), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A JSON client past the handshake. */
async function jsonPlayer(port: number, nickname: string) {
  const c = await LineClient.connect(port);
  await c.next(); // banner
  await c.send(JSON.stringify({ type: "hello", nickname, protocol: 1 }));
  await c.waitFor((l) => l.includes('"type":"welcome"'));
  return c;
}

/** A text-mode (nc) player past the handshake. */
async function textPlayer(port: number, nickname: string) {
  const c = await LineClient.connect(port);
  await c.next(); // banner
  await c.send(nickname);
  await c.waitFor((l) => l.includes(nickname) && l.includes("Welcome"));
  return c;
}

/** Sends one line and waits for the error it earns (JSON mode). */
async function jsonError(c: LineClient, line: string): Promise<Json> {
  await c.send(line);
  const got = await within(
    line,
    c.waitFor((l) => l.startsWith('{"type":"error"')),
  );
  return JSON.parse(got);
}

/** Sends one line and waits for the error line it earns (text mode). */
async function textError(c: LineClient, line: string): Promise<string> {
  await c.send(line);
  return await within(line, c.waitFor((l) => l.startsWith("! ")));
}

/** The JSON lines naming `name` in a field that names something. */
function jsonLines(name: string): string[] {
  const n = JSON.stringify(name);
  return [
    `{"type":"choose","game":${n}}`,
    `{"type":"start","game":${n}}`,
    `{"type":"choose","game":"justeprix","options":{${n}:1}}`,
    `{"type":"start","options":{${n}:1}}`,
    `{"type":"start","game":"justeprix","options":{${n}:{"a":1}}}`,
    `{"type":${n}}`,
    `{"type":"kick","id":${n}}`,
  ];
}

/** The text-mode lines naming `name` as a command or its argument. */
function textLines(name: string): string[] {
  return [`/game ${name}`, `/start ${name}`, `/kick ${name}`, `/${name}`];
}

Deno.test("prototype names never break the room (JSON and text mode, lobby and game)", async () => {
  const host = startHost({
    rate: 10_000,
    gameOptions: {
      justeprix: { rounds: 1, max: 100, timeLimitSec: 1, pauseSec: 0 },
    },
  });
  const clients: LineClient[] = [];
  try {
    const lead = await jsonPlayer(host.port, "lead");
    const txt = await textPlayer(host.port, "txt");
    const other = await jsonPlayer(host.port, "other");
    clients.push(lead, txt, other);
    await host.until((s) => s.players === 3);

    const tryAll = async (phase: string) => {
      for (const name of NAMES) {
        for (const line of jsonLines(name)) {
          const err = await jsonError(lead, line);
          assert.equal(typeof err.code, "string", `${phase}: ${line}`);
        }
        // A non-leader too: refusals, never a crash.
        const err = await jsonError(
          other,
          `{"type":"choose","game":${JSON.stringify(name)}}`,
        );
        assert.equal(err.code, "not_leader");
        for (const line of textLines(name)) {
          const got = await textError(txt, line);
          assert.ok(got.length > 2, `${phase}: ${line}`);
        }
      }
    };

    await tryAll("lobby");
    assert.equal(host.room.summary().state, "lobby");
    assert.equal(host.room.summary().game, "justeprix");
    assert.deepEqual(host.room.nicknames(), ["lead", "txt", "other"]);

    await lead.send(`{"type":"start"}`);
    await host.until((s) => s.state === "playing");
    await tryAll("game");
    // The round times out (1 s) with a text-mode player in; the game ends.
    const end = (c: LineClient, p: (l: string) => boolean) =>
      within("the end of the game", c.waitFor(p));
    await end(lead, (l) => l.startsWith('{"type":"game_end"'));
    await end(other, (l) => l.startsWith('{"type":"game_end"'));
    await end(txt, (l) => l.includes("is over"));
    await host.until((s) => s.state === "lobby");
    assert.deepEqual(host.room.nicknames(), ["lead", "txt", "other"]);

    // Still serving: a newcomer joins.
    const late = await jsonPlayer(host.port, "late");
    clients.push(late);
    await host.until((s) => s.players === 4);
  } finally {
    await host.close();
    for (const c of clients) await c.close();
  }
});
