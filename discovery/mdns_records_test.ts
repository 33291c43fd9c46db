import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import dnsPacket from "dns-packet";
import {
  announcement,
  answerQuery,
  goodbye,
  hostLabel,
  LEGACY_TTL_MAX,
  MDNS_TTL,
  roomRecords,
} from "./mdns_records.ts";
import type { RoomAd } from "./room_ad.ts";
import { sampleAd, SIZED_SIGNATURE } from "./testing.ts";

const ad: RoomAd = sampleAd({ name: "Salle 1.2", port: 6001, players: 2 });
const S = SIZED_SIGNATURE;
const records = roomRecords(ad, "PC_12.lycee.lan", "198.18.0.1", S);
const ptrQuestion = { name: "_lanplay._tcp.local", type: "PTR", class: "IN" };

Deno.test("records: .local SRV target, interface address, TXT", () => {
  assert.equal(hostLabel("PC_12.lycee.lan"), "pc-12");
  assert.equal(hostLabel("___"), "lanplay");
  assert.equal(records.ptr.data, "Salle 1-2._lanplay._tcp.local");
  assert.deepEqual(records.srv.data, {
    port: 6001,
    target: "pc-12-lanplay.local",
    priority: 0,
    weight: 0,
  });
  assert.equal(records.a.name, "pc-12-lanplay.local");
  assert.equal(records.a.data, "198.18.0.1");
  assert.ok((records.txt.data as string[]).includes("pin=yes"));
  assert.ok((records.txt.data as string[]).includes("id=host-1"));
  for (const r of [records.srv, records.txt, records.a]) {
    assert.equal(r.flush, true);
  }
  assert.equal(records.ptr.flush, undefined, "PTR is shared: no cache-flush");
});

Deno.test("multicast answer to a PTR query: PTR + SRV, TXT, A", () => {
  const res = answerQuery(
    { type: "query", id: 0, questions: [ptrQuestion] },
    records,
    false,
  )!;
  assert.equal(res.id, 0);
  assert.deepEqual(res.questions, []);
  assert.deepEqual(res.answers.map((r) => r.type), ["PTR"]);
  assert.deepEqual(res.additionals.map((r) => r.type), ["SRV", "TXT", "A"]);
  assert.equal(res.answers[0].ttl, MDNS_TTL);
  // Encodable and decodable by dns-packet.
  const back = dnsPacket.decode(Buffer.from(dnsPacket.encode(res)));
  assert.equal(back.type, "response");
  assert.equal(back.additionals[0].data.target, "pc-12-lanplay.local");
});

Deno.test("legacy answer: id and question echoed, TTL capped, no cache-flush", () => {
  const res = answerQuery(
    { type: "query", id: 4242, questions: [ptrQuestion] },
    records,
    true,
  )!;
  assert.equal(res.id, 4242);
  assert.deepEqual(res.questions, [ptrQuestion]);
  for (const r of [...res.answers, ...res.additionals]) {
    assert.ok(r.ttl <= LEGACY_TTL_MAX);
    assert.equal(r.flush, false);
  }
});

Deno.test("SRV, TXT, ANY, A and service enumeration questions", () => {
  const ask = (name: string, type: string, klass = "IN") =>
    answerQuery(
      { type: "query", questions: [{ name, type, class: klass }] },
      records,
      false,
    );
  assert.deepEqual(
    ask("Salle 1-2._lanplay._tcp.local", "SRV")!.answers.map((r) => r.type),
    ["SRV"],
  );
  assert.deepEqual(
    ask("salle 1-2._LANPLAY._tcp.local", "TXT")!.answers.map((r) => r.type),
    ["TXT"],
  );
  assert.deepEqual(
    ask("Salle 1-2._lanplay._tcp.local", "ANY")!.answers.map((r) => r.type),
    ["SRV", "TXT"],
  );
  assert.deepEqual(
    ask("pc-12-lanplay.local", "A")!.answers.map((r) => r.data),
    ["198.18.0.1"],
  );
  assert.deepEqual(
    ask("_services._dns-sd._udp.local", "PTR")!.answers.map((r) => r.data),
    ["_lanplay._tcp.local"],
  );
  // The unicast-response bit as dns-packet 5.6 decodes it.
  assert.ok(ask("_lanplay._tcp.local", "PTR", "UNKNOWN_32769"));
  assert.equal(ask("_http._tcp.local", "PTR"), null);
  assert.equal(ask("pc-12-lanplay.local", "AAAA"), null);
  assert.equal(ask("_lanplay._tcp.local", "PTR", "CH"), null);
  assert.equal(
    answerQuery({ type: "response", questions: [ptrQuestion] }, records, false),
    null,
  );
  assert.equal(answerQuery({ type: "query" }, records, false), null);
});

Deno.test("known-answer suppression", () => {
  const known = {
    name: "_lanplay._tcp.local",
    type: "PTR",
    ttl: MDNS_TTL,
    data: "Salle 1-2._lanplay._tcp.local",
  };
  assert.equal(
    answerQuery(
      { type: "query", questions: [ptrQuestion], answers: [known] },
      records,
      false,
    ),
    null,
  );
  const stale = { ...known, ttl: 1 };
  assert.ok(
    answerQuery(
      { type: "query", questions: [ptrQuestion], answers: [stale] },
      records,
      false,
    ),
  );
});

Deno.test("announcement and goodbye", () => {
  assert.deepEqual(announcement(records).answers.map((r) => r.type), [
    "PTR",
    "SRV",
    "TXT",
    "A",
  ]);
  const bye = goodbye(records, "B");
  assert.ok(bye.answers.every((r) => r.ttl === 0));
  const txt = bye.answers.find((r) => r.type === "TXT")!;
  assert.ok((txt.data as string[]).includes("bye=B"), "signed goodbye");
  assert.deepEqual(bye.answers.map((r) => r.type), ["PTR", "SRV", "TXT"]);
});
