import "server-only";

import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

import { getKeys } from "@/lib/keys";

/**
 * Personal data at rest (SPEC §2): AES-256-GCM with a fresh 96-bit IV per
 * value. The purpose string is bound as additional data, so a ciphertext
 * copied into another column or row kind fails to decrypt instead of
 * silently reading as something else.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function encryptBytes(plain: Uint8Array, purpose: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", getKeys().dataKeys.encryption, iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

export function decryptBytes(sealed: Uint8Array, purpose: string): Buffer {
  const data = Buffer.from(sealed);
  if (data[0] !== VERSION || data.length < 1 + IV_BYTES + TAG_BYTES) throw new Error("unsupported ciphertext");
  const iv = data.subarray(1, 1 + IV_BYTES);
  const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", getKeys().dataKeys.encryption, iv);
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** Text fields are stored as base64 of the sealed bytes. */
export function encryptText(plain: string, purpose: string): string {
  return encryptBytes(Buffer.from(plain, "utf8"), purpose).toString("base64");
}

export function decryptText(sealed: string, purpose: string): string {
  return decryptBytes(Buffer.from(sealed, "base64"), purpose).toString("utf8");
}

export function encryptJson(value: unknown, purpose: string): string {
  return encryptText(JSON.stringify(value), purpose);
}

export function decryptJson<T = unknown>(sealed: string, purpose: string): T {
  return JSON.parse(decryptText(sealed, purpose)) as T;
}

/**
 * Blind index for equality look-ups (email, phone) and comparisons (who a screening was
 * about) without storing the value: a keyed HMAC of the normalised value, namespaced by
 * kind. A screened identity comes already normalised by the screening.
 */
export function blindIndex(kind: "email" | "phone" | "screened_identity", value: string): string {
  const normalised = kind === "email" ? value.trim().toLowerCase() : kind === "phone" ? value.replace(/[^\d+]/g, "") : value;
  return createHmac("sha256", getKeys().dataKeys.blindIndex).update(`${kind}:${normalised}`).digest("base64url");
}
