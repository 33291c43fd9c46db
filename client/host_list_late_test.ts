import assert from "node:assert/strict";
import { LATE_ROOM_MS, renderHostList, viaText } from "./host_list_view.ts";
import { sampleHost } from "./testing.ts";

Deno.test("host list: a room that appeared while searching is not 'found in 8302 ms'", () => {
  const early = { ...sampleHost(), firstSeenMs: 12.4 };
  const late = { ...sampleHost(), firstSeenMs: 8302 };
  assert.equal(viaText(early, "en"), "both in 12 ms");
  assert.equal(viaText(early, "fr"), "les deux en 12 ms");
  assert.equal(viaText(late, "en"), "both, as it opened");
  assert.equal(viaText(late, "fr"), "les deux, à son ouverture");
  // The limit: the last answer to the opening queries still counts as found.
  assert.equal(
    viaText({ ...early, firstSeenMs: LATE_ROOM_MS }, "en"),
    `both in ${LATE_ROOM_MS} ms`,
  );
  for (const lang of ["en", "fr"] as const) {
    const screen = renderHostList([late], 0, lang, 160, false, 9000).join("\n");
    assert.doesNotMatch(screen, /8302/, screen);
  }
});
