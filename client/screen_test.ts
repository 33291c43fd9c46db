import assert from "node:assert/strict";
import type { AnyGame, ScreenLocal } from "../games/types.ts";
import { visibleWidth } from "../text/layout.ts";
import { renderScreen, type ScreenState } from "./screen.ts";
import { adjustView } from "./app.ts";

/** A game whose screen records what it was given. */
function recordingGame(calls: { view: unknown; local?: ScreenLocal }[]) {
  return {
    rules: { id: "grid", title: { fr: "Grille", en: "Grid" } },
    view: {
      screen(
        view: unknown,
        _lang: string,
        _w: number,
        _c: boolean,
        local?: ScreenLocal,
      ) {
        calls.push({ view, local });
        return ["board"];
      },
      grid: { columns: 3, rows: 3 },
    },
  } as unknown as AnyGame;
}

function state(over: Partial<ScreenState>): ScreenState {
  return {
    lang: "en",
    room: "Salle",
    me: "ana",
    lobby: null,
    game: null,
    view: null,
    cursor: null,
    lastEnd: null,
    final: null,
    log: [],
    input: "",
    status: "",
    ...over,
  };
}

Deno.test("client screen", async (t) => {
  await t.step(
    "the grid cursor goes to the game as local state, not in the view",
    () => {
      const calls: { view: unknown; local?: ScreenLocal }[] = [];
      const games = { grid: recordingGame(calls) };
      const view = { board: [], remainingMs: 1000 };
      renderScreen(
        state({ game: "grid", view, cursor: 5 }),
        games,
        80,
        24,
        false,
      );
      assert.equal(calls.length, 1);
      assert.equal(calls[0].view, view);
      assert.deepEqual(calls[0].local, { cursor: 5 });
      assert.ok(!("cursor" in view));
    },
  );

  await t.step("no cursor: empty local state; a final board gets none", () => {
    const calls: { view: unknown; local?: ScreenLocal }[] = [];
    const games = { grid: recordingGame(calls) };
    renderScreen(state({ game: "grid", view: {} }), games, 80, 24, false);
    renderScreen(
      state({ final: { game: "grid", view: {} }, cursor: 3 }),
      games,
      80,
      24,
      false,
    );
    assert.deepEqual(calls.map((c) => c.local), [{}, {}]);
  });

  await t.step("exactly `height` lines, none wider than `width`", () => {
    const lines = renderScreen(state({}), {}, 60, 12, true);
    assert.equal(lines.length, 12);
    for (const l of lines) assert.ok(visibleWidth(l) <= 60, l);
    assert.match(lines[0], /0 players/);
  });

  await t.step(
    "a narrow title drops the round trip, then cuts the room name; the fingerprint and you stay",
    () => {
      const title = (room: string, width: number) =>
        renderScreen(
          state({
            room,
            fingerprint: "7F3A-91C2",
            status: "round trip 0.7 ms",
          }),
          {},
          width,
          12,
          false,
        )[0];
      const wide = title("Salle", 100);
      assert.match(wide, /7F3A-91C2 .*· ana · round trip 0\.7 ms $/);
      const narrow = title("A room with a very long name indeed", 80);
      assert.equal(visibleWidth(narrow), 80);
      assert.match(narrow, /· 7F3A-91C2 .*· 0 players · ana $/);
      assert.ok(!narrow.includes("round trip"), narrow);
      const tiny = title("A room with a very long name indeed", 60);
      assert.match(tiny, /lanplay · A room.*… · 7F3A-91C2 .*· ana $/);
    },
  );
});

Deno.test("adjustView counts the declared remainingMs down", () => {
  assert.deepEqual(adjustView({ remainingMs: 5000, n: 1 }, 1200), {
    remainingMs: 3800,
    n: 1,
  });
  assert.deepEqual(adjustView({ remainingMs: 500 }, 1200), { remainingMs: 0 });
  const still = { n: 1 };
  assert.equal(adjustView(still, 1200), still);
  assert.equal(adjustView(null, 1200), null);
});

Deno.test("client screen: the lobby panel names a custom quiz", () => {
  const lobby = {
    type: "lobby" as const,
    state: "lobby" as const,
    game: "qcm",
    games: ["qcm"],
    players: [{
      id: "p1",
      nickname: "ana",
      score: 0,
      leader: true,
      mode: "json" as const,
      connected: true,
      ready: false,
    }],
    autostart: null,
    quiz: { title: "Réseaux", count: 12, file: "reseaux.json" },
  };
  for (
    const [lang, text] of [["en", "Quiz: Réseaux (12 questions)"], [
      "fr",
      "Quiz : Réseaux (12 questions)",
    ]] as const
  ) {
    const screen = renderScreen(state({ lang, lobby }), {}, 80, 24, false);
    assert.ok(screen.some((l) => l.includes(text)), screen.join("\n"));
  }
  const plain = renderScreen(
    state({ lobby: { ...lobby, quiz: undefined } }),
    {},
    80,
    24,
    false,
  );
  assert.ok(!plain.some((l) => l.includes("Quiz")));
});
