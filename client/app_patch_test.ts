import assert from "node:assert/strict";
import { GAMES } from "../games/registry.ts";
import { qcmRules } from "../games/qcm/rules.ts";
import { asked, env, QUIZ_OPTIONS, SEATS } from "../games/qcm/testing.ts";
import { VIEW_PATCH } from "../protocol/messages.ts";
import { runPlayer } from "./app.ts";
import { Session } from "./session.ts";
import type { Terminal } from "./terminal.ts";
import { startFakeHost, welcomeOf } from "./testing_host.ts";

/** A plain terminal whose lines can be awaited. */
function jsonTerminal() {
  const out: string[] = [];
  const waiters: { pred: (all: string) => boolean; resolve: () => void }[] = [];
  const term: Terminal & {
    out: string[];
    until(pred: (all: string) => boolean): Promise<void>;
  } = {
    tty: false,
    color: false,
    out,
    size: () => ({ columns: 80, rows: 24 }),
    write(text) {
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
      await new Promise<void>(() => {}); // no key, ever
      yield { kind: "interrupt" } as const;
    },
    enter() {},
    leave() {},
    onResize: () => () => {},
    until(pred) {
      if (pred(out.join(""))) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
  return term;
}

Deno.test("player: a question without a view — the patched view, and the bot answers it", async () => {
  // Question 1 revealed: everyone answered, the reveal's views went out.
  let { state } = asked(SEATS, QUIZ_OPTIONS, 0);
  for (const s of SEATS) {
    state =
      qcmRules.move(state, s.id, { type: "answer", choices: [2] }, env(1_000))
        .state;
  }
  const reveal = qcmRules.view(state, "a", 1_000);
  // Question 2 opens: the host sends its message and no view to this client.
  const next = qcmRules.tick(state, env(state.phaseEnd));
  assert.equal(next.patchable, true);
  const expected = qcmRules.view(next.state, "a", state.phaseEnd);
  const host = startFakeHost(() => [
    welcomeOf("Ana"),
    { type: "game_start", game: "qcm", players: SEATS.map((s) => s.nickname) },
    { type: "view", game: "qcm", view: reveal },
    next.out[0].message,
  ]);
  const term = jsonTerminal();
  const stop = new AbortController();
  try {
    const session = await Session.join({
      host: "127.0.0.1",
      port: host.port,
      nickname: "Ana",
      lang: "en",
      heartbeat: false,
    });
    const running = runPlayer({
      session,
      games: GAMES,
      lang: "en",
      terminal: term,
      json: true,
      bot: true,
      random: () => 0,
      stop: stop.signal,
    });
    assert.deepEqual(
      host.hellos[0].capabilities,
      [VIEW_PATCH],
      "said in hello",
    );
    await term.until((all) => all.includes('"patched":true'));
    const event = term.out.join("").split("\n").filter(Boolean).map((l) =>
      JSON.parse(l)
    ).find((e) => e.patched === true);
    assert.deepEqual(event, {
      type: "view",
      game: "qcm",
      view: expected,
      patched: true,
    });
    // The bot decides on the patched question (decision key qcm:2).
    const move = await host.until((l) => l.type === "answer");
    assert.equal(Array.isArray(move.choices), true);
    stop.abort();
    await running;
  } finally {
    await host.close();
  }
});
