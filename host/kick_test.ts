/**
 * `/kick NAME` over real sockets: a text-mode leader puts a JSON player
 * out; the player gets bye `kicked` and is disconnected; coming back under
 * the same or a look-alike nickname is refused `banned` (and closed); a
 * non-leader's `kick` is an error.
 *
 * @module
 */
import assert from "node:assert/strict";
import { LineClient, startHost } from "../tests/support.ts";

/** Fails (instead of hanging) when an awaited event does not come in time. */
async function within<T>(what: string, p: Promise<T>, ms = 10_000): Promise<T> {
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

async function hello(c: LineClient, nickname: string): Promise<string> {
  await c.next(); // banner
  await c.send(JSON.stringify({ type: "hello", nickname, protocol: 1 }));
  return await within(
    "an answer to hello",
    c.waitFor((l) => l.includes('"welcome"') || l.includes('"error"')),
  );
}

Deno.test("kick over sockets: bye kicked, seat freed, look-alikes banned", async () => {
  const host = startHost();
  const clients: LineClient[] = [];
  const connect = async () => {
    const c = await LineClient.connect(host.port);
    clients.push(c);
    return c;
  };
  try {
    const lead = await connect();
    await lead.next(); // banner
    await lead.send("lead"); // text mode: the first in leads
    await within("welcome", lead.waitFor((l) => l.includes("Welcome")));
    const bob = await connect();
    assert.match(await hello(bob, "bob"), /"welcome"/);
    const cy = await connect();
    assert.match(await hello(cy, "cy"), /"welcome"/);
    await host.until((s) => s.players === 3);

    await cy.send(JSON.stringify({ type: "kick", id: "bob" }));
    const refused = await within(
      "not_leader",
      cy.waitFor((l) => l.includes('"error"')),
    );
    assert.equal(JSON.parse(refused).code, "not_leader");

    await lead.send("/kick bob");
    const bye = await within("bye", bob.waitFor((l) => l.includes('"bye"')));
    assert.equal(JSON.parse(bye).reason, "kicked");
    assert.equal(await within("close", bob.next()), null, "bob is closed");
    await within("left", lead.waitFor((l) => l.includes("bob left")));
    await host.until((s) => s.players === 2);
    assert.deepEqual(host.room.nicknames(), ["lead", "cy"]);

    for (const nickname of ["bob", "B0B"]) {
      const again = await connect();
      const answer = JSON.parse(await hello(again, nickname));
      assert.equal(answer.code, "banned", nickname);
      assert.equal(
        await within("close", again.waitFor(() => false).catch(() => null)),
        null,
      );
    }
    const dan = await connect();
    assert.match(await hello(dan, "dan"), /"welcome"/);
  } finally {
    await host.close();
    for (const c of clients) await c.close();
  }
});
