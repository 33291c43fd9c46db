/**
 * Bombardes' panel: the round and the wind, the landscape with the shell
 * animated along the host's path (driven by the view's `remainingMs`, so
 * every screen shows the impact when the host applies it), the cannons'
 * points, and what to do now.
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import type { ScreenLocal } from "../types.ts";
import { bar, cut, styler } from "../../text/layout.ts";
import { t, windText } from "./i18n.ts";
import { drawLandscape, type Scene } from "./landscape.ts";
import { type BombardesView, viewSchema } from "./wire.ts";

/**
 * Where the shell is in a flight view: the path points it went through
 * and its position now, from the time gone by in the flight phase.
 *
 * @example
 * ```ts
 * import { shellAt } from "./screen.ts";
 * const flight = { id: "a", path: [[0, 0], [1, 1], [2, 0]] as [number, number][], stepMs: 100, flightMs: 200 };
 * shellAt(flight, 150); // { shell: [1, 1], trail: [[0, 0]] }
 * shellAt(flight, 999).shell; // [2, 0]
 * ```
 */
export function shellAt(
  flight: NonNullable<BombardesView["flight"]>,
  elapsedMs: number,
): { shell: [number, number] | null; trail: [number, number][] } {
  const path = flight.path;
  if (path.length === 0) return { shell: null, trail: [] };
  // The last point is the impact, reached exactly at flightMs.
  const i = elapsedMs >= flight.flightMs ? path.length - 1 : Math.max(
    0,
    Math.min(path.length - 2, Math.floor(elapsedMs / flight.stepMs)),
  );
  return { shell: path[i], trail: path.slice(0, i) };
}

/**
 * The panel for a view, `width` columns wide at most, 16 rows at most.
 *
 * @example
 * ```ts
 * import { renderScreen } from "./screen.ts";
 * const view = {
 *   phase: "aim", round: 1, rounds: 3, wind: 2, width: 4, terrain: [2, 2, 2, 2],
 *   cannons: [], turn: 1, shooter: null, phaseMs: 20000, remainingMs: 5000,
 * };
 * renderScreen(view, "en", 40, false)[0]; // "Round 1/3 · wind → 2"
 * ```
 */
export function renderScreen(
  raw: unknown,
  lang: Lang,
  width: number,
  color: boolean,
  _local?: ScreenLocal,
): string[] {
  const w = Math.max(0, Math.floor(width));
  const parsed = viewSchema.safeParse(raw);
  if (!parsed.success) return [cut(t(lang, "screen.waiting"), w)];
  const v = parsed.data;
  const st = styler(color);
  const remaining = v.remainingMs ?? 0;
  const elapsed = Math.max(0, v.phaseMs - remaining);
  const flying = v.phase === "flight" && v.flight
    ? shellAt(v.flight, elapsed)
    : { shell: null, trail: [] };
  const scene: Scene = {
    terrain: v.terrain,
    cannons: v.cannons,
    shooter: v.shooter,
    shell: flying.shell,
    trail: flying.trail,
    impact: v.phase === "flight" ? null : v.lastImpact,
  };
  const cols = Math.min(w, v.terrain.length);
  const out = [
    st(
      t(lang, "screen.header", {
        round: v.round,
        rounds: v.rounds,
        wind: windText(v.wind, lang),
      }),
      "bold",
    ),
    ...drawLandscape(scene, cols, { color }),
    v.cannons.map((c, i) =>
      st(
        t(lang, "screen.player", {
          mark: c.alive ? String(i + 1) : "x",
          nickname: c.nickname,
          n: c.points,
        }),
        ...(c.id === v.shooter ? ["bold", "yellow"] as const : []),
      )
    ).join("  "),
    status(v, lang, st),
  ];
  const mine = v.cannons.find((c) => c.id === v.me);
  const last = mine?.shots.at(-1);
  if (last) {
    out.push(st(
      t(lang, "screen.last_shot", { angle: last.angle, charge: last.charge }),
      "dim",
    ));
  }
  return out.map((line) => cut(line, w));
}

function status(
  v: BombardesView,
  lang: Lang,
  st: ReturnType<typeof styler>,
): string {
  const sec = Math.ceil((v.remainingMs ?? 0) / 1000);
  const clock = v.phaseMs > 0
    ? bar((v.remainingMs ?? 0) / v.phaseMs, 10) + " "
    : "";
  const shooter = v.cannons.find((c) => c.id === v.shooter);
  const mine = v.cannons.find((c) => c.id === v.me);
  switch (v.phase) {
    case "over":
      return st(t(lang, "screen.over"), "bold");
    case "pause":
      return clock + t(lang, "screen.pause", { sec });
    case "flight":
      return t(lang, "screen.flight", { nickname: shooter?.nickname ?? "?" });
    case "aim":
      if (mine && !mine.alive) return t(lang, "screen.destroyed");
      return clock +
        (v.me !== undefined && v.me === v.shooter
          ? st(t(lang, "screen.your_turn", { sec }), "bold", "yellow")
          : t(lang, "screen.turn", {
            nickname: shooter?.nickname ?? "?",
            sec,
          }));
  }
}
