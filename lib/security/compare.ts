import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Constant-time equality for secrets of any length: both sides are hashed
 * first so the comparison never leaks length or position of a difference.
 */
export function secretsEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const digest = (value: string | Uint8Array) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export function sha256Base64Url(value: string | Uint8Array): string {
  return createHash("sha256").update(value).digest("base64url");
}
