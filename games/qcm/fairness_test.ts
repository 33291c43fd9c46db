import assert from "node:assert/strict";
import fc from "fast-check";
import type { Env, GameMessage } from "../types.ts";
import {
  commitment,
  CommitmentBook,
  commitmentText,
  newSalt,
  type Opening,
} from "./fairness.ts";
import { BANK } from "./bank.ts";
import { answerOf, type QcmState } from "./phases.ts";
import { qcmRules as rules } from "./rules.ts";
import { makeQcmView } from "./view.ts";
import { qcmOptionsSchema, type QcmView, type RevealMessage } from "./wire.ts";
import { openRound, revealed, SEATS, seeded } from "./testing.ts";

const VERIFIED = "✓ answer key verified";
const WARNING = "⚠ WARNING: answer key does NOT match!";
const UNSEEN = "? answer key cannot be checked";

/** A deterministic secret source: 16 bytes of a seeded stream, as hex. */
function testSecret(seed: number): () => string {
  const random = seeded(seed);
  return () =>
    Array.from(
      { length: 16 },
      () => Math.floor(random() * 256).toString(16).padStart(2, "0"),
    ).join("");
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(text),
  );
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

/** Every message of a whole game of bank questions, bots answering at random. */
function wholeGame(seed: number): {
  messages: GameMessage[];
  views: unknown[];
  salts: string[];
} {
  const random = seeded(seed);
  const secret = testSecret(seed);
  const at = (now: number): Env => ({ now, random, secret });
  const options = qcmOptionsSchema.parse({ count: 8 });
  let step = rules.start(SEATS, options, at(0));
  const messages: GameMessage[] = [];
  const views: unknown[] = [];
  const record = (state: QcmState, now: number) => {
    messages.push(...step.out.map((o) => o.message));
    views.push(rules.view(state, "a", now));
  };
  record(step.state, 0);
  let now = 0;
  while (!rules.over(step.state)) {
    const state = step.state;
    const open = state.phase === "question" &&
      SEATS.find((s) => !answerOf(state, s.id) && random() < 0.7);
    if (open) {
      now += 500;
      const n = state.rounds[state.index].answers.fr.length;
      const multiple = state.rounds[state.index].correct.length > 1;
      const choices = multiple ? [1, n] : [1 + Math.floor(random() * n)];
      step = rules.move(state, open.id, { type: "answer", choices }, at(now));
    } else {
      now = rules.deadline(state)!;
      step = rules.tick(state, at(now));
    }
    record(step.state, now);
  }
  return { messages, views, salts: step.state.salts };
}

const revealsOf = (messages: GameMessage[]) =>
  messages.filter((m) => m.type === "reveal") as unknown as RevealMessage[];

Deno.test("qcm fairness: the commitment", async (t) => {
  await t.step("is the SHA-256 of qcm1:<index>:<key>:<salt>", async () => {
    assert.equal(commitmentText(3, [4, 1], "ab"), "qcm1:3:1,4:ab");
    assert.equal(
      commitment(3, [4, 1], "ab"),
      await sha256Hex("qcm1:3:1,4:ab"),
    );
    // The example of docs/games/qcm.md.
    assert.equal(
      commitment(1, [2], "00"),
      "87c2593046753ba1e79de9ef9bda609056268c0d89e3772223cde3a321c683e7",
    );
  });

  await t.step("the salt comes from env.secret when given", () => {
    const secret = testSecret(7);
    const expected = testSecret(7)();
    assert.equal(newSalt({ now: 0, random: () => 0, secret }), expected);
    assert.match(expected, /^[0-9a-f]{32}$/);
    const { state } = rules.start(
      SEATS,
      qcmOptionsSchema.parse({ count: 3 }),
      { now: 0, random: seeded(1), secret: testSecret(7) },
    );
    const again = testSecret(7);
    assert.deepEqual(state.salts, [again(), again(), again()]);
  });

  await t.step("without env.secret, 32 hex digits from env.random", () => {
    assert.match(newSalt({ now: 0, random: seeded(3) }), /^[0-9a-f]{32}$/);
    assert.notEqual(
      newSalt({ now: 0, random: seeded(3) }),
      newSalt({ now: 0, random: seeded(4) }),
    );
  });

  await t.step("different keys give different commitments (property)", () => {
    const key = fc.uniqueArray(fc.integer({ min: 1, max: 4 }), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        key,
        key,
        fc.stringMatching(/^[0-9a-f]{32}$/),
        (index, a, b, salt) => {
          const same = [...a].sort().join() === [...b].sort().join();
          assert.equal(
            commitment(index, a, salt) === commitment(index, b, salt),
            same,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  await t.step("the same key with different salts too (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 4 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.stringMatching(/^[0-9a-f]{32}$/),
        fc.stringMatching(/^[0-9a-f]{32}$/),
        (index, key, s1, s2) => {
          fc.pre(s1 !== s2);
          assert.notEqual(
            commitment(index, key, s1),
            commitment(index, key, s2),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  await t.step(
    "a question and an open round's views carry the hash, never the salt",
    () => {
      const { messages, views, salts } = wholeGame(11);
      let q = 0;
      const before: string[] = [];
      for (const m of messages) {
        if (m.type === "reveal") q++;
        else if (q < salts.length) before.push(JSON.stringify(m));
      }
      for (const v of views as { phase: string; index: number }[]) {
        if (v.phase === "question") before.push(JSON.stringify(v));
      }
      assert.ok(before.length > 10);
      for (const [i, salt] of salts.entries()) {
        const leaked = before.filter((json) => json.includes(salt));
        // A salt only appears once its own question is revealed.
        for (const json of leaked) {
          const index = JSON.parse(json).index as number | undefined;
          assert.ok(index === undefined || index > i + 1, json);
        }
      }
    },
  );
});

Deno.test("qcm fairness: every client checks every reveal", async (t) => {
  await t.step("a whole game: every reveal verifies, in lines", () => {
    for (const seed of [1, 2, 3]) {
      const { messages } = wholeGame(seed);
      const view = makeQcmView(new CommitmentBook());
      const reveals = revealsOf(messages);
      assert.equal(reveals.length, 8);
      for (const reveal of reveals) {
        assert.equal(
          commitment(reveal.index, reveal.correct, reveal.salt),
          reveal.commitment,
        );
      }
      const verdicts = messages.flatMap((m) => view.lines(m, "en", "Ana"))
        .filter((l) => /answer key/.test(l));
      assert.equal(verdicts.length, 8);
      for (const line of verdicts) assert.ok(line.startsWith(VERIFIED), line);
    }
  });

  await t.step("a whole game: every reveal verifies, on the panel", () => {
    const { views } = wholeGame(5);
    const view = makeQcmView(new CommitmentBook());
    let checked = 0;
    for (const v of views) {
      const text = view.screen(v, "en", 200, false).join("\n");
      if ((v as { phase: string }).phase === "reveal") {
        assert.ok(text.includes(VERIFIED), text);
        checked++;
      } else assert.ok(!text.includes("answer key"), text);
    }
    assert.ok(checked >= 8);
  });

  /** Tampered copies of the reveal of question 1 (Ana said 2, Bob 1). */
  function tampered(): [string, RevealMessage][] {
    const { messages } = revealed();
    const r = messages.at(-1) as unknown as RevealMessage;
    return [
      ["key changed", { ...r, correct: [1] }],
      ["salt changed", {
        ...r,
        salt: r.salt.replace(/^./, (c) => c === "0" ? "1" : "0"),
      }],
      ["new commitment for a new key", {
        ...r,
        correct: [1],
        commitment: commitment(1, [1], r.salt),
      }],
      ["answers reordered", {
        ...r,
        answers: {
          fr: [...r.answers.fr].reverse(),
          en: [...r.answers.en].reverse(),
        },
      }],
      ["scored with another key", {
        ...r,
        results: r.results.map((x) => ({ ...x, correct: !x.correct })),
      }],
      ["no salt", { ...r, salt: undefined as unknown as string }],
    ];
  }

  await t.step("a tampered reveal shows the warning in text lines", () => {
    for (const [what, reveal] of tampered()) {
      const view = makeQcmView(new CommitmentBook());
      view.lines(openRound().messages[0], "en", "Ana");
      const lines = view.lines(reveal as unknown as GameMessage, "en", "Ana");
      assert.ok(lines.some((l) => l.startsWith(WARNING)), what);
      assert.ok(!lines.some((l) => l.startsWith(VERIFIED)), what);
      const fr = view.lines(reveal as unknown as GameMessage, "fr", "Ana");
      assert.ok(fr.some((l) => l.startsWith("⚠ ATTENTION")), what);
    }
  });

  await t.step("a tampered reveal shows the warning on the screen", () => {
    const { state: open } = openRound();
    const { state } = revealed();
    for (const [what, reveal] of tampered()) {
      const view = makeQcmView(new CommitmentBook());
      view.screen(rules.view(open, "a", 8_000), "en", 80, false);
      const honest = rules.view(state, "a", 21_000) as QcmView;
      const forged = {
        ...honest,
        commitment: reveal.commitment,
        question: { ...honest.question!, answers: reveal.answers },
        reveal: {
          ...honest.reveal!,
          correct: reveal.correct,
          salt: reveal.salt,
          results: reveal.results,
        },
      };
      const text = view.screen(forged, "en", 80, false).join("\n");
      assert.ok(text.includes(WARNING), `${what}\n${text}`);
      assert.ok(!text.includes(VERIFIED), what);
      const red = view.screen(forged, "en", 80, true).join("\n");
      assert.ok(red.includes("\x1b[31m⚠ WARNING"), what);
    }
  });

  await t.step("the untampered reveal verifies, on both", () => {
    const { state: open, messages: asked } = openRound();
    const { state, messages } = revealed();
    const view = makeQcmView(new CommitmentBook());
    view.lines(asked[0], "en", "Ana");
    assert.ok(
      view.lines(messages.at(-1)!, "en", "Ana").some((l) =>
        l.startsWith(VERIFIED)
      ),
    );
    const panel = makeQcmView(new CommitmentBook());
    panel.screen(rules.view(open, "a", 8_000), "en", 80, false);
    assert.ok(
      panel.screen(rules.view(state, "a", 21_000), "en", 80, false).join("\n")
        .includes(VERIFIED),
    );
  });

  await t.step("a client that missed the question says it cannot check", () => {
    const reveal = revealed().messages.at(-1)!;
    const lines = makeQcmView(new CommitmentBook()).lines(reveal, "en", "Ana");
    assert.ok(lines.some((l) => l.startsWith(UNSEEN)));
  });

  await t.step("the book forgets the oldest beyond its size", () => {
    const book = new CommitmentBook(2);
    const answers = { fr: ["a", "b"], en: ["a", "b"] };
    const open = (index: number): Opening => ({
      index,
      commitment: commitment(index, [1], "00"),
      salt: "00",
      correct: [1],
      answers,
    });
    for (const i of [1, 2, 3]) book.saw(open(i).commitment, i, answers);
    assert.equal(book.check(open(1)), "unseen");
    assert.equal(book.check(open(2)), "verified");
    assert.equal(book.check(open(3)), "verified");
  });

  await t.step("a bank quiz: the salts are all different", () => {
    const { salts } = wholeGame(9);
    assert.equal(new Set(salts).size, salts.length);
    assert.ok(BANK.length > 8);
  });
});
