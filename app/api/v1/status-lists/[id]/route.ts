import { statusListIdSchema } from "@/lib/credentials/api-schemas";
import { getStatusList, signedStatusListCredential, STATUS_LIST_CACHE_CONTROL } from "@/lib/credentials/status-list";
import { getDb } from "@/lib/db/client";
import { AppError, errorResponse } from "@/lib/http/errors";

/** The Bitstring Status List credential as a VC-JWT; verifiers may cache it for a minute. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const list = statusListIdSchema.safeParse(id).success ? await getStatusList(await getDb(), id) : null;
    if (!list) throw new AppError("NOT_FOUND", "No such status list");
    return new Response(await signedStatusListCredential(list), {
      headers: { "Content-Type": "application/jwt", "Cache-Control": STATUS_LIST_CACHE_CONTROL },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
