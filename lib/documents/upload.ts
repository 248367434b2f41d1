import "server-only";

import { and, eq, inArray } from "drizzle-orm";

import { recordAudit } from "@/lib/audit/log";
import { revokeCredentialsRelyingOn } from "@/lib/item-changes/relying-credentials";
import type { Db, Tx } from "@/lib/db/client";
import { documents } from "@/lib/db/schema";
import { documentLapsesAt } from "@/lib/items/dates";
import { storeDocument, type DocumentSide } from "@/lib/documents/store";
import { identityDocumentFieldsSchema, proofOfAddressFieldsSchema } from "@/lib/items/document-values";
import { MAX_UPLOAD_BYTES, sniffUploadType, type UploadType } from "@/lib/documents/file-type";
import { getItems, writeItem } from "@/lib/items/store";
import type { DocumentItem } from "@/lib/items/items";
import { compareMrzWithTyped, parsePassportMrz } from "@/lib/documents/mrz";
import type { NameValue } from "@/lib/items/values";
import type { FieldTranslation } from "@/lib/http/errors";
import { fieldTranslatables, validation } from "@/lib/i18n/field-messages";
import { invalidFieldsError } from "@/lib/i18n/person-errors";

export type UploadedFile = { name: string; bytes: Uint8Array };

/** A message per field, as catalogue keys: the person reads them in their language. */
export type UploadProblems = Record<string, FieldTranslation>;

const SIZE_LABEL = `${MAX_UPLOAD_BYTES / 1024 / 1024} MB`;

function checkFile(file: UploadedFile | undefined, field: string, allowed: readonly UploadType[], errors: UploadProblems, required: boolean): UploadType | null {
  if (!file || file.bytes.length === 0) {
    if (required) errors[field] = validation("fileMissing");
    return null;
  }
  if (file.bytes.length > MAX_UPLOAD_BYTES) {
    errors[field] = validation("fileTooLarge", { size: SIZE_LABEL });
    return null;
  }
  const type = sniffUploadType(file.bytes);
  if (!type || !allowed.includes(type)) {
    errors[field] = validation(allowed.includes("application/pdf") ? "fileNotDocument" : "fileNotImage");
    return null;
  }
  return type;
}

const DOCUMENT_TYPES: readonly UploadType[] = ["image/jpeg", "image/png", "application/pdf"];
const IMAGE_TYPES: readonly UploadType[] = ["image/jpeg", "image/png"];

/**
 * What a caller above adds to an upload (the automated checks): problems it found in the files,
 * reported with the form's own, and a step run in the upload's transaction with the stored image ids.
 */
export type UploadHooks = { errors?: UploadProblems; stored?: (tx: Tx, documentIds: string[]) => Promise<void> };

export type DocumentUpload = {
  item: DocumentItem;
  fields: Record<string, unknown>;
  files: Partial<Record<"front" | "back" | "page", UploadedFile>>;
};

/** Images of an item that a new upload replaces: erased, since nothing refers to them any more. */
async function eraseImages(tx: Tx, userId: string, item: DocumentItem | "liveness", keep: string[]): Promise<void> {
  const rows = await tx.select({ id: documents.id }).from(documents).where(and(eq(documents.userId, userId), eq(documents.item, item)));
  const stale = rows.map((r) => r.id).filter((id) => !keep.includes(id));
  if (stale.length > 0) await tx.delete(documents).where(inArray(documents.id, stale));
}

/**
 * An identity document or proof of address with its typed fields. Everything is checked
 * before anything is stored; a valid upload replaces the previous one and waits for a reviewer.
 */
export async function uploadDocument(db: Db, userId: string, upload: DocumentUpload, hooks: UploadHooks = {}): Promise<void> {
  const errors: UploadProblems = { ...hooks.errors };
  const isProof = upload.item === "proof_of_address";
  const schema = isProof ? proofOfAddressFieldsSchema : identityDocumentFieldsSchema;
  const parsed = schema.safeParse(upload.fields);
  if (!parsed.success) Object.assign(errors, fieldTranslatables(parsed.error));

  const sides: [DocumentSide, UploadedFile | undefined, boolean][] = isProof
    ? [["page", upload.files.page, true]]
    : [
        ["front", upload.files.front, true],
        ["back", upload.files.back, false],
      ];
  const types = new Map<DocumentSide, UploadType>();
  for (const [side, file, required] of sides) {
    const type = checkFile(file, side, DOCUMENT_TYPES, errors, required);
    if (type) types.set(side, type);
  }

  let mrz: string | undefined;
  if (upload.item === "passport") {
    const raw = typeof upload.fields.mrz === "string" ? upload.fields.mrz : "";
    const result = parsePassportMrz(raw);
    if (!result.valid) {
      errors.mrz = result.errors;
    } else if (parsed.success && !isProof) {
      const typed = parsed.data as { number: string; country: string; expires_at: string };
      const items = await getItems(db, userId);
      const dob = items.get("date_of_birth")?.value;
      const name = items.get("name")?.value as NameValue | null | undefined;
      const problems = compareMrzWithTyped(result.fields, {
        ...typed,
        ...(typeof dob === "string" && { date_of_birth: dob }),
        ...(name?.last_name && { last_name: name.last_name }),
        ...(name?.first_name && { first_name: name.first_name }),
      });
      if (problems.length > 0) errors.mrz = problems;
      else {
        // A valid MRZ is 88 characters once spacing is gone; stored as the two lines of SPEC §3.
        const compact = raw.toUpperCase().replace(/[^A-Z0-9<]/g, "");
        mrz = `${compact.slice(0, 44)}\n${compact.slice(44)}`;
      }
    }
  }

  if (Object.keys(errors).length > 0 || !parsed.success) throw invalidFieldsError(errors);

  await db.transaction(async (tx) => {
    const images: Record<string, string> = {};
    for (const [side, file] of sides) {
      const contentType = types.get(side);
      if (!file || !contentType) continue;
      images[side] = await storeDocument(tx, { userId, item: upload.item, side, contentType, bytes: file.bytes });
    }
    await eraseImages(tx, userId, upload.item, Object.values(images));
    const fields = parsed.data;
    const value = { ...fields, ...(mrz && { mrz }), images };
    const documentExpiresAt = "expires_at" in fields ? documentLapsesAt(fields.expires_at) : null;
    await writeItem(tx, { userId, item: upload.item, state: "pending", value, action: "user.uploaded", actorId: userId, documentExpiresAt });
    // The document a credential relied on is gone (its images erased); the new one awaits review.
    await revokeCredentialsRelyingOn(tx, userId, upload.item, { type: "user", id: userId });
    await recordAudit(tx, {
      actor: { type: "user", id: userId },
      action: "document.uploaded",
      subjectUserId: userId,
      details: { item: upload.item, files: Object.keys(images).length },
    });
    await hooks.stored?.(tx, Object.values(images));
  });
}

/** The selfie for the liveness check, from the camera or a file; a reviewer compares it later. */
export async function submitSelfie(db: Db, userId: string, file: UploadedFile | undefined, hooks: UploadHooks = {}): Promise<void> {
  const errors: UploadProblems = {};
  const contentType = checkFile(file, "selfie", IMAGE_TYPES, errors, true);
  if (contentType && hooks.errors?.selfie) errors.selfie = hooks.errors.selfie;
  if (!contentType || !file || errors.selfie) throw invalidFieldsError(errors, errors.selfie ?? validation("selfieMissing"));

  await db.transaction(async (tx) => {
    const selfie = await storeDocument(tx, { userId, item: "liveness", side: "selfie", contentType, bytes: file.bytes });
    await eraseImages(tx, userId, "liveness", [selfie]);
    await writeItem(tx, { userId, item: "liveness", state: "pending", value: { images: { selfie } }, action: "user.selfie", actorId: userId });
    await revokeCredentialsRelyingOn(tx, userId, "liveness", { type: "user", id: userId });
    await recordAudit(tx, { actor: { type: "user", id: userId }, action: "document.uploaded", subjectUserId: userId, details: { item: "liveness", files: 1 } });
    await hooks.stored?.(tx, [selfie]);
  });
}
