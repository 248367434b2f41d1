import { withSession } from "@/lib/auth/guards";
import { getDb } from "@/lib/db/client";
import { ownItemStatus } from "@/lib/items/item-status";

const NO_STORE = { "Cache-Control": "private, no-store" };

/** The signed-in person's item state, polled by the page that handed the item to a phone. */
export const GET = withSession<{ item: string }>(
  async ({ user, params }) => Response.json(await ownItemStatus(await getDb(), user.id, params.item), { headers: NO_STORE }),
  { headers: NO_STORE },
);
