/**
 * The fuzzing clients of tests/fuzz_test.ts, run in a worker so that making
 * and checking lines uses the second core while the host runs on the first.
 *
 * Messages in: `{ type: "start", plan }`, `{ type: "stop" }` (the host
 * crashed: answer with the lines in flight). Out: `{ type: "done", tally }`,
 * `{ type: "in_flight", batches }`, `{ type: "failed", error }`.
 *
 * @module
 */
import { type FuzzPlan, runFuzzers } from "./fuzz_support.ts";

/** The worker's side of the channel (typed here: the checker sees a window). */
const port = self as unknown as {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
};
let stopped = false;
let run: ReturnType<typeof runFuzzers> | null = null;

port.onmessage = (e: MessageEvent) => {
  const msg = e.data as { type: "start"; plan: FuzzPlan } | { type: "stop" };
  if (msg.type === "start") {
    run = runFuzzers(msg.plan, () => stopped);
    run.done.then(
      (tally) => port.postMessage({ type: "done", tally }),
      (err) =>
        port.postMessage({
          type: "failed",
          error: err instanceof Error ? err.stack ?? err.message : String(err),
        }),
    );
  } else {
    stopped = true;
    port.postMessage({ type: "in_flight", batches: run?.inFlight() ?? [] });
  }
};
