import "server-only";

import { sniffUploadType } from "@/lib/documents/file-type";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";

import { analyseInThread } from "./pool";
import { assessQuality } from "./quality";

/**
 * Reads the MRZ off a passport photo for the form, as its two lines: the form maps them to its
 * fields exactly as it maps a typed zone. The models run in the checks thread, so the server
 * keeps answering others meanwhile; only a zone whose check digits hold is offered.
 */
export async function readPassportMrz(bytes: Uint8Array): Promise<string> {
  if (!getEnv().checks) throw new AppError("CONFLICT", "Reading the photo is not available here: type the details instead.");
  if (!sniffUploadType(bytes)?.startsWith("image/")) throw new AppError("INVALID_REQUEST", "Choose a JPEG or PNG photo of the passport's photo page.", { field: "front" });
  const { problems } = await assessQuality(bytes, "document");
  if (problems.length > 0) throw new AppError("INVALID_REQUEST", `${problems.join(". ")}.`, { field: "front" });
  const { mrz } = await analyseInThread(bytes, "document", { passport: true, today: new Date() });
  if (!mrz?.lines || !mrz.valid || !mrz.fields) {
    throw new AppError("INVALID_REQUEST", "The machine-readable zone could not be read from this photo: photograph the whole page, flat and in focus, or type the details.", { field: "front" });
  }
  return mrz.lines.join("\n");
}
