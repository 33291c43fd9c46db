/**
 * Who may take a seat: the checks a join request goes through (room open,
 * protocol version, not banned, PIN, nickname valid, in one script and
 * free — also of look-alikes —, room not full), and the refusal a player
 * gets. Pure.
 *
 * @module
 */
import {
  type Lang,
  NICKNAME_MAX,
  PROTOCOL_VERSION,
} from "../protocol/constants.ts";
import { nicknameSchema } from "../protocol/messages.ts";
import { isMixedScript, nicknameSkeleton } from "../protocol/nickname.ts";
import { isFatalRefusal } from "../protocol/refusals.ts";
import { t } from "../i18n/messages.ts";
import { sha256 } from "@noble/hashes/sha2.js";

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
  /** A session token from an earlier `welcome` (`hello.token`): take that seat back. */
  token?: string;
  /** Text mode: the rejoin code typed after the nickname (`Chloé K7P2Q`). */
  rejoinCode?: string;
  /** A watcher (the web projector view), never from a TCP hello. */
  watcher?: boolean;
  /**
   * `hello.deputy` of a TCP `join` client: its X25519 public key, so it
   * may be chosen to take the room over (never from the web page).
   */
  deputy?: string;
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
  /**
   * True when the member with this nickname is reconnecting (their seat is
   * held): the refusal then says how they take it back.
   */
  isHeld?(nickname: string): boolean;
  /**
   * The nickname of a member whose nickname has this confusable skeleton
   * (protocol/nickname.ts), if any.
   */
  lookalikeOf?(skeleton: string): string | undefined;
  /** The PIN players must give; none when absent. */
  pin?: string;
  /**
   * True when this address or nickname skeleton was kicked this session.
   * The address is absent for a join without one.
   */
  isBanned?(address: string | undefined, skeleton: string | null): boolean;
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
  const refuse = (
    code: string,
    params: Record<string, string | number>,
    text = false,
  ) => refusal(req.lang, code, params, text ? `err.${code}_text` : undefined);
  if (door.closed) return refuse("host_closed", {});
  if (req.protocol !== PROTOCOL_VERSION) {
    return refuse("version", { theirs: req.protocol, ours: PROTOCOL_VERSION });
  }
  if (door.isBanned?.(req.address, null)) return refuse("banned", {});
  if (door.pin !== undefined && door.pin !== "") {
    if (req.pin === undefined || req.pin === "") {
      return refuse("pin_required", {});
    }
    if (!samePin(req.pin, door.pin)) return refuse("bad_pin", {});
  }
  const parsed = nicknameSchema.safeParse(req.nickname);
  if (!parsed.success) {
    return refuse("bad_nickname", {
      nickname: req.nickname.slice(0, 40),
      max: NICKNAME_MAX,
    });
  }
  const nickname = parsed.data;
  if (isMixedScript(nickname)) {
    return refuse("nickname_mixed_script", { nickname });
  }
  const skeleton = nicknameSkeleton(nickname);
  if (door.isBanned?.(undefined, skeleton)) return refuse("banned", {});
  if (door.hasNickname(nickname)) {
    const held = door.isHeld?.(nickname);
    const code = held ? "nickname_held" : "nickname_taken";
    return refuse(code, { nickname }, held && req.mode === "text");
  }
  const lookalike = door.lookalikeOf?.(skeleton);
  if (lookalike !== undefined) {
    return refuse("nickname_confusable", { nickname, other: lookalike });
  }
  if (door.size >= door.capacity) {
    return refuse("room_full", { n: door.capacity });
  }
  return { ok: true, nickname };
}

/**
 * Compares a PIN as given with the room's in constant time (both are hashed
 * first, so neither their length nor their first difference shows in the
 * time taken).
 *
 * @example
 * ```ts
 * import { samePin } from "./admission.ts";
 * samePin("1234", "1234"); // true
 * samePin("1235", "1234"); // false
 * ```
 *
 * @param given the PIN a player gave
 * @param expected the room's PIN
 */
export function samePin(given: string, expected: string): boolean {
  const enc = new TextEncoder();
  const a = sha256(enc.encode(given));
  const b = sha256(enc.encode(expected));
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
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
 * @param key catalog key of the sentence (default `err.<code>`)
 */
export function refusal(
  lang: Lang,
  code: string,
  params: Record<string, string | number>,
  key = `err.${code}`,
): Extract<JoinResult, { ok: false }> {
  return {
    ok: false,
    code,
    message: t(lang, key, params),
    fatal: isFatalRefusal(code),
  };
}
