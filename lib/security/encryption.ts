import "server-only";

import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

import { getKeys } from "@/lib/keys";

/**
 * Personal data at rest (SPEC §2): AES-256-GCM with a fresh 96-bit IV per
 * value. The purpose string is bound as additional data, so a ciphertext
 * copied into another column or row kind fails to decrypt instead of
 * silently reading as something else. The first byte names the format: 1 for
 * a purpose naming a column or kind, 2 for one that also names the owner (a
 * person's identity item), which a reader of owned values insists on.
 */
type Version = 1 | 2;
const VERSION: Version = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function encryptBytes(plain: Uint8Array, purpose: string, version: Version = VERSION): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", getKeys().dataKeys.encryption, iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.from([version]), iv, cipher.getAuthTag(), body]);
}

/** The format byte of a sealed text value, without decrypting it. */
export function sealedVersion(sealed: string): number | undefined {
  return Buffer.from(sealed.slice(0, 4), "base64")[0];
}

export function decryptBytes(sealed: Uint8Array, purpose: string, version: Version = VERSION): Buffer {
  const data = Buffer.from(sealed);
  if (data[0] !== version || data.length < 1 + IV_BYTES + TAG_BYTES) throw new Error("unsupported ciphertext");
  const iv = data.subarray(1, 1 + IV_BYTES);
  const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", getKeys().dataKeys.encryption, iv);
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** Text fields are stored as base64 of the sealed bytes. */
export function encryptText(plain: string, purpose: string, version: Version = VERSION): string {
  return encryptBytes(Buffer.from(plain, "utf8"), purpose, version).toString("base64");
}

export function decryptText(sealed: string, purpose: string, version: Version = VERSION): string {
  return decryptBytes(Buffer.from(sealed, "base64"), purpose, version).toString("utf8");
}

export function encryptJson(value: unknown, purpose: string, version: Version = VERSION): string {
  return encryptText(JSON.stringify(value), purpose, version);
}

export function decryptJson<T = unknown>(sealed: string, purpose: string, version: Version = VERSION): T {
  return JSON.parse(decryptText(sealed, purpose, version)) as T;
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
