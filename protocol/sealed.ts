/**
 * Sealed replicas for host migration: the host and a deputy each hold an
 * X25519 key pair; the shared secret (X25519 then HKDF-SHA256) keys
 * AES-256-GCM, so a replica of the room (token hashes, the room's private
 * key, the PIN) crosses the LAN unreadable to anyone else.
 *
 * Pure over WebCrypto: no socket, no clock.
 *
 * @module
 */
import { CodedError } from "./errors.ts";

const X25519 = { name: "X25519" } as const;
const INFO = new TextEncoder().encode("lanplay/1 replica");
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A sealed replica could not be opened (wrong key, altered, not JSON). */
export class SealError extends CodedError {
  /**
   * @param message what went wrong
   */
  constructor(message: string) {
    super(
      "bad_replica",
      `${message}. The replica is ignored; the next one may open.`,
      {},
    );
    this.name = "SealError";
  }
}

/** One side's X25519 key pair. */
export interface SealKeys {
  /** The raw public key, base64url (43 characters): `hello.deputy`, `deputy.key`. */
  readonly publicKey: string;
  /** The private half (not extractable). */
  readonly privateKey: CryptoKey;
}

/** Bytes as base64url without padding. */
function b64url(bytes: Uint8Array): string {
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true });
}

/** base64url to bytes, or null when malformed. */
function unb64url(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    return Uint8Array.fromBase64(text, { alphabet: "base64url" });
  } catch {
    return null;
  }
}

/**
 * A fresh X25519 key pair.
 *
 * @example
 * ```ts
 * import { sealKeys } from "./sealed.ts";
 * (await sealKeys()).publicKey.length; // 43
 * ```
 */
export async function sealKeys(): Promise<SealKeys> {
  const pair = await crypto.subtle.generateKey(X25519, false, [
    "deriveBits",
  ]) as CryptoKeyPair;
  const raw = new Uint8Array(
    await crypto.subtle.exportKey("raw", pair.publicKey),
  );
  return { publicKey: b64url(raw), privateKey: pair.privateKey };
}

/**
 * The AES-256-GCM key `mine` shares with the holder of `theirs` (a raw
 * X25519 public key, base64url). Both sides get the same key.
 *
 * @example
 * ```ts
 * import { sealKeys, sharedKey, seal, unseal } from "./sealed.ts";
 * const host = await sealKeys(), deputy = await sealKeys();
 * const box = await seal(await sharedKey(host, deputy.publicKey), { score: 3 });
 * await unseal(await sharedKey(deputy, host.publicKey), box); // { score: 3 }
 * ```
 *
 * @param mine this side's keys
 * @param theirs the other side's public key
 */
export async function sharedKey(
  mine: SealKeys,
  theirs: string,
): Promise<CryptoKey> {
  const raw = unb64url(theirs);
  if (raw === null || raw.length !== 32) {
    throw new SealError("That X25519 public key is not 32 bytes of base64url");
  }
  const pub = await crypto.subtle.importKey("raw", raw, X25519, false, []);
  const bits = await crypto.subtle.deriveBits(
    { name: "X25519", public: pub },
    mine.privateKey,
    256,
  );
  const hkdf = await crypto.subtle.importKey("raw", bits, "HKDF", false, [
    "deriveKey",
  ]);
  return await crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: INFO },
    hkdf,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/** A sealed value: the nonce and the ciphertext, base64url. */
export interface Sealed {
  /** The 12-byte AES-GCM nonce. */
  iv: string;
  /** The ciphertext with its tag. */
  data: string;
}

/**
 * Seals `value` (as JSON) with `key`, a fresh random nonce each time.
 *
 * @example
 * ```ts
 * import { sealKeys, sharedKey, seal } from "./sealed.ts";
 * const a = await sealKeys(), b = await sealKeys();
 * (await seal(await sharedKey(a, b.publicKey), "hi")).iv.length; // 16
 * ```
 *
 * @param key from {@linkcode sharedKey}
 * @param value any JSON-safe value
 */
export async function seal(key: CryptoKey, value: unknown): Promise<Sealed> {
  return await sealJson(key, JSON.stringify(value));
}

/**
 * Like {@linkcode seal}, for a value already turned into JSON text (one
 * snapshot sealed for several deputies is stringified once).
 *
 * @example
 * ```ts
 * import { sealKeys, sharedKey, sealJson, unseal } from "./sealed.ts";
 * const a = await sealKeys(), b = await sealKeys();
 * const box = await sealJson(await sharedKey(a, b.publicKey), '{"n":1}');
 * await unseal(await sharedKey(b, a.publicKey), box); // { n: 1 }
 * ```
 *
 * @param key from {@linkcode sharedKey}
 * @param json JSON text
 */
export async function sealJson(key: CryptoKey, json: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: "AES-GCM", iv },
      key,
      encoder.encode(json),
    ),
  );
  return { iv: b64url(iv), data: b64url(data) };
}

/**
 * Opens what {@linkcode seal} made; throws {@linkcode SealError} when the
 * key is wrong, the data altered or not JSON.
 *
 * @example
 * ```ts
 * import { sealKeys, sharedKey, seal, unseal } from "./sealed.ts";
 * const a = await sealKeys(), b = await sealKeys(), c = await sealKeys();
 * const box = await seal(await sharedKey(a, b.publicKey), [1, 2]);
 * await unseal(await sharedKey(c, a.publicKey), box).catch((e) => e.code); // "bad_replica"
 * ```
 *
 * @param key from {@linkcode sharedKey}
 * @param sealed what the other side sealed
 */
export async function unseal(key: CryptoKey, sealed: Sealed): Promise<unknown> {
  const iv = unb64url(sealed.iv);
  const data = unb64url(sealed.data);
  if (iv === null || iv.length !== 12 || data === null) {
    throw new SealError("The replica's nonce or data is not base64url");
  }
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv }, key, data);
  } catch {
    throw new SealError("The replica does not open with this deputy's key");
  }
  try {
    return JSON.parse(decoder.decode(plain));
  } catch {
    throw new SealError("The replica is not JSON");
  }
}
