/**
 * Test helper: a room key derived from a label (`host-1` → always the same
 * key), so a test process and the announcer it starts in a namespace agree
 * on the room id without talking. Never for real rooms: anyone who knows
 * the label knows the private key.
 *
 * @module
 */
import { type RoomKey, roomKeyOf } from "../../discovery/room_key.ts";

const PKCS8_ED25519 = [
  0x30,
  0x2e,
  0x02,
  0x01,
  0x00,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x70,
  0x04,
  0x22,
  0x04,
  0x20,
];

/**
 * The key of a label.
 *
 * @example
 * ```ts
 * import { seededRoomKey } from "./seeded_key.ts";
 * const a = await seededRoomKey("host-1");
 * (await seededRoomKey("host-1")).id === a.id; // true
 * ```
 */
export async function seededRoomKey(label: string): Promise<RoomKey> {
  const seed = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(label)),
  );
  const pkcs8 = new Uint8Array([...PKCS8_ED25519, ...seed]);
  const privateKey = await crypto.subtle.importKey(
    "pkcs8",
    pkcs8,
    { name: "Ed25519" },
    true,
    ["sign"],
  );
  const jwk = await crypto.subtle.exportKey("jwk", privateKey);
  const raw = Uint8Array.fromBase64(jwk.x!, { alphabet: "base64url" });
  return await roomKeyOf(privateKey, raw);
}
