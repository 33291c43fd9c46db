import assert from "node:assert/strict";
import fc from "fast-check";
import { visibleWidth } from "../text/layout.ts";
import {
  formatHostListJson,
  hostFingerprint,
  renderHostList,
  SPINNER,
} from "./host_list_view.ts";
import { isClean } from "../text/sanitize.ts";
import { HOSTILE, sampleHost } from "./testing.ts";
import type { FoundHost } from "../discovery/mod.ts";

const host = (over: Parameters<typeof sampleHost>[0] = {}): FoundHost =>
  sampleHost({
    players: 3,
    firstSeenMs: 12.4,
    viaMs: { broadcast: 12.4, mdns: 30.2 },
    lastSeen: 500,
    ...over,
  });

Deno.test("empty list: searching line with a spinner", () => {
  const en = renderHostList([], 0, "en", 80, false, 160);
  assert.deepEqual(en, [
    "Searching for rooms ⠹",
    "Listening for beacons and mDNS for 0 s…",
  ]);
  const fr = renderHostList([], 0, "fr", 80, false, 2500);
  assert.equal(fr[0], `Recherche de salles ${SPINNER[31 % SPINNER.length]}`);
  assert.match(fr[1], /depuis 2 s/);
});

Deno.test("rows: columns, lock, state, via and time", () => {
  const lines = renderHostList(
    [
      host(),
      host({
        hostId: "0000000000000000000000000000ab12cd34",
        fingerprint: "AB12-CD34",
        name: "Prof",
        locked: true,
        state: "playing",
        via: ["mdns"],
        firstSeenMs: 40,
        address: "198.18.0.2",
        port: 6000,
      }),
    ],
    1,
    "en",
    100,
    false,
    0,
  );
  assert.equal(lines[0], "Rooms on the network (2)");
  assert.match(
    lines[1],
    /Room\s+Fingerprint\s+Address\s+Game\s+Players\s+State\s+Found via/,
  );
  assert.match(
    lines[2],
    /^ {2}Salle 12\s+CDEF-7F3A\s+198\.18\.0\.1:50026\s+qcm\s+3\/32\s+lobby\s+both in 12 ms$/,
  );
  assert.match(
    lines[3],
    /^› 🔒 Prof\s+AB12-CD34\s+198\.18\.0\.2:6000\s+qcm\s+3\/32\s+playing\s+mDNS in 40 ms$/,
  );
  for (const l of lines) assert.ok(visibleWidth(l) <= 100, l);
  const fr = renderHostList(
    [host({ via: ["broadcast"] })],
    0,
    "fr",
    100,
    false,
    0,
  );
  assert.match(fr[2], /salon\s+diffusion en 12 ms/);
});

Deno.test("narrow terminals drop columns but keep name and address", () => {
  const lines = renderHostList(
    [host({ name: "Une salle au nom très long vraiment" })],
    0,
    "en",
    50,
    false,
    0,
  );
  for (const l of lines) {
    assert.ok(visibleWidth(l) <= 50, `${visibleWidth(l)}: ${l}`);
  }
  assert.match(lines[2], /198\.18\.0\.1:50026/);
  assert.doesNotMatch(lines[2], /both/);
});

Deno.test("color marks the selected row, off means no escapes", () => {
  const on = renderHostList([host()], 0, "en", 100, true, 0);
  assert.ok(on[2].startsWith("\x1b[7m"));
  const off = renderHostList([host()], 0, "en", 100, false, 0);
  assert.ok(off.every((l) => !l.includes("\x1b")));
});

Deno.test("never wider than the terminal (property)", () => {
  const h = fc.record({
    name: fc.string({ minLength: 1, maxLength: 64 }),
    locked: fc.boolean(),
    players: fc.nat(10000),
    capacity: fc.integer({ min: 1, max: 10000 }),
    game: fc.stringMatching(/^[a-z]{0,32}$/),
  }).map((o) => host({ ...o, name: o.name || "x" }) // controls too: sanitised
  );
  fc.assert(
    fc.property(
      fc.array(h, { maxLength: 5 }),
      fc.integer({ min: 10, max: 200 }),
      fc.nat(),
      (hosts, width, sel) => {
        for (const l of renderHostList(hosts, sel, "en", width, false, 0)) {
          assert.ok(
            visibleWidth(l) <= Math.max(width, 10) + 0,
            `${width}: ${l}`,
          );
        }
      },
    ),
  );
});

Deno.test("JSON line has every field, rounded times", () => {
  const obj = JSON.parse(formatHostListJson(host()));
  assert.deepEqual(obj, {
    hostId: "0123456789abcdef0123cdef7f3a",
    fingerprint: "CDEF-7F3A",
    name: "Salle 12",
    address: "198.18.0.1",
    addresses: ["198.18.0.1"],
    port: 50026,
    game: "qcm",
    players: 3,
    capacity: 32,
    state: "lobby",
    locked: false,
    protocol: 1,
    epoch: 0,
    via: ["broadcast", "mdns"],
    firstSeenMs: 12,
    viaMs: { broadcast: 12, mdns: 30 },
  });
  assert.ok(!formatHostListJson(host()).includes("\n"));
});

Deno.test("names heard in discovery reach the screen and JSON as text", () => {
  const hostile = host({ name: "Salle" + HOSTILE, game: HOSTILE });
  const lines = renderHostList([hostile], 0, "en", 200, false, 0);
  assert.ok(lines[2].includes("Salle␛[2J"), lines[2]);
  for (const l of lines) assert.ok(isClean(l), JSON.stringify(l));
  const json = formatHostListJson(hostile);
  assert.ok(isClean(json), json);
  const obj = JSON.parse(json);
  for (const v of [obj.name, obj.game]) assert.ok(isClean(v), v);
  assert.ok(obj.name.includes("␛]0;pwned␇"));
});

Deno.test("the fingerprint: FoundHost's, else from the id", () => {
  assert.equal(hostFingerprint(sampleHost()), "CDEF-7F3A");
  assert.equal(
    hostFingerprint(host({ fingerprint: "ABCD-0123" })),
    "ABCD-0123",
  );
  const { fingerprint: _, ...bare } = sampleHost();
  assert.equal(hostFingerprint(bare as FoundHost), "CDEF-7F3A");
  const narrow = renderHostList([host()], 0, "en", 40, false, 0);
  assert.doesNotMatch(narrow.join("\n"), /CDEF/);
  const wide = renderHostList([host()], 0, "fr", 120, false, 0);
  assert.match(wide[1], /Empreinte/);
});
