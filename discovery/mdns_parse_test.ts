import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import fc from "fast-check";
import dnsPacket from "dns-packet";
import {
  type DecodedResponse,
  MAX_HOST_ADDRESSES,
  MAX_HOST_NAMES,
  MdnsBrowseState,
} from "./mdns_parse.ts";
import { TTL_CAP_S } from "./mdns_records.ts";

const txt = [
  "txtvers=1",
  "proto=1",
  "id=host-1",
  "game=qcm",
  "players=2",
  "cap=8",
  "state=playing",
  "pin=no",
  "key=K",
  "sig=S",
];
const full = (ttl = 8, extra: string[] = []): DecodedResponse => ({
  type: "response",
  answers: [{
    name: "_lanplay._tcp.local",
    type: "PTR",
    ttl,
    data: "Salle 1._lanplay._tcp.local",
  }],
  additionals: [
    {
      name: "Salle 1._lanplay._tcp.local",
      type: "SRV",
      ttl,
      data: { port: 6001, target: "pc-lanplay.local" },
    },
    {
      name: "Salle 1._lanplay._tcp.local",
      type: "TXT",
      ttl,
      data: [...txt, ...extra].map((s) => Buffer.from(s)),
    },
    { name: "pc-lanplay.local", type: "A", ttl, data: "198.18.0.1" },
  ],
});

Deno.test("a full answer gives a sighting with the A address", () => {
  const s = new MdnsBrowseState();
  // Through the real codec, as on the wire.
  const wire = dnsPacket.decode(
    dnsPacket.encode(full() as never),
  ) as DecodedResponse;
  const [e, ...rest] = s.ingest(wire, "198.18.0.1", 1000);
  assert.equal(rest.length, 0);
  assert.equal(e.type, "found");
  if (e.type !== "found") return;
  assert.deepEqual(e.ad, {
    hostId: "host-1",
    name: "Salle 1",
    port: 6001,
    game: "qcm",
    players: 2,
    capacity: 8,
    state: "playing",
    locked: false,
    protocol: 1,
    epoch: 0,
  });
  assert.deepEqual(e.signed, { key: "K", sig: "S" });
  assert.deepEqual(e.addresses, ["198.18.0.1"]);
  assert.equal(e.source, "198.18.0.1");
  assert.equal(e.ttlMs, 8000);
});

Deno.test("records split over packets are joined", () => {
  const s = new MdnsBrowseState();
  const p = full();
  assert.deepEqual(
    s.ingest({ type: "response", answers: p.answers }, "x", 0),
    [],
  );
  const events = s.ingest(
    { type: "response", answers: p.additionals },
    "x",
    10,
  );
  assert.equal(events.length, 1);
  assert.equal(events[0].type, "found");
});

Deno.test("TTL 0 with a signed TXT is a goodbye with the host id", () => {
  const s = new MdnsBrowseState();
  s.ingest(full(), "x", 0);
  assert.deepEqual(s.ingest(full(0), "x", 5), [], "no bye= signature");
  s.ingest(full(), "x", 6);
  assert.deepEqual(s.ingest(full(0, ["bye=B"]), "x", 10), [{
    type: "bye",
    hostId: "host-1",
    epoch: 0,
    source: "x",
    signed: { key: "K", sig: "B" },
  }]);
});

Deno.test("a goodbye carries its host's epoch", () => {
  const s = new MdnsBrowseState();
  const [bye] = s.ingest(full(0, ["ep=3", "bye=B"]), "x", 0);
  assert.equal(bye.type === "bye" && bye.epoch, 3);
  assert.deepEqual(
    s.ingest(full(0, ["ep=x", "bye=B"]), "x", 0),
    [],
    "a bad ep: no goodbye",
  );
});

Deno.test("an old host's goodbye keeps the new host's cached records", () => {
  const s = new MdnsBrowseState();
  const [seen] = s.ingest(full(8, ["ep=1"]), "198.18.0.3", 0);
  assert.equal(seen.type === "found" && seen.ad.epoch, 1);
  // The old host (epoch 0: no ep=) leaves late, on the same instance name.
  const [bye] = s.ingest(full(0, ["bye=B"]), "198.18.0.1", 10);
  assert.equal(bye.type === "bye" && bye.epoch, 0);
  // The new host's TXT alone is enough: its PTR and SRV are still known.
  const txtOnly = (ep: string): DecodedResponse => ({
    type: "response",
    answers: [{ ...full(8, [ep]).additionals![1] }],
  });
  const [again] = s.ingest(txtOnly("ep=1"), "198.18.0.3", 20);
  assert.equal(again?.type === "found" && again.ad.epoch, 1);
  // Its own goodbye clears them.
  s.ingest(full(0, ["ep=1", "bye=B"]), "198.18.0.3", 30);
  assert.deepEqual(s.ingest(txtOnly("ep=1"), "198.18.0.3", 40), []);
});

Deno.test("TTLs are capped at TTL_CAP_S", () => {
  const s = new MdnsBrowseState();
  const [e] = s.ingest(full(2 ** 31 - 1), "x", 0);
  assert.equal(e.type, "found");
  if (e.type === "found") assert.equal(e.ttlMs, TTL_CAP_S * 1000);
});

Deno.test("foreign services and bad TXT are ignored", () => {
  const s = new MdnsBrowseState();
  const other = JSON.parse(
    JSON.stringify(full()).replaceAll("_lanplay", "_http"),
  );
  assert.deepEqual(s.ingest(other, "x", 0), []);
  const bad = full();
  bad.additionals![1] = { ...bad.additionals![1], data: ["id=host-1"] };
  assert.deepEqual(s.ingest(bad, "x", 0), []);
  assert.deepEqual(s.ingest({ type: "query" }, "x", 0), []);
});

Deno.test("arbitrary decoded shapes never throw (property)", () => {
  const rec = fc.record({
    name: fc.oneof(
      fc.constant("_lanplay._tcp.local"),
      fc.constant("a._lanplay._tcp.local"),
      fc.string(),
      fc.integer(),
    ),
    type: fc.constantFrom("PTR", "SRV", "TXT", "A", "AAAA", 5),
    ttl: fc.oneof(fc.nat(10000), fc.constant(-1), fc.string()),
    data: fc.anything(),
  }, { requiredKeys: [] });
  fc.assert(
    fc.property(fc.array(rec), fc.array(rec), (answers, additionals) => {
      new MdnsBrowseState().ingest(
        { type: "response", answers, additionals },
        "x",
        0,
      );
    }),
  );
});

Deno.test("a flood of A records is bounded", () => {
  const s = new MdnsBrowseState();
  const answers = Array.from({ length: 2000 }, (_, i) => ({
    name: `h${i}.local`,
    type: "A",
    ttl: 10,
    data: "198.18.0.1",
  }));
  s.ingest({ type: "response", answers }, "x", 0);
  assert.equal(s.hostNames, MAX_HOST_NAMES);
  // One name with 100 addresses keeps MAX_HOST_ADDRESSES of them.
  const one = Array.from({ length: 100 }, (_, i) => ({
    name: "pc-lanplay.local",
    type: "A",
    ttl: 10,
    data: `198.18.1.${i}`,
  }));
  const p = full();
  const [e] = new MdnsBrowseState().ingest(
    {
      type: "response",
      answers: [...one, ...p.answers!, ...p.additionals!.slice(0, 2)],
    },
    "x",
    1,
  );
  assert.equal(e.type, "found");
  if (e.type === "found") assert.equal(e.addresses.length, MAX_HOST_ADDRESSES);
});
