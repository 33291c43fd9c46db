/**
 * What the JSON quiz checks share: the located document, the problems, and
 * the type tests (zod schemas of ./quiz_schema.ts).
 *
 * @module
 */
import type { JsonPath, LocatedJson } from "./json_locate.ts";
import { checkTime } from "./quiz_checks.ts";
import type { Problems, Where } from "./quiz_problems.ts";
import { jsonList, jsonObject, jsonText } from "./quiz_schema.ts";

/** True for a JSON object (not a list, not null). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  jsonObject.safeParse(v).success;
/** True for a JSON list. */
export const isList = (v: unknown): v is unknown[] =>
  jsonList.safeParse(v).success;
/** True for a JSON text. */
export const isText = (v: unknown): v is string =>
  jsonText.safeParse(v).success;

/** What the JSON checks share: the document and the problems. */
export class JsonContext {
  /** The document with its positions. */
  readonly doc: LocatedJson;
  /** Where problems go. */
  readonly problems: Problems;
  /**
   * @param doc the located document
   * @param problems where problems go
   */
  constructor(doc: LocatedJson, problems: Problems) {
    this.doc = doc;
    this.problems = problems;
  }
  /** Line of the value at `path` (0 when absent). */
  line(path: JsonPath): number {
    return this.doc.at(path)?.line ?? 0;
  }
  /** Where the value at `path` is, named `field`. */
  where(path: JsonPath, field: string, question?: number): Where {
    return {
      line: this.line(path),
      field,
      ...(question === undefined ? {} : { question }),
    };
  }
  /** Reports keys of `obj` not in `known`, at the key's line. */
  unknownFields(
    obj: Record<string, unknown>,
    path: JsonPath,
    known: string[],
    question?: number,
  ): void {
    for (const key of Object.keys(obj)) {
      if (known.includes(key)) continue;
      const line = this.doc.keyAt([...path, key])?.line ?? this.line(path);
      this.problems.add("json_unknown_field", {
        name: key,
        known: known.map((f) => `"${f}"`).join(", "),
      }, { line, field: key, ...(question === undefined ? {} : { question }) });
    }
  }
  /** A time limit given as a JSON value. */
  time(value: unknown, where: Where): number | null {
    return checkTime(
      this.problems,
      typeof value === "number" ? value : JSON.stringify(value),
      where,
    );
  }
}
