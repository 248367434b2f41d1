import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { resetEnvForTests } from "@/lib/env";
import { resetKeysForTests } from "@/lib/keys";
import { signDocumentUrl, verifyDocumentUrl } from "@/lib/documents/urls";

/** SPEC §3: document images only through signed URLs that stop working after DOCUMENT_URL_TTL_SECONDS. */
const ID = "0b7e3c1a-5f2d-4e8b-9a61-3c4d5e6f7a8b";
const saved = { DATA_DIR: process.env.DATA_DIR, DOCUMENT_URL_TTL_SECONDS: process.env.DOCUMENT_URL_TTL_SECONDS };

function restore(name: keyof typeof saved) {
  if (saved[name] === undefined) delete process.env[name];
  else process.env[name] = saved[name];
}

beforeAll(() => {
  // Keys generated for this file only, never into the working directory's data dir.
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "attest-document-urls-"));
  delete process.env.DOCUMENT_URL_TTL_SECONDS;
  resetEnvForTests();
  resetKeysForTests();
});

afterEach(() => {
  delete process.env.DOCUMENT_URL_TTL_SECONDS;
  resetEnvForTests();
});

afterAll(() => {
  restore("DATA_DIR");
  restore("DOCUMENT_URL_TTL_SECONDS");
  resetEnvForTests();
  resetKeysForTests();
});

function parts(url: string, now?: Date) {
  const parsed = new URL(url);
  return { id: parsed.pathname.split("/").pop()!, exp: parsed.searchParams.get("exp"), sig: parsed.searchParams.get("sig"), now };
}

const at = (offsetSeconds: number) => new Date(Date.now() + offsetSeconds * 1000);

describe("signed document URLs", () => {
  it("signs /kyc/documents/{id} with an exp TTL seconds ahead that verifies until exp", () => {
    const now = new Date();
    const url = signDocumentUrl(ID, now);
    const exp = Number(new URL(url).searchParams.get("exp"));
    expect(exp).toBe(Math.floor(now.getTime() / 1000) + 600);
    expect(verifyDocumentUrl(parts(url))).toBe(true);
    expect(verifyDocumentUrl(parts(url, new Date(exp * 1000)))).toBe(true);
    expect(verifyDocumentUrl(parts(url, new Date((exp + 1) * 1000)))).toBe(false);
  });

  it("refuses a correctly signed URL whose exp has passed", () => {
    const url = signDocumentUrl(ID, at(-601));
    expect(verifyDocumentUrl(parts(url))).toBe(false);
    // The same URL was good while it was fresh: only time separates the two answers.
    expect(verifyDocumentUrl(parts(url, at(-300)))).toBe(true);
  });

  it("refuses a correctly signed URL whose exp lies further ahead than the TTL allows", () => {
    expect(verifyDocumentUrl(parts(signDocumentUrl(ID, at(61))))).toBe(false);
    expect(verifyDocumentUrl(parts(signDocumentUrl(ID, at(3600))))).toBe(false);
    // A signer whose clock runs a few seconds ahead is within the skew allowed between instances.
    expect(verifyDocumentUrl(parts(signDocumentUrl(ID, at(30))))).toBe(true);
  });

  it("shortens links already handed out when DOCUMENT_URL_TTL_SECONDS is lowered", () => {
    const issued = signDocumentUrl(ID);
    process.env.DOCUMENT_URL_TTL_SECONDS = "60";
    resetEnvForTests();
    expect(verifyDocumentUrl(parts(issued))).toBe(false);
    expect(verifyDocumentUrl(parts(signDocumentUrl(ID)))).toBe(true);
  });

  it.each([
    { name: "another document's id", change: { id: "0b7e3c1a-5f2d-4e8b-9a61-3c4d5e6f7a8c" } },
    { name: "a later exp", change: (url: ReturnType<typeof parts>) => ({ exp: String(Number(url.exp) + 1) }) },
    { name: "one character of sig changed", change: (url: ReturnType<typeof parts>) => ({ sig: (url.sig![0] === "A" ? "B" : "A") + url.sig!.slice(1) }) },
    { name: "no exp", change: { exp: null } },
    { name: "no sig", change: { sig: null } },
    { name: "exp not a number", change: { exp: "1e12" } },
    { name: "exp negative", change: { exp: "-1" } },
    { name: "exp with 13 digits", change: { exp: "9".repeat(13) } },
    { name: "sig too short", change: (url: ReturnType<typeof parts>) => ({ sig: url.sig!.slice(1) }) },
    { name: "sig in base64 with padding", change: (url: ReturnType<typeof parts>) => ({ sig: `${url.sig}=` }) },
    { name: "id not a UUID", change: { id: "../../etc/passwd" } },
    { name: "id in upper case", change: { id: ID.toUpperCase() } },
  ])("refuses $name, without throwing", ({ change }) => {
    const good = parts(signDocumentUrl(ID));
    const changed = { ...good, ...(typeof change === "function" ? change(good) : change) };
    expect(verifyDocumentUrl(changed)).toBe(false);
  });
});
