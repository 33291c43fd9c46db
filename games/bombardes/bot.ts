/**
 * Bombardes' bot: aims at the nearest cannon with a fixed elevation and
 * finds the charge by bisection on its previous shots this round (the
 * strongest that fell short and the weakest that flew long), with a little
 * error so it does not hit first time every time.
 *
 * @module
 */
import type { BotDecision, GameBot } from "../types.ts";
import { GRAVITY, SPEED_PER_CHARGE } from "./physics.ts";
import { type BombardesView, type ShotShape, viewSchema } from "./wire.ts";

/** The bot's elevation, degrees above the horizontal. */
export const BOT_ELEVATION = 55;

/**
 * The charge to try next: the middle of the bracket the previous shots
 * make around `targetX` (shooting from `fromX` in the direction of the
 * target), a step beyond it when only one side is known, or the flat-ground
 * estimate when there is no shot yet.
 *
 * @example
 * ```ts
 * import { nextCharge } from "./bot.ts";
 * nextCharge(10, 40, [{ angle: 55, charge: 50, x: 30 }, { angle: 55, charge: 70, x: 50 }]); // 60
 * nextCharge(10, 40, [{ angle: 55, charge: 50, x: 30 }]); // 65
 * Math.round(nextCharge(10, 40, [])); // 56
 * ```
 */
export function nextCharge(
  fromX: number,
  targetX: number,
  shots: readonly ShotShape[],
): number {
  const dir = targetX >= fromX ? 1 : -1;
  const same = shots.filter((s) => (s.angle < 90) === (dir > 0));
  const miss = (s: ShotShape) => (s.x - targetX) * dir;
  const short = same.filter((s) => miss(s) < 0).map((s) => s.charge);
  const long = same.filter((s) => miss(s) >= 0).map((s) => s.charge);
  const lo = short.length ? Math.max(...short) : null;
  const hi = long.length ? Math.min(...long) : null;
  if (lo !== null && hi !== null) return (lo + hi) / 2;
  if (lo !== null) return lo + 15;
  if (hi !== null) return hi - 15;
  const rad = (2 * BOT_ELEVATION * Math.PI) / 180;
  const distance = Math.abs(targetX - fromX);
  return Math.sqrt((distance * GRAVITY) / Math.sin(rad)) / SPEED_PER_CHARGE;
}

function target(v: BombardesView, meX: number) {
  return v.cannons
    .filter((c) => c.alive && c.id !== v.me)
    .sort((a, b) => Math.abs(a.x - meX) - Math.abs(b.x - meX))[0];
}

/**
 * The bot's shot for a view, or null when it is not its turn.
 *
 * @example
 * ```ts
 * import { bombardesBot } from "./bot.ts";
 * const cannon = (id: string, x: number) => ({ id, nickname: id, x, y: 2, alive: true, points: 0, shots: [] });
 * const view = {
 *   phase: "aim", round: 1, rounds: 3, wind: 0, width: 76, terrain: new Array(76).fill(2),
 *   cannons: [cannon("a", 10), cannon("b", 40)], turn: 3, shooter: "a", me: "a",
 *   phaseMs: 20000, remainingMs: 20000,
 * };
 * const d = bombardesBot(view, () => 0.5)!;
 * d.move; // { type: "fire", angle: 55, charge: 56 }
 * d.key; // "1-3"
 * bombardesBot({ ...view, shooter: "b" }, () => 0.5); // null
 * ```
 */
export const bombardesBot: GameBot = (view, random): BotDecision | null => {
  const parsed = viewSchema.safeParse(view);
  if (!parsed.success) return null;
  const v = parsed.data;
  if (v.phase !== "aim" || v.me === undefined || v.shooter !== v.me) {
    return null;
  }
  const me = v.cannons.find((c) => c.id === v.me);
  if (!me?.alive) return null;
  const aim = target(v, me.x);
  if (!aim) return null;
  const right = aim.x >= me.x;
  const error = (random() - 0.5) * 6;
  const charge = nextCharge(me.x, aim.x, me.shots) + error;
  return {
    move: {
      type: "fire",
      angle: right ? BOT_ELEVATION : 180 - BOT_ELEVATION,
      charge: Math.round(Math.min(100, Math.max(1, charge))),
    },
    key: `${v.round}-${v.turn}`,
    delayMs: Math.round(600 + random() * 900),
  };
};
