import "server-only";

import { z } from "zod";

import { recordAudit } from "@/lib/audit/log";
import type { Db } from "@/lib/db/client";
import { dataAccesses } from "@/lib/db/schema";
import { notifyPerson } from "@/lib/events/emit";
import { AppError } from "@/lib/http/errors";
import { signDocumentUrl } from "@/lib/documents/urls";
import { openItemValue } from "@/lib/items/cipher";
import type { StoredItem } from "@/lib/items/store";
import { ITEMS, type Item, type PartnerStatus } from "@/lib/items/items";
import { maskDocumentNumber } from "@/lib/items/mask";
import { dataBodySchema, itemDataSchemas, type DataBody, type DataRequest, type DataResponse } from "@/lib/partner-api/schemas";
import { loadPartnerFacts, viewItems, type PartnerViewer } from "@/lib/partner-api/view";
import type { NonceClaim } from "@/lib/ocn/nonces";
import { canonicalJson } from "@/lib/security/canonical-json";
import { providerOcid } from "@/lib/ocn/provider";
import { signMessage } from "@/lib/ocn/secp256k1";

/**
 * POST /kyc/data (SPEC §4): the granted items' values in the shapes of SPEC §3, in an
 * envelope this provider signs, recorded for the person and the audit log.
 */
export type DataRequester = PartnerViewer & { fullDocumentNumbers: boolean; name?: string };

const DATA_LIFETIME_SECONDS = 3600;
const DOCUMENT_TYPES = { id_card: "national_id", passport: "passport", driver_license: "driver_license" } as const;

const storedImages = z.object({ images: z.record(z.string(), z.string()) });

function imageUrl(value: unknown, side: string, now: Date): string {
  const id = storedImages.parse(value).images[side];
  if (!id) throw new Error(`stored item has no ${side} image`);
  return signDocumentUrl(id, now);
}

const unixSeconds = (at: Date | null | undefined) => (at && !Number.isNaN(at.getTime()) ? Math.floor(at.getTime() / 1000) : undefined);

/** One item's value as a partner receives it; the output schema drops every stored extra. */
export function shapeItemData(item: Item, stored: Pick<StoredItem, "value" | "verifiedAt">, options: { fullDocumentNumbers: boolean; now: Date }): unknown {
  const value = stored.value as Record<string, unknown>;
  let shaped: unknown;
  switch (item) {
    case "id_card":
    case "passport":
    case "driver_license": {
      const number = String(value.number ?? "");
      shaped = {
        ...value,
        type: DOCUMENT_TYPES[item],
        number: options.fullDocumentNumbers ? number : maskDocumentNumber(number),
        image_url: imageUrl(value, "front", options.now),
      };
      break;
    }
    case "proof_of_address":
      shaped = { ...value, image_url: imageUrl(value, "page", options.now) };
      break;
    case "liveness":
      shaped = { verified: true, selfie_url: imageUrl(value, "selfie", options.now), verified_at: unixSeconds(stored.verifiedAt) };
      break;
    case "aml":
      // Stored as an ISO time (the console shows it); partners get Unix seconds, like the rest of the envelope.
      shaped = { ...value, checked_at: unixSeconds(typeof value.checked_at === "string" ? new Date(value.checked_at) : null) };
      break;
    default:
      shaped = value;
  }
  return itemDataSchemas[item].parse(shaped);
}

/**
 * Checks every requested item is verified and granted, shapes the data and records the
 * access (data_accesses and the audit log in one transaction). GRANT_NOT_AUTHORIZED,
 * with each offending item's status, returns nothing at all.
 *
 * Four round trips: begin; the person's items (values included) and grants, and with `nonce`
 * its claim, in one statement; the three writes, sent together; commit. A claim the rollback
 * undid is marked unclaimed again, so withPartner claims it on its own.
 */
export async function collectPartnerData(db: Db, partner: DataRequester, request: DataRequest, now = new Date(), nonce?: NonceClaim): Promise<DataBody> {
  const requested = ITEMS.filter((item) => request.grants.includes(item));
  try {
    return await db.transaction(async (tx) => {
      const { userId, facts, decisions, sealed } = await loadPartnerFacts(tx, request.user_ocid, partner.ocid, nonce, { values: true });
      const view = viewItems(facts, decisions, partner, now);
      const refused: Partial<Record<Item, PartnerStatus>> = {};
      for (const item of requested) if (view[item].status !== "verified") refused[item] = view[item].status;
      if (Object.keys(refused).length > 0) {
        throw new AppError("GRANT_NOT_AUTHORIZED", "Some requested items are not verified and granted to this partner.", refused);
      }

      const data: Record<string, unknown> = {};
      const issuedAt = Math.floor(now.getTime() / 1000);
      let expiresAt = issuedAt + DATA_LIFETIME_SECONDS;
      for (const item of requested) {
        // Only the requested items are opened; a verified item always has a value.
        const value = openItemValue(userId, item, sealed.get(item)!);
        const { verifiedAt, expiresAt: itemExpires } = view[item];
        data[item] = shapeItemData(item, { value, verifiedAt }, { fullDocumentNumbers: partner.fullDocumentNumbers, now });
        if (itemExpires) expiresAt = Math.min(expiresAt, Math.floor(itemExpires.getTime() / 1000));
      }

      // Independent writes of one transaction: pipelined on its connection, one round trip for the three.
      await Promise.all([
        tx.insert(dataAccesses).values({ userId, partnerOcid: partner.ocid, items: requested, createdAt: now }),
        recordAudit(tx, {
          actor: { type: "partner", id: String(partner.ocid) },
          action: "kyc.data_accessed",
          subjectUserId: userId,
          partnerOcid: partner.ocid,
          details: { items: requested },
        }),
        notifyPerson(tx, userId, "data.accessed", { partnerName: partner.name ?? `Partner ${partner.ocid}`, items: requested }),
      ]);
      return dataBodySchema.parse({
        user_ocid: request.user_ocid,
        provider: providerOcid(),
        requester: partner.ocid,
        issued_at: issuedAt,
        expires_at: expiresAt,
        data,
      });
    });
  } catch (error) {
    if (nonce?.claimed) nonce.claimed = undefined;
    throw error;
  }
}

/** `signature` over SHA-256 of JCS(the body without it), by this provider's OCN key. */
export function signDataBody(body: DataBody, privateKeyHex: string): DataResponse {
  return { ...body, signature: signMessage(canonicalJson(body), privateKeyHex) };
}
