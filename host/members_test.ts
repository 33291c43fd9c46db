import assert from "node:assert/strict";
import { type MemberPort, Members, type Newcomer } from "./members.ts";
import { nicknameSkeleton } from "../protocol/nickname.ts";

function port(log: string[], name: string): MemberPort {
  return { send: (m) => void log.push(`${name}:${m.type}`), close() {} };
}
const who = (
  nickname: string,
  p: MemberPort,
  over: Partial<Newcomer> = {},
): Newcomer => ({
  nickname,
  lang: "en",
  mode: "json",
  port: p,
  isHost: false,
  bot: false,
  ...over,
});

Deno.test("members", async (t) => {
  await t.step("ids in arrival order; a nickname is taken in any case", () => {
    const log: string[] = [];
    const ms = new Members(undefined);
    const a = ms.add(who("Ana", port(log, "a")));
    const b = ms.add(who("bob", port(log, "b")));
    assert.deepEqual([a.id, b.id], ["p1", "p2"]);
    assert.ok(ms.hasNickname("ANA"));
    assert.ok(!ms.hasNickname("cy"));
    ms.delete(a.id);
    assert.equal(ms.add(who("cy", port(log, "c"))).id, "p3");
    assert.deepEqual(ms.sorted().map((m) => m.nickname), ["bob", "cy"]);
  });
  await t.step("the first human leads; a bot only in a room of bots", () => {
    const ms = new Members(undefined);
    const bot = ms.add(who("bot", port([], "x"), { bot: true }));
    assert.equal(ms.leader(), bot);
    const ana = ms.add(who("ana", port([], "y")));
    assert.equal(ms.leader(), ana);
    assert.deepEqual(ms.players().map((p) => p.leader), [false, true]);
  });
  await t.step("with a host key only its holder leads", () => {
    const ms = new Members("secret");
    ms.add(who("ana", port([], "a")));
    assert.equal(ms.leader(), undefined);
    const host = ms.add(who("host", port([], "h"), { isHost: true }));
    assert.equal(ms.leader(), host);
  });
  await t.step(
    "seats restored out of order still come in joining order",
    () => {
      const ms = new Members(undefined);
      const seat = (nickname: string, joinedSeq: number) =>
        ms.restore({
          ...who(nickname, port([], nickname)),
          id: `p${joinedSeq}`,
          joinedSeq,
          score: 0,
          ready: false,
          tokenHash: `t${joinedSeq}`,
          rejoinHash: `r${joinedSeq}`,
          watcher: false,
        });
      seat("cy", 3);
      const ana = seat("ana", 1);
      seat("bob", 2);
      assert.deepEqual(ms.sorted().map((m) => m.nickname), [
        "ana",
        "bob",
        "cy",
      ]);
      for (const m of ms.sorted()) m.connected = true;
      assert.equal(ms.leader(), ana); // the first in, not the first restored
    },
  );
  await t.step("broadcast skips the one excepted", () => {
    const log: string[] = [];
    const ms = new Members(undefined);
    const a = ms.add(who("ana", port(log, "a")));
    ms.add(who("bob", port(log, "b")));
    ms.broadcast({ type: "joined", nickname: "ana" }, a.id);
    assert.deepEqual(log, ["b:joined"]);
  });
});

Deno.test("members: look-alikes and finding by nickname", () => {
  const ms = new Members(undefined);
  const p = port([], "x");
  const alice = ms.add(who("Alice", p));
  assert.equal(ms.lookalikeOf(nicknameSkeleton("AIice")), "Alice");
  assert.equal(ms.lookalikeOf(nicknameSkeleton("Alicia")), undefined);
  assert.equal(ms.find("alice"), alice);
  assert.equal(ms.find(alice.id), alice);
  assert.equal(ms.find("toString"), undefined);
  assert.equal(ms.find("__proto__"), undefined);
  ms.delete(alice.id);
  assert.equal(ms.lookalikeOf(nicknameSkeleton("AIice")), undefined);
});

Deno.test("members: only hashes of the token and the rejoin code are kept", async () => {
  const { hashSecret } = await import("./members.ts");
  const ms = new Members(undefined);
  const secrets = { token: "tok-123", rejoin: "K7P2Q" };
  const m = ms.add(who("ana", port([], "a")), secrets);
  assert.equal(m.tokenHash, hashSecret("tok-123"));
  assert.equal(m.rejoinHash, hashSecret("K7P2Q"));
  assert.ok(!JSON.stringify(m).includes("tok-123"));
  assert.ok(!JSON.stringify(m).includes("K7P2Q"));
  assert.equal(ms.byToken("tok-123"), m);
  assert.equal(ms.byToken(m.tokenHash), undefined); // the hash is no token
  const fresh = ms.newToken(m);
  assert.equal(ms.byToken("tok-123"), undefined);
  assert.equal(ms.byToken(fresh), m);
});
