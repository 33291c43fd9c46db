import assert from "node:assert/strict";
import { barePeer, fillPeer } from "./compare_command.ts";

Deno.test("compare: a bare --peer is filled with the discovered address", () => {
  assert.equal(barePeer(["--peer"]), true);
  assert.equal(barePeer(["--peer", "--count", "5"]), true);
  assert.equal(barePeer(["--peer", "198.18.0.1"]), false);
  assert.equal(barePeer(["--count", "5"]), false);
  assert.deepEqual(fillPeer(["--peer", "--json"], "h:1"), [
    "--peer",
    "h:1",
    "--json",
  ]);
  assert.deepEqual(fillPeer(["--json", "--peer"], "h:1"), [
    "--json",
    "--peer",
    "h:1",
  ]);
  const given = ["--peer", "lan1"];
  assert.equal(fillPeer(given, "h:1"), given);
});
