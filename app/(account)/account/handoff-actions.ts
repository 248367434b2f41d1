"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";

import { publicAction, userAction } from "@/lib/auth/action";
import { createHandoff, redeemHandoff } from "@/lib/auth/handoff";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { qrDataUrl } from "@/lib/credentials/qr";
import { getDb } from "@/lib/db/client";
import { absoluteUrl } from "@/lib/env";
import type { ActionState } from "@/lib/http/action-state";
import { message } from "@/lib/i18n/field-messages";
import { personError } from "@/lib/i18n/person-errors";
import { DOCUMENT_ITEMS } from "@/lib/items/items";

export type HandoffState = ActionState<{ link: string; qr: string; expiresAt: string }>;

/** A link (and its QR code) that continues this item on another device. */
export const startHandoffAction = userAction("startHandoff", async (user, item: unknown): Promise<HandoffState> => {
  const parsed = z.enum(DOCUMENT_ITEMS).safeParse(item);
  if (!parsed.success) throw personError("INVALID_REQUEST", message("handoff.onlyDocuments"));
  const handoff = await createHandoff(await getDb(), user, parsed.data);
  const link = absoluteUrl(`/account/continue/${handoff.token}`);
  return { ok: true, link, qr: await qrDataUrl(link), expiresAt: handoff.expiresAt.toISOString() };
});

/** On the other device: uses the link, signs this browser in with Auth.js's own cookie and opens the item. */
export const continueHereAction = publicAction("continueHere", async (token: unknown): Promise<ActionState> => {
  const jar = await cookies();
  const current = jar.get(sessionCookie(new Date()).name)?.value ?? null;
  // Unknown, used and expired links: one refusal, which the wrapper puts in the person's language.
  const handedOff = await redeemHandoff(await getDb(), String(token), current);
  const cookie = sessionCookie(handedOff.expires);
  jar.set(cookie.name, handedOff.sessionToken, cookie.options);
  redirect(`/account/items/${handedOff.item}`);
});
