import assert from "node:assert/strict";
import { COMPARE_PORT, parseCompareArgs, parsePeer } from "./options.ts";
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
