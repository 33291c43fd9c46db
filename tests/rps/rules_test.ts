import assert from "node:assert/strict";
import { GameRuleError } from "../../games/errors.ts";
import { rpsRules as R, winningHand } from "./rules.ts";
import { playGame, seatsOf } from "./testing.ts";
import type { RpsView } from "./wire.ts";

const opts = R.optionsSchema.parse({});
const env = (now = 0) => ({ now, random: () => 0 });

Deno.test("rules: the stronger of exactly two hands wins, else a draw", () => {
  assert.equal(winningHand(["rock", "scissors"]), "rock");
  assert.equal(winningHand(["scissors", "paper"]), "scissors");
  assert.equal(winningHand(["paper", "rock", "rock"]), "paper");
  assert.equal(winningHand(["rock", "rock"]), null);
  assert.equal(winningHand(["rock", "paper", "scissors"]), null);
  assert.equal(winningHand([]), null);
});

Deno.test("rules: best of 3, the first to two round wins takes the game", () => {
  const hands = [["paper", "rock"], ["rock", "rock"], ["rock", "paper"], [
    "scissors",
    "paper",
  ]] as const;
  const log = playGame(
    seatsOf("ana", "bob"),
    opts,
    (seat, round) => hands[round - 1][seat === "p1" ? 0 : 1],
  );
  assert.ok(R.over(log.state));
  assert.equal(log.state.round, 4);
  const ends = log.out.filter((o) => o.message.type === "round_end");
  assert.deepEqual(ends.map((o) => o.message.winners), [
    ["p1"],
    [],
    ["p2"],
    ["p1"],
  ]);
  assert.deepEqual(R.standings(log.state), [
    { id: "p1", nickname: "ana", rank: 1, points: 100 },
    { id: "p2", nickname: "bob", rank: 2, points: 0 },
  ]);
  assert.equal(R.deadline(log.state), null);
});

Deno.test("rules: who has not thrown by the deadline cannot win the round", () => {
  const log = playGame(
    seatsOf("ana", "bob", "cy"),
    opts,
    (seat) => seat === "p3" ? null : seat === "p1" ? "rock" : "scissors",
  );
  assert.equal(log.state.players[0].wins, 2);
  const end = log.out.find((o) => o.message.type === "round_end")!;
  assert.deepEqual(
    (end.message.throws as { hand: string | null }[]).map((p) => p.hand),
    ["rock", "scissors", null],
  );
  const alone = playGame(
    seatsOf("ana", "bob"),
    opts,
    (seat) => seat === "p2" ? "rock" : null,
  );
  assert.equal(
    R.standings(alone.state)[0].nickname,
    "bob",
    "any hand beats none",
  );
  const nobody = playGame(seatsOf("ana", "bob"), opts, () => null);
  assert.equal(nobody.state.round, opts.maxRounds, "no hand at all: draws");
});

Deno.test("rules: refusals have codes; a hand stays secret until the round ends", () => {
  const seats = seatsOf("ana", "bob");
  let { state } = R.start(seats, opts, env());
  const step = R.move(state, "p1", { type: "throw", hand: "rock" }, env(5));
  state = step.state;
  assert.deepEqual(step.out.map((o) => o.message), [{
    type: "thrown",
    round: 1,
    nickname: "ana",
  }]);
  const refused = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof GameRuleError);
      return e.code;
    }
    assert.fail("not refused");
  };
  assert.equal(
    refused(() => R.move(state, "p1", { type: "throw", hand: "paper" }, env())),
    "already_thrown",
  );
  assert.equal(
    refused(() => R.move(state, "zz", { type: "throw", hand: "paper" }, env())),
    "not_playing",
  );
  const bobSees = R.view(state, "p2", 5) as RpsView;
  assert.equal(bobSees.mine, null);
  assert.deepEqual(bobSees.players.map((p) => p.thrown), [true, false]);
  assert.ok(!JSON.stringify(bobSees).includes("rock"));
  assert.equal(bobSees.remainingMs, 20_000 - 5);
  assert.equal((R.view(state, "p1", 5) as RpsView).mine, "rock");
});

Deno.test("rules: a player leaving alone with one opponent ends the game", () => {
  const { state } = R.start(seatsOf("ana", "bob"), opts, env());
  const step = R.leave(state, "p2", env(1));
  assert.ok(R.over(step.state));
  assert.equal(step.out[0].message.type, "round_end");
  assert.equal(R.standings(step.state)[0].nickname, "ana");
  const three = R.start(seatsOf("ana", "bob", "cy"), opts, env()).state;
  assert.ok(!R.over(R.leave(three, "p3", env(1)).state));
});

Deno.test("rules: tick before the deadline changes nothing", () => {
  const { state } = R.start(seatsOf("ana", "bob"), opts, env());
  assert.deepEqual(R.tick(state, env(10)), { state, out: [] });
  const late = R.tick(state, env(R.deadline(state)!));
  assert.deepEqual(late.out.map((o) => o.message.type), [
    "round_end",
    "round_start",
  ]);
});
