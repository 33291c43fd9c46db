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
