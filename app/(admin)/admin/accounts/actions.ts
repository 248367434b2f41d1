"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { staffAction } from "@/lib/auth/action";
import { createAccountSchema, createApiKeySchema, idSchema, rateLimitSchema, topUpSchema } from "@/lib/credentials/account-schemas";
import { createAccount, createApiKey, revokeApiKey, setAccountRateLimit, topUp } from "@/lib/credentials/accounts";
import { mintBearerToken } from "@/lib/credentials/bearer-tokens";
import { getDb } from "@/lib/db/client";
import { fieldErrorsOf, type ActionState } from "@/lib/http/action-state";

/** Console actions on API accounts; the operations behind them re-check `accounts.manage` in their transaction. */
export type AccountFormState = ActionState<{ secret: string }>;

const staffActor = (id: string) => ({ type: "staff" as const, id });

export const createAccountAction = staffAction("accounts.manage", "createAccount", async (staff, _previous: AccountFormState, form: FormData): Promise<AccountFormState> => {
  const parsed = createAccountSchema.safeParse({ name: form.get("name"), partnerOcid: form.get("partnerOcid") });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const { id } = await createAccount(await getDb(), parsed.data, staffActor(staff.id));
  revalidatePath("/admin/accounts");
  redirect(`/admin/accounts/${id}`);
});

export const createApiKeyAction = staffAction("accounts.manage", "createApiKey", async (staff, _previous: AccountFormState, form: FormData): Promise<AccountFormState> => {
  const parsed = createApiKeySchema.safeParse({ accountId: form.get("accountId"), mode: form.get("mode") ?? undefined, name: form.get("name") ?? undefined });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const { key, label } = await createApiKey(await getDb(), parsed.data.accountId, parsed.data.mode, staffActor(staff.id), parsed.data.name ?? null);
  revalidatePath(`/admin/accounts/${parsed.data.accountId}`);
  return { ok: true, message: `Key ${label} created. Copy it now: it is not shown again.`, secret: key };
});

export const revokeApiKeyAction = staffAction("accounts.manage", "revokeApiKey", async (staff, _previous: AccountFormState, form: FormData): Promise<AccountFormState> => {
  const parsed = idSchema.safeParse({ id: form.get("keyId") });
  const account = idSchema.safeParse({ id: form.get("accountId") });
  if (!parsed.success || !account.success) return { ok: false, message: "That key could not be found." };
  await revokeApiKey(await getDb(), parsed.data.id, staffActor(staff.id));
  revalidatePath(`/admin/accounts/${account.data.id}`);
  return { ok: true, message: "Key revoked." };
});

export const topUpAction = staffAction("accounts.manage", "topUp", async (staff, _previous: AccountFormState, form: FormData): Promise<AccountFormState> => {
  const parsed = topUpSchema.safeParse({ accountId: form.get("accountId"), credits: form.get("credits"), note: form.get("note") ?? undefined });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const balance = await topUp(await getDb(), parsed.data.accountId, parsed.data.credits, parsed.data.note, staffActor(staff.id));
  revalidatePath(`/admin/accounts/${parsed.data.accountId}`);
  return { ok: true, message: `Added ${parsed.data.credits.toLocaleString("en")} credits. New balance: ${balance.toLocaleString("en")}.` };
});

export const setRateLimitAction = staffAction("accounts.manage", "setAccountRateLimit", async (staff, _previous: AccountFormState, form: FormData): Promise<AccountFormState> => {
  const parsed = rateLimitSchema.safeParse({ accountId: form.get("accountId"), rateLimitPerMinute: form.get("rateLimitPerMinute") });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  await setAccountRateLimit(await getDb(), parsed.data.accountId, parsed.data.rateLimitPerMinute, staffActor(staff.id));
  revalidatePath(`/admin/accounts/${parsed.data.accountId}`);
  return { ok: true, message: `Rate limit set to ${parsed.data.rateLimitPerMinute.toLocaleString("en")} requests per minute.` };
});

/** A one-hour bearer token for the account, e.g. to try `POST /api/v1/issue` by hand. */
export const mintAccountTokenAction = staffAction("accounts.manage", "mintBearerToken", async (_staff, _previous: AccountFormState, form: FormData): Promise<AccountFormState> => {
  const parsed = idSchema.safeParse({ id: form.get("accountId") });
  if (!parsed.success) return { ok: false, message: "That account could not be found." };
  const { token, expiresIn } = await mintBearerToken({ kind: "account", accountId: parsed.data.id });
  return { ok: true, message: `Bearer token valid for ${Math.round(expiresIn / 60)} minutes.`, secret: token };
});
