import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("@/tests/support/request-context")).nextHeaders);

import { GET as accountDocument } from "@/app/(account)/account/documents/[id]/route";
import { GET as itemStatus } from "@/app/(account)/account/items/[item]/status/route";
import { GET as receiptDownload } from "@/app/(account)/account/receipts/[id]/download/route";
import { GET as auditExport } from "@/app/(admin)/admin/audit/export/route";
import { POST as postDecision } from "@/app/(admin)/admin/cases/[userId]/decisions/route";
import { GET as adminDocument } from "@/app/(admin)/admin/documents/[id]/route";
import { POST as revokeRoute } from "@/app/api/v1/credentials/[id]/revoke/route";
import { POST as issueRoute } from "@/app/api/v1/issue/route";
import { POST as tokensRoute } from "@/app/api/v1/tokens/route";
import { createAccount, createApiKey } from "@/lib/credentials/accounts";
import { mintBearerToken } from "@/lib/credentials/bearer-tokens";
import { getDb } from "@/lib/db/client";
import { identityItems } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { DOCUMENT_POLICY } from "@/lib/http/document-response";
import { storeDocument } from "@/lib/documents/store";
import { createUser } from "@/tests/support/factories";
import { PNG } from "@/tests/support/identity";
import { actAs, fromOrigin } from "@/tests/support/request-context";

/**
 * One refusal per trust level, in the error envelope: the session guard 401, the staff
 * guard 404 (the console does not exist for outsiders) and 403 for staff whose role lacks the
 * permission, both 403 for a cross-origin write;
 * the bearer and API-key guards 401. (The OCN guard, withPartner, is ocn-auth's subject.)
 */
const url = (pathname: string) => new URL(pathname, getEnv().publicUrl).toString();
const params = <P,>(value: P) => ({ params: Promise.resolve(value) });
const post = (pathname: string, headers: Record<string, string> = {}, body?: unknown) =>
  new Request(url(pathname), { method: "POST", headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });

async function envelope(response: Response) {
  return { status: response.status, body: await response.json() };
}
const refusal = (status: number, code: string) => ({ status, body: { error: { code, message: expect.any(String) } } });

describe("withSession", () => {
  it("answers 401 UNAUTHORIZED to a signed-out browser, on downloads and documents alike", async () => {
    const owner = await createUser();
    const id = await storeDocument(await getDb(), { userId: owner.id, item: "passport", side: "front", contentType: "image/png", bytes: PNG });
    await actAs(null);
    expect(await envelope(await receiptDownload(new Request(url(`/account/receipts/${crypto.randomUUID()}/download`)), params({ id: crypto.randomUUID() })))).toEqual(refusal(401, "UNAUTHORIZED"));
    const document = await accountDocument(new Request(url(`/account/documents/${id}`)), params({ id }));
    // Even the refusal is sandboxed, as every document answer is.
    expect(document.headers.get("content-security-policy")).toBe(DOCUMENT_POLICY);
    expect(await envelope(document)).toEqual(refusal(401, "UNAUTHORIZED"));
  });

  it("answers someone else's document with the same 404 as a missing one", async () => {
    const owner = await createUser();
    const id = await storeDocument(await getDb(), { userId: owner.id, item: "passport", side: "front", contentType: "image/png", bytes: PNG });
    await actAs((await createUser()).id);
    expect(await envelope(await accountDocument(new Request(url(`/account/documents/${id}`)), params({ id })))).toEqual(refusal(404, "NOT_FOUND"));
    expect(await envelope(await accountDocument(new Request(url("/account/documents/x")), params({ id: "x" })))).toEqual(refusal(404, "NOT_FOUND"));
  });

  it("answers the waiting page with the person's own item state only, uncached, and 404 for no such item", async () => {
    const person = await createUser({ items: { passport: { state: "pending" } } });
    const status = (item: string) => itemStatus(new Request(url(`/account/items/${item}/status`)), params({ item }));
    await actAs(null);
    expect(await envelope(await status("passport"))).toEqual(refusal(401, "UNAUTHORIZED"));
    await actAs(person.id);
    const own = await status("passport");
    expect(own.headers.get("cache-control")).toBe("private, no-store");
    expect(await own.json()).toEqual({ item: "passport", state: "pending", updatedAt: expect.any(String) });
    expect(await envelope(await status("nonsense"))).toEqual(refusal(404, "NOT_FOUND"));
    await actAs((await createUser()).id);
    expect(await (await status("passport")).json()).toEqual({ item: "passport", state: "missing", updatedAt: null });
  });

  it("refuses a cross-origin write with 403 FORBIDDEN, and takes one from its own origin or a tool without Origin", async () => {
    await actAs((await createUser()).id);
    expect(await envelope(await tokensRoute(post("/api/v1/tokens", { origin: "https://evil.example" })))).toEqual(refusal(403, "FORBIDDEN"));
    expect((await tokensRoute(post("/api/v1/tokens", { origin: getEnv().publicUrl.origin }))).status).toBe(200);
    expect((await tokensRoute(post("/api/v1/tokens"))).status).toBe(200);
    await actAs(null);
    expect(await envelope(await tokensRoute(post("/api/v1/tokens")))).toEqual(refusal(401, "UNAUTHORIZED"));
  });
});

describe("withStaff", () => {
  const staffRoutes = (documentId: string, userId: string) => [
    ["audit export", () => auditExport(new Request(url("/admin/audit/export")))],
    ["document", () => adminDocument(new Request(url(`/admin/documents/${documentId}`)), params({ id: documentId }))],
    ["decision", () => postDecision(post(`/admin/cases/${userId}/decisions`, {}, { decision: "approve", item: "name" }), params({ userId }))],
  ] as const;

  it.each([["signed out"], ["a person without a role"]])("answers %s with 404 NOT_FOUND", async (who) => {
    const owner = await createUser({ items: { name: { state: "pending", value: { first_name: "A", last_name: "B" } } } });
    const id = await storeDocument(await getDb(), { userId: owner.id, item: "passport", side: "front", contentType: "image/png", bytes: PNG });
    await actAs(who === "signed out" ? null : (await createUser()).id);
    for (const [name, call] of staffRoutes(id, owner.id)) expect(await envelope(await call()), name).toEqual(refusal(404, "NOT_FOUND"));
  });

  it("answers staff whose role lacks the permission with 403 FORBIDDEN, and the item stays pending", async () => {
    const owner = await createUser({ items: { name: { state: "pending", value: { first_name: "A", last_name: "B" } } } });
    await actAs((await createUser({ role: "auditor" })).id);
    const response = await postDecision(post(`/admin/cases/${owner.id}/decisions`, {}, { decision: "approve", item: "name" }), params({ userId: owner.id }));
    expect(await envelope(response)).toEqual(refusal(403, "FORBIDDEN"));
    const [item] = await (await getDb()).select({ state: identityItems.state }).from(identityItems).where(eq(identityItems.userId, owner.id));
    expect(item?.state).toBe("pending");
  });

  it("refuses a reviewer's decision posted from another site with 403 FORBIDDEN", async () => {
    const owner = await createUser({ items: { name: { state: "pending", value: { first_name: "A", last_name: "B" } } } });
    await actAs((await createUser({ role: "reviewer" })).id);
    fromOrigin("https://evil.example");
    const response = await postDecision(post(`/admin/cases/${owner.id}/decisions`, { origin: "https://evil.example" }, { decision: "reject", item: "name", reason: "other" }), params({ userId: owner.id }));
    expect(await envelope(response)).toEqual(refusal(403, "FORBIDDEN"));
  });
});

describe("withBearer and withApiKey", () => {
  it.each([
    ["no Authorization header", {}],
    ["a malformed one", { authorization: "Basic abc" }],
    ["a forged token", { authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl" }],
  ])("the bearer routes answer %s with 401 UNAUTHORIZED", async (_name, headers) => {
    expect(await envelope(await issueRoute(post("/api/v1/issue", headers, { user_ocid: 1, tier: "basic" })))).toEqual(refusal(401, "UNAUTHORIZED"));
    const id = crypto.randomUUID();
    expect(await envelope(await revokeRoute(post(`/api/v1/credentials/${id}/revoke`, headers), params({ id })))).toEqual(refusal(401, "UNAUTHORIZED"));
  });

  it("checks the token before the body: a valid token with a body that is not JSON is a 400, an invalid one a 401", async () => {
    const account = await createAccount(await getDb(), { name: `Guards ${crypto.randomUUID().slice(0, 8)}` }, { type: "system" });
    const { token } = await mintBearerToken({ kind: "account", accountId: account.id });
    const broken = (authorization: string) => new Request(url("/api/v1/issue"), { method: "POST", headers: { authorization }, body: "{" });
    expect(await envelope(await issueRoute(broken(`Bearer ${token}`)))).toEqual({ status: 400, body: { error: { code: "INVALID_REQUEST", message: expect.any(String), details: { field: "body" } } } });
    expect((await issueRoute(broken("Bearer nope"))).status).toBe(401);
  });

  it("the token route answers an unknown API key with 401 and a valid one with a token", async () => {
    await actAs(null);
    expect(await envelope(await tokensRoute(post("/api/v1/tokens", { "x-api-key": "sk_test_nope" })))).toEqual(refusal(401, "UNAUTHORIZED"));
    const account = await createAccount(await getDb(), { name: `Guards ${crypto.randomUUID().slice(0, 8)}` }, { type: "system" });
    const { key } = await createApiKey(await getDb(), account.id, "test", { type: "system" });
    const answer = await tokensRoute(post("/api/v1/tokens", { "x-api-key": key }));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ token_type: "Bearer", token: expect.any(String) });
  });
});
