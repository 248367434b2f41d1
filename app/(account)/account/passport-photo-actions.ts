"use server";

import { userAction } from "@/lib/auth/action";
import { readPassportMrz } from "@/lib/checks/prefill";
import { getDb } from "@/lib/db/client";
import { MAX_UPLOAD_BYTES } from "@/lib/documents/file-type";
import type { ActionState } from "@/lib/http/action-state";

export type PrefillState = ActionState<{ mrz: string }>;

/** Reads the passport's MRZ lines from the chosen photo, for the form to offer; nothing is stored but the person's count of readings. */
export const readPassportPhotoAction = userAction("readPassportPhoto", async (user, form: FormData): Promise<PrefillState> => {
  const file = form.get("front");
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: "Choose the photo page first." };
  if (file.size > MAX_UPLOAD_BYTES) return { ok: false, message: "This file is larger than 10 MB." };
  return { ok: true, mrz: await readPassportMrz(await getDb(), user.id, new Uint8Array(await file.arrayBuffer())) };
});
