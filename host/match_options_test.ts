import { READY_MS } from "../games/qcm/phases.ts";
import assert from "node:assert/strict";
import { justeprix } from "../games/justeprix/mod.ts";
import { morpion } from "../games/morpion/mod.ts";
import { qcm } from "../games/qcm/mod.ts";
import {
  bisect,
  duo,
  JP_OPTIONS,
  type Msg,
  settle,
  setup,
} from "./room_testing.ts";
import { MAX_QUIZ_PROBLEMS, QUIZ_LOAD_INTERVAL_MS } from "./match.ts";
import { QuizShelf, readQuiz } from "./quiz_shelf.ts";

const GAMES = { justeprix, duo, qcm, morpion };

const QUIZ = JSON.stringify({
  title: "Réseaux",
  questions: [
    { question: "Port HTTP ?", answers: ["80", "25"], correct: 1 },
    { question: "Port SSH ?", answers: ["21", "22"], correct: 2 },
    { question: "Port DNS ?", answers: ["53", "25"], correct: 1 },
  ],
});

const CSV = "question,answer1,answer2,answer3,answer4,time,correct\n" +
  "2 + 2 ?,3,4,,,,2\n";

async function withShelf(
  fn: (dir: string, shelf: QuizShelf) => Promise<void> | void,
) {
  const dir = await Deno.makeTempDir({ prefix: "lanplay-shelf-" });
  try {
    await Deno.writeTextFile(`${dir}/reseaux.json`, QUIZ);
    await Deno.writeTextFile(`${dir}/culture.csv`, CSV);
    await fn(dir, new QuizShelf(dir));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("room options: seeing and setting the next game's", async (t) => {
  await t.step("anyone sees the chosen game's options, or another's", () => {
    const { joinOk, room } = setup({ games: GAMES });
    joinOk("ana");
    const bob = joinOk("bob");
    room.receive(bob.id, { type: "options" });
    assert.deepEqual(bob.port.last("options"), {
      type: "options",
      game: "justeprix",
      options: [
        {
          key: "max",
          kind: "integer",
          min: 2,
          max: 1000000,
          default: 100,
          value: 100,
        },
        {
          key: "rounds",
          kind: "integer",
          min: 1,
          max: 20,
          default: 3,
          value: 2,
        },
        {
          key: "timeLimitSec",
          kind: "integer",
          min: 0,
          max: 3600,
          default: 90,
          value: 0,
        },
        {
          key: "pauseSec",
          kind: "integer",
          min: 0,
          max: 60,
          default: 4,
          value: 3,
        },
      ],
    });
    room.receive(bob.id, { type: "options", game: "qcm" });
    const q = bob.port.last("options")!;
    assert.equal(q.game, "qcm");
    assert.equal(q.quiz, null, "the shipped questions");
    room.receive(bob.id, { type: "options", game: "chess" });
    assert.equal(bob.port.last("error")!.code, "unknown_game");
    room.receive(bob.id, { type: "options", game: "__proto__" });
    assert.equal(bob.port.last("error")!.code, "unknown_game");
  });

  await t.step("the leader sets an option; the next game uses it", () => {
    const { joinOk, room } = setup({ games: GAMES });
    const ana = joinOk("ana");
    const bob = joinOk("bob");
    room.receive(ana.id, { type: "set", key: "max", value: "50" });
    const reply = ana.port.last("options")!;
    assert.equal(reply.changed, "max");
    assert.equal(reply.options[0].value, 50);
    room.receive(ana.id, { type: "set", key: "rounds", value: 1 });
    room.receive(ana.id, { type: "start" });
    const view = bob.port.last("view")!.view;
    assert.deepEqual([view.max, view.rounds], [50, 1]);
  });

  await t.step("only the leader sets, with the leader's name", () => {
    const { joinOk, room } = setup({ games: GAMES });
    joinOk("ana");
    const bob = joinOk("bob");
    room.receive(bob.id, { type: "set", key: "max", value: 50 });
    const err = bob.port.last("error")!;
    assert.equal(err.code, "not_leader");
    assert.equal(err.message, "Only the leader (ana) can do that.");
    assert.equal(bob.port.of("options").length, 0);
    room.receive(bob.id, { type: "options" });
    assert.equal(bob.port.last("options")!.options[0].value, 100);
  });

  await t.step("refusals name the range, in the leader's language", () => {
    const { joinOk, room } = setup({ games: GAMES });
    const ana = joinOk("ana", { lang: "fr" });
    const say = (msg: Msg) => {
      room.receive(ana.id, { type: "set", ...msg });
      return ana.port.last("error")!;
    };
    assert.deepEqual(say({ key: "max", value: "abc" }), {
      type: "error",
      code: "option_integer",
      message: "max doit être un nombre entier de 2 à 1000000, pas « abc ».",
    });
    assert.equal(
      say({ game: "qcm", key: "count", value: 0 }).message,
      "qcm.count doit être un nombre entier de 1 à 500, pas « 0 ».",
    );
    assert.equal(
      say({ game: "morpion", key: "ai", value: "medium" }).message,
      "morpion.ai doit être parmi easy, hard, pas « medium ».",
    );
    assert.equal(
      say({ key: "speed", value: 2 }).message,
      "Juste prix n'a pas d'option « speed » : ses options sont max, rounds, timeLimitSec, pauseSec.",
    );
    assert.equal(
      say({ game: "qcm", key: "questions", value: "x" }).code,
      "option_not_settable",
    );
    assert.equal(
      say({ game: "nope", key: "x", value: 1 }).code,
      "unknown_game",
    );
    // Nothing changed.
    room.receive(ana.id, { type: "options" });
    assert.equal(ana.port.last("options")!.options[0].value, 100);
  });

  await t.step("another game's option waits for that game", () => {
    const { joinOk, room } = setup({ games: GAMES });
    const ana = joinOk("ana");
    joinOk("bob");
    room.receive(ana.id, { type: "set", game: "duo", key: "speed", value: 4 });
    assert.equal(ana.port.last("options")!.game, "duo");
    assert.equal(ana.port.last("lobby")!.game, "justeprix", "not chosen");
    room.receive(ana.id, { type: "choose", game: "duo" });
    room.receive(ana.id, { type: "options" });
    assert.deepEqual(ana.port.last("options")!.options, [
      { key: "speed", kind: "integer", min: 1, default: 1, value: 4 },
    ]);
  });

  await t.step("during a game, set changes the next one only", () => {
    const { joinOk, room } = setup({ games: GAMES });
    const ana = joinOk("ana");
    const bob = joinOk("bob");
    room.receive(ana.id, { type: "start" });
    room.receive(ana.id, { type: "set", key: "max", value: 20 });
    assert.equal(ana.port.last("options")!.changed, "max");
    assert.equal(bob.port.last("view")!.view.max, 100);
  });
});

Deno.test("room options: the quiz files next to the host", async (t) => {
  await t.step(
    "the leader lists them; others may not",
    () =>
      withShelf((_dir, shelf) => {
        const { joinOk, room } = setup({ games: GAMES, quizzes: shelf });
        const ana = joinOk("ana");
        const bob = joinOk("bob");
        room.receive(ana.id, { type: "quiz" });
        assert.deepEqual(ana.port.last("quizzes"), {
          type: "quizzes",
          files: [
            { name: "culture.csv", bytes: CSV.length },
            {
              name: "reseaux.json",
              bytes: new TextEncoder().encode(QUIZ).length,
            },
          ],
          more: 0,
        });
        room.receive(bob.id, { type: "quiz" });
        assert.equal(bob.port.last("error")!.code, "not_leader");
        room.receive(bob.id, { type: "quiz", name: "reseaux" });
        assert.equal(bob.port.last("error")!.code, "not_leader");
        assert.equal(bob.port.of("quizzes").length, 0);
      }),
  );

  await t.step(
    "loading one chooses the QCM; every lobby names it; the game asks it",
    () =>
      withShelf((_dir, shelf) => {
        const { joinOk, room, clock } = setup({ games: GAMES, quizzes: shelf });
        const ana = joinOk("ana");
        const bob = joinOk("bob");
        assert.equal(bob.port.last("lobby")!.quiz, undefined);
        room.receive(ana.id, { type: "quiz", name: "reseaux" });
        const reply = ana.port.last("options")!;
        assert.equal(reply.changed, "questions");
        assert.deepEqual(reply.quiz, {
          title: "Réseaux",
          count: 3,
          file: "reseaux.json",
        });
        const lobby = bob.port.last("lobby")!;
        assert.equal(lobby.game, "qcm");
        assert.deepEqual(lobby.quiz, {
          title: "Réseaux",
          count: 3,
          file: "reseaux.json",
        });
        room.receive(ana.id, { type: "set", key: "shuffle", value: "non" });
        room.receive(ana.id, { type: "start" });
        clock.advance(READY_MS); // « Préparez-vous », then question 1
        const question = bob.port.last("question")!;
        assert.deepEqual([question.total, question.text.en], [
          3,
          "Port HTTP ?",
        ]);
        // While it runs, the lobby names the quiz being played.
        assert.deepEqual(bob.port.last("lobby")!.quiz.title, "Réseaux");
        // Another quiz loaded meanwhile waits for the next game.
        clock.advance(QUIZ_LOAD_INTERVAL_MS);
        room.receive(ana.id, { type: "quiz", name: "culture" });
        assert.equal(ana.port.last("options")!.quiz.title, "culture");
        assert.equal(bob.port.last("lobby")!.quiz.title, "Réseaux");
        room.receive(ana.id, { type: "stop" });
        assert.deepEqual(bob.port.last("lobby")!.quiz, {
          title: "culture",
          count: 1,
          file: "culture.csv",
        });
        // Another game chosen: the lobby no longer names a quiz.
        room.receive(ana.id, { type: "choose", game: "justeprix" });
        assert.equal(bob.port.last("lobby")!.quiz, undefined);
      }),
  );

  await t.step(
    "a quiz given at start is named from the first lobby",
    () =>
      withShelf((dir) => {
        const quiz = readQuiz(`${dir}/reseaux.json`, "reseaux.json");
        const { joinOk } = setup({ games: GAMES, game: "qcm", quiz });
        assert.deepEqual(joinOk("ana").port.last("lobby")!.quiz, {
          title: "Réseaux",
          count: 3,
          file: "reseaux.json",
        });
      }),
  );

  await t.step(
    "problems: the quiz file's lines, capped; nothing changes",
    () =>
      withShelf(async (dir, shelf) => {
        const rows = Array.from(
          { length: MAX_QUIZ_PROBLEMS + 5 },
          (_, i) => `Q${i},a,b,,,,9`,
        );
        await Deno.writeTextFile(
          `${dir}/broken.csv`,
          "question,answer1,answer2,answer3,answer4,time,correct\n" +
            rows.join("\n") + "\n",
        );
        const { joinOk, room } = setup({ games: GAMES, quizzes: shelf });
        const ana = joinOk("ana");
        ana.port.clear();
        room.receive(ana.id, { type: "quiz", name: "broken.csv" });
        const errors = ana.port.of("error");
        assert.ok(errors.every((e) => e.code === "quiz_invalid"));
        assert.equal(errors.length, 1 + MAX_QUIZ_PROBLEMS + 1);
        assert.equal(
          errors[0].message,
          "broken.csv: 15 problems, the quiz was not loaded. Fix the file and load it again with /quiz.",
        );
        assert.match(
          errors[1].message,
          /^ {2}broken\.csv line 2, column "correct"/,
        );
        assert.equal(errors.at(-1)!.message, "  … (+5)");
        assert.equal(ana.port.of("lobby").length, 0, "nothing changed");
        assert.equal(room.summary().game, "justeprix");
      }),
  );

  await t.step(
    "names outside the shelf, missing, no shelf",
    () =>
      withShelf((_dir, shelf) => {
        const { joinOk, room, clock } = setup({ games: GAMES, quizzes: shelf });
        const ana = joinOk("ana");
        const code = (name: string) => {
          clock.advance(QUIZ_LOAD_INTERVAL_MS);
          room.receive(ana.id, { type: "quiz", name });
          return ana.port.last("error")!;
        };
        assert.equal(code("../reseaux.json").code, "quiz_bad_name");
        assert.equal(code("/etc/passwd").code, "quiz_bad_name");
        assert.deepEqual(code("absent"), {
          type: "error",
          code: "quiz_not_found",
          message: 'No quiz file "absent" next to the host: /quiz lists them.',
        });
        const bare = setup({ games: GAMES });
        const bob = bare.joinOk("bob");
        bare.room.receive(bob.id, { type: "quiz" });
        assert.equal(bob.port.last("error")!.code, "quiz_none");
        const noQcm = setup({ quizzes: shelf });
        const cy = noQcm.joinOk("cy");
        noQcm.room.receive(cy.id, { type: "quiz", name: "reseaux" });
        assert.equal(cy.port.last("error")!.code, "quiz_none");
      }),
  );

  await t.step(
    `loads are ${QUIZ_LOAD_INTERVAL_MS} ms apart; listing is not limited`,
    () =>
      withShelf((_dir, shelf) => {
        const { joinOk, room, clock } = setup({ games: GAMES, quizzes: shelf });
        const ana = joinOk("ana");
        room.receive(ana.id, { type: "quiz", name: "reseaux" });
        assert.equal(ana.port.of("options").length, 1);
        clock.advance(QUIZ_LOAD_INTERVAL_MS - 1);
        room.receive(ana.id, { type: "quiz", name: "culture" });
        assert.deepEqual(ana.port.last("error"), {
          type: "error",
          code: "quiz_wait",
          message:
            "A quiz was just loaded: wait 1 second before loading another.",
        });
        assert.equal(ana.port.of("options").length, 1);
        room.receive(ana.id, { type: "quiz" });
        assert.equal(ana.port.of("quizzes").length, 1);
        clock.advance(1);
        room.receive(ana.id, { type: "quiz", name: "culture" });
        assert.equal(ana.port.of("options").length, 2);
      }),
  );
});

Deno.test("stop: the game ends with the points scored so far", async () => {
  const { joinOk, room, clock } = setup({
    games: GAMES,
    gameOptions: { justeprix: { ...JP_OPTIONS, rounds: 3 } },
  });
  const ana = joinOk("ana");
  const bob = joinOk("bob");
  room.receive(ana.id, { type: "start" });
  // Round 1 of 3: ana finds first, then bob; then the leader stops.
  bisect(room, clock, ana);
  bisect(room, clock, bob);
  assert.equal(bob.port.last("view")!.view.phase, "pause");
  room.receive(bob.id, { type: "stop" });
  assert.equal(bob.port.last("error")!.code, "not_leader");
  room.receive(ana.id, { type: "stop" });
  await settle();
  const end = bob.port.last("game_end")!;
  const points = end.ranking.map((r: Msg) => r.points);
  assert.deepEqual(end.ranking.map((r: Msg) => r.nickname), ["ana", "bob"]);
  assert.ok(points[0] > points[1] && points[1] > 0, String(points));
  assert.deepEqual(end.scores, [
    { id: "p1", nickname: "ana", score: points[0] },
    { id: "p2", nickname: "bob", score: points[1] },
  ]);
  assert.deepEqual(
    bob.port.last("lobby")!.players.map((p: Msg) => p.score),
    points,
  );
  assert.equal(room.summary().state, "lobby");
  assert.deepEqual(clock.timers, [], "no timer left behind");
});
