/**
 * Only paths on Attest itself may be returned to after sign-in: never an
 * absolute URL, a protocol-relative one ("//evil") or a backslash trick.
 */
export function safeReturnPath(value: string | null | undefined, fallback = "/account"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  try {
    const parsed = new URL(value, "http://attest.invalid");
    if (parsed.origin !== "http://attest.invalid") return fallback;
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return fallback;
  }
}

/** A checked path back to a consent request on Attest, or null: where providing an item may return to. */
export function consentReturnPath(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const path = safeReturnPath(value, "");
  return path.startsWith("/kyc/grant/") ? path : null;
}
