import "server-only";

import type { Db } from "@/lib/db/client";
import { sniffUploadType } from "@/lib/documents/file-type";
import { submitSelfie, uploadDocument, type DocumentUpload, type UploadedFile, type UploadHooks, type UploadProblems } from "@/lib/documents/upload";
import { getEnv } from "@/lib/env";
import { validation } from "@/lib/i18n/field-messages";

import { enqueueChecks, isCheckedItem, nudgeChecks, type CheckedItem } from "./queue";
import { assessQuality, type ImageKind } from "./quality";

/**
 * Uploads as the person's forms make them. With the automated checks on, an image they could not
 * use is refused at once, saying what to fix, and a stored upload is queued for the checks in its
 * own transaction; with CHECKS=off these are the plain uploads, left to reviewers.
 */
async function qualityErrors(files: [string, UploadedFile | undefined][], kind: ImageKind): Promise<UploadProblems> {
  const errors: UploadProblems = {};
  for (const [field, file] of files) {
    const type = file ? sniffUploadType(file.bytes) : null;
    if (!file || !type?.startsWith("image/")) continue;
    try {
      const problems = await assessQuality(file.bytes, kind);
      if (problems.length > 0) errors[field] = problems;
    } catch {
      errors[field] = validation("imageUnreadable");
    }
  }
  return errors;
}

function hooksFor(userId: string, item: CheckedItem, errors: UploadProblems): UploadHooks {
  return { errors, stored: (tx, documentIds) => enqueueChecks(tx, { userId, item, documentIds: [...documentIds].sort() }) };
}

export async function uploadDocumentChecked(db: Db, userId: string, upload: DocumentUpload): Promise<void> {
  const { item } = upload;
  if (!getEnv().checks || !isCheckedItem(item)) return uploadDocument(db, userId, upload);
  const errors = await qualityErrors([["front", upload.files.front], ["back", upload.files.back]], "document");
  await uploadDocument(db, userId, upload, hooksFor(userId, item, errors));
  nudgeChecks();
}

export async function submitSelfieChecked(db: Db, userId: string, file: UploadedFile | undefined): Promise<void> {
  if (!getEnv().checks) return submitSelfie(db, userId, file);
  await submitSelfie(db, userId, file, hooksFor(userId, "liveness", await qualityErrors([["selfie", file]], "selfie")));
  nudgeChecks();
}
