import assert from "node:assert/strict";
import type { FoundHost } from "../discovery/mod.ts";
import { matching } from "./host_picker.ts";
import { COMPARE_GAME } from "../discovery/mod.ts";
import { sampleHost } from "./testing.ts";

function host(name: string, game: string): FoundHost {
  return sampleHost({ hostId: name, name, game });
}

Deno.test("picker: rooms only (no compare reflectors), filtered by name", () => {
  const all = [
    host("Salle A", "qcm"),
    host("compare · lan2", COMPARE_GAME),
    host("Salle B", "morpion"),
  ];
  assert.deepEqual(matching(all, null).map((h) => h.name), [
    "Salle A",
    "Salle B",
  ]);
  assert.deepEqual(matching(all, "salle b").map((h) => h.name), ["Salle B"]);
  assert.deepEqual(matching(all, "compare"), []);
});

Deno.test("picker: a room by its fingerprint, whole or its end, with or without the dash", () => {
  const real = sampleHost({
    hostId: "a",
    name: "Salle 12",
    fingerprint: "7F3A-91C2",
  });
  const fake = sampleHost({
    hostId: "b",
    name: "Salle 12",
    fingerprint: "0BAD-F00D",
  });
  const all = [real, fake];
  assert.equal(matching(all, "salle 12").length, 2); // the name alone is ambiguous
  for (const f of ["91C2", "91c2", "7F3A-91C2", "7f3a91c2"]) {
    assert.deepEqual(matching(all, f).map((h) => h.hostId), ["a"], f);
  }
  assert.deepEqual(matching(all, "F00D").map((h) => h.hostId), ["b"]);
  assert.deepEqual(matching(all, "3A9"), []); // too short to be a fingerprint
});
