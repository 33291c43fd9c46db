import assert from "node:assert/strict";
import { fakeReport } from "./testing.ts";
import { fresher, verdict } from "./verdict.ts";

const lossy = fakeReport({
  count: 1000,
  udp: { lost: Array.from({ length: 49 }, (_, i) => i * 20) },
  tcp: { rtt: (seq) => (seq % 100 === 0 ? 230 : 0.4) },
});

Deno.test("the verdict says what was measured, in French", () => {
  const v = verdict(lossy, "fr");
  // French groups thousands with a narrow no-break space.
  assert.equal(v[0], "UDP a perdu 49 réponses sur 1\u202f000 (4,9 %).");
  assert.match(
    v[1],
    /^TCP n'en a perdu aucune, mais 1 % ont attendu plus de 200 ms/,
  );
  assert.match(v[1], /pire 230 ms/);
  assert.ok(v.some((s) => s.includes("TCP est le bon outil")));
});

Deno.test("the verdict follows the numbers, in English", () => {
  const clean = fakeReport({ count: 10, udp: {}, tcp: {} });
  const v = verdict(clean, "en");
  assert.equal(v[0], "UDP lost none of its 10 answers.");
  assert.match(v[1], /^TCP lost none and none waited more than 200 ms/);
  assert.ok(v.some((s) => s.startsWith("Nothing was lost")));
  const messy = fakeReport({
    count: 10,
    udp: { duplicated: [1, 2] },
    tcp: { lost: [9] },
  });
  const w = verdict(messy, "en");
  assert.match(w[1], /2 duplicates and 0 out of order/);
  assert.match(w[2], /^TCP had 1 still missing after waiting 2,000 ms/);
  assert.ok(!w.some((s) => s.startsWith("For quiz")), "no claim TCP won");
});

Deno.test("the stream verdict compares the age of the newest state", () => {
  const stream = fakeReport({
    count: 300,
    rate: 60,
    profile: "stream",
    udp: { lost: [100, 101] },
    tcp: {
      rtt: (seq) => (seq >= 100 && seq < 110 ? 300 - (seq - 100) * 16 : 1),
    },
  });
  const v = verdict(stream, "en");
  assert.equal(v[0], "UDP lost 2 updates out of 300 (0.67%).");
  assert.ok(v.some((s) => s.startsWith("Age of the newest state")));
  assert.ok(v.some((s) => s.startsWith("UDP kept the picture fresher")));
});

Deno.test("fresher needs a clear difference", () => {
  assert.equal(fresher(20, 230), "udp_fresher");
  assert.equal(fresher(230, 20), "tcp_fresher");
  assert.equal(fresher(20, 21.5), "same");
  assert.equal(fresher(100, 115), "same");
  assert.equal(fresher(100, 130), "udp_fresher");
});
