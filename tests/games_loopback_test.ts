/**
 * The three games over real TCP on loopback: a headless host, bots running
 * the player's program in-process (JSON mode), raw `nc`-like clients.
 * QCM scoring checked from what clients received, morpion spectators and the
 * built-in opponent, then the three games in one room with session scores.
 */
import assert from "node:assert/strict";
import { GAMES } from "../games/registry.ts";
import type { GameBot } from "../games/types.ts";
import { BANK, makeQcmBot, type QcmView } from "../games/qcm/mod.ts";
import { startHost } from "./support.ts";
import {
  type Event,
  type JsonPlayer,
  jsonPlayer,
  lineEvents,
  nextEvent,
  rawJoin,
  scaledClock,
  type WirePlayer,
  wirePlayer,
  within,
} from "./games_support.ts";

const of = (type: string) => (e: Event) => e.type === type;

// ---------------------------------------------------------------------------
// Shapes read from the wire (docs/games/*.md)

interface ResultLine {
  id: string;
  nickname: string;
  choices: number[];
  correct: boolean;
  points: number;
  streak: number;
  score: number;
}

interface Reveal extends Event {
  index: number;
  total: number;
  text: { fr: string; en: string };
  answers: { fr: string[]; en: string[] };
  correct: number[];
  counts: number[];
  results: ResultLine[];
}

interface RankLine {
  nickname: string;
  rank: number;
  points: number;
}

interface GameEnd extends Event {
  game: string;
  ranking: RankLine[];
  scores: { nickname: string; score: number }[];
}

interface Lobby extends Event {
  players: { nickname: string; score: number; leader: boolean }[];
}

/** Every object key anywhere in a JSON value. */
function keysDeep(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) { for (const v of value) keysDeep(v, into); }
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysDeep(v, into);
    }
  }
  return into;
}

function assertKeys(value: unknown, allowed: string[], what: string): void {
  assert.ok(value && typeof value === "object", `${what} is an object`);
  const extra = Object.keys(value).filter((k) => !allowed.includes(k));
  assert.deepEqual(extra, [], `${what} has unexpected fields`);
}

/** Competition ranks (1, 1, 3) of points sorted best first. */
function competitionRanks(points: number[]): number[] {
  return points.map((p) => 1 + points.filter((q) => q > p).length);
}

/** The streak bonus as docs/games/qcm.md states it: +100 per step, capped at +500. */
/** The bank question shown (found by its text and answers), or undefined. */
function bankQuestion(
  shown: { text: { en: string }; answers: { en: string[] } },
) {
  const set = (a: string[]) => JSON.stringify([...a].sort());
  return BANK.find((q) =>
    q.text.en === shown.text.en && set(q.answers.en) === set(shown.answers.en)
  );
}

/** The bank's key in the shown (shuffled) order, 1-based. */
function bankKey(
  shown: { text: { en: string }; answers: { en: string[] } },
): number[] {
  const q = bankQuestion(shown);
  assert.ok(q, `question not in the bank: ${shown.text.en}`);
  const right = q.correct.map((i) => q.answers.en[i]);
  return shown.answers.en.flatMap((a, i) => right.includes(a) ? [i + 1] : []);
}

/**
 * A QCM bot that knows the bank (as a teacher would): it reads the shown
 * question, looks it up in the bank and answers right. It learns nothing
 * from the wire that a player does not see.
 */
const sageBot: GameBot = makeQcmBot({
  oracle: (view: QcmView) => view.question ? bankKey(view.question) : null,
});

const docStreakBonus = (streak: number) =>
  Math.min(500, 100 * Math.max(0, streak - 1));

// ---------------------------------------------------------------------------
// 1. QCM

const QCM_KEYS = {
  question: [
    "type",
    "index",
    "total",
    "text",
    "answers",
    "multiple",
    "timeLimitMs",
    "endsIn",
    "of",
    "commitment",
  ],
  answered: ["type", "nickname", "count", "of"],
  answer_count: ["type", "count", "of"],
  answer_ack: ["type", "index", "choices"],
  view: [
    "game",
    "phase",
    "index",
    "total",
    "question",
    "commitment",
    "remainingMs",
    "answeredCount",
    "playerCount",
    "me",
    "reveal",
    "leaderboard",
    "ranking",
  ],
  shown: ["text", "answers", "multiple", "timeLimitMs"],
  me: ["nickname", "score", "streak", "rank", "choices", "result"],
};

/**
 * Checks the raw lines one player read: before each reveal, nothing it was
 * sent (question, answered, answer_ack, views of the open round) carries the
 * answer key or any field the protocol does not list.
 */
function assertNoKeyBeforeReveal(lines: readonly string[], who: string): void {
  let checked = 0;
  for (const line of lines) {
    if (!line.startsWith("{")) continue;
    const e = JSON.parse(line) as Event;
    const open = e.type === "question" || e.type === "answered" ||
      e.type === "answer_count" || e.type === "answer_ack" ||
      (e.type === "view" && (e.view as { phase: string }).phase === "question");
    if (!open) continue;
    checked++;
    assert.ok(
      !keysDeep(e).has("correct") && !line.includes('"correct"'),
      `${who} was sent an answer key before the reveal: ${line}`,
    );
    if (e.type === "view") {
      const v = e.view as Record<string, unknown>;
      assertKeys(v, QCM_KEYS.view, "an open-round view");
      assertKeys(v.question, QCM_KEYS.shown, "a view's question");
      assert.equal(v.reveal, null, `open-round view with a reveal: ${line}`);
      const me = v.me as Record<string, unknown>;
      assertKeys(me, QCM_KEYS.me, "a view's me");
      assert.equal(me.result, null, `open-round view with a result: ${line}`);
    } else {
      assertKeys(e, QCM_KEYS[e.type as keyof typeof QCM_KEYS], e.type);
    }
  }
  assert.ok(checked > 30, `only ${checked} open-round messages seen`);
}

/**
 * Replays the reveals with the documented scoring rules and returns each
 * nickname's total.
 */
function replayQcmScoring(reveals: Reveal[]): Map<string, number> {
  const totals = new Map<string, number>();
  const streaks = new Map<string, number>();
  for (const r of reveals) {
    const sortedKey = [...r.correct].sort((a, b) => a - b);
    const counts = r.answers.en.map((_, i) =>
      r.results.filter((x) => x.choices.includes(i + 1)).length
    );
    assert.deepEqual(r.counts, counts, `question ${r.index}: counts`);
    for (const x of r.results) {
      const before = streaks.get(x.nickname) ?? 0;
      const right = x.choices.length > 0 &&
        JSON.stringify([...x.choices].sort((a, b) => a - b)) ===
          JSON.stringify(sortedKey);
      const at = `question ${r.index}, ${x.nickname}`;
      assert.equal(x.correct, right, `${at}: judged against the key`);
      if (right) {
        assert.equal(x.streak, before + 1, `${at}: the streak grows`);
        const speed = x.points - docStreakBonus(x.streak);
        assert.ok(
          speed >= 500 && speed <= 1000,
          `${at}: ${x.points} points = ${speed} for speed + ${
            docStreakBonus(x.streak)
          } bonus; speed must be in [500, 1000]`,
        );
      } else {
        assert.equal(x.points, 0, `${at}: a wrong or missing answer scores 0`);
        assert.equal(x.streak, 0, `${at}: a wrong answer resets the streak`);
      }
      const total = (totals.get(x.nickname) ?? 0) + x.points;
      assert.equal(x.score, total, `${at}: running score`);
      totals.set(x.nickname, total);
      streaks.set(x.nickname, x.streak);
    }
  }
  return totals;
}

Deno.test("five bots play a 10-question QCM; scores follow the documented rules", async () => {
  // timeSec 5 and pauseSec 2 are the smallest allowed; the round closes as
  // soon as everyone answered (bots take 100–1500 ms), so about 35 s.
  const host = startHost({
    autostart: 5,
    game: "qcm",
    seed: 2024,
    gameOptions: { qcm: { count: 10, timeSec: 5, pauseSec: 2 } },
  });
  const bots: JsonPlayer[] = [];
  let wire: WirePlayer | null = null;
  try {
    // One player knows the bank and is always right: its streak runs to 10,
    // through the +500 cap. The others answer at random.
    bots.push(
      await jsonPlayer(host.port, "sage", {
        seed: 1,
        games: 1,
        gameSet: { ...GAMES, qcm: { ...GAMES.qcm, bot: sageBot } },
      }),
    );
    for (let i = 2; i <= 4; i++) {
      bots.push(await jsonPlayer(host.port, `bot${i}`, { seed: i, games: 1 }));
    }
    // The fifth player reads raw lines: what went over the wire, byte for byte.
    wire = await wirePlayer(host.port, "wire", 5, 1);
    const ends = await within(
      90_000,
      Promise.all(bots.map((b) => b.end)),
      "the quiz ends",
    );
    assert.deepEqual(ends, [
      "games_done",
      "games_done",
      "games_done",
      "games_done",
    ]);
    await within(10_000, wire.done, "the raw player leaves");

    const streams = [
      ...bots.map((b) => ({ who: b.name, events: b.events })),
      { who: wire.name, events: lineEvents(wire.lines) },
    ];
    for (const s of streams) {
      assert.deepEqual(
        s.events.filter(of("error")),
        [],
        `${s.who} got no error`,
      );
    }
    const reveals = streams[0].events.filter(of("reveal")) as Reveal[];
    assert.deepEqual(reveals.map((r) => r.index), [
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      9,
      10,
    ]);
    const questions = streams[0].events.filter(of("question"));
    assert.equal(questions.length, 10);
    for (const [i, q] of questions.entries()) {
      assert.deepEqual(
        q.answers,
        reveals[i].answers,
        "reveal matches question",
      );
    }
    // Everyone was told the same thing.
    for (const s of streams.slice(1)) {
      assert.deepEqual(s.events.filter(of("reveal")), reveals, s.who);
      assert.deepEqual(
        s.events.filter(of("quiz_end")),
        streams[0].events.filter(of("quiz_end")),
        s.who,
      );
    }

    // Each player's answers as acknowledged are what the reveal says they chose.
    for (const s of streams) {
      const acks = new Map(
        s.events.filter(of("answer_ack")).map((a) => [a.index, a.choices]),
      );
      for (const r of reveals) {
        const mine = r.results.find((x) => x.nickname === s.who)!;
        assert.deepEqual(mine.choices, acks.get(r.index) ?? [], s.who);
      }
    }

    const totals = replayQcmScoring(reveals);
    assert.deepEqual(
      [...totals.keys()].sort(),
      ["bot2", "bot3", "bot4", "sage", "wire"],
    );
    // The key revealed is the bank's key, in the order the answers were shown.
    for (const r of reveals) {
      assert.deepEqual(r.correct, bankKey(r), `question ${r.index}: key`);
    }
    assert.deepEqual(
      reveals.map((r) => r.results.find((x) => x.nickname === "sage")!.streak),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      "the sage is always right",
    );
    assert.ok(
      reveals.some((r) => r.results.some((x) => x.correct)) &&
        reveals.some((r) => r.results.some((x) => !x.correct)),
      "random bots are sometimes right and sometimes wrong",
    );

    const quizEnd = streams[0].events.find(of("quiz_end")) as unknown as {
      ranking: { nickname: string; rank: number; score: number }[];
    };
    const gameEnd = streams[0].events.find(of("game_end")) as GameEnd;
    for (const s of streams) {
      assert.deepEqual(s.events.find(of("game_end")), gameEnd, s.who);
    }
    assert.equal(gameEnd.game, "qcm");
    for (const line of quizEnd.ranking) {
      assert.equal(line.score, totals.get(line.nickname), line.nickname);
    }
    for (const line of gameEnd.ranking) {
      assert.equal(line.points, totals.get(line.nickname), line.nickname);
    }
    const points = gameEnd.ranking.map((l) => l.points);
    assert.deepEqual(points, [...points].sort((a, b) => b - a), "sorted");
    assert.deepEqual(
      gameEnd.ranking.map((l) => l.rank),
      competitionRanks(points),
    );
    assert.deepEqual(
      quizEnd.ranking.map((l) => [l.nickname, l.rank]),
      gameEnd.ranking.map((l) => [l.nickname, l.rank]),
    );
    for (const s of gameEnd.scores) {
      assert.equal(s.score, totals.get(s.nickname), "first game: score = quiz");
    }

    // The wire: no key before its reveal, for the raw reader...
    assertNoKeyBeforeReveal(wire.lines, wire.name);
    // ... and for every other player (JSON events, as parsed from the wire).
    for (const b of bots) {
      assertNoKeyBeforeReveal(
        b.events.map((e) => JSON.stringify(e)),
        b.name,
      );
    }
  } finally {
    await host.close();
    await Promise.all(bots.map((b) => b.end));
    await wire?.done;
  }
});

// ---------------------------------------------------------------------------
// 2. Morpion

interface Board extends Event {
  match: number;
  cells: string[];
  by: string;
}

interface MorpionViewLite {
  me: string;
  phase: string;
  cells: string[];
  moves: number;
  you: string | null;
  seated: boolean;
  yourTurn: boolean;
}

Deno.test("morpion: a late joiner watches every board, cannot play, and sees the same end", async () => {
  const host = startHost({
    autostart: 2,
    game: "morpion",
    seed: 7,
    clock: scaledClock(10), // the 3 s pause after the match takes 0.3 s
    gameOptions: { morpion: { matches: 1 } },
  });
  const bots: JsonPlayer[] = [];
  let watcher: Awaited<ReturnType<typeof rawJoin>> | null = null;
  try {
    for (const [i, name] of ["ana", "bob"].entries()) {
      bots.push(await jsonPlayer(host.port, name, { seed: 30 + i, games: 1 }));
    }
    await host.until((s) => s.state === "playing");
    watcher = await rawJoin(host.port, "watcher");
    const spec = watcher.client;
    const myId = (watcher.welcome.you as { id: string }).id;

    // A view comes at once; while the match is on, a move is refused.
    const first = await within(
      10_000,
      nextEvent(spec, of("view")),
      "the watcher gets a view",
    );
    const firstView = first.view as MorpionViewLite;
    assert.equal(first.game, "morpion");
    assert.equal(firstView.phase, "playing", "joined while the match is on");
    assert.ok(firstView.moves <= 6, `joined early (${firstView.moves} moves)`);
    const empty = firstView.cells.indexOf("") + 1;
    await spec.send(JSON.stringify({ type: "play", cell: empty }));
    const refused = await within(
      10_000,
      nextEvent(spec, of("error")),
      "the move is refused",
    );
    assert.equal(refused.code, "spectator", JSON.stringify(refused));
    assert.ok((refused.message as string).length > 10, "a sentence");

    await within(30_000, nextEvent(spec, of("game_end")), "the series ends");
    const ends = await within(
      10_000,
      Promise.all(bots.map((b) => b.end)),
      "the bots leave",
    );
    assert.deepEqual(ends, ["games_done", "games_done"]);
    await spec.send(JSON.stringify({ type: "quit" }));
    await within(10_000, spec.done, "the host closes the watcher");

    const seen = lineEvents(spec.lines);
    const boards = bots[0].events.filter(of("board")) as Board[];
    const watched = seen.filter(of("board")) as Board[];
    assert.deepEqual(bots[1].events.filter(of("board")), boards);
    assert.ok(boards.length >= 5, "a match takes at least 5 moves");
    // Every board from the moment it joined, none missed, none changed.
    assert.equal(firstView.moves + watched.length, boards.length);
    assert.deepEqual(watched, boards.slice(firstView.moves));
    assert.deepEqual(
      firstView.cells,
      firstView.moves > 0
        ? boards[firstView.moves - 1].cells
        : Array(9).fill(""),
    );
    for (const b of boards) assert.ok(["ana", "bob"].includes(b.by), b.by);
    const errorAt = seen.findIndex(of("error"));
    assert.ok(
      seen.slice(errorAt).some(of("board")),
      "the match went on after the refused move",
    );
    // Its views are a spectator's, and each follows the board just sent.
    let last = firstView.cells;
    for (const e of seen) {
      if (e.type === "board") last = (e as Board).cells;
      if (e.type !== "view") continue;
      const v = e.view as MorpionViewLite;
      assert.equal(v.me, myId);
      assert.equal(v.seated, false);
      assert.equal(v.you, null);
      assert.equal(v.yourTurn, false);
      assert.deepEqual(v.cells, last);
    }

    // Two perfect bots draw; everyone, watcher included, gets the same end.
    const matchEnds = seen.filter(of("match_end"));
    assert.equal(matchEnds.length, 1);
    assert.equal(matchEnds[0].draw, true);
    for (const type of ["match_end", "series_end", "game_end"]) {
      for (const b of bots) {
        assert.deepEqual(
          b.events.filter(of(type)),
          seen.filter(of(type)),
          type,
        );
      }
    }
    const gameEnd = seen.find(of("game_end")) as GameEnd;
    assert.deepEqual(
      gameEnd.ranking.map((r) => [r.nickname, r.points]),
      [["ana", 100], ["bob", 100]],
    );
    assert.deepEqual(
      gameEnd.scores.find((s) => s.nickname === "watcher"),
      { id: "p3", nickname: "watcher", score: 0 },
    );
    for (const b of bots) {
      assert.deepEqual(b.events.filter(of("error")), [], `${b.name}: no error`);
    }
  } finally {
    await host.close();
    await Promise.all(bots.map((b) => b.end));
    await watcher?.client.close();
  }
});

/** A morpion bot that plays a random empty cell: it can only draw or lose to `hard`. */
const randomMorpionBot: GameBot = (raw, random) => {
  const v = raw as MorpionViewLite & { match: number };
  if (v?.phase !== "playing" || !v.yourTurn) return null;
  const empty = v.cells.flatMap((c, i) => c === "" ? [i + 1] : []);
  if (empty.length === 0) return null;
  return {
    move: {
      type: "play",
      cell: empty[Math.floor(random() * empty.length)],
    },
    key: `match-${v.match}-move-${v.moves}`,
  };
};

Deno.test("morpion: a random player alone never beats the hard built-in opponent", async () => {
  const host = startHost({
    autostart: 1,
    game: "morpion",
    seed: 11,
    clock: scaledClock(10), // the opponent's 600 ms and the 3 s pauses go 10× faster
    gameOptions: { morpion: { matches: 4, ai: "hard" } },
  });
  let solo: JsonPlayer | null = null;
  try {
    solo = await jsonPlayer(host.port, "solo", {
      seed: 99,
      games: 1,
      gameSet: {
        ...GAMES,
        morpion: { ...GAMES.morpion, bot: randomMorpionBot },
      },
    });
    assert.equal(
      await within(30_000, solo.end, "the series ends"),
      "games_done",
    );
    const events = solo.events;
    assert.deepEqual(events.filter(of("error")), [], "every move was legal");
    const starts = events.filter(of("match_start"));
    assert.deepEqual(
      starts.map((s) => [s.x, s.o]),
      [["solo", "bot"], ["bot", "solo"], ["solo", "bot"], ["bot", "solo"]],
      "marks alternate",
    );
    const boards = events.filter(of("board")) as Board[];
    assert.ok(
      boards.some((b) => b.by === "solo") && boards.some((b) => b.by === "bot"),
    );
    const results = events.filter(of("match_end"));
    assert.equal(results.length, 4);
    for (const r of results) {
      assert.notEqual(
        r.winner,
        "solo",
        `match ${r.match}: ${JSON.stringify(r)}`,
      );
    }
    const table = (events.find(of("series_end"))!.standings) as {
      nickname: string;
      wins: number;
      draws: number;
      losses: number;
      ai: boolean;
    }[];
    const me = table.find((r) => r.nickname === "solo")!;
    const ai = table.find((r) => r.ai)!;
    assert.equal(me.wins, 0);
    assert.equal(ai.losses, 0);
    assert.equal(me.draws + me.losses, 4);
    const gameEnd = events.find(of("game_end")) as GameEnd;
    assert.deepEqual(gameEnd.ranking.map((r) => [r.nickname, r.points]), [
      ["solo", 100 * me.draws],
    ], "the opponent has no session score; a draw is worth 100");
  } finally {
    await host.close();
    await solo?.end;
  }
});

// ---------------------------------------------------------------------------
// 3. The three games in one room

Deno.test("three games in one room: session scores add up game after game", async () => {
  const host = startHost({ seed: 3, clock: scaledClock(10) });
  const bots: JsonPlayer[] = [];
  try {
    // One after the other, so the first is the leader.
    for (const [i, name] of ["lea", "max", "noe"].entries()) {
      bots.push(await jsonPlayer(host.port, name, { seed: 50 + i, games: 3 }));
    }
    const [leader] = bots;
    const welcome = leader.events.find(of("welcome")) as unknown as {
      you: { leader: boolean };
    };
    assert.equal(welcome.you.leader, true, "the first to join leads");
    await host.until((s) => s.players === 3);

    const cursors = bots.map(() => 0);
    const sessionScores = new Map<string, number>();
    const play = async (
      game: string,
      options: Record<string, unknown>,
    ): Promise<GameEnd> => {
      leader.send({ type: "start", game, options });
      const ends: GameEnd[] = [];
      for (const [i, b] of bots.entries()) {
        const at = await within(
          60_000,
          b.waitFor((e) => e.type === "game_end", cursors[i]),
          `${b.name} sees ${game} end`,
        );
        const lobbyAt = await within(
          10_000,
          b.waitFor(of("lobby"), at),
          `${b.name} gets the lobby after ${game}`,
        );
        const started = b.events.slice(cursors[i], at);
        assert.ok(
          started.some((e) => e.type === "game_start" && e.game === game),
          `${b.name}: ${game} started`,
        );
        const end = b.events[at] as GameEnd;
        const lobby = b.events[lobbyAt] as Lobby;
        assert.equal(end.game, game);
        ends.push(end);
        // The lobby after the game shows the same session scores.
        assert.deepEqual(
          Object.fromEntries(lobby.players.map((p) => [p.nickname, p.score])),
          Object.fromEntries(end.scores.map((s) => [s.nickname, s.score])),
          `${b.name}: lobby scores after ${game}`,
        );
        cursors[i] = lobbyAt + 1;
      }
      for (const e of ends.slice(1)) assert.deepEqual(e, ends[0], "same end");
      const end = ends[0];
      assert.deepEqual(
        end.ranking.map((r) => r.nickname).sort(),
        ["lea", "max", "noe"],
      );
      for (const r of end.ranking) {
        sessionScores.set(
          r.nickname,
          (sessionScores.get(r.nickname) ?? 0) + r.points,
        );
      }
      // Session score = the sum of this player's points over the games so far.
      assert.deepEqual(
        Object.fromEntries(end.scores.map((s) => [s.nickname, s.score])),
        Object.fromEntries(sessionScores),
        `session scores after ${game}`,
      );
      const scores = end.scores.map((s) => s.score);
      assert.deepEqual(scores, [...scores].sort((a, b) => b - a), "best first");
      return end;
    };

    const jp = await play("justeprix", { rounds: 1, max: 50 });
    const roundEnd = leader.events.findLast(of("round_end")) as unknown as {
      totals: { nickname: string; points: number }[];
    };
    for (const r of jp.ranking) {
      assert.equal(
        r.points,
        roundEnd.totals.find((t) => t.nickname === r.nickname)?.points,
        `juste prix points of ${r.nickname}`,
      );
    }
    assert.ok(jp.ranking.every((r) => r.points > 0), "bisection always finds");

    // 60 s questions on a 10× clock: 6 s, plenty for bots answering in ≤ 1.5 s.
    const quiz = await play("qcm", { count: 3, timeSec: 60, pauseSec: 2 });
    const quizEnd = leader.events.findLast(of("quiz_end")) as unknown as {
      ranking: { nickname: string; score: number }[];
    };
    assert.equal(leader.events.filter(of("reveal")).length, 3);
    for (const r of quiz.ranking) {
      assert.equal(
        r.points,
        quizEnd.ranking.find((l) => l.nickname === r.nickname)?.score,
        `quiz points of ${r.nickname}`,
      );
    }

    // Three players: a round-robin of 3 matches; perfect bots draw them all.
    const series = await play("morpion", { matches: 1 });
    assert.equal(leader.events.filter(of("match_end")).length, 3);
    const table = leader.events.findLast(of("series_end"))!.standings as {
      nickname: string;
      points: number;
      played: number;
    }[];
    for (const r of series.ranking) {
      const row = table.find((t) => t.nickname === r.nickname)!;
      assert.equal(row.played, 2);
      assert.equal(
        r.points,
        100 * row.points,
        `morpion points of ${r.nickname}`,
      );
    }

    const ends = await within(
      10_000,
      Promise.all(bots.map((b) => b.end)),
      "the bots leave after three games",
    );
    assert.deepEqual(ends, ["games_done", "games_done", "games_done"]);
    for (const b of bots) {
      assert.deepEqual(b.events.filter(of("error")), [], `${b.name}: no error`);
    }
  } finally {
    await host.close();
    await Promise.all(bots.map((b) => b.end));
  }
});
