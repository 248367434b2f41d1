import { entryLeafHash } from "@/lib/audit/log";
import { auditExportFilterSchema, exportAuditEntries, type AuditRow } from "@/lib/audit/query";
import { withStaff } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { invalidRequest, logUnexpected } from "@/lib/http/errors";

const PRIVATE = { "Cache-Control": "private, no-store" };
// The leaf hash is what the tree holds for the entry: an auditor recomputes it from the line and checks it with a proof.
const line = (row: AuditRow) => JSON.stringify({ ...row, createdAt: row.createdAt.toISOString(), leafHash: entryLeafHash(row).toString("hex") });

/**
 * The audit log as JSON lines, oldest first, for regulators: each line is one
 * entry with its leaf index and leaf hash (null index: not yet in the tree).
 */
export const GET = withStaff(
  "audit.view",
  async ({ request }) => {
    const params = new URL(request.url).searchParams;
    const filter = auditExportFilterSchema.safeParse({
      action: params.get("action") ?? undefined,
      actor: params.get("actor") ?? undefined,
      subject: params.get("subject") ?? undefined,
    });
    if (!filter.success) throw invalidRequest(filter.error, "query");
    const batches = exportAuditEntries(await getDb(), filter.data);
    // Read before answering, so a failure here is an error response rather than a download cut short.
    const first = await batches.next();
    const encoder = new TextEncoder();
    const encode = (rows: AuditRow[]) => encoder.encode(`${rows.map(line).join("\n")}\n`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        if (first.done) controller.close();
        else controller.enqueue(encode(first.value));
      },
      async pull(controller) {
        try {
          const next = await batches.next();
          if (next.done) return controller.close();
          controller.enqueue(encode(next.value));
        } catch (error) {
          logUnexpected(error);
          controller.error(error);
        }
      },
    });
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
    return new Response(stream, {
      headers: {
        ...PRIVATE,
        "Content-Type": "application/x-ndjson; charset=utf-8",
        "Content-Disposition": `attachment; filename="attest-audit-${stamp}.jsonl"`,
      },
    });
  },
  { headers: PRIVATE },
);
