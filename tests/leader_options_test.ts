/**
 * The leader shapes the next game from the room, over real sockets: text
 * mode (`nc`) and JSON. `/options`, `/set` (refused with the command
 * line's sentence), `/quiz` (the files next to the host: listed, loaded,
 * broken, outside), the quiz named in every lobby, and `/stop` ending a
 * QCM with the points scored so far.
 *
 * @module
 */
import assert from "node:assert/strict";
import { LineClient, startHost } from "./support.ts";
import { FakeClock } from "../host/room_testing.ts";
import { realClock } from "../host/clock.ts";
import { READY_MS } from "../games/qcm/phases.ts";
import { QuizShelf } from "../host/quiz_shelf.ts";
import { QUIZ_LOAD_INTERVAL_MS } from "../host/match.ts";
import { parseHostArgs } from "../cli/host_options.ts";
import { SharedUsageError } from "../cli/shared_usage_error.ts";

/** Fails (instead of hanging) when an awaited event does not come in time. */
async function within<T>(what: string, p: Promise<T>, ms = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for a text line containing `text`. */
function line(c: LineClient, text: string): Promise<string> {
  return within(text, c.waitFor((l) => l.includes(text)));
}

/** Waits for a JSON message of a type (and matching `pred`). */
async function message(
  c: LineClient,
  type: string,
  pred: (m: Msg) => boolean = () => true,
): Promise<Msg> {
  const l = await within(
    `a "${type}" message`,
    c.waitFor((l) => {
      try {
        const m = JSON.parse(l);
        return m.type === type && pred(m);
      } catch {
        return false;
      }
    }),
  );
  return JSON.parse(l);
}

// deno-lint-ignore no-explicit-any
type Msg = Record<string, any>;

const QUIZ = JSON.stringify({
  title: "Réseaux",
  questions: [
    { question: "Port HTTP ?", answers: ["80", "25"], correct: 1 },
    { question: "Port SSH ?", answers: ["21", "22"], correct: 2 },
    { question: "Port DNS ?", answers: ["53", "25"], correct: 1 },
  ],
});
const BROKEN = "question,answer1,answer2,answer3,answer4,time,correct\n" +
  "Capitale ?,Paris,Lyon,,,,5\n,a,b,,,,1\n";

async function shelfDir(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "lanplay-leader-" });
  await Deno.mkdir(`${root}/quizzes`);
  await Deno.writeTextFile(`${root}/quizzes/reseaux.json`, QUIZ);
  await Deno.writeTextFile(`${root}/quizzes/broken.csv`, BROKEN);
  await Deno.writeTextFile(`${root}/secret.json`, QUIZ);
  return root;
}

async function textJoin(
  port: number,
  nickname: string,
  clients: LineClient[],
): Promise<LineClient> {
  const c = await LineClient.connect(port);
  clients.push(c);
  await c.next(); // banner
  await c.send(nickname);
  await line(c, `Welcome ${nickname}`);
  return c;
}

async function jsonJoin(
  port: number,
  nickname: string,
  clients: LineClient[],
): Promise<LineClient> {
  const c = await LineClient.connect(port);
  clients.push(c);
  await c.next(); // banner
  await c.send(JSON.stringify({ type: "hello", nickname, protocol: 1 }));
  await message(c, "welcome");
  return c;
}

Deno.test("a text-mode leader shapes the next game; others are told", async () => {
  const root = await shelfDir();
  const clock = new FakeClock();
  const host = startHost({
    clock,
    serverClock: realClock,
    lobbyIntervalMs: 0,
    quizzes: new QuizShelf(`${root}/quizzes`),
  });
  const clients: LineClient[] = [];
  try {
    const ana = await textJoin(host.port, "ana", clients); // first in: leads
    const bob = await jsonJoin(host.port, "bob", clients);
    const cy = await textJoin(host.port, "cy", clients);
    await cy.send("/lang fr");
    await line(cy, "Langue : français.");
    await host.until((s) => s.players === 3);

    // Anyone may look at the options.
    await cy.send("/options");
    await line(cy, "Options de Juste prix pour la prochaine partie");
    await line(
      cy,
      "  max = 100 — nombre entier de 2 à 1000000, par défaut 100",
    );

    // Only the leader changes them, and the sentence names the leader.
    await cy.send("/set max 50");
    await line(cy, "! Seul le meneur (ana) peut faire ça.");
    await bob.send(JSON.stringify({ type: "set", key: "max", value: 50 }));
    const refused = await message(bob, "error");
    assert.deepEqual(
      [refused.code, refused.message],
      ["not_leader", "Only the leader (ana) can do that."],
    );

    // A wrong value: the command line's sentence, word for word.
    let cli = "";
    try {
      parseHostArgs(["--set", "justeprix.max=abc"], {});
    } catch (e) {
      assert.ok(e instanceof SharedUsageError);
      cli = e.message;
    }
    assert.equal(
      cli,
      'justeprix.max must be a whole number from 2 to 1000000, not "abc".',
    );
    await ana.send("/set justeprix.max abc");
    await line(ana, `! ${cli}`);
    await ana.send("/set max");
    await line(ana, "! /set takes a key and a value");
    await ana.send("/set max 50");
    await line(ana, "✓ Guess the number: max = 50 for the next game.");

    // The quiz files next to the host; nothing outside them.
    await ana.send("/quiz");
    await line(ana, "Quiz files next to the host (2) — /quiz NAME loads one:");
    await line(ana, "  broken.csv (1 KiB)");
    await line(ana, "  reseaux.json (1 KiB)");
    await ana.send("/quiz ../secret.json");
    await line(ana, '! "../secret.json" is not the name of a quiz file');
    await ana.send("/quiz secret");
    await line(ana, '! No quiz file "secret" next to the host');
    await ana.send("/quiz broken");
    await line(
      ana,
      "! broken.csv: 2 problems, the quiz was not loaded. Fix the file and load it again with /quiz.",
    );
    await line(ana, '!   broken.csv line 2, column "correct": "5" is not');
    await line(
      ana,
      '!   broken.csv line 3, column "question": the question is empty',
    );
    await ana.send("/quiz reseaux");
    await line(ana, "! A quiz was just loaded: wait 2 seconds");
    clock.advance(QUIZ_LOAD_INTERVAL_MS);
    await ana.send("/quiz reseaux");
    await line(
      ana,
      "✓ Loaded for the next game of Quiz. Quiz: Réseaux (3 questions, reseaux.json)",
    );
    // Everyone's lobby names it.
    await line(cy, "Quiz : Réseaux (3 questions)");
    const lobby = await message(bob, "lobby", (m) => m.quiz !== undefined);
    assert.equal(lobby.game, "qcm");
    assert.deepEqual(lobby.quiz, {
      title: "Réseaux",
      count: 3,
      file: "reseaux.json",
    });
    await cy.send("/players");
    await line(cy, "Quiz : Réseaux (3 questions)");

    // The game asks the quiz; /stop, confirmed, keeps the points so far.
    await ana.send("/set shuffle non");
    await line(ana, "✓ Quiz: shuffle = false for the next game.");
    await ana.send("/start");
    await message(bob, "game_start");
    clock.advance(READY_MS); // « Préparez-vous »: question 1 opens
    const question = await message(bob, "question");
    assert.deepEqual([question.total, question.text.en], [3, "Port HTTP ?"]);
    await ana.send("1");
    await bob.send(JSON.stringify({ type: "answer", choices: [1] }));
    await cy.send("2");
    await message(bob, "reveal");
    await ana.send("/stop");
    await line(ana, "Type /stop again within 5 seconds to end Quiz now");
    await ana.send("/stop");
    const end = await message(bob, "game_end");
    const points = Object.fromEntries(
      end.scores.map((s: Msg) => [s.nickname, s.score]),
    );
    assert.ok(points.ana > 0 && points.bob > 0, JSON.stringify(points));
    assert.equal(points.cy, 0);
    await line(cy, "■ Fin de QCM — classement :");
    await line(cy, `ana : ${points.ana}`);
    await host.until((s) => s.state === "lobby");
  } finally {
    await host.close();
    for (const c of clients) await c.close();
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a JSON leader: options, set, quiz, stop", async () => {
  const root = await shelfDir();
  const host = startHost({
    lobbyIntervalMs: 0,
    quizzes: new QuizShelf(`${root}/quizzes`),
  });
  const clients: LineClient[] = [];
  try {
    const ana = await jsonJoin(host.port, "ana", clients);
    const bob = await jsonJoin(host.port, "bob", clients);
    const send = (m: Msg) => ana.send(JSON.stringify(m));

    await send({ type: "options", game: "qcm" });
    const shown = await message(ana, "options");
    assert.equal(shown.game, "qcm");
    assert.equal(shown.quiz, null);
    assert.deepEqual(shown.options.map((o: Msg) => o.key), [
      "count",
      "timeSec",
      "points",
      "shuffle",
      "pauseSec",
    ]);

    await send({ type: "set", game: "qcm", key: "count", value: 2 });
    const set = await message(ana, "options", (m) => m.changed === "count");
    assert.equal(set.options[0].value, 2);
    await send({ type: "set", key: "max", value: { nested: 1 } });
    assert.equal((await message(ana, "error")).code, "invalid_message");
    await send({ type: "set", key: "k".repeat(41), value: 1 });
    assert.equal((await message(ana, "error")).code, "invalid_message");

    await send({ type: "quiz" });
    const list = await message(ana, "quizzes");
    assert.deepEqual(list.files.map((f: Msg) => f.name), [
      "broken.csv",
      "reseaux.json",
    ]);
    await send({ type: "quiz", name: "reseaux" });
    const loaded = await message(
      ana,
      "options",
      (m) => m.changed === "questions",
    );
    assert.deepEqual(loaded.quiz, {
      title: "Réseaux",
      count: 3,
      file: "reseaux.json",
    });
    const lobby = await message(bob, "lobby", (m) => m.quiz !== undefined);
    assert.equal(lobby.quiz.count, 3);

    await send({ type: "start" });
    const question = await message(bob, "question");
    assert.equal(question.total, 2, "count 2 of the quiz's 3");
    await send({ type: "stop" }); // JSON: no confirmation
    const end = await message(bob, "game_end");
    assert.equal(end.game, "qcm");
    await host.until((s) => s.state === "lobby");
  } finally {
    await host.close();
    for (const c of clients) await c.close();
    await Deno.remove(root, { recursive: true });
  }
});
