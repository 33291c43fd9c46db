/**
 * Sorting one inbound JSON value from a joined player: a lobby message, a
 * move of the running game, or an error with a code and parameters. Every
 * string of a valid message (values and keys, however deep) comes out
 * through {@linkcode sanitize}, so nothing the room keeps or repeats can
 * carry a control character. Pure.
 *
 * @module
 */
import {
  type LobbyMessage,
  lobbySchemas,
  type SchemaError,
} from "../protocol/messages.ts";
import type { GameMove, GameRules } from "../games/types.ts";
import { sanitize } from "../text/sanitize.ts";
import { deepSanitize, MAX_MESSAGE_DEPTH } from "../text/sanitize_deep.ts";

/** What an inbound value turned out to be. */
export type Inbound =
  | { kind: "lobby"; message: LobbyMessage }
  | { kind: "move"; move: GameMove }
  | { kind: "error"; code: string; params: Record<string, string | number> };

/**
 * Says, in a short human phrase, what is wrong in a schema error (first
 * issue). A zod error is one.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { describeIssues } from "./inbound.ts";
 * const r = z.object({ n: z.number() }).safeParse({ n: "x" });
 * if (!r.success) describeIssues(r.error); // 'field "n": Invalid input: expected number, received string'
 * ```
 */
export function describeIssues(error: SchemaError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const path = issue.path.join(".");
  return path ? `field "${path}": ${issue.message}` : issue.message;
}

/**
 * A valid message with every string (keys included) through the one
 * sanitiser, or an error when it nests deeper than {@linkcode MAX_MESSAGE_DEPTH}.
 */
function cleaned(
  type: string,
  data: LobbyMessage | GameMove,
  kind: "lobby" | "move",
): Inbound {
  const clean = deepSanitize(data);
  if (clean === undefined) {
    return {
      kind: "error",
      code: "invalid_message",
      params: { type, detail: `nested deeper than ${MAX_MESSAGE_DEPTH}` },
    };
  }
  return kind === "lobby"
    ? { kind, message: clean as LobbyMessage }
    : { kind, move: clean as GameMove };
}

/**
 * Classifies a parsed JSON value against the lobby schemas and the running
 * game's move schema.
 *
 * @example
 * ```ts
 * import { classify } from "./inbound.ts";
 * classify({ type: "chat", text: "hi" }, null); // { kind: "lobby", message: {...} }
 * classify({ type: "dance" }, null).kind; // "error"
 * ```
 */
export function classify(
  value: unknown,
  // deno-lint-ignore no-explicit-any
  game: GameRules<any, any> | null,
  knownMoveTypes: readonly string[] = [],
): Inbound {
  if (
    typeof value !== "object" || value === null || Array.isArray(value) ||
    typeof (value as { type?: unknown }).type !== "string"
  ) {
    return { kind: "error", code: "no_type", params: {} };
  }
  const type = sanitize((value as { type: string }).type.slice(0, 40));
  if (Object.hasOwn(lobbySchemas, type)) {
    const schema = lobbySchemas[type as keyof typeof lobbySchemas];
    const r = schema.safeParse(value);
    return r.success ? cleaned(type, r.data as LobbyMessage, "lobby") : {
      kind: "error",
      code: "invalid_message",
      params: { type, detail: describeIssues(r.error) },
    };
  }
  if (game && game.moveTypes.includes(type)) {
    const r = game.moveSchema.safeParse(value);
    return r.success ? cleaned(type, r.data, "move") : {
      kind: "error",
      code: "invalid_message",
      params: { type, detail: describeIssues(r.error) },
    };
  }
  if (knownMoveTypes.includes(type)) {
    return game
      ? {
        kind: "error",
        code: "wrong_game",
        params: { type, game: game.title.en },
      }
      : { kind: "error", code: "no_game", params: {} };
  }
  if (type === "hello") {
    return {
      kind: "error",
      code: "invalid_message",
      params: { type, detail: "already joined" },
    };
  }
  return { kind: "error", code: "unknown_type", params: { type } };
}

/**
 * The path of a `__proto__` key in a message or one of its fields (JSON
 * makes it an own key; schemas would drop it silently), or "".
 *
 * @example
 * ```ts
 * import { protoField } from "./inbound.ts";
 * protoField(JSON.parse('{"type":"start","options":{"__proto__":{}}}')); // "options.__proto__"
 * protoField({ type: "chat" }); // ""
 * ```
 *
 * @param value a parsed JSON value
 */
export function protoField(value: unknown): string {
  if (typeof value !== "object" || value === null) return "";
  if (Object.hasOwn(value, "__proto__")) return "__proto__";
  for (const [key, inner] of Object.entries(value)) {
    if (
      typeof inner === "object" && inner !== null &&
      Object.hasOwn(inner, "__proto__")
    ) return `${key.slice(0, 40)}.__proto__`;
  }
  return "";
}
