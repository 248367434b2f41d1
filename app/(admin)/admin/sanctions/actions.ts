"use server";

import { revalidatePath } from "next/cache";

import { staffOrNull } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { replaceSanctionsList, rescreenEveryoneFor } from "@/lib/screening/screen";

export type SanctionsFormState = { ok?: boolean; message?: string };

/** The upload goes through a server action, whose body limit (next.config.ts) caps the file. */
const MAX_LIST_BYTES = 20 * 1024 * 1024;

export async function uploadSanctionsListAction(_previous: SanctionsFormState, form: FormData): Promise<SanctionsFormState> {
  const staff = await staffOrNull("sanctions.manage");
  if (!staff) return { message: "You are not allowed to manage the sanctions list." };
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { message: "Choose a CSV file to upload." };
  if (file.size > MAX_LIST_BYTES) return { message: "This file is larger than 20 MB. Load lists that large with SANCTIONS_LIST at start-up." };
  try {
    const csv = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    const { list, screened, hits } = await replaceSanctionsList(await getDb(), { csv, source: `upload: ${file.name.slice(0, 200)}`, staffId: staff.id });
    revalidatePath("/admin/sanctions");
    return { ok: true, message: `Loaded version ${list.version} with ${list.entryCount} entries. Screened ${screened} people: ${hits} possible match${hits === 1 ? "" : "es"} for review.` };
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    if (error instanceof TypeError) return { message: "The file is not UTF-8 text." };
    console.error("uploadSanctionsList failed:", error instanceof Error ? error.name : "unknown error");
    return { message: "Something went wrong on our side. The list in force has not changed." };
  }
}

export async function rescreenAction(): Promise<SanctionsFormState> {
  const staff = await staffOrNull("sanctions.manage");
  if (!staff) return { message: "You are not allowed to manage the sanctions list." };
  const { screened, hits, list } = await rescreenEveryoneFor(await getDb(), staff.id);
  if (!list) return { message: "No sanctions list is loaded yet." };
  revalidatePath("/admin/sanctions");
  return { ok: true, message: `Screened ${screened} people against version ${list}: ${hits} possible match${hits === 1 ? "" : "es"} for review.` };
}
