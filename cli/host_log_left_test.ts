import assert from "node:assert/strict";
import { HostLog } from "./host_log.ts";

function logIn(lang: "fr" | "en") {
  const lines: string[] = [];
  const log = new HostLog(lang, (l) => lines.push(l), () => 0);
  return { lines, log };
}

Deno.test("host log: a player who leaves gets a line, in both languages", () => {
  for (
    const [lang, line] of [
      ["en", "00:00:00 left: bob"],
      ["fr", "00:00:00 départ : bob"],
    ] as const
  ) {
    const { lines, log } = logIn(lang);
    log.members([]);
    log.members(["ana"]);
    log.members(["ana", "bob"]);
    log.members(["ana", "bob"]); // no change: no line
    assert.deepEqual(lines, []);
    log.members(["ana"]);
    assert.deepEqual(lines, [line]);
  }
});

Deno.test("host log: the first list only learns who is in", () => {
  const { lines, log } = logIn("en");
  log.members(["ana", "bob"]);
  assert.deepEqual(lines, []);
  log.members([]);
  assert.deepEqual(lines, ["00:00:00 left: ana", "00:00:00 left: bob"]);
});
