/**
 * Reading a JSON quiz file: parsed with positions (./json_locate.ts), then
 * checked value by value with the schemas of ./quiz_schema.ts, so that each
 * problem names the line of its value. Texts may be given once or as
 * `{"fr": ..., "en": ...}`.
 *
 * @module
 */
import {
  JsonSyntaxError,
  type LocatedJson,
  parseJsonLocated,
} from "./json_locate.ts";
import { cleanText } from "./quiz_schema.ts";
import { MAX_QUESTIONS, type QcmQuestion } from "./question.ts";
import { checkCount } from "./quiz_checks.ts";
import type { QuizCheck } from "./quiz_problems.ts";
import { isList, isObject, isText, JsonContext } from "./quiz_json_context.ts";
import { checkJsonQuestion } from "./quiz_json_question.ts";
import { Problems } from "./quiz_problems.ts";

const TOP_FIELDS = ["title", "timeSec", "questions"];
/**
 * Reads a JSON quiz (a list of questions, or `{"title", "timeSec",
 * "questions"}`): its questions, or every problem found, each at the line
 * of the value concerned.
 *
 * @example
 * ```ts
 * import { checkJson } from "./quiz_json.ts";
 * const r = checkJson('[{"question": "2 + 2?", "answers": ["3", "4"], "correct": "B"}]');
 * if (r.ok) console.log(r.questions[0].correct); // [1]
 * ```
 */
export function checkJson(text: string): QuizCheck {
  const problems = new Problems("json");
  let doc: LocatedJson;
  try {
    doc = parseJsonLocated(text.startsWith("\uFEFF") ? text.slice(1) : text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    problems.add(e.code, e.params, {
      line: e.line,
      column: e.column,
      field: "",
    });
    return { ok: false, problems: problems.list };
  }
  const ctx = new JsonContext(doc, problems);
  let list: unknown[] | null = null;
  let listPath: (string | number)[] = [];
  let title: string | undefined;
  let fileTime: number | undefined;
  const root = doc.value;
  if (isList(root)) list = root;
  else if (isObject(root)) {
    ctx.unknownFields(root, [], TOP_FIELDS);
    if ("title" in root) {
      if (isText(root.title)) title = cleanText(root.title.trim());
      else {
        problems.add(
          "json_not_text",
          { name: "title" },
          ctx.where(["title"], "title"),
        );
      }
    }
    if ("timeSec" in root) {
      fileTime = ctx.time(root.timeSec, ctx.where(["timeSec"], "timeSec")) ??
        undefined;
    }
    if (!("questions" in root)) {
      problems.add("json_missing_field", { name: "questions" }, {
        line: ctx.line([]),
        field: "questions",
      });
    } else if (!isList(root.questions)) {
      problems.add(
        "json_not_list",
        { name: "questions" },
        ctx.where(["questions"], "questions"),
      );
    } else {
      list = root.questions;
      listPath = ["questions"];
    }
  } else {
    problems.add("json_root", {}, { line: ctx.line([]), field: "" });
  }

  const questions: QcmQuestion[] = [];
  if (list !== null) {
    const ids = new Map<string, number>();
    list.forEach((item, i) => {
      // Past the most questions a quiz may have, the file is too long
      // anyway (checkCount says so): items are counted, not checked.
      if (i >= MAX_QUESTIONS) return;
      const q = checkJsonQuestion(ctx, item, [...listPath, i], i + 1, ids);
      if (q) {
        if (q.timeSec === undefined && fileTime !== undefined) {
          q.timeSec = fileTime;
        }
        questions.push(q);
      }
    });
    checkCount(problems, list.length);
  }
  return problems.list.length > 0
    ? { ok: false, problems: problems.sorted() }
    : { ok: true, questions, ...(title ? { title } : {}) };
}
