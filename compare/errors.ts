/**
 * Typed errors of `compare`.
 *
 * @module
 */
import { CodedError } from "../protocol/errors.ts";

/**
 * Something `compare` cannot do: a bad option, a peer that does not answer,
 * a port already taken. `code` is stable; `params` fill the translated
 * sentence of the catalog key `error.<code>`.
 *
 * @example
 * ```ts
 * import { CompareError } from "./errors.ts";
 * const err = new CompareError("bad_profile", `--profile must be "game" or "stream", not "x".`, { value: "x" });
 * console.log(err.code); // "bad_profile"
 * ```
 */
export class CompareError extends CodedError {}
