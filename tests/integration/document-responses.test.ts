import { describe, expect, it, vi } from "vitest";

import { GET as accountDocument } from "@/app/(account)/account/documents/[id]/route";
import { GET as adminDocument } from "@/app/(admin)/admin/documents/[id]/route";
import { GET as partnerDocument } from "@/app/kyc/documents/[id]/route";
import { getDb } from "@/lib/db/client";
import { DOCUMENT_POLICY } from "@/lib/http/document-response";
import { storeDocument } from "@/lib/documents/store";
import { signDocumentUrl } from "@/lib/documents/urls";
import { createUser } from "@/tests/support/factories";
import { actAs } from "@/tests/support/request-context";

vi.mock("next/headers", async () => (await import("@/tests/support/request-context")).nextHeaders);

/**
 * Every route that serves an uploaded file answers with the sandbox policy, nosniff and
 * its type from the allow-list, errors included; a PDF (which may carry HTML and script)
 * only as a download.
 */
const POLYGLOT = Buffer.from("%PDF-1.7\n<html><script>alert(document.domain)</script></html>\n%%EOF");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

async function setUp() {
  const db = await getDb();
  const owner = await createUser();
  const staff = await createUser({ role: "reviewer" });
  const pdf = await storeDocument(db, { userId: owner.id, item: "proof_of_address", side: "page", contentType: "application/pdf", bytes: POLYGLOT });
  const png = await storeDocument(db, { userId: owner.id, item: "passport", side: "front", contentType: "image/png", bytes: PNG });
  return { owner, staff, pdf, png };
}

type Route = (id: string) => Promise<Response>;
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const routes = (who: { owner: { id: string }; staff: { id: string } }): [string, () => Promise<void>, Route][] => [
  ["/kyc/documents (signed URL)", async () => actAs(null), (id) => partnerDocument(new Request(signDocumentUrl(id)), params(id))],
  ["/admin/documents", async () => actAs(who.staff.id), (id) => adminDocument(new Request(`http://127.0.0.1/admin/documents/${id}`), params(id))],
  ["/account/documents", async () => actAs(who.owner.id), (id) => accountDocument(new Request(`http://127.0.0.1/account/documents/${id}`), params(id))],
];

function expectSandboxed(response: Response) {
  expect(response.headers.get("content-security-policy")).toBe(DOCUMENT_POLICY);
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("cache-control")).toBe("private, no-store");
}

describe("document responses", () => {
  it("serve a PDF as a download and an image inline, under the sandbox policy, from every route", async () => {
    const who = await setUp();
    for (const [name, signIn, get] of routes(who)) {
      await signIn();
      const pdf = await get(who.pdf);
      expect(pdf.status, name).toBe(200);
      expectSandboxed(pdf);
      expect(pdf.headers.get("content-type"), name).toBe("application/pdf");
      expect(pdf.headers.get("content-disposition"), name).toBe('attachment; filename="document.pdf"');
      expect(Buffer.from(await pdf.arrayBuffer()).equals(POLYGLOT)).toBe(true);

      const png = await get(who.png);
      expectSandboxed(png);
      expect(png.headers.get("content-type"), name).toBe("image/png");
      expect(png.headers.get("content-disposition"), name).toBe("inline");
    }
  });

  it("carry the same policy on their errors", async () => {
    const who = await setUp();
    for (const [name, signIn, get] of routes(who)) {
      await signIn();
      const missing = await get(crypto.randomUUID());
      expect(missing.status, name).toBe(404);
      expectSandboxed(missing);
    }
    await actAs(null);
    const forged = await partnerDocument(new Request(`http://127.0.0.1/kyc/documents/${who.pdf}?exp=1&sig=00`), params(who.pdf));
    expect(forged.status).toBe(403);
    expectSandboxed(forged);
  });

  it("serve a stored type outside the allow-list as opaque bytes to download", async () => {
    const db = await getDb();
    const owner = await createUser();
    const id = await storeDocument(db, { userId: owner.id, item: "passport", side: "front", contentType: "text/html", bytes: Buffer.from("<script>1</script>") });
    await actAs(owner.id);
    const response = await accountDocument(new Request(`http://127.0.0.1/account/documents/${id}`), params(id));
    expectSandboxed(response);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment/);
  });
});
