/**
 * End-to-end tests played like people play: the real `host` and `join`
 * programs run full screen in tmux panes (80×… TTYs), keys are typed, and
 * the assertions read what the SCREEN shows. Bots run as plain
 * subprocesses; a text-mode player uses `nc`. Loopback only: the host binds
 * 127.0.0.1 with `--no-announce` and a port chosen by the system (read from
 * its screen). Skipped, with the reason printed, when tmux (or nc) is
 * missing.
 *
 * @module
 */
import assert from "node:assert/strict";
import { LineReader } from "./lan/lan_harness.ts";
import { Tmux, type TmuxPane, tmuxSkipReason } from "./tmux.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const MOD = `${ROOT}mod.ts`;
const ENV = { USER: "eleve", LANG: "C.UTF-8" };

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

function hostCommand(args: string[]): string[] {
  return [
    "deno",
    "run",
    "-A",
    MOD,
    "host",
    "--bind",
    "127.0.0.1",
    "--no-announce",
    "--port",
    "0",
    ...args,
  ];
}

function joinCommand(port: number, args: string[]): string[] {
  return [
    "deno",
    "run",
    "-A",
    MOD,
    "join",
    "--host",
    `127.0.0.1:${port}`,
    ...args,
  ];
}

/** Starts tmux with the host; returns the port its screen shows. */
async function openRoom(
  args: string[],
): Promise<{ tmux: Tmux; host: TmuxPane; port: number }> {
  const tmux = await Tmux.start("host", hostCommand(args), {
    columns: 100,
    rows: 40,
    cwd: ROOT,
    env: ENV,
  });
  try {
    const host = tmux.pane("host");
    const screen = await host.waitForText([/127\.0\.0\.1:\d+/], 20_000);
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(screen)![1]);
    return { tmux, host, port };
  } catch (e) {
    await tmux.close();
    throw e;
  }
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

/** Quits from the full screen and checks the program ends well. */
async function quit(pane: TmuxPane, goodbye: string): Promise<void> {
  await pane.line("/quit");
  await exited(pane, goodbye);
}

/** Waits for a program to end with status 0 after printing `words`. */
async function exited(pane: TmuxPane, words: string): Promise<void> {
  assert.equal(await pane.waitForExit(15_000), 0, pane.last);
  const last = await pane.scrollback();
  assert.ok(last.includes(words), `"${words}" not printed:\n${last}`);
}

// ---------------------------------------------------------------------------
// Juste prix

interface JpTexts {
  interval: RegExp;
  guesses: (n: number) => string;
  found: string;
  lobby: string;
}

const JP: Record<"fr" | "en", JpTexts> = {
  fr: {
    interval: /Votre intervalle : entre (\d+) et (\d+)/,
    guesses: (n) => `Vos essais (${n}) :`,
    found: "✓ Trouvé en",
    lobby: "Dernière partie (Juste prix) :",
  },
  en: {
    interval: /Your range: between (\d+) and (\d+)/,
    guesses: (n) => `Your guesses (${n}):`,
    found: "✓ Found in",
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
        s.includes(texts.lobby),
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
        s.includes(texts.lobby),
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
      "salon · 1 joueur(s) · ana",
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
      "lobby · 2 player(s) · bob",
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
    for (const game of [1, 2]) {
      await host.line("/start");
      s = await host.waitForText([
        "en jeu · 2 joueur(s)",
        "Juste prix — Manche 1/1",
        "Un nombre entre 1 et 20",
        "Votre intervalle : entre 1 et 20",
        "Entrée : jouer",
      ]);
      assert.match(s, /[█░]{20,} \d+ s/, "a countdown bar");
      assert.match(s, /Joueur\s+Essais/);
      s = await bob.waitForText([
        "playing · 2 player(s)",
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

      // Back in the lobby: the last game and the cumulative scores.
      s = await host.waitForText([
        "salon · 2 joueur(s)",
        JP.fr.lobby,
        "■ Fin de Juste prix",
      ]);
      const last = lastGame(s);
      assert.deepEqual([...last.keys()].sort(), ["ana", "bob"], s);
      for (const [who, pts] of last) totals.set(who, totals.get(who)! + pts);
      assert.deepEqual(lobbyScores(s), totals, s);
      assert.match(s, /Fin de la manche 1\/1 : le nombre était \d+\./);
      const b = await bob.waitForText(["lobby · 2 player(s)", JP.en.lobby]);
      assert.deepEqual(lastGame(b), last, b);
      assert.deepEqual(lobbyScores(b), totals, b);
      assert.ok(game === 1 || [...totals.values()].some((v) => v > 0));
    }

    await quit(host, "Salle fermée. À bientôt !");
    await exited(bob, "The room is closed");
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
  ]);
  let bot: Bot | null = null;
  try {
    let s = await host.waitForText([
      "lobby · 1 player(s) · ana",
      "Game: Quiz",
      "You lead the room: type /start to start Quiz.",
    ]);

    // A person types a nickname at the prompt.
    const zoe = await tmux.open("zoe", joinCommand(port, ["--lang", "fr"]));
    await zoe.waitForText(["Votre pseudo : [eleve]"], 20_000);
    await zoe.line("zoé");
    await zoe.waitForText(["salon · 2 joueur(s) · zoé", "Jeu : QCM"], 10_000);

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

    // One key answers: ana right (2), zoé wrong (c = 3).
    await host.type("2");
    await host.waitForText(["Your answer: 2", "Answer saved: 2"]);
    await zoe.type("c");
    await zoe.waitForText(["Votre réponse : 3"]);

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
    assert.match(s, /Bonne\(s\) réponse\(s\) : 2\) 4/);
    assert.match(s, /zoé\s+[█░ ]*0 \(vous\)/);

    // Question 2: ana answers, zoé lets the time run out.
    s = await host.waitForText([
      "Question 2/2",
      "What is the capital of France?",
    ], 10_000);
    await host.type("a");
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

    // The podium, then the lobby with the session scores.
    s = await host.waitForText([
      "Last game (Quiz):",
      "━━ Quiz over · Podium ━━",
    ], 15_000);
    assert.equal(lastGame(s).get("ana"), q1 + q2, s);
    assert.equal(lobbyScores(s).get("ana"), q1 + q2, s);
    assert.equal(lobbyScores(s).get("zoé"), 0, s);
    s = await zoe.waitForText([
      "Dernière partie (QCM) :",
      "━━ Fin du quiz · Podium ━━",
    ]);
    assert.equal(lobbyScores(s).get("ana"), q1 + q2, s);
    assert.match(s, /■ Fin de QCM — classement :/);

    // The bot played one game and left by itself.
    assert.equal(await bot.done(), 0, bot.stderr.lines.join("\n"));
    assert.ok(
      bot.stdout.lines.some((l) => l.includes("Quiz is over — ranking:")),
      bot.stdout.lines.join("\n"),
    );
    await host.waitForText(["← robot left"]);

    await quit(host, "Room closed. See you!");
    await exited(zoe, "La salle est fermée");
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
      "À toi de jouer (X) : tape un numéro de case 1-9",
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
      const [other, yourTurn] = mark === "X"
        ? [bob, "Your turn (O): type a cell number 1-9"]
        : [host, "À toi de jouer (X)"];
      s = await other.waitForText([yourTurn]);
      assert.deepEqual(readBoard(s), board, s);
      s = await pane.waitForScreen((s) => readBoard(s)[cell - 1] === mark);
      assert.match(
        s,
        mark === "X" ? /Au tour de bob \(O\)\./ : /ana \(X\) to play\./,
      );
    }
    s = await host.waitForText([
      "ana gagne ! (ligne 1-2-3)",
      "Classement final dans",
    ]);
    assert.deepEqual(readBoard(s), board, s);
    assert.match(s, /> {2}1\. ana\s+3 pts\s+1V 0N 0D/);
    s = await bob.waitForText([
      "ana wins! (line 1-2-3)",
      "Final table in",
      "Standings",
    ]);
    assert.match(s, /> {2}2\. bob\s+0 pts\s+0W 0D 1L/);

    // Back in the lobby: 3 table points are 300 session points.
    s = await host.waitForText(["Dernière partie (Morpion) :"], 10_000);
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
    assert.match(s, /^ Draw$/m);
    assert.ok(readBoard(s).every(Boolean), s);
    assert.match(s, /> {2}1\. ana\s+1 pts\s+0W 1D 0L/);
    s = await host.waitForText(["Last game (Tic-tac-toe):"], 10_000);
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
      "Back in the lobby. Type /start to play again.",
    ], 15_000);
    assert.match(s, /End of round 1\/1: the number was \d+\./);
    assert.match(s, /^ {2}1\. (ana|zoe) — \d+ pts$/m);
    s = await host.waitForText(["Dernière partie (Juste prix) :"]);
    const last = lastGame(s);
    assert.deepEqual([...last.keys()].sort(), ["ana", "zoe"]);
    assert.deepEqual(lobbyScores(s), last);

    await nc.line("/quit");
    await nc.waitForText(["Disconnected: see you!"]);
    await host.waitForText(["← zoe est parti"]);
    await quit(host, "Salle fermée. À bientôt !");
  } finally {
    await tmux.close();
  }
});
