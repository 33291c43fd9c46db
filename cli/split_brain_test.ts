import assert from "node:assert/strict";
import {
  type GuardStep,
  SplitBrainGuard,
  STEP_DOWN_CONFIRM_MS,
  STEP_DOWN_FORGET_MS,
  yieldsTo,
} from "./split_brain.ts";

Deno.test("yieldsTo: the room stays where its players are; a tie stays at the lower epoch", () => {
  const cases: [string, number, number, number, number, boolean][] = [
    // what, my epoch, mine here, their epoch, theirs here, I yield
    ["host cut long: the players went to the deputy", 0, 1, 1, 3, true],
    ["the deputy there sees the old host", 1, 3, 0, 1, false],
    ["deputy cut, back within the wait: the host keeps it", 0, 2, 1, 1, false],
    ["... and the deputy's stale copy gives it back", 1, 1, 0, 2, true],
    [
      "tie (host player + deputy only): the older host keeps it",
      0,
      1,
      1,
      1,
      false,
    ],
    ["tie seen by the deputy: it gives back", 1, 1, 0, 1, true],
    ["headless host with nobody here vs a lone deputy", 0, 0, 1, 1, true],
    ["the lone deputy sees that host", 1, 1, 0, 0, false],
    ["nobody anywhere: the older host keeps it", 0, 0, 1, 0, false],
    ["... the newer one gives it back", 1, 0, 0, 0, true],
    ["two deputies: rank 2 with fewer gives back to rank 1", 2, 1, 1, 2, true],
    ["rank 1 keeps it against rank 2", 1, 2, 2, 1, false],
    ["rank 1 yields to a rank 2 with more", 1, 1, 2, 3, true],
    ["same epoch (its own ad, a replay): never", 1, 0, 1, 9, false],
  ];
  for (const [what, me, mine, them, theirs, yields] of cases) {
    assert.equal(
      yieldsTo({ epoch: me, here: mine }, { epoch: them, here: theirs }),
      yields,
      what,
    );
    // The two hosts never both keep nor both yield on the same numbers.
    if (me !== them) {
      assert.notEqual(
        yieldsTo({ epoch: them, here: theirs }, { epoch: me, here: mine }),
        yields,
        `${what} (the other side)`,
      );
    }
  }
});

Deno.test("SplitBrainGuard", async (t) => {
  const ad = (epoch: number, players: number) => ({
    epoch,
    players,
    address: "198.18.0.3",
    port: 50026,
  });
  const kinds = (steps: GuardStep[]) => steps.map((s) => s.kind);

  await t.step(
    "the lower epoch yields only when a second ad a second later still wins",
    () => {
      let here = 1;
      const g = new SplitBrainGuard(0, () => here);
      assert.deepEqual(
        kinds([
          g.ad(ad(0, 9), 0), // its own ad
          g.ad(ad(1, 3), 0),
          g.ad(ad(1, 3), STEP_DOWN_CONFIRM_MS - 1),
        ]),
        ["keep", "wait", "wait"],
      );
      assert.deepEqual(g.ad(ad(1, 3), STEP_DOWN_CONFIRM_MS), {
        kind: "yield",
        to: { address: "198.18.0.3", port: 50026 },
        epoch: 1,
      });
      // Players came back here meanwhile: it keeps the room.
      here = 4;
      assert.equal(g.ad(ad(1, 3), STEP_DOWN_CONFIRM_MS + 10).kind, "keep");
    },
  );

  await t.step("a winning ad in between starts the wait again", () => {
    const g = new SplitBrainGuard(0, () => 1);
    assert.deepEqual(
      kinds([
        g.ad(ad(1, 3), 0),
        g.ad(ad(1, 1), 500), // a tie: the lower epoch keeps it
        g.ad(ad(1, 3), STEP_DOWN_CONFIRM_MS),
        g.ad(ad(1, 3), 2 * STEP_DOWN_CONFIRM_MS),
      ]),
      ["wait", "keep", "wait", "yield"],
    );
  });

  await t.step(
    "a goodbye of the newer host cancels (it gave the room back)",
    () => {
      const g = new SplitBrainGuard(0, () => 0);
      assert.equal(g.ad(ad(1, 1), 0).kind, "wait");
      g.goodbye(1);
      assert.equal(g.ad(ad(1, 1), STEP_DOWN_CONFIRM_MS).kind, "wait");
    },
  );

  await t.step("a first ad long without news is forgotten", () => {
    const g = new SplitBrainGuard(0, () => 0);
    assert.equal(g.ad(ad(1, 1), 0).kind, "wait");
    assert.equal(g.ad(ad(1, 1), STEP_DOWN_FORGET_MS + 1).kind, "wait");
    assert.equal(
      g.ad(ad(1, 1), STEP_DOWN_FORGET_MS + 1 + STEP_DOWN_CONFIRM_MS).kind,
      "yield",
    );
  });

  await t.step(
    "the higher epoch gives back at the first ad, the older host's address",
    () => {
      const g = new SplitBrainGuard(1, () => 1);
      assert.deepEqual(g.ad({ ...ad(0, 2), address: "198.18.0.1" }, 0), {
        kind: "yield",
        to: { address: "198.18.0.1", port: 50026 },
        epoch: 0,
      });
      assert.equal(
        new SplitBrainGuard(1, () => 3).ad(ad(0, 2), 0).kind,
        "keep",
      );
    },
  );

  await t.step("each higher epoch waits on its own", () => {
    const g = new SplitBrainGuard(0, () => 0);
    assert.deepEqual(
      kinds([
        g.ad(ad(1, 1), 0),
        g.ad(ad(2, 1), STEP_DOWN_CONFIRM_MS),
        g.ad(ad(2, 1), 2 * STEP_DOWN_CONFIRM_MS),
      ]),
      ["wait", "wait", "yield"],
    );
  });
});
