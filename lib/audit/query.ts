import "server-only";

import { and, asc, desc, eq, gt, gte, lt, type SQL } from "drizzle-orm";
import { z } from "zod";

import type { DbOrTx } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";

/** The console's view of the audit log: filtered pages, newest first, and the export. */
export const AUDIT_PAGE_SIZE = 50;

// Filters are compared with text columns, which can hold no control characters (PostgreSQL refuses a NUL outright).
const filterValue = z.string().trim().max(100, "At most 100 characters").regex(/^\P{Cc}*$/u, "No control characters");
const optionalFilter = filterValue.optional().transform((v) => v || undefined);

/** The page's filters: a value that cannot be a filter is dropped, so a hand-edited link still shows the log. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()))
  .optional();
export const auditFilterSchema = z.object({
  action: optionalFilter.catch(undefined),
  actor: optionalFilter.catch(undefined),
  subject: optionalFilter.catch(undefined),
  partner: z.coerce.number().int().positive().optional().catch(undefined),
  /** Inclusive UTC days. */
  from: day.catch(undefined),
  to: day.catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
/** The export's filters are refused rather than dropped: a dropped filter would silently widen the export. */
export const auditExportFilterSchema = z.object({ action: optionalFilter, actor: optionalFilter, subject: optionalFilter });
export type AuditFilter = z.infer<typeof auditFilterSchema>;
export type AuditRow = typeof auditLog.$inferSelect;
/** What the page and the export both filter on. */
type EntryFilter = { action?: string; actor?: string; subject?: string; partner?: number; from?: string; to?: string };

function conditions(filter: EntryFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.actor) where.push(eq(auditLog.actorId, filter.actor));
  if (filter.subject) where.push(eq(auditLog.subjectUserId, filter.subject));
  if (filter.partner) where.push(eq(auditLog.partnerOcid, filter.partner));
  if (filter.from) where.push(gte(auditLog.createdAt, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) where.push(lt(auditLog.createdAt, new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 24 * 3_600_000)));
  return where;
}

export async function listAuditEntries(db: DbOrTx, filter: AuditFilter): Promise<{ entries: AuditRow[]; nextBefore: number | null }> {
  const where = conditions(filter);
  if (filter.before) where.push(lt(auditLog.id, filter.before));
  const rows = await db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.id)).limit(AUDIT_PAGE_SIZE + 1);
  const entries = rows.slice(0, AUDIT_PAGE_SIZE);
  return { entries, nextBefore: rows.length > AUDIT_PAGE_SIZE ? entries[entries.length - 1]!.id : null };
}

/**
 * Batches of entries oldest first (ascending id), for the JSON-lines export: each line
 * carries its leaf index, so a reader can recompute the leaves and check them with proofs.
 */
export async function* exportAuditEntries(db: DbOrTx, filter: EntryFilter, batchSize = 1000): AsyncGenerator<AuditRow[]> {
  let after = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(and(...conditions(filter), gt(auditLog.id, after))).orderBy(asc(auditLog.id)).limit(batchSize);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
  }
}

export async function getAuditEntry(db: DbOrTx, id: number): Promise<AuditRow | null> {
  const [row] = await db.select().from(auditLog).where(eq(auditLog.id, id));
  return row ?? null;
}
