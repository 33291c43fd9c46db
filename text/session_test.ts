import assert from "node:assert/strict";
import { TextSession } from "./session.ts";
import { justeprix } from "../games/justeprix/mod.ts";
import type { HostMessage, PlayerInfo } from "../protocol/messages.ts";
import type { Lang } from "../protocol/constants.ts";
import { t } from "../i18n/messages.ts";

const GAMES = { justeprix };

type Lobby = Extract<HostMessage, { type: "lobby" }>;

function player(nickname: string, o: Partial<PlayerInfo> = {}): PlayerInfo {
  return {
    id: `id-${nickname}`,
    nickname,
    score: 0,
    leader: false,
    mode: "text",
    connected: true,
    ready: false,
    ...o,
  };
}

function lobby(o: Partial<Lobby> = {}): Lobby {
  return {
    type: "lobby",
    state: "lobby",
    game: "justeprix",
    games: ["justeprix"],
    players: [player("ana", { leader: true }), player("bob", { score: 120 })],
    autostart: null,
    ...o,
  };
}

const welcome: HostMessage = {
  type: "welcome",
  protocol: 1,
  token: "tok",
  you: { id: "p2", nickname: "bob", leader: false },
  room: { name: "Salle 12", hostId: "h", capacity: 32 },
  capabilities: [],
};

const hint = {
  type: "hint",
  round: 1,
  guess: 50,
  hint: "plus",
  attempts: 1,
  low: 51,
  high: 100,
};

const gameEnd: HostMessage = {
  type: "game_end",
  game: "justeprix",
  ranking: [{ nickname: "ana", rank: 1, points: 1030 }, {
    nickname: "bob",
    rank: 2,
    points: 900,
  }],
  scores: [{ nickname: "ana", score: 2030 }, { nickname: "bob", score: 900 }],
};

Deno.test("TextSession.render", async (tt) => {
  await tt.step("welcome: greeting and the commands", () => {
    assert.deepEqual(new TextSession(GAMES, "en", "bob").render(welcome), [
      "Welcome bob to “Salle 12”!",
      t("en", "text_help"),
    ]);
    const fr = new TextSession(GAMES, "fr", "bob").render(welcome);
    assert.equal(fr[0], "Bienvenue bob dans « Salle 12 » !");
    assert.match(fr[1], /^Commandes : \/start/);
  });

  await tt.step("lobby: shown the first time, then only after a game", () => {
    const s = new TextSession(GAMES, "en", "bob");
    assert.deepEqual(s.render(lobby()), [
      "Players (2): ana (leader), bob 120 — game: Guess the number",
      "Waiting for ana to start…",
    ]);
    assert.deepEqual(s.render(lobby()), [], "a second lobby is not repeated");
    assert.deepEqual(s.render(lobby({ state: "playing" })), []);
    assert.deepEqual(s.render(lobby({ state: "playing" })), []);
    assert.equal(s.render(lobby()).length, 2, "back from a game: shown again");
    assert.deepEqual(s.render(lobby()), []);
    assert.deepEqual(s.lobbyLines(), [
      "Players (2): ana (leader), bob 120 — game: Guess the number",
      "Waiting for ana to start…",
    ], "lobbyLines() shows the last lobby on demand (/players)");
  });

  await tt.step(
    "lobby: the leader is told to start, autostart is announced (fr)",
    () => {
      const lead = new TextSession(GAMES, "fr", "ana");
      assert.deepEqual(lead.render(lobby()), [
        "Joueurs (2) : ana (meneur), bob 120 — jeu : Juste prix",
        "Vous menez la salle : tapez /start pour lancer Juste prix.",
      ]);
      const waiting = new TextSession(GAMES, "fr", "bob");
      assert.deepEqual(
        waiting.render(lobby({ autostart: 4 }))[1],
        "La partie démarre automatiquement à 4 joueurs.",
      );
      const playing = new TextSession(GAMES, "fr", "bob");
      assert.deepEqual(
        playing.render(lobby({ state: "playing" })).slice(1),
        [
          "Une partie de Juste prix est en cours : vous la regardez, vous jouerez à la prochaine.",
        ],
        "no hint while playing; a newcomer is told they watch",
      );
      assert.deepEqual(
        new TextSession(GAMES, "en", "x").lobbyLines(),
        [],
        "nothing before a lobby",
      );
    },
  );

  await tt.step("chat, joined, left", () => {
    for (
      const [lang, chat, joined, left] of [
        [
          "en",
          "[ana] salut",
          "→ zoé joined the room",
          "← zoé left (connection lost)",
        ],
        [
          "fr",
          "[ana] salut",
          "→ zoé a rejoint la salle",
          "← zoé est parti (connection lost)",
        ],
      ] as const
    ) {
      const s = new TextSession(GAMES, lang, "bob");
      assert.deepEqual(
        s.render({ type: "chat", from: "ana", text: "salut", at: 1 }),
        [chat],
      );
      assert.deepEqual(s.render({ type: "joined", nickname: "zoé" }), [joined]);
      assert.deepEqual(
        s.render({ type: "left", nickname: "zoé", reason: "connection lost" }),
        [left],
      );
    }
  });

  await tt.step(
    "game_start: title in the player's language and the game's help",
    () => {
      const en = new TextSession(GAMES, "en", "bob");
      assert.deepEqual(
        en.render({
          type: "game_start",
          game: "justeprix",
          players: ["ana", "bob"],
        }),
        [
          "▶ Guess the number starts!",
          "Type a number and press Enter",
        ],
      );
      assert.equal(en.game, "justeprix");
      const fr = new TextSession(GAMES, "fr", "bob");
      assert.deepEqual(
        fr.render({ type: "game_start", game: "justeprix", players: [] }),
        [
          "▶ La partie de Juste prix commence !",
          "Tapez un nombre puis Entrée",
        ],
      );
      const unknown = new TextSession(GAMES, "en", "bob");
      assert.deepEqual(
        unknown.render({ type: "game_start", game: "pong", players: [] }),
        ["▶ pong starts!"],
      );
    },
  );

  await tt.step("game messages go to the game's view while it runs", () => {
    for (const lang of ["en", "fr"] as Lang[]) {
      const s = new TextSession(GAMES, lang, "bob");
      assert.deepEqual(s.render(hint), [], "no game yet");
      s.render({
        type: "game_start",
        game: "justeprix",
        players: [{ id: "p2", nickname: "bob" }],
      });
      const lines = s.render(hint);
      assert.deepEqual(lines, justeprix.view.lines(hint, lang, "bob"));
      assert.equal(lines.length, 1);
      assert.match(lines[0], /^50 → /);
      assert.deepEqual(
        s.render({ type: "dance" }),
        [],
        "unknown messages print nothing",
      );
      s.render(gameEnd);
      assert.deepEqual(s.render(hint), [], "game over: nothing");
    }
  });

  await tt.step("view: kept, not printed; pong: silent", () => {
    const s = new TextSession(GAMES, "en", "bob");
    s.render({
      type: "game_start",
      game: "justeprix",
      players: [{ id: "p2", nickname: "bob" }],
    });
    assert.deepEqual(
      s.render({ type: "view", game: "justeprix", view: { x: 1 } }),
      [],
    );
    assert.deepEqual(s.lastView, { x: 1 });
    assert.deepEqual(s.render({ type: "pong", at: 3 }), []);
    s.render({
      type: "game_start",
      game: "justeprix",
      players: [{ id: "p2", nickname: "bob" }],
    });
    assert.equal(s.lastView, null, "a new game forgets the old view");
  });

  await tt.step("game_end: ranking and session scores", () => {
    const en = new TextSession(GAMES, "en", "bob");
    en.render({ type: "game_start", game: "justeprix", players: [] });
    assert.deepEqual(en.render(gameEnd), [
      "■ Guess the number is over — ranking:",
      "  1. ana — 1030 pts",
      "  2. bob — 900 pts",
      "Session scores:",
      "  ana: 2030",
      "  bob: 900",
    ]);
    assert.equal(en.game, null);
    const fr = new TextSession(GAMES, "fr", "bob");
    assert.deepEqual(fr.render(gameEnd), [
      "■ Fin de Juste prix — classement :",
      "  1. ana — 1030 pts",
      "  2. bob — 900 pts",
      "Scores de la session :",
      "  ana : 2030",
      "  bob : 900",
    ]);
  });

  await tt.step("error and bye", () => {
    const en = new TextSession(GAMES, "en", "bob");
    const fr = new TextSession(GAMES, "fr", "bob");
    const error: HostMessage = {
      type: "error",
      code: "no_game",
      message: "No game.",
    };
    const bye: HostMessage = {
      type: "bye",
      reason: "host_closed",
      message: "closed",
    };
    assert.deepEqual(en.render(error), ["! No game."]);
    assert.deepEqual(fr.render(error), ["! No game."]);
    assert.deepEqual(en.render(bye), ["Disconnected: closed"]);
    assert.deepEqual(fr.render(bye), ["Déconnecté : closed"]);
  });

  await tt.step("changing lang changes later lines", () => {
    const s = new TextSession(GAMES, "en", "bob");
    s.lang = "fr";
    assert.deepEqual(s.render({ type: "joined", nickname: "zoé" }), [
      "→ zoé a rejoint la salle",
    ]);
  });
});

Deno.test("TextSession.parse", async (tt) => {
  const s = new TextSession(GAMES, "en", "bob");

  await tt.step("FIN, /quit and /exit quit, in any case", () => {
    for (const line of ["FIN", "fin", " Fin ", "/quit", "/QUIT", "/exit"]) {
      assert.deepEqual(s.parse(line), {
        kind: "send",
        message: { type: "quit" },
      }, line);
    }
  });

  await tt.step("local requests", () => {
    const help = { kind: "show", lines: [t("en", "text_help")] };
    assert.deepEqual(s.parse("/help"), help);
    assert.deepEqual(s.parse("/aide"), help);
    // No lobby seen yet: nothing to list.
    assert.deepEqual(s.parse("/players"), { kind: "show", lines: [] });
    assert.deepEqual(s.parse("/joueurs"), { kind: "show", lines: [] });
    assert.deepEqual(s.parse(""), { kind: "none" });
    assert.deepEqual(s.parse("   "), { kind: "none" });
  });

  await tt.step("/lang switches the session only to a known language", () => {
    const p = new TextSession(GAMES, "en", "bob");
    p.parse("/lang xx");
    assert.equal(p.lang, "en");
    p.parse("/lang fr");
    assert.equal(p.lang, "fr");
    assert.deepEqual(p.parse("/help"), {
      kind: "show",
      lines: [t("fr", "text_help")],
    });
  });

  await tt.step("/help: the caller's first line, then the game's help", () => {
    const p = new TextSession(GAMES, "en", "bob", {
      helpLine: (lang) => `keys (${lang})`,
    });
    p.render({
      type: "game_start",
      game: "justeprix",
      players: [{ id: "p2", nickname: "bob" }],
    });
    assert.deepEqual(p.parse("/aide"), {
      kind: "show",
      lines: ["keys (en)", justeprix.view.help("en")],
    });
  });

  await tt.step("room commands", () => {
    const send = (line: string) => {
      const r = s.parse(line);
      assert.equal(r.kind, "send", line);
      return (r as { message: unknown }).message;
    };
    assert.deepEqual(send("/start"), { type: "start" });
    assert.deepEqual(send("/START justeprix"), {
      type: "start",
      game: "justeprix",
    });
    assert.deepEqual(send("/go  justeprix "), {
      type: "start",
      game: "justeprix",
    });
    assert.deepEqual(send("/stop"), { type: "stop" });
    assert.deepEqual(send("/game justeprix"), {
      type: "choose",
      game: "justeprix",
    });
    assert.deepEqual(send("/jeu qcm"), { type: "choose", game: "qcm" });
    assert.deepEqual(send("/game"), { type: "choose", game: "" });
    assert.deepEqual(send("/lang fr"), { type: "lang", lang: "fr" });
    assert.deepEqual(send("/lang"), { type: "lang", lang: "" });
  });

  await tt.step("numbers are guesses only while juste prix runs", () => {
    const p = new TextSession(GAMES, "en", "bob");
    assert.deepEqual(p.parse("42"), {
      kind: "send",
      message: { type: "chat", text: "42" },
    });
    p.render({
      type: "game_start",
      game: "justeprix",
      players: [{ id: "p2", nickname: "bob" }],
    });
    assert.deepEqual(p.parse(" 42 "), {
      kind: "send",
      message: { type: "guess", value: 42 },
    });
    assert.deepEqual(p.parse("4.2"), {
      kind: "send",
      message: { type: "chat", text: "4.2" },
    });
    assert.deepEqual(p.parse("/start"), {
      kind: "send",
      message: { type: "start" },
    }, "commands still work");
    p.render(gameEnd);
    assert.deepEqual(p.parse("42"), {
      kind: "send",
      message: { type: "chat", text: "42" },
    });
  });

  await tt.step("anything else is chat, trimmed", () => {
    assert.deepEqual(s.parse("  bonjour à tous "), {
      kind: "send",
      message: { type: "chat", text: "bonjour à tous" },
    });
  });

  await tt.step(
    "an unknown /command is answered here, not sent as chat",
    () => {
      assert.deepEqual(s.parse("/unknown cmd"), {
        kind: "show",
        lines: [
          t(s.lang, "error_line", {
            message: t(s.lang, "err.unknown_command", { command: "unknown" }),
          }),
        ],
      });
      for (
        const name of [
          ...Object.getOwnPropertyNames(Object.prototype),
          "__proto__",
        ]
      ) {
        const r = s.parse(`/${name}`);
        assert.equal(r.kind, "show", name);
      }
      const echoed = s.parse("/st\x1b[2Jart\u202e");
      assert.equal(echoed.kind, "show");
      const shown = echoed.kind === "show" ? echoed.lines.join("") : "";
      assert.ok(!shown.includes("\x1b") && !shown.includes("\u202e"), shown);
      assert.ok(shown.includes("/st␛[2Jart�"), shown);
      assert.deepEqual(s.parse("/"), {
        kind: "send",
        message: { type: "chat", text: "/" },
      });
    },
  );

  await tt.step(
    "/kick NAME asks the room to kick; game ids are own entries only",
    () => {
      assert.deepEqual(s.parse("/kick bob"), {
        kind: "send",
        message: { type: "kick", id: "bob" },
      });
      const r = new TextSession({}, "en", "ana");
      for (
        const name of [
          ...Object.getOwnPropertyNames(Object.prototype),
          "__proto__",
        ]
      ) {
        assert.deepEqual(
          r.render({ type: "game_start", game: name, players: [] }),
          [
            `▶ ${name} starts!`,
          ],
        );
        assert.deepEqual(r.render({ type: name }), []);
      }
    },
  );
});

Deno.test({
  name: "TextSession: a late joiner learns the running game from the lobby",
  // BUG: games/text_session.ts render() sets `this.game` only on
  // `game_start`. A text player who joins mid-game gets welcome, a lobby
  // with state "playing" and game "justeprix", then the game's messages,
  // but render() prints none of them (round_start, round_end...) until the
  // next game_start, and the numbers they type are sent as chat. Fix: in
  // the "lobby" case, `if (m.state === "playing" && this.game === null)
  // this.game = m.game;` (and set it back to null when a lobby says "lobby").
  fn() {
    const s = new TextSession(GAMES, "en", "zed");
    s.render(welcome);
    s.render(lobby({ state: "playing" }));
    const roundStart = {
      type: "round_start",
      round: 2,
      rounds: 3,
      min: 1,
      max: 100,
      endsIn: null,
    };
    assert.deepEqual(
      s.render(roundStart),
      justeprix.view.lines(roundStart, "en", "zed"),
    );
  },
});

Deno.test("TextSession: /help tells the leader about /kick", () => {
  const s = new TextSession({}, "en", "ana");
  const player = (nickname: string, leader: boolean): PlayerInfo => ({
    id: nickname,
    nickname,
    score: 0,
    leader,
    mode: "text",
    connected: true,
    ready: false,
  });
  const lobby = (leader: string): HostMessage => ({
    type: "lobby",
    state: "lobby",
    game: "qcm",
    games: ["qcm"],
    players: [player("ana", leader === "ana"), player("bob", leader === "bob")],
    autostart: null,
  });
  s.render(lobby("bob"));
  assert.deepEqual(s.helpLines(), [t("en", "text_help")]);
  s.render(lobby("ana"));
  assert.deepEqual(s.helpLines(), [
    t("en", "text_help"),
    t("en", "text_help_leader"),
  ]);
});

Deno.test("TextSession: a view says what no message does (QCM's ready phase)", async () => {
  const { qcm } = await import("../games/qcm/mod.ts");
  const s = new TextSession({ qcm }, "fr", "Zoé");
  s.render({ type: "game_start", game: "qcm", players: [] });
  const ready = {
    type: "view",
    game: "qcm",
    view: {
      game: "qcm",
      phase: "ready",
      index: 0,
      total: 3,
      remainingMs: 3000,
    },
  } as unknown as HostMessage;
  assert.deepEqual(s.render(ready), ["La première question arrive dans 3 s."]);
  assert.deepEqual(s.render(ready), [], "said once, not at every view");
});
