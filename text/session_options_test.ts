import assert from "node:assert/strict";
import { STOP_CONFIRM_MS, TextSession } from "./session.ts";
import { justeprix } from "../games/justeprix/mod.ts";
import { qcm } from "../games/qcm/mod.ts";
import type { HostMessage, PlayerInfo } from "../protocol/messages.ts";
import type { OptionsMessage } from "../protocol/options_messages.ts";
import { optionsLines, quizzesLines } from "./options_lines.ts";

const GAMES = { justeprix, qcm };
type Lobby = Extract<HostMessage, { type: "lobby" }>;

function player(nickname: string, leader = false): PlayerInfo {
  return {
    id: `id-${nickname}`,
    nickname,
    score: 0,
    leader,
    mode: "text",
    connected: true,
    ready: false,
  };
}

function lobby(o: Partial<Lobby> = {}): Lobby {
  return {
    type: "lobby",
    state: "lobby",
    game: "qcm",
    games: ["qcm", "justeprix"],
    players: [player("ana", true), player("bob")],
    autostart: null,
    ...o,
  };
}

function sent(s: TextSession, line: string): unknown {
  const r = s.parse(line);
  assert.equal(r.kind, "send", `${line}: ${JSON.stringify(r)}`);
  return (r as { message: unknown }).message;
}

Deno.test("text commands of the leader's options", async (t) => {
  const s = new TextSession(GAMES, "en", "ana");
  await t.step("/options, with or without a game", () => {
    assert.deepEqual(sent(s, "/options"), { type: "options" });
    assert.deepEqual(sent(s, "/OPTIONS qcm"), { type: "options", game: "qcm" });
  });
  await t.step("/set: KEY VALUE, GAME.KEY VALUE, with or without =", () => {
    assert.deepEqual(sent(s, "/set count 5"), {
      type: "set",
      key: "count",
      value: "5",
    });
    assert.deepEqual(sent(s, "/set qcm.count 5"), {
      type: "set",
      game: "qcm",
      key: "count",
      value: "5",
    });
    assert.deepEqual(sent(s, "/set qcm.count=5"), sent(s, "/set qcm.count 5"));
    assert.deepEqual(sent(s, "/régler  timeSec = 30 "), {
      type: "set",
      key: "timeSec",
      value: "30",
    });
    assert.deepEqual(sent(s, "/set ai very easy"), {
      type: "set",
      key: "ai",
      value: "very easy",
    });
  });
  await t.step("/set without a value says how, to the sender only", () => {
    for (const line of ["/set", "/set count", "/set count=", "/set .x 1"]) {
      assert.deepEqual(s.parse(line), {
        kind: "show",
        lines: [
          "! /set takes a key and a value: /set count 5 (or /set qcm.count 5); /options lists the keys.",
        ],
      }, line);
    }
  });
  await t.step("/quiz lists, /quiz NAME loads (names may have spaces)", () => {
    assert.deepEqual(sent(s, "/quiz"), { type: "quiz" });
    assert.deepEqual(sent(s, "/quiz  mon quiz.csv "), {
      type: "quiz",
      name: "mon quiz.csv",
    });
  });
  await t.step("the leader's /help lists them, in both languages", () => {
    s.render(lobby());
    const [, leader] = s.helpLines();
    for (const cmd of ["/options", "/set", "/quiz", "/stop", "/kick"]) {
      assert.ok(leader.includes(cmd), `${cmd} in ${leader}`);
    }
    s.lang = "fr";
    assert.match(s.helpLines()[1], /^Meneur : \/options montre/);
    s.lang = "en";
  });
});

Deno.test("/stop: the leader confirms within 5 s while a game runs", async (t) => {
  let now = 0;
  const ana = new TextSession(GAMES, "en", "ana", { now: () => now });
  ana.render(lobby());
  await t.step("in the lobby it goes at once (the host says no game)", () => {
    assert.deepEqual(sent(ana, "/stop"), { type: "stop" });
  });
  ana.render({ type: "game_start", game: "qcm", players: ["ana", "bob"] });
  await t.step("the first asks, the second within the delay sends", () => {
    assert.deepEqual(ana.parse("/stop"), {
      kind: "show",
      lines: [
        "Type /stop again within 5 seconds to end Quiz now: everyone keeps the points scored so far.",
      ],
    });
    now += STOP_CONFIRM_MS;
    assert.deepEqual(sent(ana, "/stop"), { type: "stop" });
  });
  await t.step("a second one too late asks again", () => {
    assert.equal(ana.parse("/stop").kind, "show");
    now += STOP_CONFIRM_MS + 1;
    assert.equal(ana.parse("/stop").kind, "show");
    now += 1;
    assert.deepEqual(sent(ana, "/stop"), { type: "stop" });
  });
  await t.step("in French", () => {
    ana.lang = "fr";
    now += 60_000;
    assert.deepEqual(ana.parse("/stop"), {
      kind: "show",
      lines: [
        "Tapez /stop à nouveau dans les 5 secondes pour arrêter QCM maintenant : chacun garde les points déjà marqués.",
      ],
    });
  });
  await t.step("someone who does not lead sends it (the host refuses)", () => {
    const bob = new TextSession(GAMES, "en", "bob", { now: () => now });
    bob.render(lobby());
    bob.render({ type: "game_start", game: "qcm", players: ["ana", "bob"] });
    assert.deepEqual(sent(bob, "/stop"), { type: "stop" });
  });
});

const QCM_OPTIONS: OptionsMessage = {
  type: "options",
  game: "qcm",
  options: [
    { key: "count", kind: "integer", min: 1, max: 500, value: 5 },
    {
      key: "timeSec",
      kind: "integer",
      min: 5,
      max: 240,
      default: 20,
      value: 20,
    },
    {
      key: "points",
      kind: "choice",
      choices: [0, 1000, 2000],
      default: 1000,
      value: 1000,
    },
    { key: "shuffle", kind: "boolean", default: true, value: false },
  ],
  quiz: { title: "Réseaux", count: 12, file: "reseaux.json" },
};

Deno.test("options, quizzes and the lobby's quiz as lines", async (t) => {
  await t.step("options: one a line, with ranges and the quiz", () => {
    const s = new TextSession(GAMES, "en", "ana");
    assert.deepEqual(s.render(QCM_OPTIONS), [
      "Options of Quiz for the next game (/set KEY VALUE changes one):",
      "  count = 5 — whole number from 1 to 500",
      "  timeSec = 20 — whole number from 5 to 240, default 20",
      "  points = 1000 — one of 0, 1000, 2000, default 1000",
      "  shuffle = false — true or false, default true",
      "  Quiz: Réseaux (12 questions, reseaux.json)",
    ]);
    s.lang = "fr";
    assert.deepEqual(s.render({ ...QCM_OPTIONS, quiz: null }), [
      "Options de QCM pour la prochaine partie (/set CLÉ VALEUR en change une) :",
      "  count = 5 — nombre entier de 1 à 500",
      "  timeSec = 20 — nombre entier de 5 à 240, par défaut 20",
      "  points = 1000 — au choix : 0, 1000, 2000, par défaut 1000",
      "  shuffle = false — true ou false, par défaut true",
      "  Quiz : les questions fournies (/quiz liste les fichiers de quiz à côté de l'hôte)",
    ]);
  });
  await t.step("after a change, one line says it", () => {
    const s = new TextSession(GAMES, "fr", "ana");
    assert.deepEqual(s.render({ ...QCM_OPTIONS, changed: "count" }), [
      "✓ QCM : count = 5 pour la prochaine partie.",
    ]);
    assert.deepEqual(s.render({ ...QCM_OPTIONS, changed: "questions" }), [
      "✓ Chargé pour la prochaine partie de QCM. Quiz : Réseaux (12 questions, reseaux.json)",
    ]);
    // During a game, the options still read as options (not game lines).
    s.render({ type: "game_start", game: "qcm", players: ["ana"] });
    assert.equal(s.render(QCM_OPTIONS).length, 6);
  });
  await t.step("quizzes: names and sizes, how many more, or none", () => {
    const s = new TextSession(GAMES, "en", "ana");
    assert.deepEqual(
      s.render({
        type: "quizzes",
        files: [{ name: "culture.csv", bytes: 900 }, {
          name: "reseaux.json",
          bytes: 10_240,
        }],
        more: 3,
      }),
      [
        "Quiz files next to the host (5) — /quiz NAME loads one:",
        "  culture.csv (1 KiB)",
        "  reseaux.json (10 KiB)",
        "  … and 3 more",
      ],
    );
    s.lang = "fr";
    assert.deepEqual(s.render({ type: "quizzes", files: [], more: 0 }), [
      "Aucun fichier de quiz (.json ou .csv) à côté de l'hôte : déposez-en un dans son dossier (modèles : docs/quiz-template.json, docs/quiz-template.csv).",
    ]);
  });
  await t.step("the lobby names the quiz, and says when it changes", () => {
    const bob = new TextSession(GAMES, "en", "bob");
    const quiz = { title: "Réseaux", count: 12, file: "reseaux.json" };
    assert.deepEqual(bob.render(lobby({ quiz })), [
      "Players (2): ana (leader), bob — game: Quiz",
      "Quiz: Réseaux (12 questions)",
      "Waiting for ana to start…",
    ]);
    // The same quiz again: nothing new to say.
    assert.deepEqual(bob.render(lobby({ quiz })), []);
    const other = { title: "", count: 1, file: "x.csv" };
    assert.deepEqual(bob.render(lobby({ quiz: other })), ["Quiz: 1 question"]);
    assert.deepEqual(bob.render(lobby()), []);
    bob.lang = "fr";
    assert.deepEqual(bob.render(lobby({ quiz })), [
      "Quiz : Réseaux (12 questions)",
    ]);
    assert.deepEqual(bob.lobbyLines()[1], "Quiz : Réseaux (12 questions)");
  });
  await t.step("what a host sends is checked, cut and made printable", () => {
    const s = new TextSession(GAMES, "en", "bob");
    assert.deepEqual(
      s.render(lobby({
        quiz: { title: "\x1b[2J" + "x".repeat(500), count: 2 },
      }))[1],
      "Quiz: ␛[2J" + "x".repeat(76) + " (2 questions)",
    );
    for (
      const bad of [
        { title: 3, count: 1 },
        { title: "a", count: "1" },
        { title: "a", count: Infinity },
        null,
        "quiz",
      ]
    ) {
      const lines = s.lobbyLines(lobby({ quiz: bad as never }));
      assert.ok(lines.every((l) => !l.startsWith("Quiz")), String(bad));
    }
    assert.deepEqual(
      optionsLines({ game: "qcm", options: "nope", quiz: 7 }, "en", (g) => g),
      ["Options of qcm for the next game (/set KEY VALUE changes one):"],
    );
    const many = Array.from({ length: 1000 }, (_, i) => ({
      key: `k${i}`,
      kind: "text",
      value: "\x07",
    }));
    const lines = optionsLines({ game: "g", options: many }, "en", (g) => g);
    assert.equal(lines.length, 61);
    assert.equal(lines[1], "  k0 = ␇ — text");
    assert.deepEqual(
      quizzesLines(
        { files: [{ name: 1 }, { name: "a\x1b.csv" }], more: -4 },
        "en",
      ),
      [
        "Quiz files next to the host (1) — /quiz NAME loads one:",
        "  a␛.csv (0 KiB)",
      ],
    );
  });
});
