/**
 * The command line as a person types it: `deno run mod.ts ...` in a
 * subprocess, for commands that open no socket (help, usage errors).
 */
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);

async function run(entry: string, args: string[]) {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL(entry, ROOT).pathname, ...args],
    env: { LC_ALL: "en_US.UTF-8", NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code, out: text.decode(stdout), err: text.decode(stderr) };
}

Deno.test("mod.ts compare --lang=fr --help shows the French help, as compare/cli.ts does", async () => {
  const viaMod = await run("mod.ts", ["compare", "--lang=fr", "--help"]);
  assert.equal(viaMod.code, 0, viaMod.err);
  assert.match(
    viaMod.out,
    /^lanplay compare : la même charge en UDP et en TCP/,
  );
  const spaced = await run("mod.ts", ["compare", "--help", "--lang", "fr"]);
  assert.equal(spaced.out, viaMod.out);
  const direct = await run("compare/cli.ts", ["--lang=fr", "--help"]);
  assert.equal(direct.code, 0, direct.err);
  assert.equal(direct.out, viaMod.out);
});

Deno.test("a usage error is one sentence in the language asked, exit code 2", async () => {
  const host = await run("mod.ts", ["host", "--lang=fr", "--port", "abc"]);
  assert.equal(host.code, 2);
  assert.equal(
    host.err.trim(),
    "--port doit être un nombre entier de 0 à 65535, pas « abc ».",
  );
  assert.equal(host.out, "");
  const compare = await run("mod.ts", ["compare", "--count", "0"]);
  assert.equal(compare.code, 2);
  assert.match(compare.out, /--count must be .* from 1 to 100000/);
});

Deno.test("help goes to stdout with exit code 0", async () => {
  const help = await run("mod.ts", ["host", "--help"]);
  assert.equal(help.code, 0, help.err);
  assert.match(help.out, /^lanplay host — open a game room/);
  const top = await run("mod.ts", ["help", "--lang", "fr"]);
  assert.equal(top.code, 0, top.err);
  assert.match(top.out, /lanplay join — trouver une salle/);
  const unknown = await run("mod.ts", ["play"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /Unknown command "play"/);
});
