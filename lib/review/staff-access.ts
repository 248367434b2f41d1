import "server-only";

import { recordAudit } from "@/lib/audit/log";
import type { Db } from "@/lib/db/client";
import type { Item } from "@/lib/items/items";

/**
 * Staff looking at a person's data is itself a data access: the audit log says who opened
 * which case and which document image, and when, as it does for partners.
 */
export type StaffAccess = { what: "case"; subjectUserId: string } | { what: "document"; subjectUserId: string; documentId: string; item: Item };

export async function recordStaffAccess(db: Db, staffId: string, access: StaffAccess): Promise<void> {
  await db.transaction((tx) =>
    recordAudit(tx, {
      actor: { type: "staff", id: staffId },
      action: access.what === "case" ? "case.viewed" : "document.viewed",
      subjectUserId: access.subjectUserId,
      details: access.what === "document" ? { documentId: access.documentId, item: access.item } : {},
    }),
  );
}
