/**
 * A usage error whose sentence is one the room says too (`err.<code>` of the
 * shared catalog, i18n/catalog.json): a game option out of range, a quiz
 * file too big. The command line and the room then say the same thing.
 *
 * @module
 */
import type { Lang } from "../protocol/constants.ts";
import { t as shared } from "../i18n/messages.ts";
import { UsageError } from "./errors.ts";

/**
 * A {@linkcode UsageError} (exit code 2) said with the shared catalog's
 * `err.<code>` sentence.
 *
 * @example
 * ```ts
 * import { SharedUsageError } from "./shared_usage_error.ts";
 * const e = new SharedUsageError("option_integer", {
 *   option: "qcm.count",
 *   min: 1,
 *   max: 500,
 *   value: "abc",
 * });
 * e.message; // 'qcm.count must be a whole number from 1 to 500, not "abc".'
 * e.say("fr"); // "qcm.count doit être un nombre entier de 1 à 500, pas « abc »."
 * ```
 */
export class SharedUsageError extends UsageError {
  /**
   * @param code key `err.<code>` of the shared catalog
   * @param params values of its placeholders
   */
  constructor(code: string, params: Record<string, string | number> = {}) {
    super(code, params);
    this.message = shared("en", `err.${code}`, params);
  }

  /**
   * The sentence in `lang`.
   *
   * @param lang language of the sentence
   */
  override say(lang: Lang): string {
    return shared(lang, `err.${this.code}`, this.params);
  }
}
