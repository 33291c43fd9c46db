import assert from "node:assert/strict";
import { DEFAULT_CAPACITY, DEFAULT_PORT } from "../protocol/constants.ts";
import { UsageError } from "./errors.ts";
import { type HostConfig, hostHelp, parseHostArgs } from "./host_options.ts";
import { type JoinConfig, joinHelp, parseJoinArgs } from "./join_options.ts";
import { langOption } from "./args.ts";
import { MAX_QUIZ_BYTES } from "../host/quiz_shelf.ts";

function host(args: string[], env: Record<string, string> = {}): HostConfig {
  const parsed = parseHostArgs(args, env);
  assert.equal(parsed.help, false);
  return parsed as HostConfig;
}

function join(args: string[], env: Record<string, string> = {}): JoinConfig {
  const parsed = parseJoinArgs(args, env);
  assert.equal(parsed.help, false);
  return parsed as JoinConfig;
}

function usage(run: () => unknown, code: string): UsageError {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof UsageError, `expected ${code}, got ${caught}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

Deno.test("host options", async (t) => {
  await t.step("defaults", () => {
    const cfg = host(["--name", "Quiz"]);
    assert.deepEqual(
      [cfg.port, cfg.capacity, cfg.game, cfg.bind, cfg.announce, cfg.lang],
      [DEFAULT_PORT, DEFAULT_CAPACITY, "justeprix", "0.0.0.0", true, "en"],
    );
  });
  await t.step("the default room name is in the host's language", () => {
    assert.match(host([], { LANG: "fr_FR.UTF-8" }).name, /^Salle de /);
    assert.match(host(["--lang", "en"], { LANG: "fr_FR" }).name, /'s room$/);
  });
  await t.step("game options, shortcuts and --set", () => {
    const cfg = host([
      "--max=500",
      "--time",
      "0",
      "--set",
      "qcm.count=5",
      "--set",
      "morpion.ai=easy",
      "--set",
      "qcm.shuffle=false",
    ]);
    assert.deepEqual(cfg.gameOptions, {
      justeprix: { max: 500, timeLimitSec: 0 },
      qcm: { count: 5, shuffle: false },
      morpion: { ai: "easy" },
    });
    assert.equal(cfg.quiz, null);
    assert.equal(cfg.quizDir, ".");
  });
  await t.step(
    "--set is checked against the game's options, with the room's sentences",
    () => {
      const count = usage(
        () => parseHostArgs(["--set", "qcm.count=abc"], {}),
        "option_integer",
      );
      assert.equal(
        count.message,
        'qcm.count must be a whole number from 1 to 500, not "abc".',
      );
      assert.equal(
        count.say("fr"),
        "qcm.count doit être un nombre entier de 1 à 500, pas « abc ».",
      );
      const unknown = usage(
        () => parseHostArgs(["--set", "morpion.x=true"], {}),
        "unknown_option",
      );
      assert.equal(
        unknown.message,
        'Tic-tac-toe has no option "morpion.x": its options are matches, ai, moveTimeSec.',
      );
      assert.match(
        usage(
          () => parseHostArgs(["--set", "morpion.ai=medium"], {}),
          "option_choice",
        ).message,
        /one of easy, hard, not "medium"/,
      );
      usage(
        () => parseHostArgs(["--set", "qcm.questions=x.csv"], {}),
        "option_not_settable",
      );
      // The shortcuts keep their own sentence; their range is the game's.
      assert.equal(
        usage(() => parseHostArgs(["--count", "501"], {}), "bad_integer")
          .message,
        '--count must be a whole number from 1 to 500, not "501".',
      );
      assert.equal(
        host(["--count", "500"]).gameOptions.qcm.count,
        500,
      );
    },
  );
  await t.step("--quiz-dir must be a folder that can be listed", async () => {
    const dir = await Deno.makeTempDir();
    try {
      assert.equal(host(["--quiz-dir", dir]).quizDir, dir);
      const e = usage(
        () => parseHostArgs(["--quiz-dir", `${dir}/nope`], {}),
        "quiz_no_dir",
      );
      assert.match(e.say("fr"), /^Impossible de lister le dossier des quiz/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
  await t.step("--help is a result, in the language asked", () => {
    assert.deepEqual(parseHostArgs(["--lang=fr", "--help"], {}), {
      help: true,
      lang: "fr",
    });
    assert.deepEqual(parseHostArgs(["-h"], { LANG: "en_GB" }), {
      help: true,
      lang: "en",
    });
  });
  await t.step("wrong options say what to fix", () => {
    usage(() => parseHostArgs(["--frobnicate"], {}), "bad_option");
    usage(() => parseHostArgs(["--port"], {}), "bad_option");
    const port = usage(
      () => parseHostArgs(["--port", "abc"], {}),
      "bad_integer",
    );
    assert.equal(
      port.message,
      '--port must be a whole number from 0 to 65535, not "abc".',
    );
    assert.equal(
      port.say("fr"),
      "--port doit être un nombre entier de 0 à 65535, pas « abc ».",
    );
    usage(() => parseHostArgs(["--game", "chess"], {}), "unknown_game");
    usage(() => parseHostArgs(["--set", "chess.x=1"], {}), "bad_set");
    usage(() => parseHostArgs(["--set", "qcm"], {}), "bad_set");
    usage(() => parseHostArgs(["--max", "1"], {}), "bad_integer");
    usage(
      () => parseHostArgs(["--questions", "/no/such/quiz.csv"], {}),
      "quiz_missing",
    );
  });
  await t.step("a quiz comes with its title and count", async () => {
    const dir = await Deno.makeTempDir();
    try {
      const titled = `${dir}/reseaux.json`;
      await Deno.writeTextFile(
        titled,
        JSON.stringify({
          title: "Réseaux",
          questions: [{ question: "2 + 2 ?", answers: ["3", "4"], correct: 2 }],
        }),
      );
      const quiz = host(["--questions", titled]).quiz!;
      assert.deepEqual([quiz.title, quiz.questions.length], ["Réseaux", 1]);
      assert.equal(host(["--questions", titled]).game, "qcm");
      const csv = `${dir}/culture.csv`;
      await Deno.writeTextFile(
        csv,
        "question,answer1,answer2,answer3,answer4,time,correct\n2 + 2 ?,3,4,,,,2\n",
      );
      assert.equal(host(["--questions", csv]).quiz!.title, "culture");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
  await t.step("a quiz file over the size limit is refused", async () => {
    const path = await Deno.makeTempFile({ suffix: ".csv" });
    try {
      await Deno.writeFile(path, new Uint8Array(MAX_QUIZ_BYTES + 1).fill(65));
      const e = usage(
        () => parseHostArgs(["--questions", path], {}),
        "quiz_too_big",
      );
      assert.match(e.message, /1025 KiB: at most 1024 KiB/);
      assert.match(e.say("fr"), /1025 Kio : 1024 Kio au plus/);
    } finally {
      await Deno.remove(path);
    }
  });
  await t.step("a quiz file's problems come with their lines", async () => {
    const path = await Deno.makeTempFile({ suffix: ".json" });
    try {
      await Deno.writeTextFile(path, '{ "questions": [ { "q": 1 } ] }');
      const e = usage(
        () => parseHostArgs(["--questions", path], {}),
        "quiz_invalid",
      );
      assert.match(e.message, /line \d+/);
    } finally {
      await Deno.remove(path);
    }
  });
});

Deno.test("join options", async (t) => {
  await t.step(
    "--host with and without a port; the default is the lanplay port",
    () => {
      assert.deepEqual(
        [
          join(["--host", "198.18.0.1"]).host,
          join(["--host", "198.18.0.1"]).port,
        ],
        ["198.18.0.1", DEFAULT_PORT],
      );
      assert.equal(join(["--host", "198.18.0.1:4000"]).port, 4000);
      assert.equal(join([]).port, DEFAULT_PORT);
      assert.equal(join([]).host, null);
    },
  );
  await t.step("flags and numbers", () => {
    const cfg = join(["--bot", "--json", "--games", "2", "--timeout=500"]);
    assert.deepEqual([cfg.bot, cfg.json, cfg.games, cfg.timeout], [
      true,
      true,
      2,
      500,
    ]);
  });
  await t.step("--help is a result", () => {
    assert.deepEqual(parseJoinArgs(["--help", "--lang", "fr"], {}), {
      help: true,
      lang: "fr",
    });
  });
  await t.step("wrong options say what to fix", () => {
    usage(() => parseJoinArgs(["--host", "h:99999"], {}), "bad_host_port");
    usage(() => parseJoinArgs(["--games", "0"], {}), "bad_integer");
    usage(() => parseJoinArgs(["extra"], {}), "bad_option");
  });
});

Deno.test("help texts in both languages", () => {
  assert.match(hostHelp("en"), /--port PORT {7}TCP port \(default 50026\)/);
  assert.match(hostHelp("fr"), /--capacity N {6}nombre maximal de joueurs/);
  assert.match(joinHelp("fr"), /port par défaut 50026/);
  assert.notEqual(hostHelp("fr"), hostHelp("en"));
});

Deno.test("langOption finds --lang without judging the other options", () => {
  assert.equal(langOption(["--frobnicate", "--lang=fr"]), "fr");
  assert.equal(langOption(["--lang", "en", "--port", "abc"]), "en");
  assert.equal(langOption(["--lang"]), undefined);
  assert.equal(langOption([]), undefined);
});

Deno.test("host: PIN, handshake deadline and connection caps", async (t) => {
  await t.step(
    "defaults: open room, 10 s, 4 per seat (at least 64), 16 per address",
    () => {
      const cfg = host([]);
      assert.equal(cfg.pin, null);
      assert.equal(cfg.handshakeSec, 10);
      assert.equal(cfg.maxConnections, 128);
      assert.equal(cfg.maxPerAddress, 16);
      assert.equal(host(["--capacity", "4"]).maxConnections, 64);
    },
  );
  await t.step("rooms of thousands", () => {
    const cfg = host(["--capacity", "5000", "--players", "3000"]);
    assert.equal(cfg.capacity, 5000);
    assert.equal(cfg.players, 3000);
    assert.equal(cfg.maxConnections, 20000);
  });
  await t.step("the options are read and checked", () => {
    const cfg = host([
      "--pin",
      "1234",
      "--handshake-timeout",
      "30",
      "--max-connections",
      "500",
      "--max-per-address",
      "4",
    ]);
    assert.equal(cfg.pin, "1234");
    assert.equal(cfg.handshakeSec, 30);
    assert.equal(cfg.maxConnections, 500);
    assert.equal(cfg.maxPerAddress, 4);
    usage(() => host(["--pin", "12 34"]), "bad_pin");
    usage(() => host(["--pin", ""]), "bad_pin");
    usage(() => host(["--handshake-timeout", "0"]), "bad_integer");
    usage(() => host(["--max-per-address", "0"]), "bad_integer");
  });
  await t.step("--web-port and --no-web: the page's port, or none", () => {
    assert.equal(host([]).webPort, 50028, "the game port + 2");
    assert.equal(host(["--port", "4000"]).webPort, 4002);
    assert.equal(
      host(["--port", "0"]).webPort,
      0,
      "a free port, like the game",
    );
    assert.equal(host(["--web-port", "8080"]).webPort, 8080);
    assert.equal(host(["--no-web"]).webPort, null);
    usage(() => host(["--web-port", "70000"]), "bad_integer");
  });
  await t.step("--grace: seconds a lost player's seat is kept", () => {
    assert.equal(host([]).graceSec, 120);
    assert.equal(host(["--grace", "0"]).graceSec, 0);
    assert.equal(host(["--grace", "300"]).graceSec, 300);
    usage(() => host(["--grace=-1"]), "bad_integer");
    usage(() => host(["--grace", "soon"]), "bad_integer");
  });
  await t.step("the room name loses its control characters", () => {
    const cfg = host(["--name", "Salle\x1b]0;pwned\x07\u202e"]);
    assert.equal(cfg.name, "Salle␛]0;pwned␇\ufffd");
  });
});
