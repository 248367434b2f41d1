import { withSession } from "@/lib/auth/guards";
import { getReceipt } from "@/lib/consent/receipts";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";

/** The signed receipt as a JSON file, for its owner only. */
export const GET = withSession<{ id: string }>(async ({ user, params }) => {
  const receipt = await getReceipt(await getDb(), user.id, params.id);
  if (!receipt) throw new AppError("NOT_FOUND", "No such receipt.");
  return new Response(`${JSON.stringify(receipt.signed, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="attest-consent-receipt-${receipt.id}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
});
