"use server";

import { revalidatePath } from "next/cache";

import { staffAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { replaceSanctionsList, rescreenEveryoneFor } from "@/lib/screening/screen";
import type { ActionState } from "@/lib/http/action-state";

/** The upload goes through a server action, whose body limit (next.config.ts) caps the file. */
const MAX_LIST_BYTES = 20 * 1024 * 1024;

export const uploadSanctionsListAction = staffAction("sanctions.manage", "replaceSanctionsList", async (staff, _state: ActionState, form: FormData): Promise<ActionState> => {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: "Choose a CSV file to upload." };
  if (file.size > MAX_LIST_BYTES) return { ok: false, message: "This file is larger than 20 MB. Load lists that large with SANCTIONS_LIST at start-up." };
  let csv: string;
  try {
    csv = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return { ok: false, message: "The file is not UTF-8 text." };
  }
  const { list, screened, hits } = await replaceSanctionsList(await getDb(), { csv, source: `upload: ${file.name.slice(0, 200)}`, staffId: staff.id });
  revalidatePath("/admin/sanctions");
  return { ok: true, message: `Loaded version ${list.version} with ${list.entryCount} entries. Screened ${screened} people: ${hits} possible match${hits === 1 ? "" : "es"} for review.` };
});

export const rescreenAction = staffAction("sanctions.manage", "rescreenEveryone", async (staff): Promise<ActionState> => {
  const { screened, hits, list } = await rescreenEveryoneFor(await getDb(), staff.id);
  if (!list) return { ok: false, message: "No sanctions list is loaded yet." };
  revalidatePath("/admin/sanctions");
  return { ok: true, message: `Screened ${screened} people against version ${list}: ${hits} possible match${hits === 1 ? "" : "es"} for review.` };
});
