/**
 * Errors of the command line: wrong options, with what to type instead.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import { CodedError } from "../protocol/errors.ts";
import { t } from "./texts.ts";

/**
 * A command-line usage problem (exit code 2). `code` names the sentence
 * `error.<code>` of cli/catalog.json and `params` fill it; the message is
 * that sentence in English, {@linkcode UsageError.say} gives it in a
 * language.
 *
 * @example
 * ```ts
 * import { UsageError } from "./errors.ts";
 * const e = new UsageError("bad_integer", {
 *   option: "port",
 *   min: 1,
 *   max: 65535,
 *   value: "abc",
 * });
 * e.message; // '--port must be a whole number from 1 to 65535, not "abc".'
 * e.say("fr"); // '--port doit être un nombre entier de 1 à 65535, pas « abc ».'
 * ```
 */
export class UsageError extends CodedError {
  /**
   * Makes the error from its code and the values of its sentence.
   *
   * @param code key of the sentence (`error.<code>` in cli/catalog.json)
   * @param params values of its placeholders
   */
  constructor(code: string, params: Record<string, string | number> = {}) {
    super(code, t("en", `error.${code}`, params), params);
  }

  /**
   * The sentence in `lang`.
   *
   * @param lang language of the sentence
   */
  say(lang: Lang): string {
    return t(lang, `error.${this.code}`, this.params);
  }
}
