/**
 * Rock-paper-scissors' text lines for each message (text mode, the TUI log).
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import type { GameMessage } from "../../games/types.ts";
import { t } from "./i18n.ts";
import { messageSchema } from "./wire.ts";

/**
 * Human lines for one message; a message of another game gives none.
 *
 * @example
 * ```ts
 * import { messageLines } from "./lines.ts";
 * messageLines({ type: "round_start", round: 1, endsIn: 20000 }, "en", "Ana");
 * // ["Round 1: rock, paper or scissors? (20 s)"]
 * ```
 */
export function messageLines(
  message: GameMessage,
  lang: Lang,
  _me: string,
): string[] {
  const parsed = messageSchema.safeParse(message);
  if (!parsed.success) return [];
  const m = parsed.data;
  switch (m.type) {
    case "round_start":
      return [t(lang, "line.round_start", {
        round: m.round,
        sec: Math.ceil(m.endsIn / 1000),
      })];
    case "thrown":
      return [t(lang, "line.thrown", { nickname: m.nickname })];
    case "round_end": {
      const names = m.throws.filter((p) => m.winners.includes(p.id))
        .map((p) => p.nickname).join(", ");
      return [
        ...m.throws.map((p) =>
          t(lang, "line.throw", {
            nickname: p.nickname,
            hand: t(lang, `hand.${p.hand ?? "none"}`),
          })
        ),
        names
          ? t(lang, "line.winners", { round: m.round, names })
          : t(lang, "line.draw", { round: m.round }),
        ...m.score.map((s) =>
          t(lang, "line.score", { nickname: s.nickname, n: s.wins })
        ),
      ];
    }
  }
}
