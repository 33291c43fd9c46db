import assert from "node:assert/strict";
import type { FoundHost } from "../discovery/mod.ts";
import { matching } from "./host_picker.ts";
import { COMPARE_GAME } from "../discovery/mod.ts";

function host(name: string, game: string): FoundHost {
  return {
    hostId: name,
    name,
    address: "198.18.0.1",
    addresses: ["198.18.0.1"],
    port: 50026,
    game,
    players: 0,
    capacity: 32,
    state: "lobby",
    locked: false,
    protocol: 1,
    via: ["broadcast"],
    firstSeenMs: 1,
    viaMs: { broadcast: 1 },
    lastSeen: 1,
  };
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
