import { auditFilterSchema, exportAuditEntries } from "@/lib/audit/query";
import { staffOrNull } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError, errorResponse, logUnexpected } from "@/lib/http/errors";

/** The audit log as JSON lines, newest first, for regulators: each line is one entry with its hashes. */
export async function GET(request: Request) {
  const staff = await staffOrNull("audit.view");
  if (!staff) return errorResponse(new AppError("NOT_FOUND", "Not found."));
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = auditFilterSchema.parse({ action: params.action, actor: params.actor, subject: params.subject });
  const db = await getDb();
  const encoder = new TextEncoder();
  const batches = exportAuditEntries(db, filter);
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) return controller.close();
        const lines = next.value.map((row) => JSON.stringify({ ...row, createdAt: row.createdAt.toISOString() })).join("\n");
        controller.enqueue(encoder.encode(`${lines}\n`));
      } catch (error) {
        logUnexpected(error);
        controller.error(error);
      }
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(stream, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="attest-audit-${stamp}.jsonl"`,
      "Cache-Control": "private, no-store",
    },
  });
}
