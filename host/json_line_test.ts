import { deepEqual as assertEquals } from "node:assert/strict";
import fc from "fast-check";
import { messageJson, messageLine, messageText } from "./json_line.ts";
import { shared } from "../games/shared.ts";
import type { HostMessage } from "../protocol/messages.ts";

const asMessage = (m: unknown) => m as HostMessage;

Deno.test("a view's JSON is JSON.stringify's, frozen parts or not", () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.string(), fc.jsonValue()),
      fc.dictionary(fc.string(), fc.boolean()),
      (view, freeze) => {
        for (const [key, on] of Object.entries(freeze)) {
          if (on && key in view) shared(view[key]);
        }
        const msg = { type: "view", game: "qcm", view, watching: undefined };
        assertEquals(messageJson(asMessage(msg)), JSON.stringify(msg));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("other messages are JSON.stringify's", () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (rest) => {
      const msg = { ...rest, type: "chat" };
      assertEquals(messageJson(asMessage(msg)), JSON.stringify(msg));
    }),
  );
});

Deno.test("a shared view part is serialized once for every view", () => {
  let serialized = 0;
  const question = shared({
    text: "Combien d'octets dans un en-tête UDP ?",
    toJSON() {
      serialized++;
      return { text: this.text };
    },
  });
  const lines = ["Ana", "Bob", "Zoé"].map((me) =>
    messageJson(asMessage({ type: "view", view: { question, me } }))
  );
  assertEquals(serialized, 1);
  assertEquals(
    lines[2],
    '{"type":"view","view":{"question":{"text":"Combien d\'octets dans un en-tête UDP ?"},"me":"Zoé"}}',
  );
});

Deno.test("a part that is not shared (even frozen by hand) is serialized for each view", () => {
  let serialized = 0;
  const part = Object.freeze({
    toJSON() {
      serialized++;
      return 1;
    },
  });
  for (let i = 0; i < 3; i++) {
    messageJson(asMessage({ type: "view", view: { part } }));
  }
  assertEquals(serialized, 3);
});

Deno.test("a message object is encoded once", () => {
  const msg = asMessage({ type: "chat", from: "Ana", text: "é" });
  const bytes = messageLine(msg);
  assertEquals(messageLine(msg), bytes);
  assertEquals(new TextDecoder().decode(bytes), JSON.stringify(msg) + "\n");
});

Deno.test("a message object's text is serialized once, for the web and for TCP", () => {
  let serialized = 0;
  const msg = asMessage({
    type: "chat",
    from: "Ana",
    text: {
      toJSON() {
        serialized++;
        return "salut";
      },
    },
  });
  const texts = ["Ana", "Bob", "Zoé"].map(() => messageText(msg));
  assertEquals(serialized, 1);
  assertEquals(texts[2], '{"type":"chat","from":"Ana","text":"salut"}');
  // A TCP member of the same room gets the same text as a line, not a new one.
  assertEquals(new TextDecoder().decode(messageLine(msg)), texts[0] + "\n");
  assertEquals(serialized, 1);
  // Another object, even equal, is its own message.
  messageText(asMessage({ ...msg }));
  assertEquals(serialized, 2);
});
