/**
 * A strict JSON parser that remembers where every value and key starts (line
 * and column, both 1-based), so a quiz file's problems can name their line.
 * `JSON.parse` gives no positions; this one does, and its syntax errors say
 * what was expected.
 *
 * @module
 */
import { CodedError } from "../../protocol/errors.ts";

/** A position in the text: 1-based line and column (in characters). */
export interface Position {
  line: number;
  column: number;
}

/** A path to a value: object keys and array indices from the root. */
export type JsonPath = readonly (string | number)[];

/** A parsed document and the positions of its values and keys. */
export interface LocatedJson {
  /** The parsed value, as `JSON.parse` would give it. */
  value: unknown;
  /** Where the value at `path` starts. */
  at(path: JsonPath): Position | undefined;
  /** Where the key naming the value at `path` starts (object members only). */
  keyAt(path: JsonPath): Position | undefined;
}

/**
 * The text is not valid JSON. `code` is stable: `json_expected_value`,
 * `json_expected_key`, `json_expected_colon`, `json_expected_comma_brace`,
 * `json_expected_comma_bracket` (with `found`), `json_trailing_comma`,
 * `json_too_deep` (with `max`),
 * `json_unterminated_string`, `json_bad_escape` (with `escape`),
 * `json_control_char`, `json_bad_number`, `json_end`, `json_extra` (with
 * `found`), `json_duplicate_key` (with `key`). `params` fill a translated
 * sentence.
 *
 * @example
 * ```ts
 * import { JsonSyntaxError, parseJsonLocated } from "./json_locate.ts";
 * try {
 *   parseJsonLocated('{"a": 1,}');
 * } catch (e) {
 *   if (e instanceof JsonSyntaxError) console.log(e.code, e.line, e.column); // json_trailing_comma 1 9
 * }
 * ```
 */
export class JsonSyntaxError extends CodedError {
  /** 1-based line of the problem. */
  readonly line: number;
  /** 1-based column of the problem. */
  readonly column: number;
  /**
   * Makes the error; its message starts with the position.
   *
   * @param code stable code
   * @param message English sentence
   * @param params values for translations
   * @param pos where it went wrong
   */
  constructor(
    code: string,
    message: string,
    params: Record<string, string | number>,
    pos: Position,
  ) {
    super(code, `line ${pos.line}, column ${pos.column}: ${message}`, params);
    this.line = pos.line;
    this.column = pos.column;
  }
}

/**
 * Most levels of nesting a document may have: a quiz needs five
 * (`{"questions": [{"answers": {"fr": [...]}}]}`); deeper is refused
 * (`json_too_deep`) before it can exhaust the stack.
 */
export const MAX_JSON_DEPTH = 32;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

type Expected = "value" | "key" | "colon" | "comma_brace" | "comma_bracket";

const EXPECTED: Record<Expected, string> = {
  value: "a value (text in double quotes, number, [list] or {object})",
  key: 'a field name in double quotes, like "question"',
  colon: '":" after the field name',
  comma_brace: '"," or "}"',
  comma_bracket: '"," or "]"',
};

class Parser {
  readonly text: string;
  i = 0;
  line = 1;
  lineStart = 0;
  readonly values = new Map<string, Position>();
  readonly keys = new Map<string, Position>();

  constructor(text: string) {
    this.text = text;
  }

  pos(at = this.i): Position {
    return { line: this.line, column: at - this.lineStart + 1 };
  }

  fail(
    code: string,
    message: string,
    params: Record<string, string | number> = {},
    at = this.pos(),
  ): never {
    throw new JsonSyntaxError(code, message, params, at);
  }

  unexpected(kind: Expected): never {
    const ch = this.text[this.i];
    if (ch === undefined) {
      this.fail(
        "json_end",
        "the file ends too early: a closing } or ] or a value is missing",
      );
    }
    const found = JSON.stringify(ch);
    this.fail(
      `json_expected_${kind}`,
      `unexpected ${found}: expected ${EXPECTED[kind]}`,
      { found },
    );
  }

  skipWs(): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === "\n") {
        this.i++;
        this.line++;
        this.lineStart = this.i;
      } else if (c === "\r") {
        this.i++;
        if (t[this.i] === "\n") this.i++;
        this.line++;
        this.lineStart = this.i;
      } else if (c === " " || c === "\t") {
        this.i++;
      } else {
        break;
      }
    }
  }

  document(): unknown {
    this.skipWs();
    const v = this.value([]);
    this.skipWs();
    if (this.i < this.text.length) {
      const found = JSON.stringify(this.text[this.i]);
      this.fail(
        "json_extra",
        `unexpected ${found} after the end of the JSON value: remove it, or wrap everything in one [...] list`,
        { found },
      );
    }
    return v;
  }

  value(path: (string | number)[]): unknown {
    if (path.length > MAX_JSON_DEPTH) {
      this.fail(
        "json_too_deep",
        `lists and objects nested more than ${MAX_JSON_DEPTH} levels deep: a quiz needs only a few`,
        { max: MAX_JSON_DEPTH },
      );
    }
    this.values.set(pathKey(path), this.pos());
    const c = this.text[this.i];
    if (c === "{") return this.object(path);
    if (c === "[") return this.array(path);
    if (c === '"') return this.string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      return this.number();
    }
    for (
      const [word, v] of [["true", true], ["false", false], ["null", null]]
    ) {
      if (this.text.startsWith(word as string, this.i)) {
        this.i += (word as string).length;
        return v;
      }
    }
    this.unexpected("value");
  }

  object(path: (string | number)[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++; // {
    this.skipWs();
    if (this.text[this.i] === "}") {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipWs();
      if (this.text[this.i] !== '"') {
        if (this.text[this.i] === "}") {
          this.fail(
            "json_trailing_comma",
            "a comma before } leaves an empty member: remove the last comma",
          );
        }
        this.unexpected("key");
      }
      const keyPos = this.pos();
      const key = this.string();
      if (Object.hasOwn(out, key)) {
        this.fail(
          "json_duplicate_key",
          `the field "${key}" appears twice in this object: keep only one`,
          { key },
          keyPos,
        );
      }
      this.keys.set(pathKey([...path, key]), keyPos);
      this.skipWs();
      if (this.text[this.i] !== ":") this.unexpected("colon");
      this.i++;
      this.skipWs();
      Object.defineProperty(out, key, {
        value: this.value([...path, key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipWs();
      const c = this.text[this.i];
      if (c === ",") {
        this.i++;
        continue;
      }
      if (c === "}") {
        this.i++;
        return out;
      }
      this.unexpected("comma_brace");
    }
  }

  array(path: (string | number)[]): unknown[] {
    const out: unknown[] = [];
    this.i++; // [
    this.skipWs();
    if (this.text[this.i] === "]") {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipWs();
      if (this.text[this.i] === "]") {
        this.fail(
          "json_trailing_comma",
          "a comma before ] leaves an empty item: remove the last comma",
        );
      }
      out.push(this.value([...path, out.length]));
      this.skipWs();
      const c = this.text[this.i];
      if (c === ",") {
        this.i++;
        continue;
      }
      if (c === "]") {
        this.i++;
        return out;
      }
      this.unexpected("comma_bracket");
    }
  }

  string(): string {
    const start = this.pos();
    this.i++; // opening quote
    let out = "";
    const t = this.text;
    for (;;) {
      const c = t[this.i];
      if (c === undefined) {
        this.fail(
          "json_unterminated_string",
          'this text has no closing double quote: add " at its end',
          {},
          start,
        );
      }
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c === "\\") {
        const e = t[this.i + 1];
        if (e === "u") {
          const hex = t.slice(this.i + 2, this.i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.fail(
              "json_bad_escape",
              "\\u must be followed by 4 hexadecimal digits",
              { escape: "\\u" + hex },
            );
          }
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 6;
          continue;
        }
        if (e === undefined || !(e in ESCAPES)) {
          this.fail(
            "json_bad_escape",
            `"\\${
              e ?? ""
            }" is not a JSON escape: write \\\\ for a backslash, \\" for a quote, \\n for a line break`,
            { escape: "\\" + (e ?? "") },
          );
        }
        out += ESCAPES[e];
        this.i += 2;
        continue;
      }
      if (c < " ") {
        this.fail(
          "json_control_char",
          'a line break or tab inside a text: close the text with " on the same line, or write \\n',
        );
      }
      out += c;
      this.i++;
    }
  }

  number(): number {
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.text);
    if (!m) {
      this.fail(
        "json_bad_number",
        "this is not a valid number: write digits like 20 or 1.5",
      );
    }
    this.i += m[0].length;
    return Number(m[0]);
  }
}

/**
 * Parses JSON text and records where each value and key starts.
 * Throws {@linkcode JsonSyntaxError} on the first syntax error.
 *
 * @example
 * ```ts
 * import { parseJsonLocated } from "./json_locate.ts";
 * const doc = parseJsonLocated('{\n  "a": [1,\n    2]\n}');
 * console.log(doc.at(["a", 1])); // { line: 3, column: 5 }
 * console.log(doc.keyAt(["a"])); // { line: 2, column: 3 }
 * ```
 */
export function parseJsonLocated(text: string): LocatedJson {
  const p = new Parser(text);
  const value = p.document();
  return {
    value,
    at: (path) => p.values.get(pathKey(path)),
    keyAt: (path) => p.keys.get(pathKey(path)),
  };
}
