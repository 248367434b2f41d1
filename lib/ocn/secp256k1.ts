import { createHash, randomBytes } from "node:crypto";

import * as ecc from "tiny-secp256k1";

import { BoundedCache } from "@/lib/state/bounded-cache";

/*
 * OCN signatures (SPEC §2): ECDSA on secp256k1 over SHA-256 of the UTF-8 message, with no
 * Ethereum prefix. We emit one encoding (130 lowercase hex r‖s‖v, low-S, v = 1b/1c) and
 * accept the others partners are known to send. tiny-secp256k1 is libsecp256k1 compiled
 * to WASM: constant-time signing and the fastest verification measured here.
 */

const PRIVATE_KEY_HEX = /^[0-9a-fA-F]{64}$/;
const SIGNATURE_HEX = /^[0-9a-fA-F]{128}(?:[0-9a-fA-F]{2})?$/;
const PUBLIC_KEY_HEX = /^(?:[0-9a-fA-F]{128}|04[0-9a-fA-F]{128}|0[23][0-9a-fA-F]{64})$/;
/** v as Ethereum writes it (27/28, plus 29/30 for the never-seen r ≥ n case) or as a bare recovery id. */
const ACCEPTED_V = new Set(["00", "01", "02", "03", "1b", "1c", "1d", "1e"]);

// A provider talks to a few partners and holds one key of its own; 256 is plenty.
const publicKeys = new BoundedCache<string, Uint8Array>(256);
const privateKeys = new BoundedCache<string, { secret: Uint8Array; publicKeyHex: string }>(16);

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function sha256(data: string | Uint8Array): Uint8Array {
  return createHash("sha256").update(data).digest();
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

function loadPrivateKey(privateKeyHex: string): { secret: Uint8Array; publicKeyHex: string } {
  const cached = privateKeys.get(privateKeyHex);
  if (cached) return cached;
  if (typeof privateKeyHex !== "string" || !PRIVATE_KEY_HEX.test(privateKeyHex)) {
    throw new TypeError("secp256k1: a private key is 64 hex characters");
  }
  const secret = Uint8Array.from(Buffer.from(privateKeyHex, "hex"));
  const point = ecc.isPrivate(secret) ? ecc.pointFromScalar(secret, false) : null;
  if (!point) throw new RangeError("secp256k1: private key out of range");
  const loaded = { secret, publicKeyHex: toHex(point.subarray(1)) };
  privateKeys.set(privateKeyHex, loaded);
  return loaded;
}

export function isValidPrivateKey(hex: string): boolean {
  return typeof hex === "string" && PRIVATE_KEY_HEX.test(hex) && ecc.isPrivate(Buffer.from(hex, "hex"));
}

export function generatePrivateKey(): string {
  for (;;) {
    // Rejection sampling: a random 32-byte value is ≥ n with probability ~2^-128.
    const candidate = randomBytes(32);
    if (ecc.isPrivate(candidate)) return candidate.toString("hex");
  }
}

/** 128 lowercase hex: x‖y of the uncompressed point, without the 04 prefix. */
export function publicKeyFromPrivate(privateKeyHex: string): string {
  return loadPrivateKey(privateKeyHex).publicKeyHex;
}

/** The cached, uncompressed (65-byte) form of a public key; callers must not mutate it. */
function loadPublicKey(hex: string): Uint8Array | null {
  if (typeof hex !== "string") return null;
  const cached = publicKeys.get(hex);
  if (cached) return cached;
  if (!PUBLIC_KEY_HEX.test(hex)) return null;
  const bytes = Buffer.from(hex.length === 128 ? `04${hex}` : hex, "hex");
  // isPoint checks the point is on the curve, so a forged "key" never reaches verify.
  if (!ecc.isPoint(bytes)) return null;
  const uncompressed = bytes.length === 65 ? Uint8Array.from(bytes) : ecc.pointCompress(bytes, false);
  publicKeys.set(hex, uncompressed);
  return uncompressed;
}

/**
 * A public key given as 128 hex (x‖y), 130 hex (04‖x‖y) or 66 hex (compressed), any
 * case, normalised to the 65-byte uncompressed encoding; null when malformed or not on
 * the curve.
 */
export function parsePublicKey(hex: string): Uint8Array | null {
  const key = loadPublicKey(hex);
  return key ? Uint8Array.from(key) : null;
}

/** 130 lowercase hex r‖s‖v; libsecp256k1 always produces low-S, and v = 27 + recovery id. */
export function signMessage(message: string | Uint8Array, privateKeyHex: string): string {
  const { secret } = loadPrivateKey(privateKeyHex);
  const digest = sha256(message);
  let { signature, recoveryId } = ecc.signRecoverable(digest, secret);
  // Recovery ids 2 and 3 (r ≥ n) have probability ~2^-127 but would give v outside 1b/1c;
  // re-sign with fresh extra entropy rather than emit an encoding the spec does not allow.
  while (recoveryId > 1) ({ signature, recoveryId } = ecc.signRecoverable(digest, secret, randomBytes(32)));
  return toHex(signature) + (27 + recoveryId).toString(16);
}

const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * Whether `signatureHex` could be a signature at all: an accepted encoding with r and s in
 * [1, n−1]. Checked before anything costly is done for a caller nobody knows yet (an OCN
 * index look-up), so made-up header values are turned away for free.
 */
export function isWellFormedSignature(signatureHex: string): boolean {
  if (typeof signatureHex !== "string" || !SIGNATURE_HEX.test(signatureHex)) return false;
  if (signatureHex.length === 130 && !ACCEPTED_V.has(signatureHex.slice(128).toLowerCase())) return false;
  const r = BigInt(`0x${signatureHex.slice(0, 64)}`);
  const s = BigInt(`0x${signatureHex.slice(64, 128)}`);
  return r > 0n && r < CURVE_ORDER && s > 0n && s < CURVE_ORDER;
}

/**
 * True only for a valid signature by `publicKeyHex` over SHA-256(message). Accepts r‖s or
 * r‖s‖v in either case and high-S signatures (normalised, as other implementations may
 * not enforce low-S). Malformed input of any kind returns false and never throws, so a
 * caller can pass header values straight through.
 */
export function verifyMessage(message: string | Uint8Array, signatureHex: string, publicKeyHex: string): boolean {
  try {
    if (typeof signatureHex !== "string" || !SIGNATURE_HEX.test(signatureHex)) return false;
    if (signatureHex.length === 130 && !ACCEPTED_V.has(signatureHex.slice(128).toLowerCase())) return false;
    const publicKey = loadPublicKey(publicKeyHex);
    if (!publicKey) return false;
    if (typeof message !== "string" && !(message instanceof Uint8Array)) return false;
    const signature = Buffer.from(signatureHex.slice(0, 128), "hex");
    // strict = false: libsecp256k1 normalises a high-S signature before checking it.
    return ecc.verify(sha256(message), publicKey, signature, false);
  } catch {
    // tiny-secp256k1 throws for r or s ≥ n; that is simply an invalid signature.
    return false;
  }
}
