import assert from "node:assert/strict";
import { ChatLog } from "./chat.ts";

Deno.test("chat log keeps the last lines, oldest first", () => {
  const chat = new ChatLog(3);
  for (let i = 0; i < 5; i++) chat.add({ from: "ana", text: `${i}`, at: i });
  assert.deepEqual(chat.last(10).map((l) => l.text), ["2", "3", "4"]);
  assert.deepEqual(chat.last(2).map((l) => l.text), ["3", "4"]);
  assert.deepEqual(chat.last(0), []);
});

Deno.test("chat log: a full ring wraps around, whatever the counts", () => {
  for (const keep of [1, 2, 7]) {
    const chat = new ChatLog(keep);
    const all: string[] = [];
    for (let i = 0; i < 20; i++) {
      chat.add({ from: "ana", text: `${i}`, at: i });
      all.push(`${i}`);
      assert.equal(chat.size, Math.min(keep, i + 1), "never more than keep");
      for (const n of [0, 1, keep, keep + 3]) {
        assert.deepEqual(
          chat.last(n).map((l) => l.text),
          n <= 0 ? [] : all.slice(-Math.min(n, keep)),
        );
      }
    }
  }
  const none = new ChatLog(0);
  none.add({ from: "ana", text: "x", at: 0 });
  assert.deepEqual(none.last(5), []);
});
