/**
 * Small helpers to read numbers and choices from parsed options.
 *
 * @module
 */
import { UsageError } from "./errors.ts";

/**
 * Reads an integer option within bounds, or its default.
 *
 * @example
 * ```ts
 * import { intOption } from "./args.ts";
 * intOption({ port: "4000" }, "port", 50026, 1, 65535); // 4000
 * ```
 */
export function intOption(
  values: Record<string, unknown>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number;
export function intOption(
  values: Record<string, unknown>,
  name: string,
  fallback: null,
  min: number,
  max: number,
): number | null;
export function intOption(
  values: Record<string, unknown>,
  name: string,
  fallback: number | null,
  min: number,
  max: number,
): number | null {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(
      `--${name} must be a whole number from ${min} to ${max}, not "${raw}".`,
    );
  }
  return n;
}
