/**
 * End-to-end checks of the classroom polish (issue 12) in the real
 * full-screen client, in tmux, in French and in English: QCM chat words
 * that start with an answer letter stay chat, one digit still answers;
 * morpion digits out of turn or as a spectator are refused with a notice
 * and never pile up in the input line; an unknown slash command is never
 * broadcast as chat; `/lang` confirms in the new language; a room that does
 * not announce itself says to join it by address; the headless log says who
 * left. The programs run on loopback only (see `tmux_room.ts`).
 *
 * @module
 */
import assert from "node:assert/strict";
import { type TmuxPane, tmuxSkipReason } from "./tmux.ts";
import { joinCommand, openRoom } from "./tmux_room.ts";

const skip = await tmuxSkipReason();
if (skip) console.warn(`SKIP tmux polish tests: ${skip}`);

const ROWS = 40;

const QUIZ = {
  title: "polish",
  questions: [
    {
      question: { fr: "Combien font 2 + 2 ?", en: "What is 2 + 2?" },
      answers: { fr: ["3", "4", "5", "22"], en: ["3", "4", "5", "22"] },
      correct: 2,
      keepOrder: true,
    },
  ],
};

/** The input row of a full-screen client (just above the help row). */
function inputRow(screen: string): string {
  const rows = screen.replace(/\n$/, "").split("\n");
  return rows[ROWS - 2] ?? "";
}

/** Waits until the input row shows exactly `text` after the prompt. */
async function waitForInput(pane: TmuxPane, text: string): Promise<string> {
  return await pane.waitForScreen(
    (s) => inputRow(s).replace(/^>\s?/, "").trimEnd() === text,
    10_000,
    `the input line ${JSON.stringify(text)}`,
  );
}

Deno.test({
  name:
    "tmux: QCM chat words stay chat, digits answer; /strat is not broadcast; /lang confirms (fr host, en joiner)",
  ignore: skip !== null,
}, async () => {
  const quizFile = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(quizFile, JSON.stringify(QUIZ));
  try {
    const { tmux, host, port } = await openRoom([
      "--nickname",
      "ana",
      "--lang",
      "fr",
      "--game",
      "qcm",
      "--questions",
      quizFile,
      "--set",
      "qcm.count=1",
      "--set",
      "qcm.timeSec=60",
      "--set",
      "qcm.shuffle=false",
    ], { rows: ROWS });
    try {
      // Not announced: the opening lines say to join by address.
      let s = await host.waitForText(["Vous menez la salle"]);
      assert.match(s, /salle non annoncée/, s);
      assert.doesNotMatch(s, /s'annonce toute seule/, s);
      const bob = await tmux.open(
        "bob",
        joinCommand(port, ["--name", "bob", "--lang", "en"]),
      );
      await bob.waitForText(["Players (2)"], 20_000);
      await host.waitForText(["Joueurs (2)"]);

      // An unknown command answers its sender only, in their language;
      // the next chat line proves the other side got nothing before it.
      await host.line("/strat");
      await host.waitForText(["! Commande inconnue /strat"]);
      await host.line("fin-fr");
      s = await bob.waitForText(["[ana] fin-fr"]);
      assert.doesNotMatch(s, /strat/, s);
      await bob.line("/strat");
      await bob.waitForText(["! Unknown command /strat"]);
      await bob.line("end-en");
      s = await host.waitForText(["[bob] end-en"]);
      assert.equal(s.match(/strat/g)?.length, 1, `only ana's own echo\n${s}`);

      // /lang confirms in the new language, both ways.
      await bob.line("/lang fr");
      await bob.waitForText(["Langue : français."]);
      await bob.line("/lang en");
      await bob.waitForText(["Language: English."]);

      await host.line("/start");
      await host.waitForText(["Combien font 2 + 2 ?"], 10_000);
      await bob.waitForText(["What is 2 + 2?"], 10_000);

      // Chat words that start with an answer letter are typed, not answers.
      await host.type("bravo");
      await waitForInput(host, "bravo");
      await host.press("Enter");
      await bob.waitForText(["[ana] bravo"]);
      await bob.type("ah");
      await waitForInput(bob, "ah");
      await bob.press("Enter");
      s = await host.waitForText(["[bob] ah"]);
      assert.doesNotMatch(s, /Votre réponse/, "no answer from a chat word");
      assert.doesNotMatch(s, /a répondu/, s);

      // A digit answers at once on an empty line; a letter with Enter.
      await host.type("2");
      await host.waitForText(["Votre réponse : 2"]);
      await waitForInput(host, "");
      await bob.type("b");
      await waitForInput(bob, "b");
      await bob.press("Enter");
      await bob.waitForScreen(
        (s) => s.includes("Your answer: 2") || s.includes("Answer — question"),
        10_000,
        "bob's answer",
      );
      await host.waitForText(["Réponse — question 1/1"], 10_000);

      await bob.line("/quit");
      assert.equal(await bob.waitForExit(15_000), 0, bob.last);
      await host.line("/quit");
      assert.equal(await host.waitForExit(15_000), 0, host.last);
    } finally {
      await tmux.close();
    }
  } finally {
    await Deno.remove(quizFile);
  }
});

Deno.test({
  name:
    "tmux: morpion digits out of turn or as a spectator give a notice and a clean input (en host, fr joiner, a spectator in both)",
  ignore: skip !== null,
}, async () => {
  const { tmux, host, port } = await openRoom([
    "--nickname",
    "alice",
    "--lang",
    "en",
    "--game",
    "morpion",
    "--set",
    "morpion.matches=1",
  ], { rows: ROWS });
  try {
    let s = await host.waitForText(["You lead the room"]);
    assert.match(s, /the room is not announced/, s);
    const bob = await tmux.open(
      "bob",
      joinCommand(port, ["--name", "bob", "--lang", "fr"]),
    );
    await bob.waitForText(["Joueurs (2)"], 20_000);
    await host.line("/start");
    await host.waitForText(["Your turn (X)"]);
    // French elision before a name starting with a vowel.
    await bob.waitForText(["Au tour d'alice (X)."]);

    // bob presses 5 twice out of turn: a notice, and nothing typed.
    await bob.type("5");
    await bob.waitForText(["Ce n'est pas votre tour"]);
    await bob.type("5");
    s = await waitForInput(bob, "");
    assert.doesNotMatch(inputRow(s), /5/);

    // alice plays 1; then her own digits are out of turn.
    await host.type("1");
    await bob.waitForText(["À vous de jouer (O)"]);
    await host.type("5");
    await host.waitForText(["It is not your turn"]);
    await host.type("0");
    await waitForInput(host, "0"); // other keys are still typed
    await host.press("BSpace");
    await waitForInput(host, "");

    // A spectator joins: its digits are refused too, in its language.
    const cleo = await tmux.open(
      "cleo",
      joinCommand(port, ["--name", "cleo", "--lang", "en"]),
    );
    await cleo.waitForText(["playing · watching"], 20_000);
    await cleo.type("5");
    await cleo.waitForText(["You are watching this match"]);
    await cleo.line("/lang fr");
    await cleo.waitForText(["Langue : français."]);
    await cleo.type("5");
    await cleo.waitForText(["Vous regardez ce match"]);
    s = await waitForInput(cleo, "");
    // Nothing went out as chat.
    await cleo.line("voilà");
    s = await bob.waitForText(["[cleo] voilà"]);
    assert.doesNotMatch(s, /\[(?:cleo|bob|alice)\] \d/, s);

    for (const pane of [cleo, bob, host]) {
      await pane.line("/quit");
      assert.equal(await pane.waitForExit(15_000), 0, pane.last);
    }
  } finally {
    await tmux.close();
  }
});

Deno.test({
  name: "tmux: the headless log says who joined and who left (en)",
  ignore: skip !== null,
}, async () => {
  const { tmux, host, port } = await openRoom([
    "--headless",
    "--lang",
    "en",
  ]);
  try {
    const s = await host.waitForText(["the room is not announced"]);
    assert.doesNotMatch(s, /announces itself/, s);
    const bob = await tmux.open(
      "bob",
      joinCommand(port, ["--name", "bob", "--lang", "en"]),
    );
    await host.waitForText([/joined: bob/], 20_000);
    await bob.waitForText(["Players (1)"]);
    await bob.line("/quit");
    assert.equal(await bob.waitForExit(15_000), 0, bob.last);
    await host.waitForText([/\d\d:\d\d:\d\d left: bob/]);
  } finally {
    await tmux.close();
  }
});
