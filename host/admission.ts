/**
 * Who may take a seat: the checks a join request goes through (room open,
 * protocol version, nickname valid and free, room not full), and the
 * refusal a player gets. Pure.
 *
 * @module
 */
import {
  type Lang,
  NICKNAME_MAX,
  PROTOCOL_VERSION,
} from "../protocol/constants.ts";
import { nicknameSchema } from "../protocol/messages.ts";
import { isFatalRefusal } from "../protocol/refusals.ts";
import { t } from "../i18n/messages.ts";

/** A request to join. */
export interface JoinRequest {
  /** Nickname as typed; the room trims, normalizes and checks it. */
  nickname: string;
  /** Protocol version of the client; must be {@linkcode PROTOCOL_VERSION}. */
  protocol: number;
  /** Language of the messages this member gets. */
  lang: Lang;
  /** `json` for clients and bots, `text` for `nc`/telnet players. */
  mode: "json" | "text";
  /** Secret from `hello`: when it matches the room's host key, the seat leads. */
  hostKey?: string;
  /** A bot (hello `client` is `lanplay-bot`): bots lead only a room of bots. */
  bot?: boolean;
  /** The room PIN as the player gave it (hello `pin`, or typed in text mode). */
  pin?: string;
  /** The player's IP address (bans and wrong-PIN slow-down are per address). */
  address?: string;
  /** The room key's signature of the client's `hello.nonce`, made by the connection. */
  proof?: string;
}

/** Result of a join: a seat, or a refusal (fatal ones close the connection). */
export type JoinResult =
  | { ok: true; id: string }
  | { ok: false; code: string; message: string; fatal: boolean };

/** What the checks need to know of the room. */
export interface RoomDoor {
  /** The room is closing. */
  closed: boolean;
  /** Members in now. */
  size: number;
  /** Most members at once. */
  capacity: number;
  /** True when a member already uses this nickname (any case). */
  hasNickname(nickname: string): boolean;
}

/**
 * Checks a join request: the normalized nickname, or the refusal in the
 * player's language.
 *
 * @example
 * ```ts
 * import { admit } from "./admission.ts";
 * const door = { closed: false, size: 1, capacity: 8, hasNickname: (n: string) => n === "ana" };
 * admit({ nickname: " zoé ", protocol: 1, lang: "en", mode: "json" }, door); // { ok: true, nickname: "zoé" }
 * const r = admit({ nickname: "ana", protocol: 1, lang: "en", mode: "json" }, door);
 * r.ok ? "" : r.code; // "nickname_taken"
 * ```
 *
 * @param req who asks
 * @param door the room as the checks see it
 */
export function admit(
  req: JoinRequest,
  door: RoomDoor,
):
  | { ok: true; nickname: string }
  | Extract<JoinResult, { ok: false }> {
  const refuse = (code: string, params: Record<string, string | number>) =>
    refusal(req.lang, code, params);
  if (door.closed) return refuse("host_closed", {});
  if (req.protocol !== PROTOCOL_VERSION) {
    return refuse("version", { theirs: req.protocol, ours: PROTOCOL_VERSION });
  }
  const parsed = nicknameSchema.safeParse(req.nickname);
  if (!parsed.success) {
    return refuse("bad_nickname", {
      nickname: req.nickname.slice(0, 40),
      max: NICKNAME_MAX,
    });
  }
  const nickname = parsed.data;
  if (door.hasNickname(nickname)) {
    return refuse("nickname_taken", { nickname });
  }
  if (door.size >= door.capacity) {
    return refuse("room_full", { n: door.capacity });
  }
  return { ok: true, nickname };
}

/**
 * A refusal: the code, its sentence, and whether it is fatal
 * (protocol/refusals.ts).
 *
 * @example
 * ```ts
 * import { refusal } from "./admission.ts";
 * refusal("en", "room_full", { n: 2 }).fatal; // true
 * ```
 *
 * @param lang the player's language
 * @param code refusal code (key `err.<code>` of the shared catalog)
 * @param params template values
 */
export function refusal(
  lang: Lang,
  code: string,
  params: Record<string, string | number>,
): Extract<JoinResult, { ok: false }> {
  return {
    ok: false,
    code,
    message: t(lang, `err.${code}`, params),
    fatal: isFatalRefusal(code),
  };
}
