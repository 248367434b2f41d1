"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { signOut } from "@/lib/auth/config";
import { currentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { consentReturnPath } from "@/lib/http/return-path";
import { declaredInputFrom, documentFieldsFrom } from "@/lib/items/form-input";
import { fieldErrorsFromError, type FieldErrors } from "@/lib/items/form-errors";
import { submitDeclaredItem } from "@/lib/account/declared";
import { submitSelfie, uploadDocument, type UploadedFile } from "@/lib/documents/upload";
import { DECLARED_ITEMS, DOCUMENT_ITEMS, ITEMS, type Item } from "@/lib/items/items";
import { deleteAccount, withdrawItem } from "@/lib/account/lifecycle";
import { confirmPhoneCode, requestPhoneCode } from "@/lib/phone/codes";

/** What every account form gets back: a message for the form, and one per field. */
export type FormState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: FieldErrors;
  phone?: string;
  /** When a phone code was sent: a new value starts the code form afresh, without the old code's messages. */
  sentAt?: number;
};

async function signedInUserId(): Promise<string> {
  const user = await currentUser();
  // The page redirected already; a stale tab posting after sign-out lands here.
  if (!user) redirect("/signin?callbackUrl=%2Faccount");
  return user.id;
}

/** Known problems become the form's message; anything else is logged (without personal data) and said plainly. */
function failure(error: unknown, where: string): FormState {
  if (error instanceof AppError) return { message: error.message, fieldErrors: fieldErrorsFromError(error) };
  console.error(`${where} failed:`, error instanceof Error ? error.name : "unknown error");
  return { message: "Something went wrong on our side. Please try again." };
}

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

export async function submitDeclaredItemAction(_previous: FormState, form: FormData): Promise<FormState> {
  const userId = await signedInUserId();
  const item = declaredItemSchema.safeParse(form.get("item"));
  if (!item.success) return { message: "This form is out of date. Reload the page." };
  try {
    await submitDeclaredItem(await getDb(), userId, item.data, declaredInputFrom(item.data, form));
  } catch (error) {
    return failure(error, "submitDeclaredItem");
  }
  backToAccount(item.data, form);
}

export async function requestPhoneCodeAction(_previous: FormState, form: FormData): Promise<FormState> {
  const userId = await signedInUserId();
  try {
    const phone = await requestPhoneCode(await getDb(), userId, String(form.get("phone") ?? ""));
    return { ok: true, phone, sentAt: Date.now(), message: `We sent a 6-digit code to ${phone}. It is valid for 10 minutes.` };
  } catch (error) {
    return { ...failure(error, "requestPhoneCode"), phone: String(form.get("phone") ?? "") };
  }
}

export async function confirmPhoneCodeAction(previous: FormState, form: FormData): Promise<FormState> {
  const userId = await signedInUserId();
  try {
    await confirmPhoneCode(await getDb(), userId, String(form.get("code") ?? ""));
  } catch (error) {
    return { ...failure(error, "confirmPhoneCode"), phone: previous.phone };
  }
  backToAccount("phone", form);
}

async function fileOf(form: FormData, key: string): Promise<UploadedFile | undefined> {
  const value = form.get(key);
  if (!(value instanceof File) || value.size === 0) return undefined;
  return { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
}

const DOCUMENT_FIELD_KEYS = ["number", "country", "issued_at", "expires_at", "mrz", "type"] as const;

export async function uploadDocumentAction(_previous: FormState, form: FormData): Promise<FormState> {
  const userId = await signedInUserId();
  const item = documentItemSchema.safeParse(form.get("item"));
  if (!item.success) return { message: "This form is out of date. Reload the page." };
  try {
    const fields = documentFieldsFrom(form, DOCUMENT_FIELD_KEYS);
    const files = { front: await fileOf(form, "front"), back: await fileOf(form, "back"), page: await fileOf(form, "page") };
    await uploadDocument(await getDb(), userId, { item: item.data, fields, files });
  } catch (error) {
    return failure(error, "uploadDocument");
  }
  backToAccount(item.data, form);
}

export async function submitSelfieAction(_previous: FormState, form: FormData): Promise<FormState> {
  const userId = await signedInUserId();
  try {
    await submitSelfie(await getDb(), userId, await fileOf(form, "selfie"));
  } catch (error) {
    return failure(error, "submitSelfie");
  }
  backToAccount("liveness", form);
}

export async function withdrawItemAction(_previous: FormState, form: FormData): Promise<FormState> {
  const userId = await signedInUserId();
  const item = anyItemSchema.safeParse(form.get("item"));
  if (!item.success) return { message: "This form is out of date. Reload the page." };
  try {
    await withdrawItem(await getDb(), userId, item.data);
  } catch (error) {
    return failure(error, "withdrawItem");
  }
  backToAccount();
}

export async function deleteAccountAction(_previous: FormState, form: FormData): Promise<FormState> {
  const userId = await signedInUserId();
  if (form.get("confirm") !== "DELETE") return { fieldErrors: { confirm: "Type DELETE in capitals to confirm" } };
  try {
    await deleteAccount(await getDb(), userId);
  } catch (error) {
    return failure(error, "deleteAccount");
  }
  // The session row went with the account; signing out clears the cookie too.
  await signOut({ redirectTo: "/?account=deleted" });
  return {};
}
