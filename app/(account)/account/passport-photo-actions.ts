"use server";

import { currentUser } from "@/lib/auth/session";
import { readPassportPrefill, type PassportPrefill } from "@/lib/checks/prefill";
import { MAX_UPLOAD_BYTES } from "@/lib/documents/file-type";
import { AppError } from "@/lib/http/errors";

export type PrefillState = { prefill?: PassportPrefill; message?: string };

/** Reads the passport's MRZ from the chosen photo, for the form to offer; nothing is stored. */
export async function readPassportPhotoAction(form: FormData): Promise<PrefillState> {
  if (!(await currentUser())) return { message: "Sign in again to continue." };
  const file = form.get("front");
  if (!(file instanceof File) || file.size === 0) return { message: "Choose the photo page first." };
  if (file.size > MAX_UPLOAD_BYTES) return { message: "This file is larger than 10 MB." };
  try {
    return { prefill: await readPassportPrefill(new Uint8Array(await file.arrayBuffer())) };
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    console.error("readPassportPhoto failed:", error instanceof Error ? error.name : "unknown error");
    return { message: "The photo could not be read just now: type the details instead." };
  }
}
