/**
 * The teacher shapes the game from the room (issue 12, items 6 and 8), in
 * the real full-screen client, in tmux, in French and in English: a quiz
 * given at start shows its title and question count on the host's screen;
 * `/options` lists the options with their ranges; a player who does not
 * lead is told who does; `/set` refuses a wrong value with the command
 * line's sentence; `/quiz` lists the files next to the host and loads one;
 * `/stop` asks once, then ends the game. Loopback only (`tmux_room.ts`).
 *
 * @module
 */
import assert from "node:assert/strict";
import { tmuxSkipReason } from "./tmux.ts";
import { joinCommand, openRoom } from "./tmux_room.ts";

const skip = await tmuxSkipReason();
if (skip) console.warn(`SKIP tmux teacher tests: ${skip}`);

const QUIZ = {
  title: "Réseaux",
  questions: [
    {
      question: { fr: "Port de HTTP ?", en: "HTTP port?" },
      answers: ["80", "25"],
      correct: 1,
    },
    {
      question: { fr: "Port de SSH ?", en: "SSH port?" },
      answers: ["21", "22"],
      correct: 2,
    },
  ],
};

/** What each language's run types and expects. */
interface Script {
  lang: "fr" | "en";
  other: "fr" | "en";
  intro: string;
  options: string;
  optionLine: string;
  notLeader: string;
  badValue: string;
  changed: string;
  files: string;
  loaded: string;
  question: string;
  confirm: string;
  over: string;
}

const SCRIPTS: Script[] = [
  {
    lang: "fr",
    other: "en",
    intro: "Quiz : Réseaux (2 questions, ",
    options: "Options de Juste prix pour la prochaine partie",
    optionLine: "max = 100 — nombre entier de 2 à 1000000",
    notLeader: "! Only the leader (ana) can do that.",
    badValue: "! max doit être un nombre entier de 2 à 1000000, pas « abc ».",
    changed: "✓ Juste prix : max = 50 pour la prochaine partie.",
    files: "Fichiers de quiz à côté de l'hôte (1)",
    loaded: "✓ Chargé pour la prochaine partie de QCM.",
    question: "Port de HTTP ?",
    confirm: "Tapez /stop à nouveau dans les 5 secondes",
    over: "Fin de QCM",
  },
  {
    lang: "en",
    other: "fr",
    intro: "Quiz: Réseaux (2 questions, ",
    options: "Options of Guess the number for the next game",
    optionLine: "max = 100 — whole number from 2 to 1000000",
    notLeader: "! Seul le meneur (ana) peut faire ça.",
    badValue: '! max must be a whole number from 2 to 1000000, not "abc".',
    changed: "✓ Guess the number: max = 50 for the next game.",
    files: "Quiz files next to the host (1)",
    loaded: "✓ Loaded for the next game of Quiz.",
    question: "HTTP port?",
    confirm: "Type /stop again within 5 seconds",
    over: "Quiz is over",
  },
];

for (const sc of SCRIPTS) {
  Deno.test({
    name:
      `tmux: the leader sees and sets options, loads a quiz, stops with a confirmation (${sc.lang} host, ${sc.other} joiner)`,
    ignore: skip !== null,
  }, async () => {
    const dir = await Deno.makeTempDir({ prefix: "lanplay-teacher-" });
    await Deno.mkdir(`${dir}/shelf`);
    await Deno.writeTextFile(
      `${dir}/shelf/reseaux.json`,
      JSON.stringify(QUIZ),
    );
    const start = `${dir}/start.json`;
    await Deno.writeTextFile(start, JSON.stringify(QUIZ));
    try {
      const { tmux, host, port } = await openRoom([
        "--nickname",
        "ana",
        "--lang",
        sc.lang,
        "--game",
        "justeprix",
        "--questions",
        start,
        "--quiz-dir",
        `${dir}/shelf`,
      ]);
      try {
        // The quiz given at start says its title and count.
        await host.waitForText([sc.intro]);
        const bob = await tmux.open(
          "bob",
          joinCommand(port, ["--name", "bob", "--lang", sc.other]),
        );
        await host.waitForText([
          sc.lang === "fr" ? "Joueurs (2)" : "Players (2)",
        ], 20_000);

        await host.line("/options");
        await host.waitForText([sc.options, sc.optionLine]);
        await bob.line("/set max 50");
        await bob.waitForText([sc.notLeader]);
        await host.line("/set max abc");
        await host.waitForText([sc.badValue]);
        await host.line("/set max 50");
        await host.waitForText([sc.changed]);

        await host.line("/quiz");
        await host.waitForText([sc.files, "reseaux.json"]);
        await host.line("/quiz reseaux");
        await host.waitForText([sc.loaded]);

        await host.line("/set shuffle false");
        await host.line("/start");
        await host.waitForText([sc.question], 15_000);
        await host.line("/stop");
        await host.waitForText([sc.confirm]);
        await host.line("/stop");
        const s = await host.waitForText([sc.over], 15_000);
        assert.match(s, /ana/);

        await bob.line("/quit");
        assert.equal(await bob.waitForExit(15_000), 0, bob.last);
        await host.line("/quit");
        assert.equal(await host.waitForExit(15_000), 0, host.last);
      } finally {
        await tmux.close();
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}
