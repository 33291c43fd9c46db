/**
 * Checking that the machine we reached holds the key of the room we meant:
 * the client sends a fresh nonce in `hello`, the host returns its public key
 * and its signature of the nonce in `welcome.room` (docs/PROTOCOL.md).
 *
 * @module
 */
import {
  fingerprintOf,
  proofData,
  roomIdOf,
  toBase64Url,
  verifyRoomSignature,
} from "../discovery/room_key.ts";

/** Bytes of entropy in a handshake nonce. */
export const NONCE_BYTES = 18;

/**
 * A fresh nonce for `hello.nonce`: {@linkcode NONCE_BYTES} random bytes,
 * base64url (24 characters).
 *
 * @example
 * ```ts
 * import { newNonce } from "./room_proof.ts";
 * newNonce().length; // 24
 * newNonce((b) => b.fill(0)); // "AAAAAAAAAAAAAAAAAAAAAAAA"
 * ```
 *
 * @param fill fills a buffer with random bytes (injected for tests)
 */
export function newNonce(
  fill: (bytes: Uint8Array<ArrayBuffer>) => void = (b) =>
    crypto.getRandomValues(b),
): string {
  const bytes = new Uint8Array(NONCE_BYTES);
  fill(bytes);
  return toBase64Url(bytes);
}

/** What the welcome proved about the room. */
export type ProofResult =
  | { kind: "verified"; roomId: string; fingerprint: string }
  | { kind: "no_key" }
  | {
    kind: "impostor";
    why: "no_key" | "bad_key" | "other_room" | "bad_proof";
  };

/**
 * Checks `welcome.room`'s key and proof against the `nonce` sent. With an
 * `expectedRoomId` (a room picked from discovery) a missing key is an
 * impostor; without one (`--host`), a host with no key is only unverified,
 * but a key it cannot prove is still an impostor.
 *
 * @example
 * ```ts
 * import { createRoomKey, proofData } from "../discovery/room_key.ts";
 * import { checkRoomProof } from "./room_proof.ts";
 * const key = await createRoomKey();
 * const proof = await key.sign(proofData("n0nce-123"));
 * const room = { key: key.publicKey, proof };
 * (await checkRoomProof(room, "n0nce-123", key.id)).kind; // "verified"
 * (await checkRoomProof(room, "other-nonce", key.id)).kind; // "impostor"
 * (await checkRoomProof({}, "n0nce-123")).kind; // "no_key"
 * ```
 *
 * @param room `welcome.room` (its `key` and `proof`)
 * @param nonce the nonce sent in `hello`
 * @param expectedRoomId the picked room's id, when it came from discovery
 */
export async function checkRoomProof(
  room: { key?: unknown; proof?: unknown },
  nonce: string,
  expectedRoomId?: string,
): Promise<ProofResult> {
  if (typeof room.key !== "string") {
    return expectedRoomId === undefined
      ? { kind: "no_key" }
      : { kind: "impostor", why: "no_key" };
  }
  const roomId = await roomIdOf(room.key);
  if (roomId === null) return { kind: "impostor", why: "bad_key" };
  if (expectedRoomId !== undefined && roomId !== expectedRoomId) {
    return { kind: "impostor", why: "other_room" };
  }
  const ok = typeof room.proof === "string" &&
    await verifyRoomSignature(room.key, proofData(nonce), room.proof);
  return ok
    ? { kind: "verified", roomId, fingerprint: fingerprintOf(roomId) }
    : { kind: "impostor", why: "bad_proof" };
}
