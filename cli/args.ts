/**
 * Helpers shared by the option parsers of `host` and `join`: the result
 * type (help or a configuration), the language asked on the command line,
 * and numbers read within bounds.
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { Lang } from "../protocol/constants.ts";
import { UsageError } from "./errors.ts";

/**
 * What an option parser found: `--help` (with the language to show it in),
 * or the options to run with.
 *
 * @example
 * ```ts
 * import type { Parsed } from "./args.ts";
 * const parsed: Parsed<{ port: number }> = { help: false, port: 4000 };
 * parsed.help ? "help" : parsed.port; // 4000
 * ```
 */
export type Parsed<T> = { help: true; lang: Lang } | ({ help: false } & T);

/**
 * The value of `--lang` (`--lang fr` or `--lang=fr`) anywhere in `args`,
 * found by `parseArgs` without judging the other options, so that even a
 * usage error can be said in the language asked for.
 *
 * @example
 * ```ts
 * import { langOption } from "./args.ts";
 * langOption(["--help", "--lang=fr"]); // "fr"
 * langOption(["--port", "abc", "--lang", "en"]); // "en"
 * langOption(["--port", "4000"]); // undefined
 * ```
 */
export function langOption(args: string[]): string | undefined {
  const { values } = parseArgs({
    args,
    options: { lang: { type: "string" } },
    strict: false,
    allowPositionals: true,
  });
  return typeof values.lang === "string" ? values.lang : undefined;
}

/**
 * Reads an integer option within bounds, or its default; throws a
 * {@linkcode UsageError} (`bad_integer`) naming the range.
 *
 * @example
 * ```ts
 * import { intOption } from "./args.ts";
 * intOption({ port: "4000" }, "port", 50026, 1, 65535); // 4000
 * intOption({}, "players", null, 1, 1000); // null
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
    throw new UsageError("bad_integer", {
      option: name,
      min,
      max,
      value: String(raw),
    });
  }
  return n;
}

/**
 * Wraps the error of a strict `parseArgs` (unknown option, missing value)
 * in a {@linkcode UsageError} (`bad_option`) pointing at the command's help.
 *
 * @example
 * ```ts
 * import { parseArgs } from "node:util";
import type { Lang } from "../protocol/constants.ts";
 * import { strictArgs } from "./args.ts";
 * import { UsageError } from "./errors.ts";
 * try {
 *   strictArgs("join", () => parseArgs({ args: ["--frobnicate"], options: {} }));
 * } catch (e) {
 *   (e as UsageError).code; // "bad_option"
 * }
 * ```
 */
export function strictArgs<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new UsageError("bad_option", {
      command,
      reason: (e as Error).message,
    });
  }
}
