/**
 * Over real sockets: a JSON client that says `view-patch` gets no view when
 * question 1 (after « Préparez-vous ») or question 2 opens and builds it
 * from the `question` message; one that does not gets the view, as before
 * (docs/PROTOCOL.md §5.2).
 */
import assert from "node:assert/strict";
import { patchView } from "../games/qcm/patch.ts";
import { QUIZ } from "../games/qcm/testing.ts";
import type { QcmView } from "../games/qcm/wire.ts";
import { VIEW_PATCH } from "../protocol/messages.ts";
import { type Event, nextEvent, within } from "./games_support.ts";
import { LineClient, startHost } from "./support.ts";

async function join(port: number, name: string, capabilities?: string[]) {
  const client = await LineClient.connect(port);
  await client.next(); // banner
  await client.send(JSON.stringify({
    type: "hello",
    nickname: name,
    protocol: 1,
    lang: "en",
    ...(capabilities ? { capabilities } : {}),
  }));
  await nextEvent(client, (e) => e.type === "welcome");
  return client;
}

const is =
  (type: string, test: (e: Event) => boolean = () => true) => (e: Event) =>
    e.type === type && test(e);
const viewOf = (e: Event) => e.view as QcmView;

Deno.test("questions 1 and 2 over sockets: no view for the client that patches, the same view built", async () => {
  const host = startHost({
    autostart: 2,
    game: "qcm",
    gameOptions: {
      qcm: { questions: QUIZ.slice(0, 2), shuffle: false, pauseSec: 2 },
    },
  });
  const patcher = await join(host.port, "ana", [VIEW_PATCH]);
  const plain = await join(host.port, "bob");
  try {
    const ready: QcmView[] = [];
    for (const c of [patcher, plain]) {
      await within(10_000, nextEvent(c, is("game_start")), "the game starts");
      const first = await nextEvent(c, is("view"));
      assert.equal(
        viewOf(first).phase,
        "ready",
        "the start: views, no question",
      );
      assert.equal(viewOf(first).index, 0);
      ready.push(viewOf(first));
    }
    // Question 1 comes READY_MS later, alone: the plain client gets a view
    // with it, the patcher builds the same one from its ready view.
    const q1 = await within(
      10_000,
      nextEvent(patcher, is("question", (e) => e.index === 1)),
      "question 1",
    );
    const sent1 = viewOf(
      await within(
        10_000,
        nextEvent(plain, is("view", (e) => viewOf(e).index === 1)),
        "the plain client's view of question 1",
      ),
    );
    const built1 = patchView(ready[0], q1 as never) as QcmView;
    assert.equal(built1.phase, "question");
    {
      const { me: _m, remainingMs: _r, ...shared } = built1;
      const { me: _n, remainingMs: _s, ...expected } = sent1;
      assert.deepEqual(shared, expected);
    }
    // A client that does not patch gets its own view after its answer; the
    // patcher gets none (its ack says it).
    await plain.send(JSON.stringify({ type: "answer", choices: [1] }));
    const mine = viewOf(
      await within(
        5_000,
        nextEvent(plain, is("view")),
        "the plain answer's view",
      ),
    );
    assert.deepEqual([mine.phase, mine.me!.choices], ["question", [1]]);
    await patcher.send(JSON.stringify({ type: "answer", choices: [2] }));
    const revealed = (e: Event) =>
      e.type === "view" && viewOf(e).phase === "reveal";
    const held = viewOf(
      await within(5_000, nextEvent(patcher, is("view")), "reveal"),
    );
    assert.equal(held.phase, "reveal", "no view at question 1 for the patcher");
    await nextEvent(plain, revealed);

    const question = await within(
      10_000,
      nextEvent(patcher, is("question", (e) => e.index === 2)),
      "question 2",
    );
    assert.equal(question.of, 2);
    const sent = await nextEvent(
      plain,
      is("view", (e) => viewOf(e).index === 2),
    );
    // The patcher's next view is the reveal of question 2: none in between.
    await patcher.send(JSON.stringify({ type: "answer", choices: [1] }));
    await plain.send(JSON.stringify({ type: "answer", choices: [1] }));
    const next = await within(
      5_000,
      nextEvent(patcher, is("view", (e) => viewOf(e).index === 2)),
      "the patcher's next view",
    );
    assert.equal(viewOf(next).phase, "reveal", "no view at question 2");
    assert.equal(question.of, 2);

    const built = patchView(held, question as never) as QcmView;
    const theirs = viewOf(sent);
    assert.ok(Math.abs(built.remainingMs - theirs.remainingMs) < 1_000);
    const { me, remainingMs: _a, ...shared } = built;
    const { me: _b, remainingMs: _c, ...expected } = theirs;
    assert.deepEqual(shared, expected);
    assert.deepEqual(me, { ...held.me!, choices: null, result: null });
    assert.equal(theirs.me!.choices, null);
  } finally {
    await patcher.close();
    await plain.close();
    await host.close();
  }
});
