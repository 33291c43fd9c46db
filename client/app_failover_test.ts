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

Deno.test("player: the deputy named in the fallback is told it takes over, the others who", async (t) => {
  for (
    const [me, says] of [
      ["ana", "If the host goes, you take over"],
      ["bob", "the room goes on at ana's (198.18.0.2:50026)"],
    ] as const
  ) {
    await t.step(me, async () => {
      const host = startFakeHost(() => [
        welcomeOf(me),
        {
          type: "fallback",
          to: { address: "198.18.0.2", port: 50026 },
          nickname: "ana",
        },
        { type: "chat", from: "eve", text: "marker", at: 5 },
      ]);
      const term = plainTerminal();
      const session = await Session.join({
        host: "127.0.0.1",
        port: host.port,
        nickname: me,
        lang: "en",
        heartbeat: false,
      });
      const failover = new Failover({ join: () => Promise.reject() });
      failover.connected(session, { host: "127.0.0.1", port: host.port });
      const running = playRoom({
        session,
        games: GAMES,
        lang: "en",
        terminal: term,
        failover,
      });
      await term.until((all) => all.includes("marker"));
      term.press({ kind: "interrupt" });
      await running;
      await failover.done();
      await host.close();
      assert.ok(term.out.join("").includes(says), term.out.join(""));
    });
  }
});

Deno.test("player: a join hosts only once it took the room over (hosting.active)", async (t) => {
  for (const active of [false, true]) {
    await t.step(
      active ? "hosting: Ctrl-C asks first" : "not yet: Ctrl-C quits",
      async () => {
        const host = startFakeHost(() => [welcomeOf("ana")]);
        const term = plainTerminal();
        const session = await Session.join({
          host: "127.0.0.1",
          port: host.port,
          nickname: "ana",
          lang: "en",
          heartbeat: false,
        });
        let closed = 0;
        const running = playRoom({
          session,
          games: GAMES,
          lang: "en",
          terminal: term,
          hosting: {
            active: () => active,
            others: () => 2,
            close: () => void closed++,
          },
        });
        term.press({ kind: "interrupt" });
        if (active) {
          await term.until((all) => all.includes("2 players in the room"));
          term.press({ kind: "interrupt" });
          await term.until((all) => all.includes("Closing the room…"));
          assert.equal(closed, 1);
          term.press({ kind: "eof" });
        }
        const outcome = await running;
        await host.close();
        if (!active) {
          assert.equal(outcome.end, "quit");
          assert.equal(closed, 0);
        }
      },
    );
  }
});
