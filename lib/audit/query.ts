import "server-only";

import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { z } from "zod";

import { verifyAuditChain } from "@/lib/audit/log";
import type { DbOrTx } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";

/** The console's view of the audit log: filtered pages, newest first, and the chain check. */
export const AUDIT_PAGE_SIZE = 50;

export const auditFilterSchema = z.object({
  action: z.string().trim().max(100).optional().transform((v) => v || undefined).catch(undefined),
  actor: z.string().trim().max(100).optional().transform((v) => v || undefined).catch(undefined),
  subject: z.string().trim().max(100).optional().transform((v) => v || undefined).catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
export type AuditRow = typeof auditLog.$inferSelect;

function conditions(filter: AuditFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.actor) where.push(eq(auditLog.actorId, filter.actor));
  if (filter.subject) where.push(eq(auditLog.subjectUserId, filter.subject));
  return where;
}

export async function listAuditEntries(db: DbOrTx, filter: AuditFilter): Promise<{ entries: AuditRow[]; nextBefore: number | null }> {
  const where = conditions(filter);
  if (filter.before) where.push(lt(auditLog.id, filter.before));
  const rows = await db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.id)).limit(AUDIT_PAGE_SIZE + 1);
  const entries = rows.slice(0, AUDIT_PAGE_SIZE);
  return { entries, nextBefore: rows.length > AUDIT_PAGE_SIZE ? entries[entries.length - 1]!.id : null };
}

/** Batches of entries oldest first, for the JSON-lines export. */
export async function* exportAuditEntries(db: DbOrTx, filter: AuditFilter, batchSize = 1000): AsyncGenerator<AuditRow[]> {
  let before: number | undefined;
  for (;;) {
    const where = conditions(filter);
    if (before) where.push(lt(auditLog.id, before));
    const rows = await db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.id)).limit(batchSize);
    if (rows.length === 0) return;
    yield rows;
    before = rows[rows.length - 1]!.id;
  }
}

export type ChainCheck = { ok: true; entries: number } | { ok: false; entries: number; reason: string; broken: AuditRow | null; brokenAt: number };

/** Recomputes the chain and, when it breaks, loads the first entry that does not hold. */
export async function checkAuditChain(db: DbOrTx): Promise<ChainCheck> {
  const report = await verifyAuditChain(db);
  if (report.ok) return report;
  const [broken] = await db.select().from(auditLog).where(eq(auditLog.id, report.brokenAt));
  return { ok: false, entries: report.entries, reason: report.reason, brokenAt: report.brokenAt, broken: broken ?? null };
}
