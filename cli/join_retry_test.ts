import assert from "node:assert/strict";
import { JoinRefusedError } from "../client/errors.ts";
import { joinWithRetry } from "./join_retry.ts";

const taken = (nickname: string) =>
  new JoinRefusedError("nickname_taken", `${nickname} is taken.`, true);

Deno.test("joinWithRetry: a retryable refusal asks for another nickname", async () => {
  const tried: string[] = [];
  const asked: [string, number][] = [];
  const got = await joinWithRetry(
    (nickname) => {
      tried.push(nickname);
      return tried.length < 3
        ? Promise.reject(taken(nickname))
        : Promise.resolve(`joined as ${nickname}`);
    },
    "zoe",
    (refusal, attempt) => {
      asked.push([refusal.message, attempt]);
      return `zoe${attempt + 1}`;
    },
  );
  assert.equal(got, "joined as zoe3");
  assert.deepEqual(tried, ["zoe", "zoe2", "zoe3"]);
  assert.deepEqual(asked, [["zoe is taken.", 1], ["zoe2 is taken.", 2]]);
});

Deno.test("joinWithRetry: gives up when told, after the last attempt, or on a fatal refusal", async () => {
  await assert.rejects(
    joinWithRetry((n) => Promise.reject(taken(n)), "zoe", () => null),
    (e) => e instanceof JoinRefusedError && e.message === "zoe is taken.",
  );
  let calls = 0;
  await assert.rejects(
    joinWithRetry(
      (n) => {
        calls++;
        return Promise.reject(taken(n));
      },
      "a",
      (_r, i) => `a${i}`,
      3,
    ),
    JoinRefusedError,
  );
  assert.equal(calls, 3);
  const full = new JoinRefusedError("room_full", "The room is full.", false);
  let asked = false;
  await assert.rejects(
    joinWithRetry(() => Promise.reject(full), "zoe", () => {
      asked = true;
      return "other";
    }),
    (e) => e === full,
  );
  assert.equal(asked, false);
  await assert.rejects(
    joinWithRetry(() => Promise.reject(new Error("boom")), "zoe", () => "x"),
    /boom/,
  );
});
