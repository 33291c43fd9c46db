/**
 * Rock-paper-scissors' panel: the round, your hand (or how to throw), the
 * time left as a bar, and everyone's round wins.
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import type { ScreenLocal } from "../../games/types.ts";
import { bar, cut, styler } from "../../text/layout.ts";
import { t } from "./i18n.ts";
import { viewSchema } from "./wire.ts";

/**
 * The panel for a view, `width` columns wide at most.
 *
 * @example
 * ```ts
 * import { renderScreen } from "./screen.ts";
 * const view = {
 *   phase: "playing", round: 1, wins: 2, roundMs: 20000, remainingMs: 5000, mine: null,
 *   players: [{ id: "a", nickname: "Ana", wins: 0, thrown: false }],
 * };
 * renderScreen(view, "en", 40, false)[0]; // "Round 1 — 2 wins to take it"
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
  const style = styler(color);
  const out = [
    style(t(lang, "screen.round", { round: v.round, wins: v.wins }), "bold"),
  ];
  if (v.phase === "over") out.push(style(t(lang, "screen.over"), "bold"));
  else {
    if (v.mine === null) out.push(t(lang, "screen.choose"));
    else if (v.mine) {
      out.push(t(lang, "screen.mine", { hand: t(lang, `hand.${v.mine}`) }));
    }
    if (v.remainingMs !== undefined) {
      const sec = Math.ceil(v.remainingMs / 1000);
      out.push(
        bar(v.remainingMs / v.roundMs, Math.min(20, w)) + " " +
          t(lang, "screen.remaining", { sec }),
      );
    }
  }
  out.push("");
  for (const p of v.players) {
    out.push(t(lang, "screen.player", {
      nickname: p.nickname,
      n: p.wins,
      thrown: p.thrown && v.phase === "playing" ? t(lang, "screen.thrown") : "",
    }));
  }
  return out.map((line) => cut(line, w));
}
