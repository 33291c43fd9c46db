/**
 * Checks a catalog: every language has the same keys, every template of a
 * key the same `{placeholders}` (all plural forms included), and none is
 * empty. Used by the catalog tests of every wing.
 *
 * @module
 */
import type { Catalog, Template } from "./translate.ts";

function forms(template: Template): string[] {
  return typeof template === "string" ? [template] : Object.values(template);
}

function placeholders(template: Template): string {
  const names = new Set<string>();
  for (const form of forms(template)) {
    for (const m of form.matchAll(/\{(\w+)\}/g)) names.add(m[1]);
  }
  return [...names].sort().join(",");
}

/**
 * What is wrong with a catalog, one sentence a problem (none: `[]`).
 *
 * @example
 * ```ts
 * import { catalogProblems } from "./check.ts";
 * catalogProblems({ fr: { hi: "salut {n}" }, en: { hi: "hi" } });
 * // ["hi: fr has {n}, en has {}"]
 * ```
 */
export function catalogProblems(catalog: Catalog): string[] {
  const problems: string[] = [];
  const langs = Object.keys(catalog) as (keyof Catalog)[];
  const keys = new Set(langs.flatMap((l) => Object.keys(catalog[l])));
  for (const key of [...keys].sort()) {
    const seen = langs.map((l) => [l, catalog[l][key]] as const);
    const missing = seen.filter(([, t]) => t === undefined).map(([l]) => l);
    if (missing.length > 0) {
      problems.push(`${key}: missing in ${missing.join(", ")}`);
      continue;
    }
    for (const [l, t] of seen) {
      if (forms(t).some((f) => f.trim() === "")) {
        problems.push(`${key}: empty in ${l}`);
      }
    }
    const [[l0, t0], ...rest] = seen;
    for (const [l, t] of rest) {
      if (placeholders(t) !== placeholders(t0)) {
        problems.push(
          `${key}: ${l0} has {${placeholders(t0)}}, ${l} has {${
            placeholders(t)
          }}`,
        );
      }
    }
  }
  return problems;
}
