import { createHash, randomBytes } from "node:crypto";

/** API keys are stored only as their SHA-256; the key itself is shown once, at creation. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export type ApiKeyMode = "live" | "test";

/** 32 random bytes after the prefix: unguessable, and the prefix tells people which mode they hold. */
export function generateApiKey(mode: ApiKeyMode): string {
  return `sk_${mode}_${randomBytes(32).toString("base64url")}`;
}

/** What the console shows of a key: enough to recognise it, not to use it. */
export function apiKeyLabel(key: string): string {
  const prefix = key.startsWith("sk_live_") ? "sk_live_" : key.startsWith("sk_test_") ? "sk_test_" : "";
  return `${key.slice(0, prefix.length + 4)}…${key.slice(-4)}`;
}

export function looksLikeApiKey(value: string): boolean {
  return /^sk_(live|test)_[A-Za-z0-9_-]{8,200}$/.test(value);
}
