import { z } from "zod";

import { staffOrNull } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError, errorResponse, invalidRequest } from "@/lib/http/errors";
import { decideItem } from "@/lib/review/decide";
import { decisionSchema } from "@/lib/review/schemas";

/**
 * The same decision as the case page's buttons, as JSON, for tools and tests.
 * Cookie-authenticated, so it takes JSON only from this origin.
 */
export async function POST(request: Request, { params }: { params: Promise<{ userId: string }> }) {
  try {
    const origin = request.headers.get("origin");
    if (origin && origin !== getEnv().publicUrl.origin) throw new AppError("FORBIDDEN", "Cross-origin decisions are refused.");
    if (!request.headers.get("content-type")?.startsWith("application/json")) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send JSON.");
    const reviewer = await staffOrNull("items.decide");
    if (!reviewer) throw new AppError("FORBIDDEN", "Your role may not decide items.");
    const userId = z.uuid().safeParse((await params).userId);
    if (!userId.success) throw new AppError("NOT_FOUND", "No such case.");
    const body = decisionSchema.safeParse(await request.json().catch(() => null));
    if (!body.success) throw invalidRequest(body.error);
    const outcome = await decideItem(await getDb(), { id: reviewer.id, role: reviewer.role }, userId.data, body.data);
    return Response.json(outcome);
  } catch (error) {
    return errorResponse(error);
  }
}
