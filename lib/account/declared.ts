import "server-only";

import { isDeepStrictEqual } from "node:util";

import { recordAudit } from "@/lib/audit/log";
import { revokeCredentialsRelyingOn } from "@/lib/item-changes/relying-credentials";
import type { Db } from "@/lib/db/client";
import { effectiveState, getItem, writeItem } from "@/lib/items/store";
import type { DeclaredItem } from "@/lib/items/items";
import { screenUser } from "@/lib/screening/screen";
import { ITEM_VALUE_SCHEMAS } from "@/lib/items/values";
import { invalidInputError } from "@/lib/i18n/person-errors";

/** Items whose change means the person must be screened again (SPEC §8). */
const SCREENED_ITEMS: ReadonlySet<DeclaredItem> = new Set(["name", "date_of_birth"]);

/**
 * Stores what the person typed for a declared item. A new or changed value goes to
 * `pending` for a reviewer; the same value again leaves a verified item alone.
 */
export async function submitDeclaredItem(db: Db, userId: string, item: DeclaredItem, input: unknown): Promise<"pending" | "unchanged"> {
  const schema = ITEM_VALUE_SCHEMAS[item];
  if (!schema) throw new Error(`no value schema for ${item}`);
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInputError(parsed.error, "value");
  const value = parsed.data;

  return db.transaction(async (tx) => {
    const current = await getItem(tx, userId, item);
    if (current && isDeepStrictEqual(current.value, value) && ["pending", "verified"].includes(effectiveState(current))) return "unchanged";

    await writeItem(tx, { userId, item, state: "pending", value, action: "user.submitted", actorId: userId });
    // A credential attests the value a reviewer confirmed; a new one awaiting review ends it.
    await revokeCredentialsRelyingOn(tx, userId, item, { type: "user", id: userId });
    await recordAudit(tx, {
      actor: { type: "user", id: userId },
      action: current && current.state !== "missing" ? "item.changed" : "item.submitted",
      subjectUserId: userId,
      details: { item, previous_state: current?.state ?? "missing" },
    });
    if (SCREENED_ITEMS.has(item)) await screenUser(tx, userId);
    return "pending";
  });
}
