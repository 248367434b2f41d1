"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { attempt, userAction } from "@/lib/auth/action";
import { signOut } from "@/lib/auth/config";
import { getDb } from "@/lib/db/client";
import { consentReturnPath } from "@/lib/http/return-path";
import { declaredInputFrom, documentFieldsFrom } from "@/lib/items/form-input";
import { submitDeclaredItem } from "@/lib/account/declared";
import { submitSelfieChecked, uploadDocumentChecked } from "@/lib/checks/uploads";
import type { UploadedFile } from "@/lib/documents/upload";
import { DECLARED_ITEMS, DOCUMENT_ITEMS, ITEMS, type Item } from "@/lib/items/items";
import { deleteAccount, withdrawItem } from "@/lib/account/lifecycle";
import { confirmPhoneCode, requestPhoneCode } from "@/lib/phone/codes";
import type { ActionState } from "@/lib/http/action-state";
import { requestTranslator } from "@/lib/i18n/request-preferences";

/**
 * What every account form gets back. A phone code form also learns the number the code went
 * to, and when: a new `sentAt` starts the code form afresh, without the old code's messages.
 */
export type FormState = ActionState<{ phone: string; sentAt: number }>;

const outOfDate = async (): Promise<FormState> => ({ ok: false, message: (await requestTranslator())("forms.outOfDate") });

/**
 * Back to the overview, which confirms what was received and what happens next; or, when
 * the person came from a consent request, back to it (a checked path on Attest only).
 */
function backToAccount(submitted?: Item, form?: FormData): never {
  revalidatePath("/account");
  const back = consentReturnPath(form?.get("return_to"));
  if (submitted && back) redirect(back);
  redirect(submitted ? `/account?submitted=${submitted}` : "/account");
}

const declaredItemSchema = z.enum(DECLARED_ITEMS);
const documentItemSchema = z.enum(DOCUMENT_ITEMS);
const anyItemSchema = z.enum(ITEMS);

export const submitDeclaredItemAction = userAction("submitDeclaredItem", async (user, _previous: FormState, form: FormData): Promise<FormState> => {
  const item = declaredItemSchema.safeParse(form.get("item"));
  if (!item.success) return outOfDate();
  await submitDeclaredItem(await getDb(), user.id, item.data, declaredInputFrom(item.data, form));
  backToAccount(item.data, form);
});

export const requestPhoneCodeAction = userAction("requestPhoneCode", async (user, _previous: FormState, form: FormData): Promise<FormState> => {
  const typed = String(form.get("phone") ?? "");
  const sent = await attempt(async () => requestPhoneCode(await getDb(), user.id, typed), "requestPhoneCode");
  if (!sent.ok) return { ...sent, phone: typed };
  return { ok: true, phone: sent.value, sentAt: Date.now(), message: (await requestTranslator())("forms.codeSent", { phone: sent.value }) };
});

export const confirmPhoneCodeAction = userAction("confirmPhoneCode", async (user, previous: FormState, form: FormData): Promise<FormState> => {
  const confirmed = await attempt(async () => confirmPhoneCode(await getDb(), user.id, String(form.get("code") ?? "")), "confirmPhoneCode");
  if (!confirmed.ok) return { ...confirmed, phone: previous.phone };
  backToAccount("phone", form);
});

async function fileOf(form: FormData, key: string): Promise<UploadedFile | undefined> {
  const value = form.get(key);
  if (!(value instanceof File) || value.size === 0) return undefined;
  return { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
}

const DOCUMENT_FIELD_KEYS = ["number", "country", "issued_at", "expires_at", "mrz", "type"] as const;

export const uploadDocumentAction = userAction("uploadDocument", async (user, _previous: FormState, form: FormData): Promise<FormState> => {
  const item = documentItemSchema.safeParse(form.get("item"));
  if (!item.success) return outOfDate();
  const fields = documentFieldsFrom(form, DOCUMENT_FIELD_KEYS);
  const files = { front: await fileOf(form, "front"), back: await fileOf(form, "back"), page: await fileOf(form, "page") };
  await uploadDocumentChecked(await getDb(), user.id, { item: item.data, fields, files });
  backToAccount(item.data, form);
});

export const submitSelfieAction = userAction("submitSelfie", async (user, _previous: FormState, form: FormData): Promise<FormState> => {
  await submitSelfieChecked(await getDb(), user.id, await fileOf(form, "selfie"));
  backToAccount("liveness", form);
});

export const withdrawItemAction = userAction("withdrawItem", async (user, _previous: FormState, form: FormData): Promise<FormState> => {
  const item = anyItemSchema.safeParse(form.get("item"));
  if (!item.success) return outOfDate();
  await withdrawItem(await getDb(), user.id, item.data);
  backToAccount();
});

export const deleteAccountAction = userAction("deleteAccount", async (user, _previous: FormState, form: FormData): Promise<FormState> => {
  if (form.get("confirm") !== "DELETE") return { ok: false, fieldErrors: { confirm: (await requestTranslator())("forms.typeDelete") } };
  await deleteAccount(await getDb(), user.id);
  // The session row went with the account; signing out clears the cookie too.
  await signOut({ redirectTo: "/?account=deleted" });
  return { ok: true };
});
