import { z } from "zod";

import { withStaff } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { parseJsonBody } from "@/lib/http/json-body";
import { decideItem } from "@/lib/review/decide";
import { decisionSchema } from "@/lib/review/schemas";

/**
 * The same decision as the case page's buttons, as JSON, for tools and tests.
 * Cookie-authenticated, so the guard takes it only from this origin.
 */
export const POST = withStaff<{ userId: string }>("items.decide", async ({ request, user, params }) => {
  if (!request.headers.get("content-type")?.startsWith("application/json")) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send JSON.");
  const userId = z.uuid().safeParse(params.userId);
  if (!userId.success) throw new AppError("NOT_FOUND", "No such case.");
  const body = await parseJsonBody(request, decisionSchema);
  return Response.json(await decideItem(await getDb(), user.id, userId.data, body));
});
