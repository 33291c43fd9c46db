/**
 * End-to-end tests played like people play: the real `host` and `join`
 * programs run full screen in tmux panes (100×40 terminals), keys are typed,
 * and the assertions read what the SCREEN shows. Bots run as plain
 * subprocesses; a text-mode player uses `nc`. Loopback only: the host binds
 * 127.0.0.1 with `--no-announce` and a port chosen by the system (read from
 * its screen). Skipped, with the reason printed, when tmux (or nc) is
 * missing.
 *
 * @module
 */
import assert from "node:assert/strict";
import { LineReader } from "./lan/lan_harness.ts";
import { type TmuxPane, tmuxSkipReason } from "./tmux.ts";
import { joinCommand, openRoom, ROOT } from "./tmux_room.ts";

const skip = await tmuxSkipReason();
if (skip) console.warn(`SKIP tmux end-to-end tests: ${skip}`);
const ncSkip = skip ?? await commandMissing("nc", "netcat-openbsd");
if (ncSkip && !skip) console.warn(`SKIP the nc end-to-end test: ${ncSkip}`);

async function commandMissing(
  tool: string,
  pkg: string,
): Promise<string | null> {
  const out = await new Deno.Command("sh", {
    args: ["-c", `command -v ${tool}`],
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).output();
  return out.success ? null : `'${tool}' is missing (apt-get install ${pkg})`;
}

/** A bot player: `join --bot` as a plain subprocess, stdout piped. */
class Bot {
  readonly child: Deno.ChildProcess;
  readonly stdout: LineReader;
  readonly stderr: LineReader;
  #status: Promise<Deno.CommandStatus>;

  constructor(port: number, args: string[]) {
    const cmd = joinCommand(port, ["--bot", ...args]);
    this.child = new Deno.Command(cmd[0], {
      args: cmd.slice(1),
      cwd: ROOT,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.stdout = new LineReader(this.child.stdout);
    this.stderr = new LineReader(this.child.stderr);
    this.#status = this.child.status;
  }

  /** Waits for the end; returns the exit code. */
  async done(): Promise<number> {
    const s = await this.#status;
    await this.stdout.closed;
    await this.stderr.closed;
    return s.code;
  }

  /** Kills it if it still runs, then waits. */
  async stop(): Promise<void> {
    try {
      this.child.kill("SIGKILL");
    } catch { /* already ended */ }
    await this.done();
  }
}

/** Session scores of the lobby panel: nickname → points. */
function lobbyScores(screen: string): Map<string, number> {
  const scores = new Map<string, number>();
  for (const m of screen.matchAll(/^ {2}[★ ] (\S+)\s+(\d+) pts/gm)) {
    scores.set(m[1], Number(m[2]));
  }
  return scores;
}

/** The "last game" lines of the lobby panel: nickname → points. */
function lastGame(screen: string): Map<string, number> {
  const points = new Map<string, number>();
  for (
    const m of screen.matchAll(/^ {3}(?:🥇|🥈|🥉|\d\.) (\S+) — (\d+) pts/gm)
  ) {
    points.set(m[1], Number(m[2]));
  }
  return points;
}

/** The round table of juste prix's final screen: nickname → points. */
function roundTable(screen: string): Map<string, number> {
  const points = new Map<string, number>();
  for (
    const m of screen.matchAll(/^ \d\. ?[▸ ]?(\S+)\s+\d+\s+[✓✗]\s*\+?(\d+)$/gm)
  ) {
    points.set(m[1], Number(m[2]));
  }
  return points;
}

/** Quits from the full screen and checks the program ends well. */
async function quit(pane: TmuxPane, goodbye: string): Promise<void> {
  await pane.line("/quit");
  await exited(pane, goodbye);
}

/** Waits for a program to end with status `code` after printing `words`. */
async function exited(
  pane: TmuxPane,
  words: string,
  code = 0,
): Promise<void> {
  assert.equal(await pane.waitForExit(15_000), code, pane.last);
  const last = await pane.scrollback();
  assert.ok(last.includes(words), `"${words}" not printed:\n${last}`);
}

// ---------------------------------------------------------------------------
// Juste prix

interface JpTexts {
  interval: RegExp;
  guesses: (n: number) => string;
  found: string;
  /** On the final screen. */
  over: string;
  lobby: string;
}

const JP: Record<"fr" | "en", JpTexts> = {
  fr: {
    interval: /Votre intervalle : entre (\d+) et (\d+)/,
    guesses: (n) => `Vos essais (${n}) :`,
    found: "✓ Trouvé en",
    over: "Partie terminée",
    lobby: "Dernière partie (Juste prix) :",
  },
  en: {
    interval: /Your range: between (\d+) and (\d+)/,
    guesses: (n) => `Your guesses (${n}):`,
    found: "✓ Found in",
    over: "Game over",
    lobby: "Last game (Guess the number):",
  },
};

/**
 * Plays juste prix by bisection, reading the interval on the screen; stops
 * when the screen says found (or the game is over). Returns the guesses.
 */
async function bisect(pane: TmuxPane, texts: JpTexts): Promise<number> {
  for (let n = 1; n <= 10; n++) {
    const s = await pane.waitForScreen(
      (s) =>
        texts.interval.test(s) || s.includes(texts.found) ||
        s.includes(texts.over),
      10_000,
      "the interval or the end",
    );
    if (!texts.interval.test(s)) return n - 1;
    const [, lo, hi] = texts.interval.exec(s)!.map(Number);
    assert.ok(lo <= hi, `the interval ${lo}..${hi} is empty:\n${s}`);
    const guess = Math.floor((lo + hi) / 2);
    await pane.line(String(guess));
    const after = await pane.waitForScreen(
      (s) =>
        s.includes(texts.guesses(n)) || s.includes(texts.found) ||
        s.includes(texts.over),
      10_000,
      `guess ${n} (${guess}) on the screen`,
    );
    if (after.includes(texts.guesses(n))) {
      assert.match(after, new RegExp(`^ {3}${guess} → `, "m"));
    }
  }
  throw new Error(`no end after 10 guesses:\n${pane.last}`);
}

Deno.test({
  name: "tmux: juste prix, host in French and a joiner in English, two games",
  ignore: skip !== null,
}, async () => {
  const { tmux, host, port } = await openRoom([
    "--nickname",
    "ana",
    "--lang",
    "fr",
    "--game",
    "justeprix",
    "--max",
    "20",
    "--rounds",
    "1",
  ]);
  try {
    let s = await host.waitForText([
      "salon · 1 joueur · ana",
      "« Salle de",
      "Jeu : Juste prix",
      "Joueurs (1)",
      "Vous menez la salle : tapez /start pour lancer Juste prix.",
      "/start : lancer",
    ]);
    assert.match(s, /★ ana\s+0 pts\s+\(vous, meneur\)/);

    const bob = await tmux.open(
      "bob",
      joinCommand(port, ["--name", "bob", "--lang", "en"]),
    );
    s = await bob.waitForText([
      "lobby · 2 players · bob",
      "Game: Guess the number",
      "Players (2)",
      "Waiting for ana to start…",
      `Connected to 127.0.0.1:${port}`,
    ], 20_000);
    assert.match(s, /★ ana\s+0 pts\s+\(leader\)/);
    assert.match(s, /bob\s+0 pts\s+\(you\)/);
    await host.waitForText(["→ bob a rejoint la salle", "Joueurs (2)"]);

    // Chat both ways.
    await bob.line("hello ana");
    await host.waitForText(["[bob] hello ana"]);

    const totals = new Map<string, number>([["ana", 0], ["bob", 0]]);
    for (let game = 1; game <= 2; game++) {
      await host.line("/start");
      s = await host.waitForText([
        "en jeu · 2 joueurs",
        "Juste prix — Manche 1/1",
        "Un nombre entre 1 et 20",
        "Votre intervalle : entre 1 et 20",
        "Entrée : jouer",
      ]);
      assert.match(s, /[█░]{20,} \d+ s/, "a countdown bar");
      assert.match(s, /Joueur\s+Essais/);
      s = await bob.waitForText([
        "playing · 2 players",
        "Guess the number — Round 1/1",
        "A number between 1 and 20",
        "Your range: between 1 and 20",
      ]);
      assert.match(s, /▸ bob\s+0/);

      const [anaTries, bobTries] = await Promise.all([
        bisect(host, JP.fr),
        bisect(bob, JP.en),
      ]);
      assert.ok(anaTries >= 1 && anaTries <= 5, `ana: ${anaTries} guesses`);
      assert.ok(bobTries >= 1 && bobTries <= 5, `bob: ${bobTries} guesses`);

      // The final screen: the secret, the round's table, the totals.
      s = await host.waitForText([
        "Manche 1/1 terminée",
        "Partie terminée",
        "Classement général",
        "Résultats · Entrée : retour au salon",
      ]);
      const secret = /Le nombre était (\d+)/.exec(s)?.[1];
      assert.ok(secret, s);
      const table = roundTable(s);
      assert.deepEqual([...table.keys()].sort(), ["ana", "bob"], s);
      // Both found the number: both scored.
      assert.ok([...table.values()].every((v) => v > 0), s);
      let b = await bob.waitForText([
        "Round 1/1 over",
        `The number was ${secret}`,
        "Game over",
        "Overall standings",
        "Results · Enter: back to the lobby",
      ]);
      assert.deepEqual(roundTable(b), table, b);

      // Enter goes back to the lobby: the last game, the session scores.
      await host.press("Enter");
      s = await host.waitForText([
        "salon · 2 joueurs",
        JP.fr.lobby,
        "■ Fin de Juste prix",
      ]);
      const last = lastGame(s);
      assert.deepEqual(last, table, s);
      for (const [who, pts] of last) totals.set(who, totals.get(who)! + pts);
      assert.deepEqual(lobbyScores(s), totals, s);
      assert.match(s, /Fin de la manche 1\/1 : le nombre était \d+\./);
      await bob.press("Enter");
      b = await bob.waitForText(["lobby · 2 players", JP.en.lobby]);
      assert.deepEqual(lastGame(b), last, b);
      assert.deepEqual(lobbyScores(b), totals, b);
    }

    await quit(host, "Salle fermée. À bientôt !");
    await exited(bob, "is closed (the host left)", 3); // 3: the host closed the room
  } finally {
    await tmux.close();
  }
});

// ---------------------------------------------------------------------------
// QCM

/** A two-question quiz with known answers, in both languages. */
const QUIZ = {
  title: "e2e",
  questions: [
    {
      question: { fr: "Combien font 2 + 2 ?", en: "What is 2 + 2?" },
      answers: { fr: ["3", "4", "5", "22"], en: ["3", "4", "5", "22"] },
      correct: 2,
      keepOrder: true,
    },
    {
      question: {
        fr: "Quelle est la capitale de la France ?",
        en: "What is the capital of France?",
      },
      answers: {
        fr: ["Paris", "Lyon", "Marseille", "Lille"],
        en: ["Paris", "Lyon", "Marseille", "Lille"],
      },
      correct: 1,
      keepOrder: true,
    },
  ],
};

Deno.test({
  name:
    "tmux: QCM, host in English, a joiner in French (nickname asked), a bot",
  ignore: skip !== null,
}, async () => {
  const quizFile = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(quizFile, JSON.stringify(QUIZ));
  const { tmux, host, port } = await openRoom([
    "--nickname",
    "ana",
    "--lang",
    "en",
    "--game",
    "qcm",
    "--questions",
    quizFile,
    "--set",
    "qcm.count=2",
    "--set",
    "qcm.timeSec=5",
    "--set",
    "qcm.pauseSec=2",
    "--set",
    "qcm.shuffle=false",
  ]).catch(async (e) => {
    await Deno.remove(quizFile);
    throw e;
  });
  let bot: Bot | null = null;
  try {
    let s = await host.waitForText([
      "lobby · 1 player · ana",
      "Game: Quiz",
      "You lead the room: type /start to start Quiz.",
    ]);

    // A person types a nickname at the prompt.
    const zoe = await tmux.open("zoe", joinCommand(port, ["--lang", "fr"]));
    await zoe.waitForText(["Votre pseudo : [eleve]"], 20_000);
    await zoe.line("zoé");
    await zoe.waitForText(["salon · 2 joueurs · zoé", "Jeu : QCM"], 10_000);

    bot = new Bot(port, ["--name", "robot", "--lang", "en", "--games", "1"]);
    s = await host.waitForText([
      "Players (3)",
      "→ zoé joined the room",
      "→ robot joined the room",
    ], 20_000);
    assert.match(s, /robot\s+0 pts/);
    assert.match(s, /zoé\s+0 pts/);

    await host.line("/start");
    // Question 1: the panel, the answer boxes, the countdown.
    s = await host.waitForText([
      "Question 1/2",
      "What is 2 + 2?",
      "1 ▲ 3",
      "2 ◆ 4",
      "3 ● 5",
      "4 ■ 22",
      "Score 0 · Streak 0 · Rank 1",
    ]);
    assert.match(s, /[█░]{20,} [1-5] s/, "a countdown bar");
    assert.match(s, /\d\/3 answered/);
    assert.match(s, /Your turn: type 1-4/);
    s = await zoe.waitForText([
      "Question 1/2",
      "Combien font 2 + 2 ?",
      "À vous : tapez 1-4",
      "Score 0 · Série 0 · Rang 1",
    ]);
    assert.match(s, /\d\/3 ont répondu/);

    // A digit answers at once; a letter answers as a whole line: ana right
    // (2), zoé wrong (c = 3).
    await host.type("2");
    await host.waitForText(["Your answer: 2", "Answer saved: 2"]);
    await zoe.line("c");
    // The last answer closes the round at once: the reveal may come first.
    await zoe.waitForScreen(
      (s) =>
        s.includes("Votre réponse : 3") || s.includes("Réponse — question 1/2"),
      10_000,
      "zoé's answer",
    );

    // Everyone answered (the bot too): the reveal comes early.
    s = await host.waitForText(
      ["Answer — question 1/2", "Leaderboard"],
      10_000,
    );
    assert.match(s, /✓ 2 ◆ 4 ←/, "the right answer ticked, mine marked");
    assert.match(s, /✗ 3 ● 5/);
    const right1 = /Right! \+(\d+) points/.exec(s);
    assert.ok(right1, `ana's points:\n${s}`);
    const q1 = Number(right1[1]);
    assert.ok(q1 > 0);
    assert.match(s, new RegExp(`1\\. ana\\s+[█░ ]*${q1} \\(you\\)`));
    assert.match(s, /Next question in \d s/);
    s = await zoe.waitForText([
      "Réponse — question 1/2",
      "Raté : 0 point",
      "Classement",
    ]);
    assert.match(s, /✓ 2 ◆ 4/, "the right answer is marked on the panel");
    assert.match(s, /✗ 3 ● 5 ←/, "zoé's answer marked");
    assert.match(s, /zoé\s+[█░ ]*0 \(vous\)/);

    // Question 2: ana answers, zoé lets the time run out.
    s = await host.waitForText([
      "Question 2/2",
      "What is the capital of France?",
    ], 10_000);
    await host.line("a");
    await host.waitForText(["Your answer: 1"]);
    await zoe.waitForText([
      "Quelle est la capitale de la France ?",
      "À vous : tapez 1-4",
    ]);
    s = await zoe.waitForText([
      "Réponse — question 2/2",
      "Pas de réponse : 0 point",
    ], 10_000);
    assert.match(s, /Podium dans \d s/);
    s = await host.waitForText(["Answer — question 2/2"]);
    const right2 = /Right! \+(\d+) points/.exec(s);
    assert.ok(right2, `ana's points on question 2:\n${s}`);
    const q2 = Number(right2[1]);
    assert.match(s, /streak of 2/);

    // The podium stays on screen; Enter goes back to the lobby.
    const total = q1 + q2;
    s = await host.waitForText([
      "Quiz over",
      "Podium",
      "━━ Quiz over · Podium ━━",
      "Results · Enter: back to the lobby",
    ], 15_000);
    assert.match(
      s,
      new RegExp(`^ +\\d\\. ana\\s+[█░ ]*${total} \\(you\\)$`, "m"),
    );
    assert.match(s, /^ +\d\. zoé\s+0$/m);
    assert.match(s, /^ +\d\. robot\s+[█░ ]*\d+$/m);
    await host.press("Enter");
    s = await host.waitForText(["Last game (Quiz):", "lobby · "]);
    assert.equal(lastGame(s).get("ana"), total, s);
    assert.equal(lobbyScores(s).get("ana"), total, s);
    assert.equal(lobbyScores(s).get("zoé"), 0, s);
    // zoé waits: the podium goes away by itself.
    s = await zoe.waitForText(["Fin du quiz", "Podium", "Résultats"], 10_000);
    assert.match(s, /^ +\d\. zoé\s+0 \(vous\)$/m);
    s = await zoe.waitForText(["Dernière partie (QCM) :"], 15_000);
    assert.equal(lobbyScores(s).get("ana"), total, s);
    assert.match(s, /■ Fin de QCM — classement :/);

    // The bot played one game and left by itself.
    assert.equal(await bot.done(), 0, bot.stderr.lines.join("\n"));
    assert.ok(
      bot.stdout.lines.some((l) => l.includes("Quiz is over — ranking:")),
      bot.stdout.lines.join("\n"),
    );
    await host.waitForText(["← robot left"]);

    await quit(host, "Room closed. See you!");
    await exited(zoe, "est fermée (l'hôte est parti)", 3);
  } finally {
    await bot?.stop();
    await tmux.close();
    await Deno.remove(quizFile);
  }
});

// ---------------------------------------------------------------------------
// Morpion

/** The 9 cells of the big board on the screen ("X", "O" or ""). */
function readBoard(screen: string): string[] {
  const rows = screen.split("\n");
  const top = rows.findIndex((r) => r.includes("┌───────┬───────┬───────┐"));
  assert.ok(top >= 0, `no board on the screen:\n${screen}`);
  const left = rows[top].indexOf("┌");
  const cells: string[] = [];
  for (let r = 0; r < 3; r++) {
    const art = rows[top + 1 + r * 4];
    const middle = rows[top + 2 + r * 4];
    for (let c = 0; c < 3; c++) {
      const from = left + 1 + c * 8;
      const cell = art.slice(from, from + 7);
      const mid = middle.slice(from, from + 7);
      const mark = cell.includes("╲") ? "X" : cell.includes("╭") ? "O" : "";
      if (mark === "") {
        assert.equal(
          mid.trim(),
          String(r * 3 + c + 1),
          `cell number:\n${screen}`,
        );
      }
      cells.push(mark);
    }
  }
  return cells;
}

/** True when the screen's board shows `cells`. */
function sameBoard(screen: string, cells: string[]): boolean {
  return readBoard(screen).every((c, i) => c === cells[i]);
}

/** The main panel: the screen between the title and the chat rule. */
function panel(screen: string): string {
  const rows = screen.split("\n");
  const rule = rows.findIndex((r) => /^─ \S+ ─/.test(r));
  return rows.slice(1, rule < 0 ? rows.length : rule).join("\n");
}

const LINES = [
  [0, 1, 2],
  [3, 4, 5],
  [6, 7, 8],
  [0, 3, 6],
  [1, 4, 7],
  [2, 5, 8],
  [0, 4, 8],
  [2, 4, 6],
];

function winner(b: string[]): string | null {
  for (const [a, c, d] of LINES) {
    if (b[a] && b[a] === b[c] && b[a] === b[d]) return b[a];
  }
  return null;
}

/** Perfect play: the best cell (0-based) for `me` to move on `b`. */
function bestMove(b: string[], me: string): number {
  const other = me === "X" ? "O" : "X";
  const score = (board: string[], turn: string): number => {
    const w = winner(board);
    if (w) return w === me ? 1 : -1;
    if (board.every(Boolean)) return 0;
    const results = board.flatMap((v, i) => {
      if (v) return [];
      const next = [...board];
      next[i] = turn;
      return [score(next, turn === me ? other : me)];
    });
    return turn === me ? Math.max(...results) : Math.min(...results);
  };
  let best = -1;
  let bestScore = -2;
  for (let i = 0; i < 9; i++) {
    if (b[i]) continue;
    const next = [...b];
    next[i] = me;
    const s = score(next, other);
    if (s > bestScore) [best, bestScore] = [i, s];
  }
  return best;
}

Deno.test({
  name:
    "tmux: morpion, two people (French host, English joiner), a winning line",
  ignore: skip !== null,
}, async () => {
  const { tmux, host, port } = await openRoom([
    "--nickname",
    "ana",
    "--lang",
    "fr",
    "--game",
    "morpion",
    "--set",
    "morpion.matches=1",
  ]);
  try {
    await host.waitForText(["Jeu : Morpion", "Vous menez la salle"]);
    const bob = await tmux.open(
      "bob",
      joinCommand(port, ["--name", "bob", "--lang", "en"]),
    );
    await bob.waitForText(["Game: Tic-tac-toe", "Players (2)"], 20_000);
    await host.waitForText(["Joueurs (2)"]);
    await host.line("/start");

    let s = await host.waitForText([
      "Match 1/1 : ana (X) contre bob (O)",
      "À vous de jouer (X) : tapez un numéro de case 1-9",
    ]);
    assert.deepEqual(readBoard(s), Array(9).fill(""));
    s = await bob.waitForText([
      "Match 1/1: ana (X) vs bob (O)",
      "ana (X) to play.",
      "You play O.",
    ]);
    assert.deepEqual(readBoard(s), Array(9).fill(""));

    // X 1, O 4, X 2, O 5, X 3: ana wins on the top row. One key per move.
    const moves: [TmuxPane, number][] = [[host, 1], [bob, 4], [host, 2], [
      bob,
      5,
    ], [host, 3]];
    const board = Array(9).fill("");
    for (const [k, [pane, cell]] of moves.entries()) {
      const mark = k % 2 === 0 ? "X" : "O";
      await pane.type(String(cell));
      board[cell - 1] = mark;
      if (k === moves.length - 1) break;
      // The other player's turn, with the board as it stands.
      const [other, yourTurn, theirTurn] = mark === "X"
        ? [bob, "Your turn (O): type a cell number 1-9", "Au tour de bob (O)."]
        : [
          host,
          "À vous de jouer (X) : tapez un numéro de case 1-9",
          "ana (X) to play.",
        ];
      await other.waitForScreen(
        (s) => sameBoard(s, board) && panel(s).includes(yourTurn),
        10_000,
        `the board ${board} and "${yourTurn}"`,
      );
      await pane.waitForScreen(
        (s) => sameBoard(s, board) && panel(s).includes(theirTurn),
        10_000,
        `the board ${board} and "${theirTurn}"`,
      );
    }
    // The winning line, then the final table; Enter goes to the lobby.
    s = await host.waitForScreen(
      (s) =>
        panel(s).includes("ana gagne ! (ligne 1-2-3)") &&
        panel(s).includes("Classement final dans"),
      10_000,
      "ana's winning line",
    );
    assert.deepEqual(readBoard(s), board, s);
    assert.match(panel(s), /> {2}1\. ana\s+3 pts\s+1V 0N 0D/);
    s = await bob.waitForScreen(
      (s) =>
        panel(s).includes("ana wins! (line 1-2-3)") &&
        panel(s).includes("Final table in"),
      10_000,
      "ana's winning line",
    );
    assert.match(panel(s), /> {2}2\. bob\s+0 pts\s+0W 0D 1L/);
    s = await host.waitForText(["Série terminée.", "Résultats · Entrée"]);
    assert.deepEqual(readBoard(s), board, s);
    await host.press("Enter");
    await bob.waitForText(["Series over.", "Results · Enter"]);
    await bob.press("Enter");

    // Back in the lobby: 3 table points are 300 session points.
    s = await host.waitForText(["Dernière partie (Morpion) :"]);
    assert.deepEqual(lastGame(s), new Map([["ana", 300], ["bob", 0]]));
    assert.deepEqual(lobbyScores(s), new Map([["ana", 300], ["bob", 0]]));
    s = await bob.waitForText(["Last game (Tic-tac-toe):"]);
    assert.deepEqual(lobbyScores(s), new Map([["ana", 300], ["bob", 0]]));

    // bob leaves with Ctrl-C; the host sees it.
    await bob.press("C-c");
    assert.equal(await bob.waitForExit(10_000), 0);
    await host.waitForText(["← bob est parti", "Joueurs (1)"]);
    await quit(host, "Salle fermée. À bientôt !");
  } finally {
    await tmux.close();
  }
});

Deno.test({
  name: "tmux: morpion alone against the unbeatable computer (English): a draw",
  ignore: skip !== null,
}, async () => {
  const { tmux, host } = await openRoom([
    "--nickname",
    "ana",
    "--lang",
    "en",
    "--game",
    "morpion",
    "--set",
    "morpion.matches=1",
  ]);
  try {
    await host.waitForText(["Game: Tic-tac-toe", "You lead the room"]);
    await host.line("/start");
    let s = await host.waitForText([
      "Match 1/1: ana (X) vs bot (O)",
      "Opponent: the computer (unbeatable)",
      "Your turn (X): type a cell number 1-9",
    ]);
    for (let turn = 0; turn < 5; turn++) {
      const board = readBoard(s);
      const cell = bestMove(board, "X") + 1;
      await host.type(String(cell));
      s = await host.waitForScreen(
        (s) =>
          s.includes("Your turn (X)") &&
            readBoard(s).filter(Boolean).length >
              board.filter(Boolean).length + 1 ||
          s.includes("Final table in"),
        10_000,
        "the computer's answer or the end",
      );
      if (s.includes("Final table in")) break;
    }
    assert.match(panel(s), /^ Draw$/m);
    assert.ok(readBoard(s).every(Boolean), s);
    assert.match(panel(s), /> {2}1\. ana\s+1 pts\s+0W 1D 0L/);
    s = await host.waitForText(["Series over.", "Results · Enter"]);
    await host.press("Enter");
    s = await host.waitForText(["Last game (Tic-tac-toe):"]);
    assert.equal(lobbyScores(s).get("ana"), 100, s);
    await quit(host, "Room closed. See you!");
  } finally {
    await tmux.close();
  }
});

// ---------------------------------------------------------------------------
// Text mode (nc)

Deno.test({
  name: "tmux: a player on nc reads French lines, then English after /lang en",
  ignore: ncSkip !== null,
}, async () => {
  const { tmux, host, port } = await openRoom([
    "--nickname",
    "ana",
    "--lang",
    "fr",
    "--max",
    "20",
    "--rounds",
    "1",
  ]);
  try {
    await host.waitForText(["Vous menez la salle"]);
    const nc = await tmux.open("nc", ["nc", "127.0.0.1", String(port)]);
    await nc.waitForText(["tapez votre pseudo puis Entrée"], 10_000);
    await nc.line("zoe");
    let s = await nc.waitForText([
      "Bienvenue zoe dans « Salle de",
      "Commandes : /start [jeu] lance une partie (meneur)",
      "Joueurs (2) : ",
    ]);
    s = await host.waitForText(["→ zoe a rejoint la salle", "Joueurs (2)"]);
    assert.match(s, /zoe\s+0 pts\s+\(nc\)/);

    await nc.line("salut tout le monde");
    await host.waitForText(["[zoe] salut tout le monde"]);
    await host.line("bienvenue zoe");
    await nc.waitForText(["[ana] bienvenue zoe"]);

    await host.line("/start");
    await nc.waitForText([
      "▶ La partie de Juste prix commence !",
      "Manche 1/1 — devinez un nombre entre 1 et 20",
    ]);
    // A French error line for a guess out of range, then the nc player
    // switches to English and bisects on the printed lines while the host
    // plays on its screen.
    await nc.line("0");
    await nc.waitForText(["! Proposez un nombre entier entre 1 et 20."]);
    await nc.line("/lang en");
    const ncPlays = (async () => {
      let [lo, hi] = [1, 20];
      for (let n = 1; n <= 6; n++) {
        const guess = Math.floor((lo + hi) / 2);
        await nc.line(String(guess));
        const hint = new RegExp(
          `^${guess} → (.*) \\(${n} attempts?\\)(?: — between (\\d+) and (\\d+))?$`,
          "m",
        );
        const screen = await nc.waitForText([hint]);
        const m = hint.exec(screen)!;
        if (m[1] === "Found it!") return n;
        assert.ok(m[2], screen);
        [lo, hi] = [Number(m[2]), Number(m[3])];
      }
      throw new Error(`nc did not find in 6 guesses:\n${nc.last}`);
    })();
    const [ncTries] = await Promise.all([ncPlays, bisect(host, JP.fr)]);
    assert.ok(ncTries <= 5);

    s = await nc.waitForText([
      "■ Guess the number is over — ranking:",
      "Session scores:",
      "Players (2): ",
      "Waiting for ana to start…",
    ], 15_000);
    assert.match(s, /End of round 1\/1: the number was \d+\./);
    const ranking = new Map(
      [...s.matchAll(/^ {2}\d\. (ana|zoe) — (\d+) pts$/gm)].map((m) => [
        m[1],
        Number(m[2]),
      ]),
    );
    await host.waitForText(["Partie terminée", "Résultats · Entrée"]);
    await host.press("Enter");
    s = await host.waitForText(["Dernière partie (Juste prix) :"]);
    const last = lastGame(s);
    assert.deepEqual(last, ranking, s);
    assert.deepEqual(lobbyScores(s), last, s);

    await nc.line("/quit");
    await nc.waitForText(["Disconnected: see you!"]);
    // The host closed the connection; Debian's nc waits for its stdin to
    // end, so the player closes it with Ctrl-C, as people do.
    await nc.press("C-c");
    await nc.waitForExit(10_000);
    await host.waitForText(["← zoe est parti"]);
    await quit(host, "Salle fermée. À bientôt !");
  } finally {
    await tmux.close();
  }
});
