/**
 * Errors of the command line: wrong options, with what to type instead.
 *
 * @module
 */

/**
 * A command-line usage problem; printed as is, exit code 2.
 *
 * @example
 * ```ts
 * import { UsageError } from "./errors.ts";
 * throw new UsageError('--port must be a number from 1 to 65535, not "abc".');
 * ```
 */
export class UsageError extends Error {
  /** @param message what was wrong and what to type instead */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
