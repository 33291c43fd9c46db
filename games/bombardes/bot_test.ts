import assert from "node:assert/strict";
import { bombardesBot, BOT_ELEVATION, nextCharge } from "./bot.ts";
import { fly, WIDTH } from "./physics.ts";
import type { BombardesView, FireMove, ShotShape } from "./wire.ts";

const cannon = (
  id: string,
  x: number,
  shots: ShotShape[] = [],
  alive = true,
) => ({
  id,
  nickname: id,
  x,
  y: 2,
  alive,
  points: 0,
  shots,
});

function aimView(over: Partial<BombardesView> = {}): BombardesView {
  return {
    phase: "aim",
    round: 1,
    rounds: 3,
    wind: 0,
    width: WIDTH,
    terrain: new Array(WIDTH).fill(2),
    cannons: [cannon("a", 40), cannon("b", 10), cannon("c", 70)],
    turn: 2,
    shooter: "a",
    me: "a",
    phaseMs: 20_000,
    remainingMs: 20_000,
    ...over,
  };
}

Deno.test("bot: aims at the nearest living cannon, on its side", () => {
  const d = bombardesBot(aimView(), () => 0.5)!;
  assert.equal((d.move as FireMove).angle, 180 - BOT_ELEVATION);
  assert.equal(d.key, "1-2");
  const d2 = bombardesBot(
    aimView({
      cannons: [cannon("a", 40), cannon("b", 10, [], false), cannon("c", 70)],
    }),
    () => 0.5,
  )!;
  assert.equal((d2.move as FireMove).angle, BOT_ELEVATION);
});

Deno.test("bot: plays only its own turn while aiming, alive, seated", () => {
  assert.equal(bombardesBot(aimView({ shooter: "b" }), () => 0.5), null);
  assert.equal(bombardesBot(aimView({ phase: "flight" }), () => 0.5), null);
  assert.equal(bombardesBot(aimView({ me: undefined }), () => 0.5), null);
  assert.equal(bombardesBot({ junk: true }, () => 0.5), null);
  const ids = new Set(
    [1, 2, 3].map((turn) => bombardesBot(aimView({ turn }), () => 0.5)!.key),
  );
  assert.equal(ids.size, 3, "a new key each turn, even after a missed one");
});

Deno.test("bot: bisection between the last short and long shots", () => {
  const shots = [
    { angle: 55, charge: 40, x: 20 },
    { angle: 55, charge: 80, x: 60 },
    { angle: 55, charge: 70, x: 52 },
    { angle: 125, charge: 10, x: 2 }, // the other way: ignored
  ];
  assert.equal(nextCharge(10, 40, shots), 55);
  assert.equal(
    nextCharge(10, 40, shots.slice(1)),
    55,
    "only long: a step back",
  );
});

Deno.test("bot: converges on a target in calm and in wind within a few shots", () => {
  const terrain = new Array(WIDTH).fill(2);
  for (const wind of [-4, 0, 4]) {
    const shots: ShotShape[] = [];
    let hit = -1;
    for (let n = 0; n < 8 && hit < 0; n++) {
      const charge = Math.round(nextCharge(10, 50, shots));
      const t = fly(
        terrain,
        [],
        { id: "a", x: 10, y: 2 },
        BOT_ELEVATION,
        charge,
        wind,
      );
      shots.push({ angle: BOT_ELEVATION, charge, x: t.x });
      if (Math.abs(t.x - 50) <= 2.5) hit = n;
    }
    assert.ok(
      hit >= 0,
      `wind ${wind}: hits within 8 shots (${JSON.stringify(shots)})`,
    );
  }
});
