import assert from "node:assert/strict";
import { ChatLog } from "./chat.ts";

Deno.test("chat log keeps the last lines, oldest first", () => {
  const chat = new ChatLog(3);
  for (let i = 0; i < 5; i++) chat.add({ from: "ana", text: `${i}`, at: i });
  assert.deepEqual(chat.last(10).map((l) => l.text), ["2", "3", "4"]);
  assert.deepEqual(chat.last(2).map((l) => l.text), ["3", "4"]);
  assert.deepEqual(chat.last(0), []);
});
