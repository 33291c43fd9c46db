/**
 * Bombardes' text lines for each message (text mode, the TUI log): the
 * landscape in ASCII (empty sky rows left out) with a ruler, whose turn it is, the shot, and the
 * impact in words.
 *
 * @module
 */
import type { Lang } from "../../protocol/constants.ts";
import type { GameMessage } from "../types.ts";
import { t, windText } from "./i18n.ts";
import { drawLandscape } from "./landscape.ts";
import { messageSchema } from "./wire.ts";

/**
 * A ruler under a landscape `width` wide: a mark and the position every 10.
 *
 * @example
 * ```ts
 * import { ruler } from "./lines.ts";
 * ruler(25); // "0         10        20   "
 * ```
 */
export function ruler(width: number): string {
  let out = "";
  while (out.length < width) {
    const label = String(out.length);
    out += out.length % 10 === 0 && out.length + label.length <= width
      ? label.padEnd(Math.min(10, width - out.length))
      : " ";
  }
  return out.slice(0, width);
}

function isMe(me: string, id: string, nickname: string): boolean {
  return me !== "" && (me === id || me === nickname);
}

/**
 * Human lines for one message; a message of another game gives none.
 *
 * @example
 * ```ts
 * import { messageLines } from "./lines.ts";
 * messageLines({ type: "turn", round: 1, id: "p1", nickname: "Ana", endsIn: 20000 }, "en", "Bob");
 * // ["Ana's turn to fire (20 s)."]
 * messageLines({
 *   type: "impact", id: "p1", nickname: "Ana", outcome: "ground", x: 40.2, hits: [],
 *   nearest: { nickname: "Bob", distance: 3 },
 * }, "en", "Bob");
 * // ["Impact at 40: 3 steps from Bob's cannon."]
 * ```
 */
export function messageLines(
  message: GameMessage,
  lang: Lang,
  me: string,
): string[] {
  const parsed = messageSchema.safeParse(message);
  if (!parsed.success) return [];
  const m = parsed.data;
  switch (m.type) {
    case "round_start":
      return [t(lang, "line.round_start", {
        round: m.round,
        rounds: m.rounds,
        wind: windText(m.wind, lang),
      })];
    case "landscape": {
      const width = Math.min(200, m.terrain.length);
      const rows = drawLandscape(m, width, { ascii: true })
        .map((row) => row.trimEnd());
      const sky = rows.findIndex((row) => row !== "");
      return [
        ...rows.slice(Math.max(0, sky - 1)),
        ruler(width),
        t(lang, "line.legend", {
          list: m.cannons.map((c, i) =>
            `${c.alive ? i + 1 : "x"} ${c.nickname} (${Math.round(c.x)})`
          ).join(", "),
        }) + " · " + windText(m.wind, lang),
      ];
    }
    case "turn": {
      const sec = Math.ceil(m.endsIn / 1000);
      return [
        isMe(me, m.id, m.nickname)
          ? t(lang, "line.your_turn", { sec })
          : t(lang, "line.turn", { nickname: m.nickname, sec }),
      ];
    }
    case "fired":
      return [t(lang, "line.fired", {
        nickname: m.nickname,
        angle: m.angle,
        charge: m.charge,
      })];
    case "impact": {
      const x = Math.round(m.x);
      if (m.outcome === "off") {
        return [t(lang, "line.off", { nickname: m.nickname })];
      }
      if (m.outcome === "hit") {
        return m.hits.map((h) =>
          h.id === m.id
            ? t(lang, "line.self_hit", { nickname: m.nickname })
            : t(lang, "line.hit", {
              target: h.nickname,
              points: h.points,
              nickname: m.nickname,
            })
        );
      }
      return [
        m.nearest
          ? t(lang, "line.ground", {
            x,
            n: m.nearest.distance,
            target: m.nearest.nickname,
          })
          : t(lang, "line.ground_alone", { x }),
      ];
    }
    case "missed_turn":
      return [t(lang, "line.missed_turn", { nickname: m.nickname })];
    case "cannon_lost":
      return [t(lang, "line.cannon_lost", { nickname: m.nickname })];
    case "round_end":
      return [
        m.winner === null
          ? t(lang, "line.round_none", { round: m.round })
          : t(lang, "line.round_winner", {
            round: m.round,
            nickname: m.winner,
            bonus: m.bonus,
          }),
        ...m.scores.map((s) =>
          t(lang, "line.score", { nickname: s.nickname, n: s.points })
        ),
      ];
  }
}
