import assert from "node:assert/strict";
import { createRoomKey, proofData } from "../discovery/room_key.ts";
import { GAMES } from "../games/registry.ts";
import { playRoom } from "./app.ts";
import { Failover } from "./failover.ts";
import type { Key } from "./keys.ts";
import { Session } from "./session.ts";
import type { Terminal } from "./terminal.ts";
import { startFakeHost, welcomeOf } from "./testing_host.ts";

const key = await createRoomKey();

/** A plain-lines terminal whose output can be awaited, and typed into. */
function plainTerminal() {
  const out: string[] = [];
  const keys: Key[] = [];
  let wake: (() => void) | null = null;
  const waiters: { pred: (all: string) => boolean; resolve: () => void }[] = [];
  const term = {
    tty: false,
    color: false,
    size: () => ({ columns: 100, rows: 40 }),
    write(text: string) {
      out.push(text);
      const all = out.join("");
      for (const w of [...waiters]) {
        if (w.pred(all)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    },
    async *input() {
      while (true) {
        while (keys.length) yield keys.shift()!;
        await new Promise<void>((r) => wake = r);
      }
    },
    enter() {},
    leave() {},
    onResize: () => () => {},
    out,
    press(k: Key) {
      keys.push(k);
      wake?.();
    },
    until(pred: (all: string) => boolean): Promise<void> {
      if (pred(out.join(""))) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  } satisfies Terminal & Record<string, unknown>;
  return term;
}

/** A fake host of the room (same key) that proves it and says `after`. */
function roomHost(
  epoch: number,
  after: (hello: Record<string, unknown>) => unknown[],
) {
  return startFakeHost(async (hello) => [
    {
      ...welcomeOf("ana", {
        hostId: key.id,
        key: key.publicKey,
        proof: await key.sign(proofData(String(hello.nonce))),
        epoch,
      }),
      // A seat offered back with its token is given back.
      rejoined: typeof hello.token === "string",
    },
    ...after(hello),
  ]);
}

Deno.test("player: a bye 'moved' takes the seat back at once at the new host, with the token", async () => {
  const next = roomHost(
    1,
    () => [{ type: "chat", from: "eve", text: "at-new-host", at: 5 }],
  );
  const first = roomHost(0, () => [
    { type: "fallback", to: { address: "127.0.0.1", port: next.port } },
    { type: "fallback", to: { address: "127.0.0.1", port: next.port } },
    {
      type: "bye",
      reason: "moved",
      message: "The host hands the room over to Chloé…",
      to: { address: "127.0.0.1", port: next.port },
    },
  ]);
  const term = plainTerminal();
  const join = (host: string, port: number, token?: string) =>
    Session.join({
      host,
      port,
      nickname: "ana",
      lang: "en",
      expectedRoomId: key.id,
      heartbeat: false,
      ...(token ? { token } : {}),
    });
  const session = await join("127.0.0.1", first.port);
  const failover = new Failover({
    join: (to, token) => join(to.host, to.port, token),
  });
  failover.connected(session, { host: "127.0.0.1", port: first.port });
  const started = performance.now();
  const running = playRoom({
    session,
    games: GAMES,
    lang: "en",
    terminal: term,
    failover,
    // Without the wake, the first attempt would wait a minute.
    backoff: { firstMs: 60_000, maxMs: 60_000 },
  });
  await term.until((all) => all.includes("at-new-host"));
  assert.equal(performance.now() - started < 30_000, true);
  term.press({ kind: "interrupt" });
  const outcome = await running;
  await failover.done();
  await first.close();
  await next.close();
  const out = term.out.join("");
  assert.equal(outcome.end, "quit");
  assert.equal(next.hellos[0].token, "t1");
  // The fallback is said once, quietly; the move with the host's words.
  assert.equal(
    out.split("If the host goes, the room continues at").length - 1,
    1,
  );
  assert.ok(out.includes("The host hands the room over to Chloé…"), out);
  assert.ok(out.includes("Back in the room."), out);
});

Deno.test("player: /handover from the hosting player sends the lobby message", async () => {
  const host = roomHost(0, () => []);
  const term = plainTerminal();
  const session = await Session.join({
    host: "127.0.0.1",
    port: host.port,
    nickname: "ana",
    lang: "fr",
    heartbeat: false,
  });
  const running = playRoom({
    session,
    games: GAMES,
    lang: "fr",
    terminal: term,
    hosting: { others: () => 1, close: () => {}, hasDeputy: () => true },
  });
  for (const ch of "/handover") term.press({ kind: "char", text: ch });
  term.press({ kind: "enter" });
  await host.until((l) => l.type === "handover");
  term.press({ kind: "interrupt" });
  await term.until((all) =>
    all.includes("/handover pour la passer à votre adjoint")
  );
  term.press({ kind: "eof" });
  await running;
  await host.close();
  assert.ok(
    term.out.join("").includes("Vous passez la salle à votre adjoint…"),
  );
});
