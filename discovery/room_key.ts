/**
 * A room's key pair (Ed25519, WebCrypto): the room id is derived from the
 * public key, ads and goodbyes carry a signature a browser checks, and on
 * connect the host proves it holds the key by signing the client's nonce.
 * So a machine that forges a room's ad can neither take over its id nor say
 * goodbye for it, and a client knows it reached the room it picked.
 *
 * - room id: the first 16 bytes of SHA-256(raw public key), 32 hex digits;
 * - fingerprint: its last 8 hex digits, upper case, as `7F3A-91C2` — what a
 *   teacher reads out ("our room is the one ending in 91C2"); 32 bits, so
 *   grinding a look-alike key takes days of CPU, not seconds;
 * - keys and signatures travel as base64url without padding.
 *
 * @module
 */

const ED25519 = { name: "Ed25519" } as const;
const encoder = new TextEncoder();

/** A room's key pair, ready to sign. */
export interface RoomKey {
  /** Room id derived from the public key (32 hex digits). */
  readonly id: string;
  /** The raw public key, base64url. */
  readonly publicKey: string;
  /** Short form of the id for people, e.g. `7F3A-91C2`. */
  readonly fingerprint: string;
  /** Signs `data`; the signature in base64url. */
  sign(data: Uint8Array<ArrayBuffer>): Promise<string>;
  /**
   * The private key as PKCS#8, base64url: for host migration only, sealed
   * for a deputy (protocol/sealed.ts), which takes the room over with
   * {@linkcode importRoomKey}. Throws when the key is not extractable.
   */
  exportPrivate(): Promise<string>;
}

/** Bytes as base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true });
}

/** base64url text as bytes, or null when it is not base64url. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    return Uint8Array.fromBase64(text, { alphabet: "base64url" });
  } catch {
    return null;
  }
}

/**
 * The room id of a public key (base64url), or null when it is not a 32-byte
 * key.
 *
 * @example
 * ```ts
 * import { createRoomKey, roomIdOf } from "./room_key.ts";
 * const key = await createRoomKey();
 * (await roomIdOf(key.publicKey)) === key.id; // true
 * ```
 */
export async function roomIdOf(publicKey: string): Promise<string | null> {
  const raw = fromBase64Url(publicKey);
  if (!raw || raw.length !== 32) return null;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", raw));
  return [...digest.subarray(0, 16)]
    .map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The fingerprint people compare: the room id's last 8 hex digits.
 *
 * @example
 * ```ts
 * import { fingerprintOf } from "./room_key.ts";
 * fingerprintOf("0123456789abcdef0123456789ab7f3a"); // "89AB-7F3A"
 * ```
 */
export function fingerprintOf(roomId: string): string {
  const tail = roomId.slice(-8).toUpperCase();
  return `${tail.slice(0, 4)}-${tail.slice(4)}`;
}

/**
 * A new key pair for a room (one per host process).
 *
 * @example
 * ```ts
 * import { createRoomKey, verifyRoomSignature } from "./room_key.ts";
 * const key = await createRoomKey();
 * const data = new TextEncoder().encode("ad");
 * const sig = await key.sign(data);
 * await verifyRoomSignature(key.publicKey, data, sig); // true
 * ```
 */
export async function createRoomKey(): Promise<RoomKey> {
  const pair = await crypto.subtle.generateKey(ED25519, true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  const raw = new Uint8Array(
    await crypto.subtle.exportKey("raw", pair.publicKey),
  );
  return await roomKeyOf(pair.privateKey, raw);
}

/**
 * The {@linkcode RoomKey} of a private key and its raw public key (tests
 * make keys from a seed this way, to know a room's id in advance).
 *
 * @example
 * ```ts
 * import { roomKeyOf } from "./room_key.ts";
 * const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
 *   "sign",
 *   "verify",
 * ]) as CryptoKeyPair;
 * const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
 * (await roomKeyOf(pair.privateKey, raw)).id.length; // 32
 * ```
 */
export async function roomKeyOf(
  privateKey: CryptoKey,
  publicRaw: Uint8Array,
): Promise<RoomKey> {
  const publicKey = toBase64Url(publicRaw);
  const id = await roomIdOf(publicKey);
  if (id === null) {
    throw new TypeError("an Ed25519 public key has 32 bytes");
  }
  return {
    id,
    publicKey,
    fingerprint: fingerprintOf(id),
    sign: async (data) =>
      toBase64Url(
        new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, data)),
      ),
    exportPrivate: async () =>
      toBase64Url(
        new Uint8Array(await crypto.subtle.exportKey("pkcs8", privateKey)),
      ),
  };
}

/**
 * The {@linkcode RoomKey} of an exported private key (PKCS#8, base64url)
 * and its raw public key (base64url): a deputy taking a room over signs as
 * the same room. Throws a `TypeError` when they are malformed or do not
 * belong together.
 *
 * @example
 * ```ts
 * import { createRoomKey, importRoomKey } from "./room_key.ts";
 * const key = await createRoomKey();
 * const again = await importRoomKey(await key.exportPrivate(), key.publicKey);
 * again.id === key.id; // true
 * ```
 *
 * @param privatePkcs8 from {@linkcode RoomKey.exportPrivate}
 * @param publicKey the room's raw public key, base64url
 */
export async function importRoomKey(
  privatePkcs8: string,
  publicKey: string,
): Promise<RoomKey> {
  const der = fromBase64Url(privatePkcs8);
  const raw = fromBase64Url(publicKey);
  if (!der || !raw || raw.length !== 32) {
    throw new TypeError("a room key is PKCS#8 and 32 raw bytes, base64url");
  }
  const privateKey = await crypto.subtle.importKey(
    "pkcs8",
    der,
    ED25519,
    true,
    [
      "sign",
    ],
  );
  const key = await roomKeyOf(privateKey, raw);
  // The two halves must belong together: sign and check once.
  const probe = new TextEncoder().encode("lanplay/1 key check");
  if (!await verifyRoomSignature(key.publicKey, probe, await key.sign(probe))) {
    throw new TypeError(
      "this private key does not match the room's public key",
    );
  }
  return key;
}

/**
 * True when `signature` (base64url) is `publicKey`'s signature of `data`;
 * false for anything malformed.
 *
 * @example
 * ```ts
 * import { verifyRoomSignature } from "./room_key.ts";
 * await verifyRoomSignature("not a key", new Uint8Array(1), "x"); // false
 * ```
 */
export async function verifyRoomSignature(
  publicKey: string,
  data: Uint8Array<ArrayBuffer>,
  signature: string,
): Promise<boolean> {
  const raw = fromBase64Url(publicKey);
  const sig = fromBase64Url(signature);
  if (!raw || raw.length !== 32 || !sig || sig.length !== 64) return false;
  try {
    const key = await crypto.subtle.importKey("raw", raw, ED25519, false, [
      "verify",
    ]);
    return await crypto.subtle.verify(ED25519, key, sig, data);
  } catch {
    return false;
  }
}

/**
 * The bytes a host signs to prove its key on connect: a fixed context and
 * the client's nonce, so the signature cannot be replayed as an ad.
 *
 * @example
 * ```ts
 * import { proofData } from "./room_key.ts";
 * new TextDecoder().decode(proofData("n0nce")); // "lanplay/1 room proof n0nce"
 * ```
 */
export function proofData(nonce: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`lanplay/1 room proof ${nonce}`);
}
