import assert from "node:assert/strict";
import {
  invalidLines,
  MAX_LISTED,
  MAX_QUIZ_BYTES,
  QuizLoadError,
  QuizShelf,
  readQuiz,
} from "./quiz_shelf.ts";

const CSV = "question,answer1,answer2,answer3,answer4,time,correct\n" +
  "2 + 2 ?,3,4,,,,2\n";
const JSON_QUIZ = JSON.stringify({
  title: "Réseaux",
  questions: [
    { question: "Port HTTP ?", answers: ["80", "25"], correct: 1 },
    { question: "Port SSH ?", answers: ["21", "22"], correct: 2 },
  ],
});

async function withDir(fn: (dir: string) => Promise<void> | void) {
  const dir = await Deno.makeTempDir({ prefix: "lanplay-quiz-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function refused(run: () => unknown, code: string): QuizLoadError {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof QuizLoadError, `expected ${code}, got ${caught}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

Deno.test("quiz shelf: the files next to the host", async (t) => {
  await t.step(
    "lists only its own .json and .csv files, sorted, with sizes",
    () =>
      withDir(async (dir) => {
        await Deno.writeTextFile(`${dir}/reseaux.json`, JSON_QUIZ);
        await Deno.writeTextFile(`${dir}/Culture.CSV`, CSV);
        await Deno.writeTextFile(`${dir}/notes.txt`, "not a quiz");
        await Deno.writeTextFile(`${dir}/.hidden.json`, JSON_QUIZ);
        await Deno.mkdir(`${dir}/folder.json`);
        await Deno.mkdir(`${dir}/sub`);
        await Deno.writeTextFile(`${dir}/sub/deep.json`, JSON_QUIZ);
        await Deno.symlink(`${dir}/reseaux.json`, `${dir}/link.json`);
        await Deno.writeTextFile(`${dir}/bell\x07.csv`, CSV);
        const list = new QuizShelf(dir).list();
        assert.deepEqual(list, {
          files: [
            { name: "Culture.CSV", bytes: CSV.length },
            {
              name: "reseaux.json",
              bytes: new TextEncoder().encode(JSON_QUIZ).length,
            },
          ],
          more: 0,
        });
      }),
  );
  await t.step(
    `lists at most ${MAX_LISTED}, then says how many more`,
    () =>
      withDir(async (dir) => {
        for (let i = 0; i < MAX_LISTED + 3; i++) {
          await Deno.writeTextFile(
            `${dir}/q${String(i).padStart(3, "0")}.csv`,
            CSV,
          );
        }
        const list = new QuizShelf(dir).list();
        assert.equal(list.files.length, MAX_LISTED);
        assert.equal(list.more, 3);
        assert.equal(list.files[0].name, "q000.csv");
      }),
  );
  await t.step(
    "loads by name, without extension, in another case",
    () =>
      withDir(async (dir) => {
        await Deno.writeTextFile(`${dir}/reseaux.json`, JSON_QUIZ);
        await Deno.writeTextFile(`${dir}/Culture.csv`, CSV);
        const shelf = new QuizShelf(dir);
        const quiz = shelf.load("reseaux.json");
        assert.deepEqual(
          [quiz.file, quiz.title, quiz.questions.length],
          ["reseaux.json", "Réseaux", 2],
        );
        assert.equal(shelf.load(" reseaux ").file, "reseaux.json");
        // A CSV has no title: its name stands for it.
        assert.equal(shelf.load("culture").title, "Culture");
        assert.equal(shelf.load("CULTURE.CSV").file, "Culture.csv");
        refused(() => shelf.load("absent"), "quiz_not_found");
      }),
  );
  await t.step(
    "names with a folder, hidden or strange are refused",
    () =>
      withDir(async (dir) => {
        const inner = `${dir}/shelf`;
        await Deno.mkdir(inner);
        await Deno.mkdir(`${inner}/sub`);
        await Deno.writeTextFile(`${dir}/outside.json`, JSON_QUIZ);
        await Deno.writeTextFile(`${inner}/sub/deep.json`, JSON_QUIZ);
        await Deno.writeTextFile(`${inner}/.hidden.json`, JSON_QUIZ);
        const shelf = new QuizShelf(inner);
        for (
          const name of [
            "../outside.json",
            "../outside",
            "sub/deep.json",
            "sub\\deep.json",
            `${dir}/outside.json`,
            ".hidden.json",
            "..",
            "",
            "   ",
            "a\x1b[2J.json",
            "x".repeat(101) + ".json",
          ]
        ) {
          refused(() => shelf.load(name), "quiz_bad_name");
        }
        refused(() => shelf.load("deep"), "quiz_not_found");
      }),
  );
  await t.step(
    "a symbolic link is not followed, even to a good quiz",
    () =>
      withDir(async (dir) => {
        const inner = `${dir}/shelf`;
        await Deno.mkdir(inner);
        await Deno.writeTextFile(`${dir}/secret.json`, JSON_QUIZ);
        await Deno.symlink(`${dir}/secret.json`, `${inner}/link.json`);
        refused(() => new QuizShelf(inner).load("link.json"), "quiz_not_found");
      }),
  );
  await t.step(
    `a file over ${MAX_QUIZ_BYTES} bytes is not read`,
    () =>
      withDir(async (dir) => {
        // Valid CSV all along, so only the size limit can refuse it.
        const line = "2 + 2 ?,3,4,,,,2\n";
        const lines = Math.ceil((MAX_QUIZ_BYTES - CSV.length) / line.length) +
          1;
        const big = CSV + line.repeat(lines);
        assert.ok(big.length > MAX_QUIZ_BYTES);
        await Deno.writeTextFile(`${dir}/big.csv`, big);
        const e = refused(() => new QuizShelf(dir).load("big"), "quiz_too_big");
        assert.deepEqual(e.params, {
          name: "big.csv",
          kib: Math.ceil(big.length / 1024),
          max: 1024,
        });
        await Deno.writeTextFile(
          `${dir}/edge.csv`,
          big.slice(0, MAX_QUIZ_BYTES),
        );
        // At the limit the file is read (and judged on its content).
        const edge = refused(
          () => new QuizShelf(dir).load("edge"),
          "quiz_invalid",
        );
        assert.ok(edge.invalid!.problems.length > 0);
      }),
  );
  await t.step(
    "a broken quiz reports every problem with its line",
    () =>
      withDir(async (dir) => {
        await Deno.writeTextFile(
          `${dir}/broken.csv`,
          CSV + "Capitale ?,Paris,Lyon,,,,5\n" + ",a,b,,,,1\n",
        );
        const e = refused(
          () => new QuizShelf(dir).load("broken"),
          "quiz_invalid",
        );
        assert.deepEqual(invalidLines(e, "en", "room", 10), [
          "broken.csv: 2 problems, the quiz was not loaded. Fix the file and load it again with /quiz.",
          '  broken.csv line 3, column "correct": "5" is not an answer number: use 1 to 2 (this question has 2 answers)',
          '  broken.csv line 4, column "question": the question is empty: write the question text',
        ]);
        assert.deepEqual(invalidLines(e, "fr", "room", 1), [
          "broken.csv : 2 problèmes, le quiz n'est pas chargé. Corrigez le fichier puis chargez-le à nouveau avec /quiz.",
          "  broken.csv ligne 3, colonne « correct » : « 5 » n'est pas un numéro de réponse : utilisez 1 à 2 (cette question a 2 réponses)",
          "  … (+1)",
        ]);
      }),
  );
  await t.step("a folder that cannot be listed says why", () => {
    const e = refused(
      () => new QuizShelf("/no/such/folder").list(),
      "quiz_no_dir",
    );
    assert.match(String(e.params.reason), /No such file|not found/i);
  });
});

Deno.test("readQuiz: a path given at start", async (t) => {
  await t.step("missing, not a file", () =>
    withDir((dir) => {
      refused(() => readQuiz(`${dir}/nope.csv`), "quiz_missing");
      const e = refused(() => readQuiz(dir), "quiz_unreadable");
      assert.equal(e.params.reason, "not a regular file");
    }));
});
