import { latestTreeHead, toSignedTreeHead } from "@/lib/transparency/tree";
import { withStaff } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";

const PRIVATE = { "Cache-Control": "private, no-store" };

/**
 * The latest signed tree head as a JSON file, for an auditor to keep outside Attest: pasted
 * back later, it gets a consistency proof showing the log only grew since.
 */
export const GET = withStaff(
  "audit.view",
  async () => {
    const head = await latestTreeHead(await getDb());
    if (!head) throw new AppError("NOT_FOUND", "The log has no signed tree head yet.");
    const signed = toSignedTreeHead(head);
    return new Response(`${JSON.stringify(signed, null, 2)}\n`, {
      headers: { ...PRIVATE, "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="attest-audit-head-${signed.size}.json"` },
    });
  },
  { headers: PRIVATE },
);
