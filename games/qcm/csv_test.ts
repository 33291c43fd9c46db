import assert from "node:assert/strict";
import fc from "fast-check";
import { detectSeparator, parseCsv } from "./csv.ts";

const texts = (text: string, sep?: "," | ";" | "\t") =>
  parseCsv(text, sep).rows.map((r) => r.cells.map((c) => c.text));

/** Writes rows as RFC 4180 CSV (quotes every field that needs it). */
function write(rows: string[][], sep: string, eol: string): string {
  const field = (f: string) =>
    /[",;\t\r\n]/.test(f) || f.startsWith(" ") || f === ""
      ? `"${f.replaceAll('"', '""')}"`
      : f;
  return rows.map((r) => r.map(field).join(sep)).join(eol) + eol;
}

Deno.test("parseCsv", async (t) => {
  await t.step(
    "reads plain, quoted, doubled-quote and multi-line fields",
    () => {
      assert.deepEqual(
        texts('a,b,c\n"x, y","say ""hi""","two\nlines"\n'),
        [["a", "b", "c"], ["x, y", 'say "hi"', "two\nlines"]],
      );
    },
  );

  await t.step(
    "keeps the start line of records after a multi-line field",
    () => {
      const { rows } = parseCsv(
        'q1,a,b\n"q2\nstill q2\nand more",a,b\nq3,"a\r\nb",c\r\nq4,a,b',
      );
      assert.deepEqual(rows.map((r) => r.line), [1, 2, 5, 7]);
      assert.deepEqual(rows[2].cells.map((c) => [c.line, c.column]), [
        [5, 1],
        [5, 4],
        [6, 4],
      ]);
    },
  );

  await t.step("skips blank records and a BOM", () => {
    assert.deepEqual(texts("\uFEFFa,b\n\n,,\n  \nc,d\n"), [["a", "b"], [
      "c",
      "d",
    ]]);
  });

  await t.step("detects ; and tab separators", () => {
    assert.equal(detectSeparator('q;"a,b";c\n'), ";");
    assert.equal(detectSeparator("q\ta\tb"), "\t");
    assert.equal(detectSeparator('q,"a;b;c",d'), ",");
    assert.deepEqual(texts("Quoi, donc ?;oui;non;1\n"), [[
      "Quoi, donc ?",
      "oui",
      "non",
      "1",
    ]]);
  });

  await t.step("forgives spaces around quoted fields", () => {
    assert.deepEqual(texts('a, "b, c" ,d'), [["a", "b, c", "d"]]);
  });

  await t.step("reports an unclosed quote where it opens", () => {
    const r = parseCsv('a,b\nc,"d\ne,f\n');
    assert.deepEqual(r.problems, [
      { code: "csv_unclosed_quote", line: 2, column: 3, field: 2 },
    ]);
  });

  await t.step("reports text after a closing quote", () => {
    const r = parseCsv('a,"b"c,d');
    assert.deepEqual(r.problems, [
      { code: "csv_after_quote", line: 1, column: 6, field: 2 },
    ]);
    assert.deepEqual(r.rows[0].cells.map((c) => c.text), ["a", "bc", "d"]);
  });

  await t.step("reads back what a writer wrote (property)", () => {
    const cell = fc.string({
      unit: fc.constantFrom("a", "é", " ", ",", ";", '"', "\n", "\r\n", "x"),
      maxLength: 8,
    });
    const rowsArb = fc.integer({ min: 1, max: 4 }).chain((n) =>
      fc.array(fc.array(cell, { minLength: n, maxLength: n }), {
        minLength: 1,
        maxLength: 5,
      })
    );
    fc.assert(
      fc.property(
        rowsArb,
        fc.constantFrom(",", ";"),
        fc.constantFrom("\n", "\r\n"),
        (rows, sep, eol) => {
          const nonBlank = rows.filter((r) => r.some((c) => c.trim() !== ""));
          const back = parseCsv(write(rows, sep, eol), sep as "," | ";");
          assert.deepEqual(back.problems, []);
          assert.deepEqual(
            back.rows.map((r) => r.cells.map((c) => c.text)),
            nonBlank,
          );
          // Each record starts one line after the previous one ended.
          let line = 1;
          rows.forEach((r) => {
            const found = back.rows.find((x) => x.line === line);
            if (r.some((c) => c.trim() !== "")) {
              assert.deepEqual(found?.cells.map((c) => c.text), r);
            }
            line += r.join("").split(/\r\n|\n/).length;
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
