import { clientAddress } from "@/lib/http/client-address";
import { AppError, errorResponse } from "@/lib/http/errors";
import { listMailbox, mayReadMailbox } from "@/lib/mail/mailbox";

/** The development mailbox as JSON, for scripts and browser tests; the page's rule applies. */
export async function GET(request: Request): Promise<Response> {
  if (!mayReadMailbox(clientAddress(request.headers))) return errorResponse(new AppError("NOT_FOUND", "Not found."));
  return Response.json({ messages: await listMailbox() }, { headers: { "Cache-Control": "no-store" } });
}
