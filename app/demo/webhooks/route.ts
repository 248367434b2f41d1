import { getDb } from "@/lib/db/client";
import { listDemoWebhookEvents, receiveDemoWebhook } from "@/lib/demo/webhooks";
import { AppError, errorResponse } from "@/lib/http/errors";

/** The demo gateway's webhook receiver (POST, from Attest's delivery workers) and what it received (GET, for /demo). */
export async function POST(request: Request) {
  try {
    if (!(await receiveDemoWebhook(await getDb(), request))) return errorResponse(new AppError("INVALID_REQUEST", "Not a webhook event."));
    return Response.json({ received: true });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function GET() {
  return Response.json({ events: await listDemoWebhookEvents(await getDb()) }, { headers: { "Cache-Control": "no-store" } });
}
