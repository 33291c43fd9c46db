/**
 * The Python examples of docs/PROTOCOL.md work against a real host on
 * loopback: the 20-line JSON client (docs/examples/client.py), the text-mode
 * snippet printed in the document, and the bisection bot
 * (docs/examples/bot_justeprix.py). Each runs as a `python3` subprocess; the
 * test types on its stdin and awaits lines on its stdout. Skipped, with a
 * printed reason, when python3 is missing.
 *
 * @module
 */
import assert from "node:assert/strict";
import { startHost } from "./support.ts";
import { isClean } from "../text/sanitize.ts";
import { HOSTILE } from "../client/testing.ts";
import { startFakeHost, welcomeOf } from "../client/testing_host.ts";

const ROOT = new URL("../", import.meta.url);
const CLIENT = new URL("docs/examples/client.py", ROOT);
const BOT = new URL("docs/examples/bot_justeprix.py", ROOT);
const PROTOCOL_DOC = new URL("docs/PROTOCOL.md", ROOT);
/** Longest wait for one expected line before the test fails. */
const WAIT_MS = 20_000;

async function findPython(): Promise<string | null> {
  try {
    const out = await new Deno.Command("python3", {
      args: ["--version"],
      stdout: "piped",
      stderr: "piped",
    }).output();
    return out.success ? "python3" : null;
  } catch {
    return null;
  }
}

const PYTHON = await findPython();
if (!PYTHON) {
  console.log(
    "python_client_test: python3 was not found on PATH, so the Python examples are not run (install python3 to run them).",
  );
}

/** One running Python program: lines of its stdout, a writer on its stdin. */
class PythonRun {
  readonly lines: string[] = [];
  #stderr = "";
  #read = 0;
  #wake: (() => void) | null = null;
  #ended = false;
  readonly #child: Deno.ChildProcess;
  readonly #stdin: WritableStreamDefaultWriter<Uint8Array>;
  readonly #pumps: Promise<void>;

  constructor(args: string[]) {
    this.#child = new Deno.Command(PYTHON!, {
      args,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      // Unbuffered output (a pipe is not a terminal) and UTF-8 whatever the locale.
      env: { PYTHONUNBUFFERED: "1", PYTHONUTF8: "1" },
    }).spawn();
    this.#stdin = this.#child.stdin.getWriter();
    this.#pumps = Promise.all([this.#pumpStdout(), this.#pumpStderr()])
      .then(() => {});
  }

  async #pumpStdout(): Promise<void> {
    let rest = "";
    const text = this.#child.stdout.pipeThrough(new TextDecoderStream());
    for await (const chunk of text) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      this.lines.push(...parts);
      this.#wake?.();
    }
    if (rest) this.lines.push(rest);
    this.#ended = true;
    this.#wake?.();
  }

  async #pumpStderr(): Promise<void> {
    const text = this.#child.stderr.pipeThrough(new TextDecoderStream());
    for await (const chunk of text) this.#stderr += chunk;
  }

  #report(): string {
    return `last lines of stdout:\n${this.lines.slice(-12).join("\n")}\n` +
      `stderr:\n${this.#stderr.slice(-2000)}`;
  }

  /**
   * Reads stdout lines until one matches; fails when the program ends first
   * or nothing matches within {@linkcode WAIT_MS}.
   */
  async waitFor(pattern: RegExp): Promise<RegExpExecArray> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let timedOut = false;
    const timeout = new Promise<void>((resolve) =>
      timer = setTimeout(() => {
        timedOut = true;
        resolve();
      }, WAIT_MS)
    );
    try {
      while (true) {
        while (this.#read < this.lines.length) {
          const match = pattern.exec(this.lines[this.#read++]);
          if (match) return match;
        }
        if (this.#ended) {
          throw new Error(
            `the program ended before printing a line matching ${pattern}; ${this.#report()}`,
          );
        }
        if (timedOut) {
          throw new Error(
            `no line matching ${pattern} within ${WAIT_MS} ms; ${this.#report()}`,
          );
        }
        await Promise.race([
          new Promise<void>((resolve) => this.#wake = resolve),
          timeout,
        ]);
        this.#wake = null;
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** Types one line on the program's stdin. */
  async type(line: string): Promise<void> {
    await this.#stdin.write(new TextEncoder().encode(line + "\n"));
  }

  /** Closes stdin (Ctrl-D). */
  async endInput(): Promise<void> {
    try {
      await this.#stdin.close();
    } catch { /* already closed, or the program is gone */ }
  }

  /**
   * Waits for the program to exit by itself (failing after
   * {@linkcode WAIT_MS}, then killing it).
   */
  async exit(): Promise<Deno.CommandStatus> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const status = await Promise.race([
      this.#child.status,
      new Promise<null>((resolve) =>
        timer = setTimeout(resolve, WAIT_MS, null)
      ),
    ]);
    clearTimeout(timer);
    if (status === null) {
      throw new Error(
        `the program did not exit within ${WAIT_MS} ms; ${this.#report()}`,
      );
    }
    await this.#pumps;
    return status;
  }

  /** Always safe: kills the program if it still runs and releases everything. */
  async stop(): Promise<void> {
    await this.endInput();
    try {
      this.#child.kill("SIGKILL");
    } catch { /* already exited */ }
    await this.#child.status;
    await this.#pumps;
  }
}

/** The fenced block of PROTOCOL.md whose first line is `first`. */
function docBlock(doc: string, first: string): string {
  const start = doc.indexOf("```python\n" + first);
  assert.ok(start >= 0, `docs/PROTOCOL.md has a python block "${first}"`);
  const body = doc.indexOf("\n", start) + 1;
  return doc.slice(body, doc.indexOf("```", body));
}

function nonBlankLines(code: string): number {
  return code.split("\n").filter((l) => l.trim() !== "").length;
}

Deno.test({
  name:
    "the 20-line Python client joins, chats, starts a game and bisects to the number",
  ignore: !PYTHON,
  fn: async () => {
    const code = await Deno.readTextFile(CLIENT);
    assert.ok(
      nonBlankLines(code) <= 20,
      `client.py has ${nonBlankLines(code)} non-blank lines: 20 at most`,
    );
    const doc = await Deno.readTextFile(PROTOCOL_DOC);
    assert.equal(
      docBlock(doc, "# lanplay JSON client"),
      code,
      "docs/PROTOCOL.md shows docs/examples/client.py verbatim",
    );
    const host = startHost({
      gameOptions: { justeprix: { rounds: 1, max: 100, timeLimitSec: 0 } },
    });
    const py = new PythonRun([CLIENT.pathname, "py", `127.0.0.1:${host.port}`]);
    try {
      await py.waitFor(/^LANPLAY\/1 Test room :: /);
      const welcome = await py.waitFor(/^welcome (\{.*)/);
      assert.match(welcome[1], /"nickname": "py", "leader": true/);
      await py.type("salut tout le monde");
      await py.waitFor(/^\[py\] salut tout le monde$/);
      await py.type("/start");
      await py.waitFor(/^game_start .*"justeprix"/);
      await py.waitFor(/^round_start .*"min": 1, "max": 100/);
      await py.type("0");
      await py.waitFor(/^! .*\(out_of_range\)$/);
      let [low, high] = [1, 100];
      for (let attempt = 1;; attempt++) {
        assert.ok(attempt <= 8, "bisection finds 1..100 in 8 attempts");
        const guess = Math.floor((low + high) / 2);
        await py.type(String(guess));
        const hint = await py.waitFor(
          new RegExp(
            `^${guess} → (plus|moins|found) \\(between (\\d+) and (\\d+)\\)$`,
          ),
        );
        [low, high] = [Number(hint[2]), Number(hint[3])];
        if (hint[1] === "found") break;
      }
      await py.waitFor(/^round_end /);
      await py.waitFor(/^game_end .*"nickname": "py", "rank": 1/);
      await py.endInput(); // Ctrl-D: the client sends quit
      await py.waitFor(/^bye .*"reason": "quit"/);
      const status = await py.exit();
      assert.equal(status.code, 0, "the client exits when the host closes");
      assert.deepEqual(host.room.nicknames(), []);
    } finally {
      await py.stop();
      await host.close();
    }
  },
});

Deno.test({
  name: "the text-mode Python snippet of PROTOCOL.md plays like nc",
  ignore: !PYTHON,
  fn: async () => {
    const doc = await Deno.readTextFile(PROTOCOL_DOC);
    const snippet = docBlock(doc, "# lanplay text client");
    const host = startHost({
      gameOptions: { justeprix: { rounds: 1, max: 100, timeLimitSec: 0 } },
    });
    const py = new PythonRun(["-c", snippet, `127.0.0.1:${host.port}`]);
    try {
      await py.waitFor(/^LANPLAY\/1 Test room :: /);
      await py.type("zoe");
      await py.waitFor(/^Welcome zoe to “Test room”!$/);
      await py.type("hi all");
      await py.waitFor(/^\[zoe\] hi all$/);
      await py.type("/start");
      await py.waitFor(/^▶ Guess the number starts!$/);
      await py.type("50");
      await py.waitFor(/^50 → /);
      await py.type("FIN");
      await py.waitFor(/^Disconnected: /);
      const status = await py.exit();
      assert.equal(status.code, 0, "the snippet exits when the host closes");
    } finally {
      await py.stop();
      await host.close();
    }
  },
});

Deno.test({
  name: "the Python bisection bot starts a game and finds every round's number",
  ignore: !PYTHON,
  fn: async () => {
    const code = await Deno.readTextFile(BOT);
    assert.ok(
      nonBlankLines(code) <= 40,
      `bot_justeprix.py has ${nonBlankLines(code)} non-blank lines: 40 at most`,
    );
    const host = startHost({
      gameOptions: {
        justeprix: { rounds: 2, max: 1000, timeLimitSec: 0, pauseSec: 0 },
      },
    });
    const py = new PythonRun([BOT.pathname, "pybot", `127.0.0.1:${host.port}`]);
    try {
      // ⌈log2 1000⌉ + 1 = 11: a bisection never needs more attempts.
      for (let round = 1; round <= 2; round++) {
        await py.waitFor(new RegExp(`^round ${round}: \\d+ → found$`));
        const found = await py.waitFor(/^found in (\d+) attempts \(rank 1\)$/);
        assert.ok(Number(found[1]) <= 11, found[0]);
      }
      await py.waitFor(/^game over: 1\. pybot \d+$/);
      await py.waitFor(/^bye: /);
      const status = await py.exit();
      assert.equal(status.code, 0, "the bot quits after its game");
    } finally {
      await py.stop();
      await host.close();
    }
  },
});

Deno.test({
  name: "the Python examples print nothing from a hostile host but text",
  ignore: !PYTHON,
  fn: async (t) => {
    const doc = await Deno.readTextFile(PROTOCOL_DOC);
    const runs: [string, string[], unknown[], RegExp][] = [
      ["client.py", [CLIENT.pathname, "py"], [
        welcomeOf("py", { name: "Salle" + HOSTILE }),
        { type: "chat", from: "eve" + HOSTILE, text: "hi" + HOSTILE, at: 1 },
        { type: "error", code: "x", message: "oops" + HOSTILE },
        { type: "bye", reason: "host_closed", message: "end" + HOSTILE },
      ], /^bye /],
      ["the text snippet", ["-c", docBlock(doc, "# lanplay text client")], [
        "Welcome" + HOSTILE,
        "[eve" + HOSTILE + "] hi",
        "Disconnected: bye",
      ], /^Disconnected: /],
      ["bot_justeprix.py", [BOT.pathname, "pybot"], [
        welcomeOf("pybot", { name: "Salle" + HOSTILE }),
        { type: "error", code: "x", message: "oops" + HOSTILE },
        { type: "bye", reason: "host_closed", message: "end" + HOSTILE },
      ], /^bye: /],
    ];
    for (const [name, args, answer, last] of runs) {
      await t.step(name, async () => {
        const host = startFakeHost(() => answer, {
          banner: "LANPLAY/1 Salle" + HOSTILE,
        });
        const py = new PythonRun([...args, `127.0.0.1:${host.port}`]);
        try {
          if (name === "the text snippet") await py.type("zoe");
          await py.waitFor(last); // printed after every hostile line
          assert.ok(py.lines.some((l) => l.includes("]0;pwned")));
          for (const line of py.lines) {
            assert.ok(isClean(line), JSON.stringify(line));
          }
        } finally {
          await py.stop();
          await host.close();
        }
      });
    }
  },
});
