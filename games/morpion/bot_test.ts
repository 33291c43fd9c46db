import assert from "node:assert/strict";
import type { Outgoing, Seat } from "../types.ts";
import { morpionBot } from "./bot.ts";
import { morpionRules as R, type MorpionState } from "./rules.ts";
import { seatsOf, seeded } from "./testing.ts";

Deno.test("bot: plays only on its turn, with a stable key and a small delay", () => {
  const random = seeded(4);
  let { state } = R.start(seatsOf("ana", "bob"), R.optionsSchema.parse({}), {
    now: 0,
    random,
  });
  assert.equal(
    morpionBot(R.view(state, "p2", 0), random),
    null,
    "not bob's turn",
  );
  assert.equal(
    morpionBot(R.view(state, "stranger", 0), random),
    null,
    "spectator",
  );
  assert.equal(morpionBot({ phase: "playing" }, random), null, "not a view");
  const d = morpionBot(R.view(state, "p1", 0), random);
  assert.ok(d);
  assert.equal(d.move.type, "play");
  assert.ok(
    Number.isInteger(d.move.cell) && (d.move.cell as number) >= 1 &&
      (d.move.cell as number) <= 9,
  );
  assert.equal(d.key, "match-1-move-0");
  assert.ok(d.delayMs !== undefined && d.delayMs >= 300 && d.delayMs < 800);
  assert.equal(
    morpionBot(R.view(state, "p1", 0), random)?.key,
    d.key,
    "same view, same key",
  );
  ({ state } = R.move(state, "p1", d.move, { now: 0, random }));
  assert.equal(
    morpionBot(R.view(state, "p2", 0), random)?.key,
    "match-1-move-1",
  );
});

/** Runs a series where every seat is played by the bot, from its own view. */
function botSeries(
  seats: Seat[],
  seed: number,
): { state: MorpionState; out: Outgoing[] } {
  const random = seeded(seed);
  let now = 0;
  let { state, out } = R.start(seats, R.optionsSchema.parse({ matches: 4 }), {
    now,
    random,
  });
  const all = [...out];
  const played = new Set<string>();
  for (let guard = 0; guard < 1000 && !R.over(state); guard++) {
    let moved = false;
    for (const seat of seats) {
      const d = morpionBot(R.view(state, seat.id, now), random);
      if (!d) continue;
      assert.ok(!played.has(d.key), `key ${d.key} twice`);
      played.add(d.key);
      ({ state, out } = R.move(state, seat.id, d.move, { now, random }));
      all.push(...out);
      moved = true;
      break;
    }
    if (!moved) {
      now = Math.max(now, R.deadline(state) ?? now);
      ({ state, out } = R.tick(state, { now, random }));
      all.push(...out);
    }
    now += 1;
  }
  return { state, out: all };
}

Deno.test("bot: two bots draw every match of a series", () => {
  for (const seed of [1, 2, 3]) {
    const { state, out } = botSeries(seatsOf("ana", "bob"), seed);
    assert.equal(R.over(state), true);
    const ends = out.filter((o) => o.message.type === "match_end");
    assert.equal(ends.length, 4);
    assert.ok(ends.every((e) => e.message.draw === true));
  }
});

Deno.test("bot: the bot draws against the hard built-in opponent", () => {
  const { state, out } = botSeries(seatsOf("ana"), 9);
  assert.equal(R.over(state), true);
  const ends = out.filter((o) => o.message.type === "match_end");
  assert.equal(ends.length, 4);
  assert.ok(ends.every((e) => e.message.draw === true));
});
