"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { requireStaff } from "@/lib/auth/session";
import { createAccountSchema, createApiKeySchema, fieldErrors, idSchema, rateLimitSchema, topUpSchema } from "@/lib/credentials/account-schemas";
import { createAccount, createApiKey, revokeApiKey, setAccountRateLimit, topUp } from "@/lib/credentials/accounts";
import { mintBearerToken } from "@/lib/credentials/bearer-tokens";
import { getDb } from "@/lib/db/client";
import { AppError, logUnexpected } from "@/lib/http/errors";

/** Console actions on API accounts; each re-checks `accounts.manage` before touching data. */
export type AccountFormState = { error?: string; fieldErrors?: Record<string, string>; message?: string; secret?: string };

function failure(error: unknown): AccountFormState {
  if (error instanceof AppError) {
    const field = typeof error.details?.field === "string" ? error.details.field : null;
    return field ? { fieldErrors: { [field]: error.message } } : { error: error.message };
  }
  logUnexpected(error);
  return { error: "Something went wrong on our side. Please try again." };
}

const staffActor = (id: string) => ({ type: "staff" as const, id });

export async function createAccountAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  const staff = await requireStaff("accounts.manage");
  const parsed = createAccountSchema.safeParse({ name: form.get("name"), partnerOcid: form.get("partnerOcid") });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  let accountId: string;
  try {
    accountId = (await createAccount(await getDb(), parsed.data, staffActor(staff.id))).id;
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/admin/accounts");
  redirect(`/admin/accounts/${accountId}`);
}

export async function createApiKeyAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  const staff = await requireStaff("accounts.manage");
  const parsed = createApiKeySchema.safeParse({ accountId: form.get("accountId"), mode: form.get("mode") ?? undefined, name: form.get("name") ?? undefined });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  try {
    const { key, label } = await createApiKey(await getDb(), parsed.data.accountId, parsed.data.mode, staffActor(staff.id), parsed.data.name ?? null);
    revalidatePath(`/admin/accounts/${parsed.data.accountId}`);
    return { message: `Key ${label} created. Copy it now: it is not shown again.`, secret: key };
  } catch (error) {
    return failure(error);
  }
}

export async function revokeApiKeyAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  const staff = await requireStaff("accounts.manage");
  const parsed = idSchema.safeParse({ id: form.get("keyId") });
  const account = idSchema.safeParse({ id: form.get("accountId") });
  if (!parsed.success || !account.success) return { error: "That key could not be found." };
  try {
    await revokeApiKey(await getDb(), parsed.data.id, staffActor(staff.id));
    revalidatePath(`/admin/accounts/${account.data.id}`);
    return { message: "Key revoked." };
  } catch (error) {
    return failure(error);
  }
}

export async function topUpAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  const staff = await requireStaff("accounts.manage");
  const parsed = topUpSchema.safeParse({ accountId: form.get("accountId"), credits: form.get("credits"), note: form.get("note") ?? undefined });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  try {
    const balance = await topUp(await getDb(), parsed.data.accountId, parsed.data.credits, parsed.data.note, staffActor(staff.id));
    revalidatePath(`/admin/accounts/${parsed.data.accountId}`);
    return { message: `Added ${parsed.data.credits.toLocaleString("en")} credits. New balance: ${balance.toLocaleString("en")}.` };
  } catch (error) {
    return failure(error);
  }
}

export async function setRateLimitAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  const staff = await requireStaff("accounts.manage");
  const parsed = rateLimitSchema.safeParse({ accountId: form.get("accountId"), rateLimitPerMinute: form.get("rateLimitPerMinute") });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  try {
    await setAccountRateLimit(await getDb(), parsed.data.accountId, parsed.data.rateLimitPerMinute, staffActor(staff.id));
    revalidatePath(`/admin/accounts/${parsed.data.accountId}`);
    return { message: `Rate limit set to ${parsed.data.rateLimitPerMinute.toLocaleString("en")} requests per minute.` };
  } catch (error) {
    return failure(error);
  }
}

/** A one-hour bearer token for the account, e.g. to try `POST /api/v1/issue` by hand. */
export async function mintAccountTokenAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  await requireStaff("accounts.manage");
  const parsed = idSchema.safeParse({ id: form.get("accountId") });
  if (!parsed.success) return { error: "That account could not be found." };
  const { token, expiresIn } = await mintBearerToken({ kind: "account", accountId: parsed.data.id });
  return { message: `Bearer token valid for ${Math.round(expiresIn / 60)} minutes.`, secret: token };
}
