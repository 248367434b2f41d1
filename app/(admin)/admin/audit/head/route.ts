import { latestTreeHead, toSignedTreeHead } from "@/lib/transparency/tree";
import { staffOrNull } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError, errorResponse } from "@/lib/http/errors";

const PRIVATE = { "Cache-Control": "private, no-store" };

/**
 * The latest signed tree head as a JSON file, for an auditor to keep outside Attest: pasted
 * back later, it gets a consistency proof showing the log only grew since.
 */
export async function GET() {
  try {
    if (!(await staffOrNull("audit.view"))) throw new AppError("NOT_FOUND", "Not found.");
    const head = await latestTreeHead(await getDb());
    if (!head) throw new AppError("NOT_FOUND", "The log has no signed tree head yet.");
    const signed = toSignedTreeHead(head);
    return new Response(`${JSON.stringify(signed, null, 2)}\n`, {
      headers: { ...PRIVATE, "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="attest-audit-head-${signed.size}.json"` },
    });
  } catch (error) {
    return errorResponse(error, PRIVATE);
  }
}
