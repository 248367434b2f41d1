import { createHash } from "node:crypto";

/** API keys are stored only as their SHA-256; the key itself is shown once, at creation. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}
