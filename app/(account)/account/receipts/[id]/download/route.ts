import { currentUser } from "@/lib/auth/session";
import { getReceipt } from "@/lib/consent/receipts";
import { getDb } from "@/lib/db/client";
import { AppError, errorResponse } from "@/lib/http/errors";

/** The signed receipt as a JSON file, for its owner only. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) return errorResponse(new AppError("UNAUTHORIZED", "Sign in to download your receipts."));
  const { id } = await params;
  const receipt = await getReceipt(await getDb(), user.id, id);
  if (!receipt) return errorResponse(new AppError("NOT_FOUND", "No such receipt."));
  return new Response(`${JSON.stringify(receipt.signed, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="attest-consent-receipt-${receipt.id}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
