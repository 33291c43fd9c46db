import assert from "node:assert/strict";
import { stripAnsi, visibleWidth } from "../../text/layout.ts";
import { bombardesRules as rules } from "./rules.ts";
import { renderScreen, shellAt } from "./screen.ts";
import { optionsOf, seatsOf, seeded } from "./testing.ts";
import type { BombardesView } from "./wire.ts";

function views() {
  const env = { now: 0, random: seeded(4) };
  const start = rules.start(seatsOf("Ana", "Bob", "Zoé"), optionsOf(), env)
    .state;
  const flying = rules.move(
    start,
    "p1",
    { type: "fire", angle: 50, charge: 60 },
    env,
  ).state;
  return { start, flying };
}

Deno.test("screen: the panel fits 80×24 (16 rows) and any width, without ANSI when asked", () => {
  const { start, flying } = views();
  for (const state of [start, flying]) {
    for (const seat of ["p1", "p2", "spectator"]) {
      for (const width of [78, 40, 12, 1]) {
        for (const lang of ["fr", "en"] as const) {
          const plain = renderScreen(
            rules.view(state, seat, 500),
            lang,
            width,
            false,
          );
          assert.ok(plain.length <= 16, "at most 16 rows");
          for (const line of plain) {
            assert.ok(visibleWidth(line) <= width, `${width}: ${line}`);
            assert.ok(!line.includes("\x1b"));
          }
          const colored = renderScreen(
            rules.view(state, seat, 500),
            lang,
            width,
            true,
          );
          assert.deepEqual(colored.map(stripAnsi), plain);
        }
      }
    }
  }
});

Deno.test("screen: what each one reads, in French and English", () => {
  const { start } = views();
  const mine = renderScreen(rules.view(start, "p1", 5_000), "en", 78, false);
  assert.match(mine[0], /^Round 1\/3 · (no wind|wind [←→] \d)$/);
  assert.match(mine[13], /^1 Ana 0 pts {2}2 Bob 0 pts {2}3 Zoé 0 pts$/);
  assert.match(
    mine[14],
    /Your turn! Type angle charge \(e\.g\. 45 70\) · 15 s$/,
  );
  const theirs = renderScreen(rules.view(start, "p2", 5_000), "fr", 78, false);
  assert.match(theirs[14], /Ana vise… · 15 s$/);
  assert.ok(mine.slice(1, 13).join("").includes("█"), "the ground in blocks");
});

Deno.test("screen: the shell moves along the path as remainingMs counts down, and stops at the impact", () => {
  const { flying } = views();
  const v = rules.view(flying, "p2", 0) as BombardesView;
  const frame = (elapsed: number) =>
    renderScreen({ ...v, remainingMs: v.phaseMs - elapsed }, "en", 78, false)
      .slice(1, 13).join("\n");
  const shellRow = (elapsed: number) =>
    frame(elapsed).split("\n").findIndex((l) => l.includes("●"));
  const shellCol = (elapsed: number) =>
    frame(elapsed).split("\n")[shellRow(elapsed)]?.indexOf("●") ?? -1;
  const cols = [0, 250, 500, 750].map(shellCol);
  assert.ok(cols.every((c) => c >= 0), "the shell is drawn");
  for (let i = 1; i < cols.length; i++) {
    assert.ok(cols[i] > cols[i - 1], `it moves right: ${cols}`);
  }
  assert.ok(frame(500).includes("·"), "with a trail");
  const end = v.flight!.path.at(-1)!;
  assert.deepEqual(shellAt(v.flight!, v.phaseMs).shell, end);
});

Deno.test("screen: junk gives a waiting line", () => {
  assert.deepEqual(renderScreen({ phase: "aim" }, "fr", 40, false), [
    "En attente de la partie…",
  ]);
  assert.deepEqual(renderScreen(null, "en", 5, false), ["Wait…"]);
});
