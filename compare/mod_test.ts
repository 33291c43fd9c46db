import assert from "node:assert/strict";
import { runCompare } from "./mod.ts";

function capture() {
  const out: string[] = [];
  let notify: (() => void) | undefined;
  return {
    out,
    stdout: (s: string) => {
      out.push(s);
      notify?.();
    },
    /** Resolves once a printed block matches. */
    until(re: RegExp): Promise<string> {
      return new Promise((resolve) => {
        const check = () => {
          const hit = out.find((s) => re.test(s));
          if (hit) {
            notify = undefined;
            resolve(hit);
          }
        };
        notify = check;
        check();
      });
    },
  };
}

Deno.test("compare on loopback prints one JSON object and writes the chart", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const io = capture();
    const chart = `${dir}/rtt.svg`;
    const code = await runCompare(
      ["--count", "60", "--rate", "2000", "--json", "--chart", chart],
      { stdout: io.stdout, lang: "en" },
    );
    assert.equal(code, 0);
    assert.equal(io.out.length, 1, "only the JSON object");
    const report = JSON.parse(io.out[0]);
    assert.equal(report.kind, "lanplay-compare");
    assert.equal(report.target.mode, "loopback");
    assert.equal(report.udp.sent, 60);
    assert.equal(report.tcp.delivered, 60);
    assert.equal(report.tcp.lost, 0);
    assert.equal(report.udp.setupMs, null);
    assert.equal(typeof report.tcp.setupMs, "number");
    assert.equal(report.tcp.rttSeriesMs.length, 60);
    assert.ok(Array.isArray(report.verdict) && report.verdict.length >= 2);
    const svg = await Deno.readTextFile(chart);
    assert.match(svg, /data-series="udp"/);
    assert.match(svg, /data-series="tcp"/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("compare prints the table and the verdict in French", async () => {
  const io = capture();
  const code = await runCompare(
    ["--count", "30", "--rate", "2000", "--profile", "stream"],
    { stdout: io.stdout, lang: "fr" },
  );
  assert.equal(code, 0);
  const text = io.out.join("\n");
  assert.match(text, /^Mesure d'UDP puis de TCP/);
  assert.match(text, /^perdus +\d+ │ +0$/m);
  assert.match(text, /âge du dernier état p99/);
  assert.match(text, /Verdict\n {2}UDP/);
});

Deno.test("bad options exit 2 with a translated sentence", async () => {
  const io = capture();
  assert.equal(await runCompare(["--count", "zero"], { ...io, lang: "fr" }), 2);
  assert.equal(
    io.out[0],
    "--count doit être un nombre de 1 à 100000, pas « zero ».",
  );
  const help = capture();
  assert.equal(await runCompare(["--help"], { ...help, lang: "en" }), 0);
  assert.match(help.out[0], /--peer HOST\[:PORT\]/);
});

Deno.test("--serve reflects for a --peer until stopped", async () => {
  const serveIo = capture();
  const stop = new AbortController();
  const serving = runCompare(
    ["--serve", "--bind", "127.0.0.1", "--port", "0", "--json"],
    { stdout: serveIo.stdout, lang: "en", signal: stop.signal },
  );
  try {
    const ready = JSON.parse(await serveIo.until(/"ready":true/));
    assert.equal(ready.udpPort, ready.tcpPort);
    const peerIo = capture();
    const code = await runCompare(
      [
        "--peer",
        `127.0.0.1:${ready.tcpPort}`,
        "--count",
        "40",
        "--rate",
        "2000",
        "--json",
      ],
      { stdout: peerIo.stdout, lang: "en" },
    );
    assert.equal(code, 0);
    const report = JSON.parse(peerIo.out[0]);
    assert.equal(report.target.mode, "peer");
    assert.equal(report.tcp.delivered, 40);
  } finally {
    stop.abort();
    assert.equal(await serving, 0);
  }
});

Deno.test("a peer that does not answer exits 1 with a sentence", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const io = capture();
  const code = await runCompare(
    ["--peer", `127.0.0.1:${port}`, "--count", "5", "--json"],
    { stdout: io.stdout, lang: "en" },
  );
  assert.equal(code, 1);
  assert.match(io.out.at(-1)!, /^Nothing answers on UDP 127\.0\.0\.1:\d+/);
});
