/**
 * A game's options as a table, read from the game's own option schema: each
 * option's kind, range or choices and default, what the next game will use,
 * and one option checked with a sentence that names the range. The command
 * line (`--set qcm.count=5`, `--count 5`) and the room (`/set count 5`) both
 * check through here, so they say the same thing. Pure.
 *
 * @module
 */
import { z } from "zod";
import type { AnyGame } from "../games/types.ts";
import type { OptionLine, OptionValue } from "../protocol/options_messages.ts";
import { sanitize } from "../text/sanitize.ts";

/** Bounds at least this large (zod's safe-integer defaults) are no bounds. */
const UNBOUNDED = 1e15;

/** One option of a game: what it takes (from the game's schema). */
export interface OptionSpec {
  /** The option's name. */
  key: string;
  /** What it takes; `other` (lists, objects) is not set as one value. */
  kind: OptionLine["kind"] | "other";
  /** Smallest value, when bounded. */
  min?: number;
  /** Largest value, when bounded. */
  max?: number;
  /** The allowed values of a `choice`. */
  choices?: (string | number)[];
  /** The value when nobody sets it. */
  default?: OptionValue;
}

/** A problem with an option: a code of the shared catalog (`err.<code>`) and its values. */
export interface OptionProblem {
  /** Error code. */
  code: string;
  /** Values of its sentence. */
  params: Record<string, string | number>;
}

type JsonSchema = {
  type?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  const?: unknown;
};

const cache = new WeakMap<object, OptionSpec[]>();

/**
 * The options of a game, in the order of its schema, read from the schema
 * (a zod object schema; any other schema has no table).
 *
 * @example
 * ```ts
 * import { optionSpecs } from "./option_table.ts";
 * import { justeprix } from "../games/justeprix/mod.ts";
 * optionSpecs(justeprix)[0];
 * // { key: "max", kind: "integer", min: 2, max: 1000000, default: 100 }
 * ```
 */
export function optionSpecs(game: AnyGame): OptionSpec[] {
  const schema = game.rules.optionsSchema;
  const known = cache.get(schema);
  if (known) return known;
  const specs = readSpecs(schema);
  cache.set(schema, specs);
  return specs;
}

function readSpecs(schema: unknown): OptionSpec[] {
  if (!(schema instanceof z.ZodType)) return [];
  let json: { properties?: Record<string, JsonSchema> };
  try {
    json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
      properties?: Record<string, JsonSchema>;
    };
  } catch {
    return [];
  }
  const parsed = schema.safeParse({});
  const defaults: Record<string, unknown> =
    parsed.success && typeof parsed.data === "object" && parsed.data !== null
      ? parsed.data as Record<string, unknown>
      : {};
  return Object.entries(json.properties ?? {}).map(([key, p]) => {
    const spec: OptionSpec = { key, kind: kindOf(p) };
    if (spec.kind === "integer" || spec.kind === "number") {
      if (typeof p.minimum === "number" && Math.abs(p.minimum) < UNBOUNDED) {
        spec.min = p.minimum;
      }
      if (typeof p.maximum === "number" && Math.abs(p.maximum) < UNBOUNDED) {
        spec.max = p.maximum;
      }
    }
    if (spec.kind === "choice") spec.choices = choicesOf(p);
    const d = defaults[key];
    if (isValue(d)) spec.default = d;
    return spec;
  });
}

function kindOf(p: JsonSchema): OptionSpec["kind"] {
  if (p.enum || (p.anyOf && p.anyOf.every((a) => "const" in a))) {
    return "choice";
  }
  switch (p.type) {
    case "integer":
      return "integer";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "string":
      return "text";
  }
  return "other";
}

function choicesOf(p: JsonSchema): (string | number)[] {
  const values = p.enum ?? p.anyOf!.map((a) => a.const);
  return values.filter((v): v is string | number =>
    typeof v === "string" || typeof v === "number"
  );
}

function isValue(v: unknown): v is OptionValue {
  return typeof v === "string" || typeof v === "number" ||
    typeof v === "boolean";
}

/**
 * A typed value from text, as `--set` and `/set` read it: a number, `true`,
 * `false`, or the text itself.
 *
 * @example
 * ```ts
 * import { typedValue } from "./option_table.ts";
 * typedValue("5"); // 5
 * typedValue("-1.5"); // -1.5
 * typedValue("false"); // false
 * typedValue("easy"); // "easy"
 * ```
 */
export function typedValue(raw: string): OptionValue {
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (raw === "true") return true;
  if (raw === "false") return false;
  return raw;
}

/**
 * The options of a game as the next game will use them: each option of
 * the table with its value (from `raw`, the options set so far, else the
 * default). Lists (the QCM's `questions`) are left out.
 *
 * @example
 * ```ts
 * import { optionLines } from "./option_table.ts";
 * import { justeprix } from "../games/justeprix/mod.ts";
 * optionLines(justeprix, { max: 50 })[0];
 * // { key: "max", kind: "integer", min: 2, max: 1000000, default: 100, value: 50 }
 * ```
 */
export function optionLines(
  game: AnyGame,
  raw: Record<string, unknown>,
): OptionLine[] {
  // Lists (a quiz of 500 questions) are not shown: they are not checked
  // either, so looking at the options costs little.
  const specs = optionSpecs(game);
  const shown: Record<string, unknown> = {};
  for (const spec of specs) {
    if (spec.kind !== "other" && Object.hasOwn(raw, spec.key)) {
      shown[spec.key] = raw[spec.key];
    }
  }
  const parsed = game.rules.optionsSchema.safeParse(shown);
  const values = parsed.success && typeof parsed.data === "object" &&
      parsed.data !== null
    ? parsed.data as Record<string, unknown>
    : {};
  const lines: OptionLine[] = [];
  for (const spec of specs) {
    if (spec.kind === "other") continue;
    const { kind: _, ...rest } = spec;
    const line: OptionLine = { ...rest, kind: spec.kind };
    const v = Object.hasOwn(values, spec.key) ? values[spec.key] : undefined;
    if (isValue(v)) line.value = v;
    lines.push(line);
  }
  return lines;
}

/**
 * Checks one option for a game over the options set so far. `label` is the
 * option as the person wrote it (`count`, `qcm.count`); `title` the game's
 * name in their language. Text values are typed first ({@linkcode typedValue}).
 * Returns the merged options (a null-prototype record), or the problem.
 *
 * @example
 * ```ts
 * import { checkOption } from "./option_table.ts";
 * import { justeprix } from "../games/justeprix/mod.ts";
 * const ok = checkOption(justeprix, {}, "max", "500", "max", "Juste prix");
 * ok; // { ok: true, options: { max: 500 } }
 * const bad = checkOption(justeprix, {}, "max", "1", "max", "Juste prix");
 * if (!bad.ok) bad.problem.code; // "option_integer"
 * ```
 */
export function checkOption(
  game: AnyGame,
  current: Record<string, unknown> | undefined,
  key: string,
  value: unknown,
  label: string,
  title: string,
):
  | { ok: true; options: Record<string, unknown> }
  | { ok: false; problem: OptionProblem } {
  const specs = optionSpecs(game);
  const spec = specs.find((s) => s.key === key);
  const shown = sanitize(label.slice(0, 60));
  if (!spec) {
    return {
      ok: false,
      problem: {
        code: "unknown_option",
        params: {
          option: shown,
          game: title,
          options: specs.filter((s) => s.kind !== "other").map((s) => s.key)
            .join(", "),
        },
      },
    };
  }
  if (spec.kind === "other") {
    return {
      ok: false,
      problem: { code: "option_not_settable", params: { option: shown } },
    };
  }
  const typed = typeof value === "string" ? typedValue(value) : value;
  const options: Record<string, unknown> = Object.create(null);
  for (const k of Object.keys(current ?? {})) options[k] = current![k];
  options[key] = typed;
  const parsed = game.rules.optionsSchema.safeParse(options);
  if (parsed.success) return { ok: true, options };
  const issue = parsed.error.issues.find((i) => i.path[0] === key) ??
    parsed.error.issues[0];
  return { ok: false, problem: problemFor(spec, shown, value, issue) };
}

function problemFor(
  spec: OptionSpec,
  option: string,
  value: unknown,
  issue: { message: string; code?: string } | undefined,
): OptionProblem {
  const shown = sanitize(String(value).slice(0, 40));
  const custom = (issue as { code?: string } | undefined)?.code === "custom";
  if (!custom) {
    if (
      (spec.kind === "integer" || spec.kind === "number") &&
      spec.min !== undefined && spec.max !== undefined
    ) {
      return {
        code: spec.kind === "integer" ? "option_integer" : "option_number",
        params: { option, min: spec.min, max: spec.max, value: shown },
      };
    }
    if (spec.kind === "integer" && spec.min !== undefined) {
      return {
        code: "option_at_least",
        params: { option, min: spec.min, value: shown },
      };
    }
    if (spec.kind === "integer" || spec.kind === "number") {
      return {
        code: spec.kind === "integer" ? "option_whole" : "option_numeric",
        params: { option, value: shown },
      };
    }
    if (spec.kind === "choice") {
      return {
        code: "option_choice",
        params: { option, choices: spec.choices!.join(", "), value: shown },
      };
    }
    if (spec.kind === "boolean") {
      return { code: "option_boolean", params: { option, value: shown } };
    }
  }
  return {
    code: "option_invalid",
    params: {
      option,
      value: shown,
      detail: sanitize((issue?.message ?? "invalid").slice(0, 200)),
    },
  };
}
