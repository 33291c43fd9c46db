/**
 * Rock-paper-scissors' texts: the translator over ./catalog.json and the
 * sentence for each rule error code.
 *
 * @module
 */
import type { Catalog } from "../../i18n/translate.ts";
import { gameTexts } from "../../games/game_texts.ts";
import json from "./catalog.json" with { type: "json" };

/**
 * The fr/en texts.
 *
 * @example
 * ```ts
 * import { catalog } from "./i18n.ts";
 * catalog.fr["hand.rock"]; // "pierre"
 * ```
 */
export const catalog: Catalog = json;

/**
 * Renders a key (`t`); the sentence for a rule error code (`error`).
 *
 * @example
 * ```ts
 * import { error, t } from "./i18n.ts";
 * t("en", "line.score", { nickname: "Ana", n: 2 }); // "Ana: 2 rounds"
 * error("already_thrown", {}, "en"); // "You already threw this round: wait for the next one."
 * ```
 */
export const { t, error } = gameTexts(catalog);
