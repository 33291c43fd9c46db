import assert from "node:assert/strict";
import {
  COMPARE_PORT,
  fillPeer,
  parseCompareArgs,
  parsePeer,
  scanCompareArgs,
} from "./options.ts";
import { CompareError } from "./errors.ts";

Deno.test("defaults: loopback, 1000 × 64 B at 200/s, game", () => {
  const o = parseCompareArgs([]);
  assert.deepEqual(o, {
    mode: "loopback",
    host: "127.0.0.1",
    port: COMPARE_PORT,
    bind: "0.0.0.0",
    count: 1000,
    size: 64,
    rate: 200,
    profile: "game",
    drainMs: 2000,
    lateMs: 200,
    json: false,
    chart: null,
    help: false,
  });
});

Deno.test("the stream profile defaults to 60 updates per second", () => {
  assert.equal(parseCompareArgs(["--profile", "stream"]).rate, 60);
  assert.equal(
    parseCompareArgs(["--profile", "stream", "--rate", "100"]).rate,
    100,
  );
});

Deno.test("serve and peer modes", () => {
  const s = parseCompareArgs([
    "--serve",
    "--port",
    "6000",
    "--bind",
    "198.18.0.1",
  ]);
  assert.equal(s.mode, "serve");
  assert.equal(s.port, 6000);
  assert.equal(s.bind, "198.18.0.1");
  assert.equal(parseCompareArgs(["--serve", "--port", "0"]).port, 0);
  const p = parseCompareArgs(["--peer", "198.18.0.1", "--port", "6001"]);
  assert.deepEqual([p.mode, p.host, p.port], ["peer", "198.18.0.1", 6001]);
  const q = parseCompareArgs([
    "--peer",
    "salle-b12:6002",
    "--json",
    "--chart",
    "x.svg",
  ]);
  assert.deepEqual([q.host, q.port, q.json, q.chart], [
    "salle-b12",
    6002,
    true,
    "x.svg",
  ]);
});

Deno.test("parsePeer", () => {
  assert.deepEqual(parsePeer("10.0.0.7"), { host: "10.0.0.7", port: null });
  assert.deepEqual(parsePeer("pc-3:80"), { host: "pc-3", port: 80 });
});

Deno.test("bad options name the option and the accepted range", () => {
  const cases: [string[], string][] = [
    [["--count", "0"], "bad_number"],
    [["--count", "1.5"], "bad_number"],
    [["--size", "2000"], "bad_number"],
    [["--rate", "fast"], "bad_number"],
    [["--rate", ""], "bad_number"],
    [["--profile", "video"], "bad_profile"],
    [["--serve", "--peer", "x"], "serve_and_peer"],
    [["--peer", "a b"], "bad_peer"],
    [["--peer", "host:99999"], "bad_number"],
    [["--port", "0"], "bad_number"],
    [["--frobnicate"], "bad_args"],
    [["extra"], "bad_args"],
  ];
  for (const [args, code] of cases) {
    assert.throws(
      () => parseCompareArgs(args),
      (e) => e instanceof CompareError && e.code === code,
      args.join(" "),
    );
  }
  assert.throws(() => parseCompareArgs(["--size", "5"]), (e) => {
    assert.deepEqual((e as CompareError).params, {
      option: "size",
      value: "5",
      min: 12,
      max: 1472,
    });
    return true;
  });
});

Deno.test("scanCompareArgs finds --lang in both spellings and a bare --peer", () => {
  assert.equal(scanCompareArgs(["--lang=fr", "--help"]).lang, "fr");
  assert.equal(scanCompareArgs(["--help", "--lang", "en"]).lang, "en");
  assert.equal(scanCompareArgs(["--lang", "de"]).lang, null);
  assert.equal(scanCompareArgs(["--lang"]).lang, null);
  assert.equal(scanCompareArgs(["--frobnicate", "--lang=fr"]).lang, "fr");
  assert.equal(scanCompareArgs(["--peer"]).barePeer, true);
  assert.equal(scanCompareArgs(["--peer", "--count", "5"]).barePeer, true);
  assert.equal(scanCompareArgs(["--peer", "198.18.0.1"]).barePeer, false);
  assert.equal(scanCompareArgs(["--peer=198.18.0.1"]).barePeer, false);
  assert.equal(scanCompareArgs(["--count", "5"]).barePeer, false);
});

Deno.test("fillPeer puts the discovered address after a bare --peer", () => {
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
  const filled = parseCompareArgs(fillPeer(["--peer", "--count", "5"], "h:7"));
  assert.deepEqual([filled.host, filled.port, filled.count], ["h", 7, 5]);
});

Deno.test("--lang is an option of compare, in both spellings", () => {
  assert.equal(parseCompareArgs(["--lang=fr", "--help"]).help, true);
  assert.equal(parseCompareArgs(["--lang", "en", "--count", "5"]).count, 5);
});
