import "server-only";

import { asc, eq } from "drizzle-orm";
import { z } from "zod";

import { recordAudit } from "@/lib/audit/log";
import { assertStaffMay } from "@/lib/auth/acting-staff";
import type { Db, DbOrTx } from "@/lib/db/client";
import { partners } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";
import { rateLimitPerMinuteSchema } from "@/lib/http/rate-limit-schema";
import { ITEMS } from "@/lib/items/items";
import { fetchPartnerMetadata, forgetPartner, forgetPartnerMetadata, isAllowedMetadataUrl } from "@/lib/ocn/partners";

/**
 * Staff's register of partners (SPEC §7). A partner is saved only after its
 * metadata has been fetched afresh and its signature checked, so a typo in
 * the URL or a key that does not sign is caught by the person typing it.
 */
const origin = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value.replace(/\/$/, "");
    } catch {
      return false;
    }
  }, "Each callback origin is scheme://host[:port], without a path")
  .transform((value) => value.replace(/\/$/, ""));

export const partnerSchema = z.object({
  ocid: z.coerce.number({ error: "OCID is a number" }).int("OCID is a whole number").positive("OCID is positive").max(2_147_483_647),
  name: z.string().trim().min(1, "Enter the partner's name").max(200),
  metadataUrl: z.string().trim().refine(isAllowedMetadataUrl, "The metadata URL must be https (http only to localhost outside production)"),
  callbackOrigins: z.array(origin).max(20),
  allowedGrants: z.array(z.enum(ITEMS)).min(1, "Allow at least one grant"),
  fullDocumentNumbers: z.boolean(),
  retentionNote: z.string().trim().max(2000).transform((value) => value || null),
  // Only the purposes staff filled in are kept; an empty field means "not stated".
  itemPurposes: z
    .partialRecord(z.enum(ITEMS), z.string().trim().max(300, "A stated purpose has at most 300 characters"))
    .transform((purposes) => Object.fromEntries(Object.entries(purposes).filter(([, text]) => text))),
  rateLimitPerMinute: rateLimitPerMinuteSchema,
});
export type PartnerInput = z.infer<typeof partnerSchema>;

/** Reads the partner form: callback origins one per line, grants as checkboxes. */
export function partnerFormValues(form: FormData): unknown {
  const text = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : "");
  return {
    ocid: text("ocid"),
    name: text("name"),
    metadataUrl: text("metadataUrl"),
    callbackOrigins: text("callbackOrigins").split(/\s+/).filter(Boolean),
    allowedGrants: form.getAll("allowedGrants"),
    fullDocumentNumbers: form.get("fullDocumentNumbers") === "on",
    retentionNote: text("retentionNote"),
    itemPurposes: Object.fromEntries(ITEMS.map((item) => [item, text(`purpose_${item}`)])),
    rateLimitPerMinute: text("rateLimitPerMinute"),
  };
}

export type PartnerRow = typeof partners.$inferSelect;

export async function listPartners(db: DbOrTx): Promise<PartnerRow[]> {
  return db.select().from(partners).orderBy(asc(partners.ocid));
}

export async function getPartner(db: DbOrTx, ocid: number): Promise<PartnerRow | null> {
  const [row] = await db.select().from(partners).where(eq(partners.ocid, ocid));
  return row ?? null;
}

export async function savePartner(db: Db, adminId: string, input: PartnerInput, mode: "register" | "update"): Promise<void> {
  // Checked before the fetch too, so nobody else can make Attest call out to an address of their choosing.
  await assertStaffMay(db, adminId, "partners.manage");
  await fetchPartnerMetadata(input.metadataUrl, { fresh: true });
  const values = {
    name: input.name,
    metadataUrl: input.metadataUrl,
    callbackOrigins: input.callbackOrigins,
    // null means "every grant", so an item added later is not silently withheld from a partner allowed everything.
    allowedGrants: input.allowedGrants.length === ITEMS.length ? null : input.allowedGrants,
    fullDocumentNumbers: input.fullDocumentNumbers,
    retentionNote: input.retentionNote,
    itemPurposes: input.itemPurposes,
    rateLimitPerMinute: input.rateLimitPerMinute,
    source: "registered" as const,
    updatedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await assertStaffMay(tx, adminId, "partners.manage");
    const before = await getPartner(tx, input.ocid);
    if (mode === "register" && before) throw new AppError("CONFLICT", `Partner ${input.ocid} is already registered; edit it instead.`);
    if (mode === "update" && !before) throw new AppError("NOT_FOUND", `Partner ${input.ocid} is not registered.`);
    if (before) await tx.update(partners).set(values).where(eq(partners.ocid, input.ocid));
    else await tx.insert(partners).values({ ocid: input.ocid, ...values });
    const changed = before ? (Object.keys(values) as (keyof typeof values)[]).filter((key) => key !== "updatedAt" && JSON.stringify(before[key]) !== JSON.stringify(values[key])) : [];
    await recordAudit(tx, {
      actor: { type: "staff", id: adminId },
      action: before ? "partner.updated" : "partner.registered",
      partnerOcid: input.ocid,
      details: before ? { changed } : { metadataUrl: input.metadataUrl },
    });
  });
  forgetPartnerMetadata(input.metadataUrl);
  forgetPartner(input.ocid);
}

export async function setPartnerStatus(db: Db, adminId: string, ocid: number, status: "active" | "suspended"): Promise<void> {
  await db.transaction(async (tx) => {
    await assertStaffMay(tx, adminId, "partners.manage");
    const [row] = await tx.update(partners).set({ status, updatedAt: new Date() }).where(eq(partners.ocid, ocid)).returning({ ocid: partners.ocid });
    if (!row) throw new AppError("NOT_FOUND", `Partner ${ocid} is not registered.`);
    await recordAudit(tx, { actor: { type: "staff", id: adminId }, action: status === "suspended" ? "partner.suspended" : "partner.reactivated", partnerOcid: ocid });
  });
  forgetPartner(ocid);
}
